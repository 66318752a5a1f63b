import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A PDF document with the report fonts and colours. The fonts are TrueType files shipped with
 * the app and embedded (subset) in every PDF: pdfkit's standard fonts are not embedded and
 * cannot show every character of Indonesian names and addresses.
 */
export type Pdf = PDFKit.PDFDocument;

export const COLORS = {
  ink: '#1c2430',
  muted: '#5b6675',
  line: '#d9dee6',
  zebra: '#f3f6f9',
  brand: '#0b5cad',
  accent: '#c8102e',
  ok: '#1f7a3d',
  warn: '#a15c00',
  levels: ['#c9d1db', '#9aa5b4', '#d98e04', '#2f7fc1', '#1f7a3d', '#5b2a86'],
} as const;

export const FONT = { regular: 'report-regular', bold: 'report-bold' } as const;

const FONT_FILES = { regular: 'DejaVuSansCondensed.ttf', bold: 'DejaVuSansCondensed-Bold.ttf' } as const;
let fontData: { regular: Buffer; bold: Buffer } | undefined;

/** Read once per process; pdfkit parses and subsets them per document. */
function fonts(): { regular: Buffer; bold: Buffer } {
  fontData ??= {
    regular: readFileSync(join(__dirname, 'fonts', FONT_FILES.regular)),
    bold: readFileSync(join(__dirname, 'fonts', FONT_FILES.bold)),
  };
  return fontData;
}

export interface PdfOptions {
  title: string;
  landscape?: boolean;
  /** Keep every page in memory until the end, to number pages "X of Y" (not for long roll-ups). */
  bufferPages: boolean;
}

export const MARGINS = { top: 62, bottom: 58, left: 42, right: 42 } as const;

/**
 * pdfkit (with fontkit and its tables) is loaded by the first PDF, not at boot, which most starts
 * of the app (each command-line run, each test file) never need.
 */
export function pdfkit(): typeof import('pdfkit') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('pdfkit') as typeof import('pdfkit');
}

export function createPdf(options: PdfOptions): Pdf {
  const PDFDocument = pdfkit();
  const doc = new PDFDocument({
    size: 'A4',
    layout: options.landscape ? 'landscape' : 'portrait',
    margins: { ...MARGINS },
    bufferPages: options.bufferPages,
    autoFirstPage: false,
    info: { Title: options.title, Creator: 'SPBE Tracker', Producer: 'SPBE Tracker (pdfkit)' },
    pdfVersion: '1.7',
  });
  const { regular, bold } = fonts();
  doc.registerFont(FONT.regular, regular);
  doc.registerFont(FONT.bold, bold);
  // No colour yet: there is no page to write it to until the first addPage().
  doc.font(FONT.regular).fontSize(9);
  return doc;
}

/** Width of the writable area of the current page. */
export function contentWidth(doc: Pdf): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

/** Lowest y at which content may still be written on the current page. */
export function contentBottom(doc: Pdf): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Starts a new page unless `height` still fits below the cursor. */
export function ensureSpace(doc: Pdf, height: number): void {
  if (doc.y + height > contentBottom(doc)) doc.addPage();
}

export function heading(doc: Pdf, text: string, size = 13): void {
  ensureSpace(doc, size * 4);
  doc.moveDown(0.6);
  doc
    .font(FONT.bold)
    .fontSize(size)
    .fillColor(COLORS.brand)
    .text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.3).font(FONT.regular).fontSize(9).fillColor(COLORS.ink);
}

export function paragraph(doc: Pdf, text: string, options: { color?: string; size?: number } = {}): void {
  doc
    .font(FONT.regular)
    .fontSize(options.size ?? 9)
    .fillColor(options.color ?? COLORS.ink)
    .text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  doc.fillColor(COLORS.ink);
}
