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
import { CreatePolicyDto, ListPoliciesQuery, PolicyPage, PolicyView, UpdatePolicyDto } from './policies.dto';
import { PoliciesService } from './policies.service';

@ApiTags('policies')
@ApiBearerAuth()
@Controller('api/v1/agencies/:agencyId/policies')
export class PoliciesController {
  constructor(@Inject(PoliciesService) private readonly policies: PoliciesService) {}

  @Get()
  @ApiOperationDoc({
    summary: 'List policies',
    description:
      'The internal policies (Indicator 7) of the agency, paged, with their status, scope and linked evidence.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.read')
  @ApiOkResponse({ type: PolicyPage })
  list(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Query() query: ListPoliciesQuery,
  ): Promise<PolicyPage> {
    return this.policies.list(agencyId, query);
  }

  @Post()
  @ApiOperationDoc({
    summary: 'Create a policy',
    description:
      'Records an internal policy on the use of the SPL: legal form, number, status, date, the units it covers, what it regulates and its evidence.',
    errors: { 400: true, 404: true },
    body: {
      title: 'Peraturan Bupati tentang Penggunaan SPL',
      number: '12 Tahun 2025',
      legalForm: 'peraturan',
      status: 'enacted',
      date: '2025-03-01',
      allUnits: true,
      regulatesSplUse: true,
      regulatesSplpConnection: true,
      evidenceIds: ['9e8d7c6b-5a49-4382-a716-b5c4d3e2f1a0'],
    },
  })
  @RequirePermission('agency.write')
  @ApiCreatedResponse({ type: PolicyView })
  create(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Body() body: CreatePolicyDto,
  ): Promise<PolicyView> {
    return this.policies.create(actor, agencyId, body);
  }

  @Get(':policyId')
  @ApiOperationDoc({
    summary: 'Read a policy',
    description: 'One policy with its units and linked evidence.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.read')
  @ApiOkResponse({ type: PolicyView })
  get(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('policyId', ParseUUIDPipe) policyId: string,
  ) {
    return this.policies.get(agencyId, policyId);
  }

  @Patch(':policyId')
  @ApiOperationDoc({
    summary: 'Change a policy',
    description:
      'Changes a policy, including the evidence linked to it (evidenceIds replaces the list). Send the version you read; a stale one answers 409.',
    errors: { 400: true, 404: true, 409: 'Someone else changed the policy since you read it.' },
    body: { version: 2, status: 'enacted', evidenceIds: ['9e8d7c6b-5a49-4382-a716-b5c4d3e2f1a0'] },
  })
  @RequirePermission('agency.write')
  @ApiOkResponse({ type: PolicyView })
  update(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('policyId', ParseUUIDPipe) policyId: string,
    @Body() body: UpdatePolicyDto,
  ): Promise<PolicyView> {
    return this.policies.update(actor, agencyId, policyId, body);
  }

  @Delete(':policyId')
  @ApiOperationDoc({
    summary: 'Delete a policy',
    description: 'Deletes a policy of the agency; levels are recomputed at once.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.write')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('policyId', ParseUUIDPipe) policyId: string,
  ): Promise<void> {
    return this.policies.remove(actor, agencyId, policyId);
  }
}
