import { Body, Controller, Get, Inject, Param, ParseIntPipe, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor } from '../access/actor';
import { ParseAnyIndicatorPipe } from '../assessments/parse-indicator.pipe';
import { ApiOperationDoc } from '../web/api-doc';
import { ExternalValueDto } from './pemdi.dto';
import { PemdiPeriods } from './pemdi-periods';
import { PemdiService, type PemdiView } from './pemdi.service';
import type { ExternalValueRow } from './pemdi.repository';

@ApiTags('assessments')
@ApiBearerAuth()
@Controller('api/v1/agencies/:agencyId/periods/:year')
export class PemdiController {
  constructor(
    @Inject(PemdiService) private readonly pemdi: PemdiService,
    @Inject(PemdiPeriods) private readonly periods: PemdiPeriods,
  ) {}

  @Get('framework-index')
  @ApiOperationDoc({
    summary: 'Levels and index of a framework package period',
    description:
      "For a period on a framework package other than SPBE 2020 (Pemdi 2026): per aspect and indicator the claimed, validated, engine-scored (I16) or externally entered level, the level the index counts, and the package's index and predicate; `index.complete` is false and `index.missing` names the indicators without a level (the index is then null, never a partial figure). Texts marked provisional carry their source.",
    errors: { 400: true, 404: 'No such period, or the period is on SPBE 2020 (see the assessments).' },
  })
  @RequirePermission('agency.read')
  @ApiOkResponse({ description: 'Aspects, indicators, levels, index and predicate.' })
  async view(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('year', ParseIntPipe) year: number,
  ): Promise<PemdiView> {
    return this.pemdi.view(agencyId, await this.periods.packagePeriod(year));
  }

  @Put('external-values/:indicator')
  @ApiOperationDoc({
    summary: 'Enter an externally scored value',
    description:
      'An administrator enters the value of an indicator scored from another index (I5, I6, I7, I18 of Pemdi 2026) with its source (text, optional URL) and date; the index is computed again. Send the version you read to change a value.',
    errors: {
      400: 'Not an externally scored indicator of the period’s framework, or a value off the scale.',
      404: 'No such period, or the period is on SPBE 2020.',
      409: 'Stale version, or the agency’s assessment is submitted.',
    },
    body: {
      value: 3.25,
      source: 'Indeks Satu Data 2026 (Bappenas)',
      sourceUrl: 'https://data.go.id/indeks/2026',
      sourceDate: '2026-11-30',
    },
  })
  @RequirePermission('agency.manage')
  @ApiOkResponse({ description: 'The stored value with its source and version.' })
  async setExternal(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('year', ParseIntPipe) year: number,
    @Param('indicator', ParseAnyIndicatorPipe) indicator: number,
    @Body() body: ExternalValueDto,
  ): Promise<ExternalValueRow> {
    return this.pemdi.setExternal(actor, agencyId, await this.periods.packagePeriod(year), indicator, body);
  }
}
