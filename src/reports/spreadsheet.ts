import type { Writable } from 'node:stream';
import { CellValue, UTF8_BOM, csvLine, neutralise } from '../documents/csv';
import type { Lang } from '../i18n/i18n';
import type { AgencyReport, PemdiSection } from './report.model';
import { appText, formatTimestamp, gapWhat, reportText } from './report-text';

/** The topics of the agency spreadsheet: one XLSX sheet each, or one CSV each (`?sheet=`). */
export const SHEETS = ['summary', 'units', 'applications', 'evidence', 'levels', 'gaps', 'reviews'] as const;
export type SheetKey = (typeof SHEETS)[number];

export interface Sheet {
  key: SheetKey;
  title: string;
  columns: { header: string; width: number }[];
  rows: CellValue[][];
}

/** Builds one topic's header and rows from the report, in the report's language. */
export function buildSheet(report: AgencyReport, key: SheetKey): Sheet {
  const t = (k: string) => reportText(report.lang, k);
  const cols = (...spec: [string, number][]) => spec.map(([header, width]) => ({ header: t(header), width }));
  const builders: Record<SheetKey, () => Omit<Sheet, 'key' | 'title'>> = {
    summary: () => ({ columns: cols(['field', 28], ['value', 80]), rows: summaryRows(report) }),
    units: () => ({
      columns: cols(
        ['unitCode', 14],
        ['unit', 44],
        ['unitKind', 14],
        ['inScope', 10],
        ['outOfScopeReason', 30],
        ['levelSupported', 12],
        ['levelVerified', 12],
        ['applications', 12],
        ['appsViaSpl', 12],
        ['coveragePct', 12],
      ),
      rows: report.units.map((u) => [
        u.code,
        u.name,
        appText(report.lang, `data.kind.${u.kind}`),
        u.inScope ? t('yes') : t('no'),
        u.outOfScopeReason,
        u.levelSupported,
        u.levelVerified,
        u.applications,
        u.viaSpl,
        u.coveragePct,
      ]),
    }),
    applications: () => ({
      columns: cols(
        ['unitCode', 14],
        ['unit', 40],
        ['application', 36],
        ['exchange', 18],
        ['description', 50],
      ),
      rows: report.applications.map((a) => [
        a.unitCode,
        a.unitName,
        a.name,
        appText(report.lang, `data.exchange.${a.exchange}`),
        a.description,
      ]),
    }),
    evidence: () => ({
      columns: cols(
        ['rowNumber', 6],
        ['evidenceId', 38],
        ['evidenceTitle', 40],
        ['kind', 24],
        ['status', 14],
        ['documentDate', 14],
        ['documentNumber', 20],
        ['indicators', 10],
        ['units', 24],
        ['fileName', 30],
        ['sizeBytes', 12],
        ['sha256', 68],
        ['revision', 8],
        ['uploadedAt', 20],
        ['linkUrl', 50],
        ['capturedAt', 14],
      ),
      rows: report.evidence.map((e, i) => [
        i + 1,
        e.evidenceId,
        e.title,
        appText(report.lang, `kind.${e.kind}`),
        appText(report.lang, `status.${e.status}`),
        e.documentDate,
        e.documentNumber,
        e.indicators.join(', '),
        e.units === '*' ? t('allUnits') : e.units,
        e.file?.name ?? null,
        e.file?.size ?? null,
        e.file?.sha256 ?? null,
        e.file?.revision ?? null,
        e.file ? formatTimestamp(e.file.uploadedAt) : null,
        e.url,
        e.capturedAt,
      ]),
    }),
    levels: () => ({
      columns: cols(
        ['indicator', 10],
        ['indicatorName', 40],
        ['value', 16],
        ['level', 8],
        ['levelName', 22],
        ['predicate', 16],
        ['contribution', 14],
        ['coveragePct', 12],
      ),
      rows: report.indicators.flatMap((i) =>
        i.values.map((v) => [
          i.number,
          i.name,
          appText(report.lang, `values.${v.key}`),
          v.level,
          v.levelName,
          v.predicate,
          v.contribution === null ? null : Number(v.contribution),
          coverageOf(i.coverage, v.key),
        ]),
      ),
    }),
    gaps: () => ({
      // People read the gap in words; its code stays in the JSON report only.
      columns: cols(['indicator', 10], ['nextLevel', 10], ['gap', 40], ['missing', 100]),
      rows: report.gaps.map((g) => [g.indicator, g.nextLevel, gapWhat(report.lang, g.code), g.message]),
    }),
    reviews: () => ({
      columns: cols(
        ['date', 12],
        ['subject', 20],
        ['units', 24],
        ['findings', 50],
        ['followUp', 50],
        ['status', 14],
        ['followUpDate', 14],
      ),
      rows: report.reviews.flatMap((r) => {
        const base = [
          r.date,
          appText(report.lang, `data.subject.${r.subject}`),
          r.units === '*' ? t('allUnits') : r.units,
          r.findings,
        ];
        if (r.followUps.length === 0) return [[...base, null, null, null]];
        return r.followUps.map((f) => [
          ...base,
          f.finding,
          appText(report.lang, `data.followUpStatus.${f.status}`),
          f.date,
        ]);
      }),
    }),
  };
  return { key, title: t(`sheet.${key}`), ...builders[key]() };
}

function coverageOf(coverage: AgencyReport['indicators'][number]['coverage'], key: string): number | null {
  if (!coverage) return null;
  if (key === 'supported') return Math.round(coverage.supported * 100);
  if (key === 'verified') return Math.round(coverage.verified * 100);
  return null;
}

function summaryRows(report: AgencyReport): CellValue[][] {
  const t = (k: string, vars?: Record<string, unknown>) => reportText(report.lang, k, vars);
  const rows: CellValue[][] = [
    [t('agency'), report.agency.name],
    [t('agencyCode'), report.agency.code],
    [t('period'), t('periodValue', { year: report.period.year, edition: report.period.edition })],
    [t('stage'), appText(report.lang, `stage.${report.period.stage}`)],
    [t('asOf'), report.period.asOf],
    [t('generatedAt'), formatTimestamp(report.generatedAt)],
    [t('factsHash'), report.factsHash],
    [t('status'), report.frozen ? t('final') : t('draftMark')],
  ];
  if (report.frozen) rows.push([t('snapshotHash'), report.frozen.snapshotHash]);
  for (const line of report.index)
    rows.push([
      `${t('index')} (${appText(report.lang, `values.${line.key}`)})`,
      `${line.display} · ${line.predicate}`,
    ]);
  return rows;
}

/** Streams the workbook: each row is written and released as it goes (exceljs WorkbookWriter). */
export async function writeXlsx(report: AgencyReport, out: Writable): Promise<void> {
  // Loaded here, not at boot: exceljs is 660 modules that most starts of the app never use.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'SPBE Tracker';
  workbook.created = report.generatedAt;
  const sheets: Omit<Sheet, 'key'>[] = SHEETS.map((key) => buildSheet(report, key));
  // A period on the Pemdi 2026 framework: its index first.
  if (report.pemdi) sheets.unshift(pemdiSheet(report.lang, report.pemdi));
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.title, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = sheet.columns.map((c) => ({ width: c.width }));
    const header = ws.addRow(sheet.columns.map((c) => neutralise(c.header)));
    header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF0B5CAD' } };
    header.commit();
    for (const row of sheet.rows) ws.addRow(row.map(xlsxCell)).commit();
    ws.commit();
  }
  await workbook.commit();
}

/** The Indeks Pemdi sheet: the index and predicate, then each indicator's weight and level counted. */
function pemdiSheet(lang: Lang, pemdi: PemdiSection): Omit<Sheet, 'key'> {
  const a = (key: string, vars?: Record<string, unknown>) => appText(lang, key, vars);
  const head: CellValue[][] = [
    [
      a('pemdi.index'),
      '',
      '',
      pemdi.complete ? pemdi.index : '–',
      pemdi.complete ? pemdi.predicate : a('pemdi.incomplete', { missing: pemdi.missing }),
      pemdi.framework,
    ],
  ];
  const rows = pemdi.aspects.flatMap((aspect) => [
    [aspect.code, aspect.name, aspect.weight, aspect.index ?? '–', a('pemdi.aspectIndex'), ''] as CellValue[],
    ...aspect.indicators.map((i): CellValue[] => [
      i.code,
      i.name,
      i.weight,
      i.level ?? '–',
      i.from ? a(`pemdi.from.${i.from}`) : a('pemdi.missing'),
      [
        i.external
          ? `${i.external.source} (${i.external.sourceDate})${i.external.sourceUrl ? ` ${i.external.sourceUrl}` : ''}`
          : '',
        i.provisionalSource ? `${a('pemdi.provisional')}: ${i.provisionalSource}` : '',
      ]
        .filter(Boolean)
        .join(' · '),
    ]),
  ]);
  return {
    title: 'Indeks Pemdi',
    columns: [
      { header: a('pemdi.indicator'), width: 8 },
      { header: '', width: 48 },
      { header: a('pemdi.weight'), width: 8 },
      { header: a('pemdi.level'), width: 14 },
      { header: '', width: 22 },
      { header: '', width: 60 },
    ],
    rows: [...head, ...rows],
  };
}

function xlsxCell(value: CellValue): string | number | null {
  return typeof value === 'string' ? neutralise(value) : value;
}

/** One topic as CSV: a byte order mark, the header, then the rows. */
export function* csvChunks(sheet: Sheet): Generator<string> {
  yield UTF8_BOM + csvLine(sheet.columns.map((c) => c.header));
  for (const row of sheet.rows) yield csvLine(row);
}
