import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiOperationDoc } from '../web/api-doc';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor } from '../access/actor';
import { AgenciesService, AgencySummary } from './agencies.service';
import { PeriodLookup } from '../periods/period-lookup';

@ApiTags('agencies')
@ApiBearerAuth()
@Controller('api/v1/agencies')
export class AgenciesController {
  constructor(
    @Inject(AgenciesService) private readonly agencies: AgenciesService,
    @Inject(PeriodLookup) private readonly periods: PeriodLookup,
  ) {}

  @Get()
  @ApiOperationDoc({
    summary: 'List agencies',
    description:
      'The agencies the caller may see, with the levels of the period (supported and verified) and the workflow state.',
    errors: { 400: true },
  })
  @RequirePermission('agency.read')
  @ApiQuery({
    name: 'year',
    required: false,
    description: 'Period whose stored levels to include (default: current year).',
  })
  @ApiOkResponse({
    description: 'The agencies the caller may see, with levels of the period (supported basis).',
  })
  async list(@CurrentActor() actor: Actor, @Query('year') year?: string): Promise<AgencySummary[]> {
    const y = Number(year ?? new Date().getFullYear());
    const period = Number.isInteger(y) ? await this.periods.byYear(y).catch(() => null) : null;
    return this.agencies.listVisible(actor, period?.id ?? null);
  }
}
