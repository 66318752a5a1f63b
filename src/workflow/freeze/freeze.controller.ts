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
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, RequirePermission } from '../../access/access.decorators';
import { Actor } from '../../access/actor';
import { FrozenResultsReader } from '../core/frozen-results.reader';
import { FreezeDto } from './freeze.dto';
import { FreezeService } from './freeze.service';
import { PeriodLookup } from '../../periods/period-lookup';

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
  @RequirePermission('period.manage')
  @ApiCreatedResponse({
    description:
      'Frozen agencies with their snapshot hashes; agencies frozen before, and agencies left out because they never submitted, are listed apart.',
  })
  @ApiConflictResponse({ description: 'The period is not at the final stage.' })
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
  @RequirePermission('agency.read')
  @ApiOkResponse({
    description:
      'The frozen results: per indicator the facts, result, versions and hash; `intact` says whether the hashes still match.',
  })
  async get(@Param('agencyId', ParseUUIDPipe) agencyId: string, @Param('year', ParseIntPipe) year: number) {
    const period = await this.periods.byYear(year);
    const frozen = await this.frozen.forAgency(agencyId, period.id);
    if (!frozen) throw new NotFoundException(`The ${year} results of this agency are not frozen.`);
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
