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
  @RequirePermission('agency.read')
  @ApiOkResponse({ type: ApplicationPage })
  list(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Query() query: ListApplicationsQuery,
  ): Promise<ApplicationPage> {
    return this.apps.list(agencyId, query);
  }

  @Post()
  @RequirePermission('agency.write')
  @ApiCreatedResponse({ type: ApplicationView })
  @ApiConflictResponse({ description: 'The unit already has an application of that name.' })
  create(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Body() body: CreateApplicationDto,
  ): Promise<ApplicationView> {
    return this.apps.create(actor, agencyId, body);
  }

  @Get(':applicationId')
  @RequirePermission('agency.read')
  @ApiOkResponse({ type: ApplicationView })
  get(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('applicationId', ParseUUIDPipe) applicationId: string,
  ) {
    return this.apps.get(agencyId, applicationId);
  }

  @Patch(':applicationId')
  @RequirePermission('agency.write')
  @ApiOkResponse({ type: ApplicationView })
  @ApiConflictResponse({ description: 'Someone else changed the application since you read it.' })
  update(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('applicationId', ParseUUIDPipe) applicationId: string,
    @Body() body: UpdateApplicationDto,
  ): Promise<ApplicationView> {
    return this.apps.update(actor, agencyId, applicationId, body);
  }

  @Delete(':applicationId')
  @RequirePermission('agency.write')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'The application is not of your units.' })
  remove(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('applicationId', ParseUUIDPipe) applicationId: string,
  ): Promise<void> {
    return this.apps.remove(actor, agencyId, applicationId);
  }
}
