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
import { CreatePolicyDto, ListPoliciesQuery, PolicyPage, PolicyView, UpdatePolicyDto } from './policies.dto';
import { PoliciesService } from './policies.service';

@ApiTags('policies')
@ApiBearerAuth()
@Controller('api/v1/agencies/:agencyId/policies')
export class PoliciesController {
  constructor(@Inject(PoliciesService) private readonly policies: PoliciesService) {}

  @Get()
  @RequirePermission('agency.read')
  @ApiOkResponse({ type: PolicyPage })
  list(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Query() query: ListPoliciesQuery,
  ): Promise<PolicyPage> {
    return this.policies.list(agencyId, query);
  }

  @Post()
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
  @RequirePermission('agency.read')
  @ApiOkResponse({ type: PolicyView })
  get(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('policyId', ParseUUIDPipe) policyId: string,
  ) {
    return this.policies.get(agencyId, policyId);
  }

  @Patch(':policyId')
  @RequirePermission('agency.write')
  @ApiOkResponse({ type: PolicyView })
  @ApiConflictResponse({ description: 'Someone else changed the policy since you read it.' })
  update(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('policyId', ParseUUIDPipe) policyId: string,
    @Body() body: UpdatePolicyDto,
  ): Promise<PolicyView> {
    return this.policies.update(actor, agencyId, policyId, body);
  }

  @Delete(':policyId')
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
