import { ProgressPoint } from './roadmap.service';

/** Colours of the series, in order; readable on white and in greyscale print. */
export const SERIES_COLOURS = ['#6b7280', '#2563eb', '#059669', '#d97706', '#7c3aed'];

export interface LineChartModel {
  width: number;
  height: number;
  /** y gridlines at 0, 25, 50, 75, 100 percent. */
  grid: { y: number; label: string }[];
  xLabels: { x: number; label: string }[];
  series: { key: string; colour: string; points: string; last: number }[];
}

const W = 560;
const H = 200;
const PAD = { left: 36, right: 24, top: 8, bottom: 22 };

/** Geometry of a share-over-time line chart (percent per month) for an SVG drawn by the page. */
export function shareChart(
  progress: ProgressPoint[],
  pick: (p: ProgressPoint) => Record<string, number>,
  keys: readonly string[],
): LineChartModel {
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (progress.length > 1 ? (i * plotW) / (progress.length - 1) : plotW / 2);
  const y = (pct: number) => PAD.top + plotH - (pct * plotH) / 100;
  return {
    width: W,
    height: H,
    grid: [0, 25, 50, 75, 100].map((pct) => ({ y: y(pct), label: `${pct}%` })),
    xLabels: progress.map((p, i) => ({ x: x(i), label: p.month.slice(2) })).filter((_, i) => i % 2 === 1),
    series: keys.map((key, k) => ({
      key,
      colour: SERIES_COLOURS[k % SERIES_COLOURS.length],
      points: progress.map((p, i) => `${x(i).toFixed(1)},${y(pick(p)[key] ?? 0).toFixed(1)}`).join(' '),
      last: progress.length ? (pick(progress[progress.length - 1])[key] ?? 0) : 0,
    })),
  };
}
