import { COLORS, FONT, Pdf } from '../documents/pdf-document';

/** Charts drawn with PDF vector primitives (rectangles, lines, text): sharp at any zoom, tiny. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Series {
  name: string;
  color: string;
  values: (number | null)[];
}

export interface ChartData {
  title: string;
  labels: string[];
  series: Series[];
  /** Axis and value labels. */
  format: (value: number) => string;
  /** Fixed axis range, e.g. 0..100 for percentages; otherwise 0..a round maximum. */
  min?: number;
  max?: number;
  /** Shown instead of the plot when there is nothing to draw. */
  emptyText?: string;
  /** Value labels above bars (for short series). */
  showValues?: boolean;
  /** Counts: ticks at whole numbers only. */
  integer?: boolean;
}

const AXIS_WIDTH = 40;
const TITLE_HEIGHT = 16;
const LABEL_HEIGHT = 12;

/** Up to five round tick values from `min` to at least `max` (1, 2, 2.5 or 5 times a power of ten). */
export function niceTicks(min: number, max: number, integer = false): number[] {
  const span = Math.max(max - min, 1e-9);
  const raw = span / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const nice = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const step = integer ? Math.max(1, Math.ceil(nice)) : nice;
  const start = Math.floor(min / step) * step;
  const ticks: number[] = [];
  for (let v = start; v < max + step - 1e-9; v += step) ticks.push(Number(v.toFixed(10)));
  return ticks;
}

interface Plot {
  left: number;
  top: number;
  width: number;
  height: number;
  min: number;
  max: number;
}

function frame(doc: Pdf, box: Box, data: ChartData): Plot | null {
  doc.font(FONT.bold).fontSize(8.5).fillColor(COLORS.ink);
  const titleWidth = data.series.length > 1 ? box.width * 0.55 : box.width;
  doc.text(data.title, box.x, box.y, { width: titleWidth, height: 11, lineBreak: false, ellipsis: true });
  legend(doc, box, data.series);
  const values = data.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  if (values.length === 0 || values.every((v) => v === 0 && data.max === undefined)) {
    doc.font(FONT.regular).fontSize(8).fillColor(COLORS.muted);
    doc.text(data.emptyText ?? '–', box.x, box.y + box.height / 2, { width: box.width, align: 'center' });
    doc
      .rect(box.x, box.y + TITLE_HEIGHT, box.width, box.height - TITLE_HEIGHT)
      .lineWidth(0.4)
      .strokeColor(COLORS.line)
      .stroke();
    return null;
  }
  const ticks = niceTicks(data.min ?? 0, data.max ?? Math.max(...values), data.integer);
  const plot: Plot = {
    left: box.x + AXIS_WIDTH,
    top: box.y + TITLE_HEIGHT + 4,
    width: box.width - AXIS_WIDTH - 4,
    height: box.height - TITLE_HEIGHT - 4 - LABEL_HEIGHT,
    min: data.min ?? ticks[0],
    max: data.max ?? ticks[ticks.length - 1],
  };
  doc.font(FONT.regular).fontSize(6.5);
  for (const tick of ticks.filter((t) => t >= plot.min && t <= plot.max)) {
    const y = yOf(plot, tick);
    doc
      .moveTo(plot.left, y)
      .lineTo(plot.left + plot.width, y)
      .lineWidth(0.3)
      .strokeColor(COLORS.line)
      .stroke();
    doc
      .fillColor(COLORS.muted)
      .text(data.format(tick), box.x, y - 3.5, { width: AXIS_WIDTH - 4, align: 'right', lineBreak: false });
  }
  const slot = plot.width / data.labels.length;
  data.labels.forEach((label, i) => {
    doc.fillColor(COLORS.muted).text(label, plot.left + i * slot, plot.top + plot.height + 3, {
      width: slot,
      align: 'center',
      lineBreak: false,
    });
  });
  doc
    .moveTo(plot.left, plot.top + plot.height)
    .lineTo(plot.left + plot.width, plot.top + plot.height)
    .lineWidth(0.6)
    .strokeColor(COLORS.muted)
    .stroke();
  return plot;
}

function legend(doc: Pdf, box: Box, series: Series[]): void {
  if (series.length < 2) return;
  doc.font(FONT.regular).fontSize(7);
  let x = box.x + box.width;
  for (const s of [...series].reverse()) {
    const w = doc.widthOfString(s.name);
    x -= w + 16;
    doc.rect(x, box.y + 1.5, 8, 6).fill(s.color);
    doc.fillColor(COLORS.muted).text(s.name, x + 10, box.y, { lineBreak: false });
  }
}

function yOf(plot: Plot, value: number): number {
  const ratio = (Math.min(Math.max(value, plot.min), plot.max) - plot.min) / (plot.max - plot.min || 1);
  return plot.top + plot.height - ratio * plot.height;
}

/** Grouped vertical bars: one group per label, one bar per series. */
export function barChart(doc: Pdf, box: Box, data: ChartData): void {
  const plot = frame(doc, box, data);
  if (plot) {
    const slot = plot.width / data.labels.length;
    const barWidth = Math.min(28, (slot * 0.7) / data.series.length);
    data.labels.forEach((_label, i) => {
      const groupLeft = plot.left + i * slot + (slot - barWidth * data.series.length) / 2;
      data.series.forEach((s, j) => {
        const value = s.values[i];
        if (value === null || value === undefined) return;
        const top = yOf(plot, value);
        const x = groupLeft + j * barWidth;
        const height = plot.top + plot.height - top;
        if (height > 0) doc.rect(x + 0.5, top, barWidth - 1, height).fill(s.color);
        if (data.showValues) {
          doc.font(FONT.regular).fontSize(6.5).fillColor(COLORS.ink);
          doc.text(data.format(value), x - 6, top - 9, {
            width: barWidth + 12,
            align: 'center',
            lineBreak: false,
          });
        }
      });
    });
  }
  done(doc, box);
}

/** Lines through the points of each series; gaps (null) break the line. */
export function lineChart(doc: Pdf, box: Box, data: ChartData): void {
  const plot = frame(doc, box, data);
  if (plot) {
    const slot = plot.width / data.labels.length;
    for (const s of data.series) {
      let drawing = false;
      s.values.forEach((value, i) => {
        if (value === null) {
          drawing = false;
          return;
        }
        const x = plot.left + i * slot + slot / 2;
        const y = yOf(plot, value);
        if (drawing) doc.lineTo(x, y);
        else doc.moveTo(x, y);
        drawing = true;
      });
      doc.lineWidth(1.4).strokeColor(s.color).stroke();
      s.values.forEach((value, i) => {
        if (value === null) return;
        doc.circle(plot.left + i * slot + slot / 2, yOf(plot, value), 1.8).fill(s.color);
      });
    }
  }
  done(doc, box);
}

/** A horizontal bar of a ratio (0..1) with an optional target mark, labelled at its right. */
export function ratioBar(
  doc: Pdf,
  box: Box,
  bar: { label: string; ratio: number; target?: number; text: string; color?: string },
): void {
  const labelWidth = 90;
  const textWidth = 70;
  const left = box.x + labelWidth;
  const width = box.width - labelWidth - textWidth;
  doc.font(FONT.regular).fontSize(8).fillColor(COLORS.ink);
  doc.text(bar.label, box.x, box.y + 1, { width: labelWidth - 6, lineBreak: false, ellipsis: true });
  doc.rect(left, box.y, width, box.height).fill('#e6ecf3');
  const ratio = Math.min(Math.max(bar.ratio, 0), 1);
  if (ratio > 0) doc.rect(left, box.y, width * ratio, box.height).fill(bar.color ?? COLORS.brand);
  if (bar.target !== undefined) {
    const x = left + width * Math.min(Math.max(bar.target, 0), 1);
    doc
      .moveTo(x, box.y - 2)
      .lineTo(x, box.y + box.height + 2)
      .lineWidth(1.2)
      .strokeColor(COLORS.accent)
      .stroke();
  }
  doc
    .fillColor(COLORS.ink)
    .text(bar.text, left + width + 6, box.y + 1, { width: textWidth - 6, lineBreak: false });
  done(doc, box);
}

function done(doc: Pdf, box: Box): void {
  doc.font(FONT.regular).fontSize(9).fillColor(COLORS.ink);
  doc.x = doc.page.margins.left;
  doc.y = box.y + box.height;
}
