import { COLORS, FONT, Pdf, contentBottom, contentWidth } from './pdf-document';

export interface Column<R> {
  header: string;
  /** Relative width; columns share the page width in proportion. */
  width: number;
  value: (row: R) => string;
  align?: 'left' | 'right' | 'center';
  bold?: boolean;
  /** Smaller text, e.g. for hashes. */
  size?: number;
  color?: (row: R) => string | undefined;
}

export interface TableOptions {
  fontSize?: number;
  /** Shown as a single row when the table has no rows. */
  emptyText?: string;
  /** False for key-value blocks that need no header row. */
  showHeader?: boolean;
}

const PAD = 3;
/** A cell never holds more than this; a row must fit on one page. */
const MAX_CELL_CHARS = 1500;

/**
 * Writes a table row by row, breaking across pages with the header repeated on each page. Rows
 * can be added as they are read (the roll-up streams hundreds of agencies through one table).
 */
export class TableWriter<R> {
  private readonly widths: number[];
  private readonly x: number;
  private readonly fontSize: number;
  private rows = 0;
  private header: number | undefined;

  constructor(
    private readonly doc: Pdf,
    private readonly columns: Column<R>[],
    private readonly options: TableOptions = {},
  ) {
    const total = columns.reduce((sum, c) => sum + c.width, 0);
    this.widths = columns.map((c) => (c.width / total) * contentWidth(doc));
    this.x = doc.page.margins.left;
    this.fontSize = options.fontSize ?? 8;
  }

  /** Starts the table, on a new page when the header and a first row would not fit. */
  start(): this {
    if (this.doc.y + this.headerHeight() + 3 * this.fontSize > contentBottom(this.doc)) this.doc.addPage();
    this.drawHeader();
    return this;
  }

  row(row: R): void {
    const texts = this.columns.map((c) => clip(c.value(row)));
    const height = Math.min(this.rowHeight(texts), this.maxRowHeight());
    if (this.doc.y + height > contentBottom(this.doc)) {
      this.doc.addPage();
      this.drawHeader();
    }
    const y = this.doc.y;
    if (this.rows % 2 === 1) {
      this.doc.rect(this.x, y, this.tableWidth(), height).fill(COLORS.zebra);
    }
    let x = this.x;
    this.columns.forEach((c, i) => {
      this.doc
        .font(c.bold ? FONT.bold : FONT.regular)
        .fontSize(c.size ?? this.fontSize)
        .fillColor(c.color?.(row) ?? COLORS.ink)
        .text(texts[i], x + PAD, y + PAD, {
          width: this.widths[i] - 2 * PAD,
          height: height - 2 * PAD + 1,
          align: c.align ?? 'left',
          ellipsis: true,
        });
      x += this.widths[i];
    });
    this.doc
      .moveTo(this.x, y + height)
      .lineTo(this.x + this.tableWidth(), y + height)
      .lineWidth(0.3)
      .strokeColor(COLORS.line)
      .stroke();
    this.rows += 1;
    this.doc.x = this.x;
    this.doc.y = y + height;
  }

  /** Ends the table (with the empty text when no row was written) and leaves a little space. */
  end(): void {
    if (this.rows === 0 && this.options.emptyText) {
      this.doc
        .font(FONT.regular)
        .fontSize(this.fontSize)
        .fillColor(COLORS.muted)
        .text(this.options.emptyText, this.x + PAD, this.doc.y + PAD, { width: this.tableWidth() });
    }
    this.doc.fillColor(COLORS.ink).font(FONT.regular).fontSize(9);
    this.doc.x = this.x;
    this.doc.moveDown(0.6);
  }

  private drawHeader(): void {
    if (this.options.showHeader === false) return;
    const texts = this.columns.map((c) => c.header);
    this.doc.font(FONT.bold).fontSize(this.fontSize);
    const height = this.headerHeight();
    const y = this.doc.y;
    this.doc.rect(this.x, y, this.tableWidth(), height).fill(COLORS.brand);
    let x = this.x;
    this.columns.forEach((c, i) => {
      this.doc
        .font(FONT.bold)
        .fontSize(this.fontSize)
        .fillColor('#ffffff')
        .text(texts[i], x + PAD, y + PAD, { width: this.widths[i] - 2 * PAD, align: c.align ?? 'left' });
      x += this.widths[i];
    });
    this.doc.fillColor(COLORS.ink);
    this.doc.x = this.x;
    this.doc.y = y + height;
  }

  private headerHeight(): number {
    if (this.options.showHeader === false) return 0;
    if (this.header === undefined) {
      this.doc.font(FONT.bold).fontSize(this.fontSize);
      const heights = this.columns.map((c, i) =>
        this.doc.heightOfString(c.header, { width: this.widths[i] - 2 * PAD }),
      );
      this.header = Math.max(...heights) + 2 * PAD;
    }
    return this.header;
  }

  private rowHeight(texts: string[]): number {
    let max = 0;
    this.columns.forEach((c, i) => {
      this.doc.font(c.bold ? FONT.bold : FONT.regular).fontSize(c.size ?? this.fontSize);
      const h = texts[i] ? this.doc.heightOfString(texts[i], { width: this.widths[i] - 2 * PAD }) : 0;
      max = Math.max(max, h);
    });
    return Math.max(max, this.fontSize * 1.2) + 2 * PAD;
  }

  private maxRowHeight(): number {
    return contentBottom(this.doc) - this.doc.page.margins.top - this.headerHeight() - 2;
  }

  private tableWidth(): number {
    return this.widths.reduce((a, b) => a + b, 0);
  }
}

/** Writes a whole table from rows already in memory. */
export function drawTable<R>(
  doc: Pdf,
  columns: Column<R>[],
  rows: Iterable<R>,
  options: TableOptions = {},
): void {
  const table = new TableWriter(doc, columns, options).start();
  for (const row of rows) table.row(row);
  table.end();
}

function clip(text: string): string {
  return text.length > MAX_CELL_CHARS ? `${text.slice(0, MAX_CELL_CHARS - 1)}…` : text;
}
