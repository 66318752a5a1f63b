import { Controller, Get, Header, Inject, Param, ParseIntPipe, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiOperationDoc } from '../web/api-doc';
import { RequirePermission } from '../access/access.decorators';
import { PeriodLookup } from '../periods/period-lookup';
import { LevelsReader } from './levels-reader';

@ApiTags('levels')
@ApiBearerAuth()
@Controller('api/v1/agencies/:agencyId/periods/:year')
export class LevelsController {
  constructor(
    @Inject(LevelsReader) private readonly levels: LevelsReader,
    @Inject(PeriodLookup) private readonly periods: PeriodLookup,
  ) {}

  @Get('levels')
  @ApiOperationDoc({
    summary: 'Stored levels of an agency',
    description:
      'The levels of Indicators 7 and 18 stored for the agency and year, for the supported and verified bases, per unit, with what is missing for the next level and the SHA-256 of the facts they were computed from.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.read')
  // The body is the stored JSON, sent as text (see LevelsReader.readJson).
  @Header('Content-Type', 'application/json; charset=utf-8')
  @ApiOkResponse({
    description:
      'Levels of Indicators 7 and 18 for both bases, per unit, with what is missing, and the facts hash: ' +
      '`{ agencyId, year, factsHash, computedAt, supported, verified }`, each basis an engine output.',
  })
  read(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('year', ParseIntPipe) year: number,
  ): Promise<string> {
    return this.levels.readJson(agencyId, year);
  }

  @Get('facts')
  @ApiOperationDoc({
    summary: 'Scoring facts of an agency',
    description:
      'The facts (scoring contract version 2) the engine scores for the agency and year; `npm run cli -- score --input` re-scores them to the same levels.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.read')
  @ApiOkResponse({
    description:
      'The scoring contract facts; `npm run cli -- score --input` re-scores them to the same levels.',
  })
  async facts(@Param('agencyId', ParseUUIDPipe) agencyId: string, @Param('year', ParseIntPipe) year: number) {
    return this.levels.facts(agencyId, await this.periods.byYear(year));
  }
}
