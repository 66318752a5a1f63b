import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiOperationDoc } from '../web/api-doc';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor } from '../access/actor';
import { CreateSplDto, ListSplQuery, SplPage, SplView, UpdateSplDto } from './spl.dto';
import { SplService } from './spl.service';

@ApiTags('spl')
@ApiBearerAuth()
@Controller('api/v1/agencies/:agencyId/spl')
export class SplController {
  constructor(@Inject(SplService) private readonly spl: SplService) {}

  @Get()
  @ApiOperationDoc({
    summary: 'List SPL instances',
    description: "The agency's service hub (SPL) instances, paged.",
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.read')
  @ApiOkResponse({ type: SplPage })
  list(@Param('agencyId', ParseUUIDPipe) agencyId: string, @Query() query: ListSplQuery): Promise<SplPage> {
    return this.spl.list(agencyId, query);
  }

  @Post()
  @ApiOperationDoc({
    summary: 'Register an SPL instance',
    description:
      'Records a service hub (SPL) the agency runs: product, base URL, and whether it is connected to the national SPLP.',
    errors: { 400: true, 404: true },
    body: {
      name: 'SPL Kabupaten',
      product: 'wso2_apim',
      baseUrl: 'https://spl.nusamakmur.go.id',
      connectedToSplp: true,
    },
  })
  @RequirePermission('agency.write')
  @ApiCreatedResponse({ type: SplView })
  create(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Body() body: CreateSplDto,
  ): Promise<SplView> {
    return this.spl.create(actor, agencyId, body);
  }

  @Get(':splId')
  @ApiOperationDoc({
    summary: 'Read an SPL instance',
    description: 'One SPL instance of the agency.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.read')
  @ApiOkResponse({ type: SplView })
  get(@Param('agencyId', ParseUUIDPipe) agencyId: string, @Param('splId', ParseUUIDPipe) splId: string) {
    return this.spl.get(agencyId, splId);
  }

  @Patch(':splId')
  @ApiOperationDoc({
    summary: 'Change an SPL instance',
    description: 'Changes an SPL instance. Send the version you read; a stale one answers 409.',
    errors: { 400: true, 404: true, 409: 'Someone else changed the SPL since you read it.' },
    body: { version: 1, connectedToSplp: true },
  })
  @RequirePermission('agency.write')
  @ApiOkResponse({ type: SplView })
  update(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('splId', ParseUUIDPipe) splId: string,
    @Body() body: UpdateSplDto,
  ): Promise<SplView> {
    return this.spl.update(actor, agencyId, splId, body);
  }

  @Delete(':splId')
  @ApiOperationDoc({
    summary: 'Delete an SPL instance',
    description: 'Deletes an SPL instance of the agency.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.write')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('splId', ParseUUIDPipe) splId: string,
  ): Promise<void> {
    return this.spl.remove(actor, agencyId, splId);
  }
}
