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
  @RequirePermission('agency.read')
  @ApiOkResponse({ type: IntegrationPage })
  list(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Query() query: ListIntegrationsQuery,
  ): Promise<IntegrationPage> {
    return this.integrations.list(agencyId, query);
  }

  @Post()
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
  @RequirePermission('agency.read')
  @ApiOkResponse({ type: IntegrationView })
  get(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('integrationId', ParseUUIDPipe) integrationId: string,
  ) {
    return this.integrations.get(agencyId, integrationId);
  }

  @Patch(':integrationId')
  @RequirePermission('agency.write')
  @ApiOkResponse({ type: IntegrationView })
  @ApiConflictResponse({ description: 'Someone else changed the integration since you read it.' })
  update(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('integrationId', ParseUUIDPipe) integrationId: string,
    @Body() body: UpdateIntegrationDto,
  ): Promise<IntegrationView> {
    return this.integrations.update(actor, agencyId, integrationId, body);
  }

  @Delete(':integrationId')
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
