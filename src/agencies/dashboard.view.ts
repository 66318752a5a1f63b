import { engineTextForPeople } from './engine-words';
import { Lang } from '../i18n/i18n';
import type { ScoreOutput } from '../scoring/scoring.types';

/** Turns stored results into what the dashboard draws: unit rows, level bars and top gaps. */
export interface UnitRow {
  id: string;
  name: string;
  code: string;
  level: number;
  coveragePct: number;
  applications: number;
  viaSpl: number;
}

interface UnitOut {
  id: string;
  level: number;
  coverage: number;
  applications?: number;
  applicationsViaSpl?: number;
}

export function unitRows(output: ScoreOutput, names: Map<string, { name: string; code: string }>): UnitRow[] {
  const units = ((output.indicators['18'] as unknown as { units?: UnitOut[] }).units ?? []).map((u) => ({
    id: u.id,
    name: names.get(u.id)?.name ?? u.id,
    code: names.get(u.id)?.code ?? '',
    level: u.level,
    coveragePct: Math.round(u.coverage * 100),
    applications: u.applications ?? 0,
    viaSpl: u.applicationsViaSpl ?? 0,
  }));
  return units.sort((a, b) => a.level - b.level || a.name.localeCompare(b.name));
}

/** Bars of how many units sit at each level, as SVG geometry (no inline styles: the CSP forbids them). */
export function levelBars(rows: UnitRow[]) {
  const counts = [0, 1, 2, 3, 4, 5].map((level) => rows.filter((r) => r.level === level).length);
  const max = Math.max(1, ...counts);
  return counts.map((count, level) => ({
    level,
    count,
    x: 10 + level * 60,
    height: Math.round((count / max) * 120),
    y: 140 - Math.round((count / max) * 120),
  }));
}

export interface Gap {
  indicator: string;
  nextLevel: number;
  code: string;
  message: string;
}

export function topGaps(output: ScoreOutput): Gap[] {
  const gaps: Gap[] = [];
  for (const [indicator, result] of Object.entries(output.indicators)) {
    for (const item of result.next?.missing ?? []) {
      gaps.push({ indicator, nextLevel: result.next!.level, code: item.code, message: item.message });
    }
  }
  return gaps;
}

/**
 * Replaces ids in engine messages with the records' names, for people; with a language, codes
 * become words of the catalogue too (see engineTextForPeople).
 */
export function nameUnits(text: string, names: Map<string, { name: string }>, lang?: Lang): string {
  if (lang) return engineTextForPeople(text, lang, names);
  return text.replace(
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
    (id) => names.get(id)?.name ?? id,
  );
}
