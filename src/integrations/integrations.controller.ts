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
import {
  CreateIntegrationDto,
  ListIntegrationsQuery,
  IntegrationPage,
  IntegrationView,
  UpdateIntegrationDto,
} from './integrations.dto';
import { IntegrationsService } from './integrations.service';

@ApiTags('integrations')
@ApiBearerAuth()
@Controller('api/v1/agencies/:agencyId/integrations')
export class IntegrationsController {
  constructor(@Inject(IntegrationsService) private readonly integrations: IntegrationsService) {}

  @Get()
  @ApiOperationDoc({
    summary: 'List integrations',
    description: 'The integrations of the agency with the SPLP or other agencies, paged.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.read')
  @ApiOkResponse({ type: IntegrationPage })
  list(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Query() query: ListIntegrationsQuery,
  ): Promise<IntegrationPage> {
    return this.integrations.list(agencyId, query);
  }

  @Post()
  @ApiOperationDoc({
    summary: 'Record an integration',
    description:
      'Records an integration of the agency with the national SPLP or another agency, with its evidence.',
    errors: { 400: true, 404: true },
    body: {
      withTarget: 'splp',
      peerName: 'SPLP Kementerian Kominfo',
      description: 'Layanan data kependudukan lewat SPLP',
      evidenceIds: ['9e8d7c6b-5a49-4382-a716-b5c4d3e2f1a0'],
    },
  })
  @RequirePermission('agency.write')
  @ApiCreatedResponse({ type: IntegrationView })
  create(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Body() body: CreateIntegrationDto,
  ): Promise<IntegrationView> {
    return this.integrations.create(actor, agencyId, body);
  }

  @Get(':integrationId')
  @ApiOperationDoc({
    summary: 'Read an integration',
    description: 'One integration with its linked evidence.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.read')
  @ApiOkResponse({ type: IntegrationView })
  get(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('integrationId', ParseUUIDPipe) integrationId: string,
  ) {
    return this.integrations.get(agencyId, integrationId);
  }

  @Patch(':integrationId')
  @ApiOperationDoc({
    summary: 'Change an integration',
    description: 'Changes an integration. Send the version you read; a stale one answers 409.',
    errors: { 400: true, 404: true, 409: 'Someone else changed the integration since you read it.' },
    body: { version: 1, description: 'Layanan data kependudukan dan perizinan lewat SPLP' },
  })
  @RequirePermission('agency.write')
  @ApiOkResponse({ type: IntegrationView })
  update(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('integrationId', ParseUUIDPipe) integrationId: string,
    @Body() body: UpdateIntegrationDto,
  ): Promise<IntegrationView> {
    return this.integrations.update(actor, agencyId, integrationId, body);
  }

  @Delete(':integrationId')
  @ApiOperationDoc({
    summary: 'Delete an integration',
    description: 'Deletes an integration of the agency.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.write')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('integrationId', ParseUUIDPipe) integrationId: string,
  ): Promise<void> {
    return this.integrations.remove(actor, agencyId, integrationId);
  }
}
