import { COLORS, FONT, Pdf } from './pdf-document';

/** What every page of a report carries around its content. */
export interface PageFrame {
  /** Top line, e.g. "Ringkasan SPBE · Pemerintah Kabupaten X · 2026". */
  header: string;
  /** Bottom-left line, e.g. the generation time and the facts hash. */
  footer: string;
  /** The draft mark ("DRAF"/"DRAFT") until the results are final; null on a final report. */
  draft: string | null;
  /** "Halaman 3 dari 12" or, for streamed documents, "Halaman 3". */
  pageLabel: (page: number, total: number | null) => string;
}

/**
 * Draws the header and the draft watermark on every new page, under the page's content. Streamed
 * documents (`numberAsYouGo`) also get their footer now, since their pages are flushed as they fill;
 * buffered documents get "page X of Y" footers from {@link finishFrame} once the count is known.
 */
export function attachFrame(doc: Pdf, frame: PageFrame, numberAsYouGo: boolean): void {
  let page = 0;
  doc.on('pageAdded', () => {
    page += 1;
    const { x, y } = doc;
    drawHeader(doc, frame);
    if (frame.draft) drawWatermark(doc, frame.draft);
    if (numberAsYouGo) drawFooter(doc, frame, frame.pageLabel(page, null));
    doc.font(FONT.regular).fontSize(9).fillColor(COLORS.ink);
    doc.x = x;
    doc.y = y;
  });
}

/** Numbers the pages of a buffered document "X of Y"; call once, just before `end()`. */
export function finishFrame(doc: Pdf, frame: PageFrame): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    drawFooter(doc, frame, frame.pageLabel(i - range.start + 1, range.count));
  }
}

/** Writes outside the margins without pdfkit starting a new page for it. */
function outsideMargins(doc: Pdf, draw: () => void): void {
  const margins = { ...doc.page.margins };
  doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
  try {
    draw();
  } finally {
    doc.page.margins = margins;
  }
}

function drawHeader(doc: Pdf, frame: PageFrame): void {
  const { left, right } = doc.page.margins;
  const width = doc.page.width - left - right;
  outsideMargins(doc, () => {
    doc.font(FONT.regular).fontSize(7.5).fillColor(COLORS.muted);
    doc.text(frame.header, left, 28, {
      width: frame.draft ? width - 60 : width,
      lineBreak: false,
      ellipsis: true,
    });
    if (frame.draft) {
      doc.font(FONT.bold).fillColor(COLORS.accent);
      doc.text(frame.draft, left, 28, { width, align: 'right', lineBreak: false });
    }
    doc
      .moveTo(left, 42)
      .lineTo(left + width, 42)
      .lineWidth(0.6)
      .strokeColor(COLORS.brand)
      .stroke();
  });
}

function drawFooter(doc: Pdf, frame: PageFrame, label: string): void {
  const { left, right } = doc.page.margins;
  const width = doc.page.width - left - right;
  const y = doc.page.height - 38;
  outsideMargins(doc, () => {
    doc
      .moveTo(left, y - 6)
      .lineTo(left + width, y - 6)
      .lineWidth(0.4)
      .strokeColor(COLORS.line)
      .stroke();
    doc.font(FONT.regular).fontSize(7).fillColor(COLORS.muted);
    doc.text(frame.footer, left, y, { width: width - 90, lineBreak: false, ellipsis: true });
    doc.text(label, left + width - 90, y, { width: 90, align: 'right', lineBreak: false });
  });
  doc.fillColor(COLORS.ink);
}

function drawWatermark(doc: Pdf, text: string): void {
  const cx = doc.page.width / 2;
  const cy = doc.page.height / 2;
  outsideMargins(doc, () => {
    doc.save();
    doc.rotate(-35, { origin: [cx, cy] });
    doc.font(FONT.bold).fontSize(110).fillColor(COLORS.accent).fillOpacity(0.09);
    doc.text(text, cx - 300, cy - 60, { width: 600, align: 'center', lineBreak: false });
    doc.restore();
  });
}
