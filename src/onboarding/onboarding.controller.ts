import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiOperationDoc } from '../web/api-doc';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor } from '../access/actor';
import {
  ApplicationStepsView,
  ChecklistView,
  OnboardingItemView,
  RolesView,
  UpdateOnboardingItemDto,
  WriteRoleDto,
} from './onboarding.dto';
import { OnboardingRolesService } from './onboarding-roles.service';
import { OnboardingService } from './onboarding.service';
import { ServiceDirectoryService } from './service-directory.service';

@ApiTags('onboarding')
@ApiBearerAuth()
@Controller('api/v1/agencies/:agencyId')
export class OnboardingController {
  constructor(
    @Inject(OnboardingService) private readonly onboarding: OnboardingService,
    @Inject(ServiceDirectoryService) private readonly directory: ServiceDirectoryService,
    @Inject(OnboardingRolesService) private readonly roles: OnboardingRolesService,
  ) {}

  @Get('onboarding')
  @ApiOperationDoc({
    summary: 'SPLP onboarding of every application',
    description:
      'The five SPLP onboarding steps of every application of the agency, with status, dates, owner and evidence.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.read')
  @ApiOkResponse({ type: [ApplicationStepsView], description: 'The five SPLP steps of every application.' })
  all(@Param('agencyId', ParseUUIDPipe) agencyId: string): Promise<ApplicationStepsView[]> {
    return this.onboarding.steps(agencyId);
  }

  // Before `onboarding/:applicationId`, which would take "roles" for an application id.
  @Get('onboarding/roles')
  @ApiOperationDoc({
    summary: 'Who is who on the road to the SPLP',
    description:
      "The agency's SPL operator unit, data steward and SPLP contact, each unit's data-service role and each application's responsible person.",
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.read')
  @ApiOkResponse({ type: RolesView, description: 'Who is who on the road to the SPLP.' })
  readRoles(@Param('agencyId', ParseUUIDPipe) agencyId: string): Promise<RolesView> {
    return this.roles.read(agencyId);
  }

  @Put('onboarding/roles/:role')
  @ApiOperationDoc({
    summary: 'Set one role on the road to the SPLP',
    description:
      'spl_operator, data_steward, splp_contact (the agency); data_service (unitId, serviceRole); app_owner (applicationId, userId). Send the version you read.',
    errors: { 400: true, 404: true, 409: 'Stale version, or the agency data is locked by the workflow.' },
    body: { version: 1, userId: '5b7e2f64-1c1a-4c47-9a57-0d3f1d1c2b11' },
  })
  @RequirePermission('agency.write')
  @ApiOkResponse({
    type: RolesView,
    description:
      'spl_operator, data_steward, splp_contact (the agency); data_service (unitId, serviceRole); app_owner (applicationId, userId).',
  })
  writeRole(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('role') role: string,
    @Body() body: WriteRoleDto,
  ): Promise<RolesView> {
    return this.roles.write(actor, agencyId, role, body);
  }

  @Get('onboarding/:applicationId')
  @ApiOperationDoc({
    summary: 'SPLP onboarding of one application',
    description: 'The five SPLP onboarding steps of one application.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.read')
  @ApiOkResponse({ type: ApplicationStepsView })
  async one(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('applicationId', ParseUUIDPipe) applicationId: string,
  ): Promise<ApplicationStepsView> {
    return (await this.onboarding.steps(agencyId, applicationId))[0];
  }

  @Put('onboarding/:applicationId/:step')
  @ApiOperationDoc({
    summary: 'Update an onboarding step',
    description:
      'Sets the status, dates, owner, note and evidence of one SPLP onboarding step of an application. Send the version you read.',
    errors: { 400: true, 404: true, 409: 'Stale version, or the agency data is locked by the workflow.' },
    body: {
      version: 1,
      status: 'in_progress',
      startedOn: '2026-01-15',
      dueOn: '2026-03-31',
      note: 'Menunggu akun devportal SPLP.',
    },
  })
  @RequirePermission('agency.write')
  @ApiOkResponse({ type: OnboardingItemView })
  writeStep(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('applicationId', ParseUUIDPipe) applicationId: string,
    @Param('step') step: string,
    @Body() body: UpdateOnboardingItemDto,
  ): Promise<OnboardingItemView> {
    return this.onboarding.writeStep(actor, agencyId, applicationId, step, body);
  }

  @Get('checklists')
  @ApiOperationDoc({
    summary: 'Readiness checklists',
    description:
      'The readiness checklists of the agency (requirements, documents) with the state of every item.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.read')
  @ApiOkResponse({ type: [ChecklistView] })
  checklists(@Param('agencyId', ParseUUIDPipe) agencyId: string): Promise<ChecklistView[]> {
    return this.onboarding.checklists(agencyId);
  }

  @Get('checklists/:checklist')
  @ApiOperationDoc({
    summary: 'One readiness checklist',
    description: 'One readiness checklist with the state of every item.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.read')
  @ApiOkResponse({ type: ChecklistView })
  checklist(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('checklist') checklist: string,
  ): Promise<ChecklistView> {
    return this.onboarding.checklist(agencyId, checklist);
  }

  @Put('checklists/:checklist/:item')
  @ApiOperationDoc({
    summary: 'Update a checklist item',
    description:
      'Sets the status, dates, owner, note and evidence of one checklist item. Send the version you read.',
    errors: { 400: true, 404: true, 409: 'Stale version, or the agency data is locked by the workflow.' },
    body: {
      version: 1,
      status: 'done',
      doneOn: '2026-02-10',
      evidenceIds: ['9e8d7c6b-5a49-4382-a716-b5c4d3e2f1a0'],
    },
  })
  @RequirePermission('agency.write')
  @ApiOkResponse({ type: OnboardingItemView })
  writeItem(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('checklist') checklist: string,
    @Param('item') item: string,
    @Body() body: UpdateOnboardingItemDto,
  ): Promise<OnboardingItemView> {
    return this.onboarding.writeChecklistItem(actor, agencyId, checklist, item, body);
  }

  @Post('checklists/requirements/service_directory/generate')
  @ApiOperationDoc({
    summary: 'Generate the service directory',
    description:
      "Builds the service directory from the hub's API list and stores it as an evidence item of the agency, linked to the checklist item.",
    errors: { 400: true, 404: true },
  })
  @RequirePermission('evidence.upload')
  @ApiCreatedResponse({
    type: OnboardingItemView,
    description: "Generates the service directory from the hub's API list as evidence and links it.",
  })
  generateDirectory(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
  ): Promise<OnboardingItemView> {
    return this.directory.generate(actor, agencyId);
  }
}
