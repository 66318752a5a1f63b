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
  CreateApplicationDto,
  ListApplicationsQuery,
  ApplicationPage,
  ApplicationView,
  UpdateApplicationDto,
} from './applications.dto';
import { ApplicationsService } from './applications.service';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('api/v1/agencies/:agencyId/applications')
export class ApplicationsController {
  constructor(@Inject(ApplicationsService) private readonly apps: ApplicationsService) {}

  @Get()
  @ApiOperationDoc({
    summary: 'List applications',
    description:
      'The applications of the agency (of your units for operators), paged, with how each exchanges data.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.read')
  @ApiOkResponse({ type: ApplicationPage })
  list(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Query() query: ListApplicationsQuery,
  ): Promise<ApplicationPage> {
    return this.apps.list(agencyId, query);
  }

  @Post()
  @ApiOperationDoc({
    summary: 'Create an application',
    description:
      'Adds an application of a unit with how it exchanges data (through the SPL or not) and whether it is integrated; levels are recomputed at once.',
    errors: { 400: true, 404: true, 409: 'The unit already has an application of that name.' },
    body: {
      unitId: '5d2a9e71-3c4b-4f8a-b6e0-7a1c2d3e4f50',
      name: 'SIMPUS',
      description: 'Sistem informasi puskesmas',
      exchange: 'spl',
      usageType: 'spl_ippd_ready',
      hasApi: true,
      operating: true,
      appScope: 'common',
    },
  })
  @RequirePermission('agency.write')
  @ApiCreatedResponse({ type: ApplicationView })
  create(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Body() body: CreateApplicationDto,
  ): Promise<ApplicationView> {
    return this.apps.create(actor, agencyId, body);
  }

  @Get(':applicationId')
  @ApiOperationDoc({
    summary: 'Read an application',
    description: 'One application with its unit, exchange and integration state.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.read')
  @ApiOkResponse({ type: ApplicationView })
  get(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('applicationId', ParseUUIDPipe) applicationId: string,
  ) {
    return this.apps.get(agencyId, applicationId);
  }

  @Patch(':applicationId')
  @ApiOperationDoc({
    summary: 'Change an application',
    description: 'Changes an application. Send the version you read; a stale one answers 409.',
    errors: { 400: true, 404: true, 409: 'Someone else changed the application since you read it.' },
    body: { version: 2, exchange: 'spl', usageType: 'spl_ippd_ready' },
  })
  @RequirePermission('agency.write')
  @ApiOkResponse({ type: ApplicationView })
  update(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('applicationId', ParseUUIDPipe) applicationId: string,
    @Body() body: UpdateApplicationDto,
  ): Promise<ApplicationView> {
    return this.apps.update(actor, agencyId, applicationId, body);
  }

  @Delete(':applicationId')
  @ApiOperationDoc({
    summary: 'Delete an application',
    description: 'Deletes an application; its onboarding steps go with it.',
    errors: { 400: true, 404: true, 409: 'The application is not of your units.' },
  })
  @RequirePermission('agency.write')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('applicationId', ParseUUIDPipe) applicationId: string,
  ): Promise<void> {
    return this.apps.remove(actor, agencyId, applicationId);
  }
}
