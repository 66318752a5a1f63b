import { Controller, Get, Inject, Param, ParseIntPipe, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiOperationDoc } from '../web/api-doc';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor } from '../access/actor';
import { requestLang } from '../i18n/language.middleware';
import { AgencyReportsService } from './agency-reports.service';
import { RollupQuery } from './reports.dto';
import { CONTENT_TYPES, reportFileName, sendReport } from './report-file';
import { RollupService } from './rollup.service';
import { SHEETS } from './spreadsheet';

const LANG_QUERY = {
  name: 'lang',
  required: false,
  enum: ['id', 'en'],
  description: 'Report language (default Indonesian).',
};

/** Report downloads; each streams as it is written. Agency scope is checked by the access guard. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1')
export class ReportsController {
  constructor(
    @Inject(AgencyReportsService) private readonly reports: AgencyReportsService,
    @Inject(RollupService) private readonly rollups: RollupService,
  ) {}

  @Get('agencies/:agencyId/periods/:year/reports/summary.pdf')
  @ApiOperationDoc({
    summary: 'Agency summary PDF',
    description:
      'The summary of the agency for the year as PDF, in the language of the request; marked DRAFT on every page until the results are final.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('report.read')
  @ApiProduces(CONTENT_TYPES.pdf)
  @ApiQuery(LANG_QUERY)
  @ApiOkResponse({
    description: 'Agency summary PDF; marked DRAFT on every page until the results are frozen.',
  })
  async summaryPdf(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('year', ParseIntPipe) year: number,
    @Res() res: Response,
  ): Promise<void> {
    await sendReport(res, await this.reports.summaryPdf(agencyId, year, requestLang(res)));
  }

  @Get('agencies/:agencyId/periods/:year/reports/summary.xlsx')
  @ApiOperationDoc({
    summary: 'Agency summary workbook',
    description: 'The summary as an Excel workbook: units, applications, evidence, levels, gaps, reviews.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('report.read')
  @ApiProduces(CONTENT_TYPES.xlsx)
  @ApiQuery(LANG_QUERY)
  @ApiOkResponse({
    description: 'Spreadsheet: summary, units, applications, evidence, levels, gaps, reviews.',
  })
  async summaryXlsx(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('year', ParseIntPipe) year: number,
    @Res() res: Response,
  ): Promise<void> {
    await sendReport(res, await this.reports.spreadsheet(agencyId, year, requestLang(res)));
  }

  @Get('agencies/:agencyId/periods/:year/reports/summary.csv')
  @ApiOperationDoc({
    summary: 'One topic as CSV',
    description: 'One topic of the workbook as CSV (UTF-8 with BOM, formulas neutralised).',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('report.read')
  @ApiProduces(CONTENT_TYPES.csv)
  @ApiQuery({ name: 'sheet', required: false, enum: SHEETS, description: 'Topic (default units).' })
  @ApiQuery(LANG_QUERY)
  @ApiOkResponse({
    description: 'One topic of the spreadsheet as CSV (UTF-8 with BOM, formulas neutralised).',
  })
  async summaryCsv(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('year', ParseIntPipe) year: number,
    @Query('sheet') sheet: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    await sendReport(res, await this.reports.csv(agencyId, year, requestLang(res), sheet));
  }

  @Get('agencies/:agencyId/periods/:year/reports/evidence.zip')
  @ApiOperationDoc({
    summary: 'Evidence package',
    description:
      'Every current evidence file of the period in a ZIP with a manifest (CSV and JSON) of hashes.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('report.read')
  @ApiProduces(CONTENT_TYPES.zip)
  @ApiOkResponse({
    description:
      'Every current evidence file of the period with manifest.csv, manifest.json (path, SHA-256, metadata, status) and facts.json; check it with `npm run cli -- evidence verify-package FILE`.',
  })
  async evidenceZip(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('year', ParseIntPipe) year: number,
    @Res() res: Response,
  ): Promise<void> {
    await sendReport(res, await this.reports.evidencePackage(agencyId, year, requestLang(res)));
  }

  @Get('periods/:year/reports/rollup.pdf')
  @ApiOperationDoc({
    summary: 'Roll-up PDF',
    description:
      'A roll-up of the agencies the caller may see (all for admins and national evaluators) as PDF.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('report.read')
  @ApiProduces(CONTENT_TYPES.pdf)
  @ApiOkResponse({
    description:
      'Roll-up of the agencies the caller may see (all for admins and national leaders, assigned ones for evaluators), streamed.',
  })
  async rollupPdf(
    @CurrentActor() actor: Actor,
    @Param('year', ParseIntPipe) year: number,
    @Query() query: RollupQuery,
    @Res() res: Response,
  ): Promise<void> {
    const period = await this.rollups.period(year);
    // `?lang=` chose the request's language (language middleware).
    const lang = requestLang(res);
    await sendReport(res, {
      fileName: `${reportFileName('spbe-rollup', year)}.pdf`,
      contentType: CONTENT_TYPES.pdf,
      write: (out, signal) => this.rollups.write(actor, period, query, lang, out, signal),
    });
  }
}
