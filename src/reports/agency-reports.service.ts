import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { Lang } from '../i18n/i18n';
import { LevelsReader } from '../levels/levels-reader';
import { STORAGE_DRIVER, StorageDriver } from '../storage/storage.driver';
import { renderAgencySummary } from './agency-summary.pdf';
import { writeEvidencePackage } from '../evidence/evidence-package';
import { ReportDataService } from './report-data.service';
import { CONTENT_TYPES, ReportFile, reportFileName } from './report-file';
import { reportText } from './report-text';
import { SHEETS, SheetKey, buildSheet, csvChunks, writeXlsx } from './spreadsheet';
import { refuse } from '../i18n/refusal';

/** The downloads of one agency and period: summary PDF, spreadsheet, CSV and evidence package. */
@Injectable()
export class AgencyReportsService {
  constructor(
    @Inject(ReportDataService) private readonly data: ReportDataService,
    @Inject(LevelsReader) private readonly levels: LevelsReader,
    @Inject(STORAGE_DRIVER) private readonly driver: StorageDriver,
  ) {}

  async summaryPdf(agencyId: string, year: number, lang: Lang): Promise<ReportFile> {
    const report = await this.data.agencyReport(agencyId, await this.data.period(year), lang);
    return {
      fileName: `${reportFileName('spbe', report.agency.code, year, reportText(lang, 'file.summary'))}.pdf`,
      contentType: CONTENT_TYPES.pdf,
      write: async (out) => {
        const doc = renderAgencySummary(report);
        doc.pipe(out);
        doc.end();
        await finished(out);
      },
    };
  }

  async spreadsheet(agencyId: string, year: number, lang: Lang): Promise<ReportFile> {
    const report = await this.data.agencyReport(agencyId, await this.data.period(year), lang);
    return {
      fileName: `${reportFileName('spbe', report.agency.code, year)}.xlsx`,
      contentType: CONTENT_TYPES.xlsx,
      write: async (out) => {
        await writeXlsx(report, out);
        await finished(out);
      },
    };
  }

  async csv(agencyId: string, year: number, lang: Lang, sheet: string | undefined): Promise<ReportFile> {
    const key = (sheet ?? 'units') as SheetKey;
    if (!SHEETS.includes(key))
      throw refuse(BadRequestException, 'msg.validation.one_of', {
        field: 'sheet',
        choices: SHEETS.join(', '),
      });
    const report = await this.data.agencyReport(agencyId, await this.data.period(year), lang);
    const built = buildSheet(report, key);
    return {
      fileName: `${reportFileName('spbe', report.agency.code, year, key)}.csv`,
      contentType: CONTENT_TYPES.csv,
      write: async (out, signal) => {
        for (const chunk of csvChunks(built)) if (!out.write(chunk)) await once(out, 'drain', { signal });
        out.end();
        await finished(out);
      },
    };
  }

  async evidencePackage(agencyId: string, year: number, lang: Lang): Promise<ReportFile> {
    const period = await this.data.period(year);
    const { agency, evidence } = await this.data.evidenceOf(agencyId, period);
    const facts = await this.levels.facts(agencyId, period);
    return {
      fileName: `${reportFileName('spbe', agency.code, year, reportText(lang, 'file.evidence'))}.zip`,
      contentType: CONTENT_TYPES.zip,
      write: async (out, signal) => {
        const input = {
          agency: { id: agency.id, code: agency.code, name: agency.name },
          period: { year, stage: period.stage, edition: period.edition, asOf: period.asOf },
          generatedAt: new Date(),
          evidence,
          // Serialised as the facts hash is computed, so the file hashes to the reported facts hash.
          factsJson: JSON.stringify(facts),
        };
        await writeEvidencePackage(input, this.driver, out, signal);
        await finished(out);
      },
    };
  }
}
