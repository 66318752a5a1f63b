import { Readable } from 'node:stream';
import { pdfkit } from '../documents/pdf-document';
import type { HubImportView } from './hub-imports.repository';
import type { ApiFigures } from './hub-figures.service';

/** What an api_list evidence item shows: the APIs on the bus with their figures, and where they came from. */
export interface ApiListModel {
  agencyName: string;
  scopeLabel: string;
  year: number;
  generatedAt: Date;
  apis: ApiFigures[];
  imports: HubImportView[];
}

export const CSV_COLUMNS = [
  'unit_code',
  'api_name',
  'version',
  'context',
  'provider',
  'lifecycle_status',
  'hub_id',
  'consumers',
  'calls',
  'error_rate',
  'p95_ms',
  'latency_precision',
  'source_file',
] as const;

const percent = (rate: number | null) => (rate === null ? '' : `${(rate * 100).toFixed(2)}%`);
const p95 = (api: ApiFigures) =>
  api.latency?.p95Ms === null || api.latency?.p95Ms === undefined
    ? ''
    : String(Math.round(api.latency.p95Ms));

function csvCell(value: string | number): string {
  const text = String(value);
  // A leading = + - @ tab or CR would make a spreadsheet run the cell as a formula; any
  // separator (comma, semicolon, tab) inside a field is quoted.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n;\t]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The list as CSV (UTF-8, comma, CRLF), produced line by line. */
export function apiListCsv(model: ApiListModel): Readable {
  function* lines(): Generator<string> {
    yield `${CSV_COLUMNS.join(',')}\r\n`;
    for (const api of model.apis) {
      const cells = [
        api.unit?.code ?? '',
        api.name,
        api.version,
        api.context ?? '',
        api.provider ?? '',
        api.lifecycleStatus ?? '',
        api.hubId,
        api.consumerCount,
        api.calls,
        percent(api.errorRate),
        p95(api),
        api.latency ? (api.latency.asReported ? 'AGGREGATED (as reported)' : 'RAW') : '',
        api.fileName,
      ];
      yield `${cells.map(csvCell).join(',')}\r\n`;
    }
  }
  return Readable.from(lines());
}

const COLUMNS: Array<{ title: string; width: number; value: (api: ApiFigures) => string }> = [
  { title: 'Unit', width: 60, value: (a) => a.unit?.code ?? '-' },
  { title: 'API', width: 140, value: (a) => a.name },
  { title: 'Versi', width: 40, value: (a) => a.version },
  { title: 'Context', width: 130, value: (a) => a.context ?? '' },
  { title: 'Provider', width: 120, value: (a) => a.provider ?? '' },
  { title: 'Status', width: 65, value: (a) => a.lifecycleStatus ?? '' },
  { title: 'Konsumen', width: 45, value: (a) => String(a.consumerCount) },
  { title: 'Panggilan', width: 55, value: (a) => String(a.calls) },
  { title: 'Galat', width: 45, value: (a) => percent(a.errorRate) },
  { title: 'p95 ms', width: 50, value: (a) => p95(a) + (a.latency?.asReported ? '*' : '') },
];

/** The list as a landscape A4 PDF, streamed as pdfkit writes it. */
export function apiListPdf(model: ApiListModel): Readable {
  const PDFDocument = pdfkit();
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 36, info: { Title: title(model) } });
  doc.fontSize(15).font('Helvetica-Bold').text(title(model));
  doc.moveDown(0.3).fontSize(9).font('Helvetica');
  doc.text(`${model.agencyName} - ${model.scopeLabel}`);
  doc.text(
    `Tahun data: ${model.year}. Dibuat: ${model.generatedAt.toISOString().replace('T', ' ').slice(0, 19)} UTC.`,
  );
  doc.text(`API terbit pada bus (status PUBLISHED/DEPRECATED): ${model.apis.length}.`);
  doc.moveDown(0.8);
  table(doc, model.apis);
  doc
    .moveDown(0.5)
    .fontSize(7)
    .text('* p95 sebagaimana dilaporkan berkas agregat (bukan dihitung dari peristiwa mentah).');
  provenance(doc, model.imports);
  doc.end();
  return doc as unknown as Readable;
}

function title(model: ApiListModel): string {
  return `Daftar API pada SPL - ${model.scopeLabel}`;
}

function table(doc: PDFKit.PDFDocument, apis: ApiFigures[]): void {
  const left = doc.page.margins.left;
  const row = (cells: string[], bold: boolean) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 24) doc.addPage();
    const y = doc.y;
    let x = left;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(7.5);
    let height = 0;
    cells.forEach((cell, i) => {
      const width = COLUMNS[i].width;
      doc.text(cell, x, y, { width: width - 4 });
      height = Math.max(height, doc.y - y);
      x += width;
    });
    doc.x = left;
    doc.y = y + height + 3;
  };
  row(
    COLUMNS.map((c) => c.title),
    true,
  );
  for (const api of apis)
    row(
      COLUMNS.map((c) => c.value(api)),
      false,
    );
}

function provenance(doc: PDFKit.PDFDocument, imports: HubImportView[]): void {
  doc.moveDown(1).fontSize(11).font('Helvetica-Bold').text('Asal data (provenance)', doc.page.margins.left);
  doc.moveDown(0.3).fontSize(7.5).font('Helvetica');
  for (const i of imports) {
    const who = i.importedByName ?? i.channel;
    doc.text(
      `${i.fileName} - ${i.format} (${i.variant}) - sha256 ${i.sha256} - ${who} - ${i.importedAt.replace('T', ' ').slice(0, 19)} UTC - ${i.counts.records} catatan`,
    );
  }
  if (!imports.length) doc.text('-');
}
