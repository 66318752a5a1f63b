import type { Readable } from 'node:stream';
import { translate } from '../i18n/i18n';
import { formatNumber } from '../i18n/numbers';
import { csvLine, UTF8_BOM } from '../documents/csv';
import { COLORS, createPdf, heading, paragraph } from '../documents/pdf-document';
import { attachFrame } from '../documents/pdf-frame';
import { drawTable } from '../documents/pdf-table';
import type { CatalogRow } from './hub-catalog.repository';

export type CatalogApi = Omit<CatalogRow, 'total'>;

/** Export columns of the catalogue: JSON field and CSV header. */
export const CATALOG_COLUMNS: Array<[keyof CatalogApi, string]> = [
  ['agencyCode', 'agency_code'],
  ['agencyName', 'agency'],
  ['name', 'api'],
  ['version', 'version'],
  ['context', 'context'],
  ['lifecycleStatus', 'lifecycle'],
  ['unitCode', 'provider_unit'],
  ['provider', 'provider'],
  ['tags', 'tags'],
  ['consumers', 'consumers'],
  ['productionUrl', 'production_url'],
];

function cell(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.join(' ');
  return typeof value === 'number' ? value : String(value);
}

/** The catalogue as CSV (UTF-8 with BOM, CRLF; cells that would run as formulas neutralised). */
export function catalogCsv(apis: CatalogApi[]): string {
  const lines = [UTF8_BOM + csvLine(CATALOG_COLUMNS.map(([, h]) => h))];
  for (const api of apis) lines.push(csvLine(CATALOG_COLUMNS.map(([key]) => cell(api[key]))));
  return lines.join('');
}

export interface CatalogEvidenceModel {
  agencyName: string;
  agencyCode: string;
  year: number;
  generatedAt: Date;
  apis: CatalogApi[];
}

/** The agency's API catalogue (its SPL service directory) as a landscape PDF, in Indonesian. */
export function catalogPdf(model: CatalogEvidenceModel): Readable {
  const t = (key: string, vars?: Record<string, unknown>) => translate('id', `catalog.evidence.${key}`, vars);
  const doc = createPdf({
    title: t('pdfTitle', { agency: model.agencyName }),
    landscape: true,
    bufferPages: false,
  });
  const at = `${model.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  attachFrame(
    doc,
    {
      header: t('pdfTitle', { agency: model.agencyName }),
      footer: `${model.agencyCode} · ${at}`,
      draft: null,
      pageLabel: (page) => translate('id', 'reports.page', { page }),
    },
    true,
  );
  doc.addPage();
  heading(doc, t('pdfTitle', { agency: model.agencyName }), 15);
  paragraph(
    doc,
    t('pdfLead', {
      year: model.year,
      at,
      n: formatNumber('id', model.apis.length),
    }),
    { color: COLORS.muted, size: 8.5 },
  );
  doc.moveDown(0.4);
  drawTable(
    doc,
    [
      { header: 'No.', width: 24, value: (a: CatalogApi & { n: number }) => String(a.n), align: 'right' },
      {
        header: 'API',
        width: 150,
        value: (a) => `${a.name}${a.tags.length ? `\n${a.tags.join(', ')}` : ''}`,
      },
      { header: t('version'), width: 44, value: (a) => a.version },
      { header: 'Context', width: 120, value: (a) => a.context ?? '–' },
      { header: t('lifecycle'), width: 62, value: (a) => a.lifecycleStatus ?? '–' },
      {
        header: t('unit'),
        width: 110,
        value: (a) => (a.unitCode ? `${a.unitCode} ${a.unitName ?? ''}`.trim() : (a.provider ?? '–')),
      },
      { header: t('consumers'), width: 48, value: (a) => formatNumber('id', a.consumers), align: 'right' },
      { header: t('url'), width: 150, value: (a) => a.productionUrl ?? '–' },
    ],
    model.apis.map((a, i) => ({ ...a, n: i + 1 })),
    { fontSize: 7.5, emptyText: t('none') },
  );
  doc.end();
  return doc as unknown as Readable;
}
