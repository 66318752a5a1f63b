import type { Framework } from '../framework/framework.schema';
import { formatter } from './messages.format';
import type { IndicatorResult, Lang, NextStep, ScoreOutput, SplUseResult } from './scoring.types';

const LABELS = {
  id: {
    title: 'Penilaian SPBE: indikator kebijakan dan penggunaan Sistem Penghubung Layanan',
    header: (o: ScoreOutput) =>
      `Per ${o.asOf} · edisi ${o.edition} · basis ${o.basis} · kerangka ${o.frameworkId} (${o.frameworkVersion}) · mesin ${o.engineVersion}`,
    window: (o: ScoreOutput) =>
      `Reviu terhitung bila bertanggal setelah ${o.reviewWindow.after} dan paling lambat ${o.reviewWindow.onOrBefore} (${o.reviewWindow.months} bulan).`,
    indicator: 'Indikator',
    level: 'Level',
    criteria: 'Kriteria per level (dinilai sendiri-sendiri):',
    criterionOf: (level: number) => `Kriteria level ${level}:`,
    missing: (level: number) => `Yang kurang untuk level ${level}:`,
    top: 'Level tertinggi telah tercapai.',
    coverage: (r: SplUseResult, pct: (v: number) => string) =>
      `Cakupan: ${pct(r.coverage)} (${r.unitsUsingSpl} dari ${r.unitsInScope} unit kerja dalam lingkup pada level unit 2 atau lebih; target ${pct(r.coverageTarget)})`,
    unitsTitle: 'Unit kerja:',
    unitColumns: ['Unit', 'Level', 'Aplikasi via SPL', 'Yang kurang untuk level berikutnya'],
    unitDetails: 'Rincian per unit kerja:',
    warnings: 'Peringatan:',
    readings: 'Tafsiran yang digunakan (kriteria resmi memberi ruang):',
  },
  en: {
    title: 'SPBE assessment: service hub policy and use indicators',
    header: (o: ScoreOutput) =>
      `As of ${o.asOf} · edition ${o.edition} · basis ${o.basis} · framework ${o.frameworkId} (${o.frameworkVersion}) · engine ${o.engineVersion}`,
    window: (o: ScoreOutput) =>
      `Reviews count when dated after ${o.reviewWindow.after} and on or before ${o.reviewWindow.onOrBefore} (${o.reviewWindow.months} months).`,
    indicator: 'Indicator',
    level: 'Level',
    criteria: 'Criteria per level (each judged on its own):',
    criterionOf: (level: number) => `Criterion of level ${level}:`,
    missing: (level: number) => `Missing for level ${level}:`,
    top: 'The highest level is reached.',
    coverage: (r: SplUseResult, pct: (v: number) => string) =>
      `Coverage: ${pct(r.coverage)} (${r.unitsUsingSpl} of ${r.unitsInScope} units in scope at unit level 2 or more; target ${pct(r.coverageTarget)})`,
    unitsTitle: 'Units:',
    unitColumns: ['Unit', 'Level', 'Applications via SPL', 'Missing for the next level'],
    unitDetails: 'Per-unit details:',
    warnings: 'Warnings:',
    readings: 'Readings applied (where the official criteria leave room):',
  },
} as const;

type Labels = (typeof LABELS)[Lang];

/** A readable, multi-line explanation of a score output, in the output's language. */
export function explain(output: ScoreOutput, framework: Framework): string {
  const labels: Labels = LABELS[output.lang];
  const lines = [labels.title, labels.header(output), labels.window(output), ''];
  for (const result of Object.values(output.indicators)) {
    lines.push(...indicatorLines(result, output, framework, labels), '');
  }
  lines.push(labels.readings, ...output.readings.map((r) => `  - ${r.text}`), '');
  if (output.warnings?.length) {
    lines.push(labels.warnings, ...output.warnings.map((w) => `  - ${w.path}: ${w.message}`), '');
  }
  return lines.join('\n');
}

function indicatorLines(
  result: IndicatorResult,
  output: ScoreOutput,
  framework: Framework,
  labels: Labels,
): string[] {
  const pct = formatter(output.lang).percent;
  const lines = [`${labels.indicator} ${result.indicator}: ${result.name}`];
  lines.push(`  ${labels.level}: ${result.level}${result.levelName ? ` (${result.levelName})` : ''}`);
  if (result.rule === 'spl-use') lines.push(`  ${labels.coverage(result, pct)}`);
  lines.push(`  ${labels.criteria}`);
  for (const c of result.criteria)
    lines.push(`    [${c.met ? 'x' : ' '}] ${c.level} ${c.name}${c.met ? '' : `: ${c.codes.join(', ')}`}`);
  lines.push(...nextLines(result, output, framework, labels));
  if (result.rule === 'spl-use') lines.push(...unitLines(result, output.lang, labels));
  return lines;
}

function nextLines(
  result: IndicatorResult,
  output: ScoreOutput,
  framework: Framework,
  labels: Labels,
): string[] {
  if (!result.next) return [`  ${labels.top}`];
  const key = result.rule === 'spl-use' ? 'splUse' : 'splPolicy';
  const criterion = framework.assessment[key].criteria[output.edition]?.[result.next.level - 1];
  const lines = criterion
    ? [`  ${labels.criterionOf(result.next.level)} ${criterion.text[output.lang]}`]
    : [];
  return [...lines, `  ${labels.missing(result.next.level)}`, ...missingLines(result.next, '    ')];
}

function missingLines(next: NextStep, indent: string): string[] {
  return next.missing.map((item) => `${indent}- ${item.code}: ${item.message}`);
}

function unitLines(result: SplUseResult, lang: Lang, labels: Labels): string[] {
  if (result.units.length === 0) return [];
  const pct = formatter(lang).percent;
  const rows = result.units.map((u) => [
    u.id,
    String(u.level),
    `${u.applicationsViaSpl}/${u.applications} (${pct(u.coverage)})`,
    u.next ? u.next.missing.map((m) => m.code).join(', ') : '-',
  ]);
  const lines = [`  ${labels.unitsTitle}`, ...table([[...labels.unitColumns], ...rows], '    ')];
  const details = result.units.filter((u) => u.next);
  if (details.length) {
    lines.push(`  ${labels.unitDetails}`);
    for (const unit of details) {
      const next = unit.next as NextStep;
      lines.push(`    ${unit.id} -> ${labels.level} ${next.level}:`, ...missingLines(next, '      '));
    }
  }
  return lines;
}

/** Left-aligned columns padded to the widest cell; the last column is not padded. */
function table(rows: readonly string[][], indent: string): string[] {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => row[col].length)));
  return rows.map(
    (row) =>
      indent + row.map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col]))).join('  '),
  );
}
