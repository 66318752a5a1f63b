import {
  Body,
  Controller,
  Get,
  Inject,
  NotFoundException,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiOperationDoc } from '../../web/api-doc';
import { CurrentActor, RequirePermission } from '../../access/access.decorators';
import { Actor } from '../../access/actor';
import { FrozenResultsReader } from '../../workflow-core/frozen-results.reader';
import { FreezeDto } from './freeze.dto';
import { FreezeService } from './freeze.service';
import { PeriodLookup } from '../../periods/period-lookup';
import { refuse } from '../../i18n/refusal';

@ApiTags('workflow')
@ApiBearerAuth()
@Controller('api/v1')
export class FreezeController {
  constructor(
    @Inject(FreezeService) private readonly freezes: FreezeService,
    @Inject(FrozenResultsReader) private readonly frozen: FrozenResultsReader,
    @Inject(PeriodLookup) private readonly periods: PeriodLookup,
  ) {}

  @Post('periods/:year/freeze')
  @ApiOperationDoc({
    summary: 'Freeze results',
    description:
      'Freezes the final results of the named agencies (or all): stores the facts, levels and their hashes. Agencies frozen before are kept.',
    errors: { 400: true, 404: true, 409: 'The period is not at the final stage.' },
    body: { agencyIds: ['0b6f3c2e-8a41-4d5e-9c7b-2f1e4a6d8c90'] },
  })
  @RequirePermission('period.manage')
  @ApiCreatedResponse({
    description:
      'Frozen agencies with their snapshot hashes; agencies frozen before, and agencies left out because they never submitted, are listed apart.',
  })
  async freeze(
    @CurrentActor() actor: Actor,
    @Param('year', ParseIntPipe) year: number,
    @Body() body: FreezeDto,
  ) {
    return this.freezes.freeze(
      actor,
      await this.periods.byYear(year),
      body.agencyIds,
      body.includeUnsubmitted,
    );
  }

  @Get('agencies/:agencyId/periods/:year/frozen')
  @ApiOperationDoc({
    summary: 'Frozen results of an agency',
    description: 'The frozen results: per indicator the facts, result, versions and hashes.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.read')
  @ApiOkResponse({
    description:
      'The frozen results: per indicator the facts, result, versions and hash; `intact` says whether the hashes still match.',
  })
  async get(@Param('agencyId', ParseUUIDPipe) agencyId: string, @Param('year', ParseIntPipe) year: number) {
    const period = await this.periods.byYear(year);
    const frozen = await this.frozen.forAgency(agencyId, period.id);
    if (!frozen) throw refuse(NotFoundException, 'msg.freeze.not_frozen', { year });
    const { freeze, rows, intact } = frozen;
    return {
      agencyId,
      year,
      snapshotHash: freeze.snapshotHash,
      engineVersion: freeze.engineVersion,
      frameworkVersion: freeze.frameworkVersion,
      frozenAt: freeze.frozenAt,
      frozenBy: freeze.frozenBy,
      intact,
      indicators: rows.map((r) => ({
        indicator: r.indicator,
        hash: r.hash,
        engineVersion: r.engineVersion,
        frameworkVersion: r.frameworkVersion,
        result: r.result,
        facts: r.facts,
      })),
    };
  }
}
