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
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
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
  @RequirePermission('agency.read')
  @ApiOkResponse({ type: SplPage })
  list(@Param('agencyId', ParseUUIDPipe) agencyId: string, @Query() query: ListSplQuery): Promise<SplPage> {
    return this.spl.list(agencyId, query);
  }

  @Post()
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
  @RequirePermission('agency.read')
  @ApiOkResponse({ type: SplView })
  get(@Param('agencyId', ParseUUIDPipe) agencyId: string, @Param('splId', ParseUUIDPipe) splId: string) {
    return this.spl.get(agencyId, splId);
  }

  @Patch(':splId')
  @RequirePermission('agency.write')
  @ApiOkResponse({ type: SplView })
  @ApiConflictResponse({ description: 'Someone else changed the SPL since you read it.' })
  update(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('splId', ParseUUIDPipe) splId: string,
    @Body() body: UpdateSplDto,
  ): Promise<SplView> {
    return this.spl.update(actor, agencyId, splId, body);
  }

  @Delete(':splId')
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
