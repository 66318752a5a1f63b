import type { CriteriaView, LevelView, ReadingView } from '../assessments/criteria.view';
import type { ProgressPoint } from '../onboarding/roadmap.service';
import type { HubFigures } from '../hub/hub-figures.service';
import type { Lang } from '../i18n/i18n';
import type { EvidenceLine } from '../evidence/evidence-package';

/**
 * Everything an agency report shows, gathered once and rendered as PDF, XLSX or CSV. Labels are
 * already in the report's language; renderers only lay the values out.
 */
export interface AgencyReport {
  lang: Lang;
  generatedAt: Date;
  agency: { id: string; code: string; name: string; kind: string; areaCode: string | null };
  period: { year: number; edition: string; stage: string; asOf: string; coverageTarget: number };
  /** Set when the period is final and the agency's results were frozen. */
  frozen: { snapshotHash: string; frozenAt: Date } | null;
  factsHash: string;
  indicators: IndicatorSummary[];
  /** The readings the engine applied where the official text leaves room, with their values. */
  readings: ReadingView[];
  /** Index over the assessed indicators (7 and 18) for each value that has both levels. */
  index: IndexLine[];
  predicates: { range: string; name: string }[];
  units: UnitLine[];
  applications: ApplicationLine[];
  evidence: EvidenceLine[];
  reviews: ReviewLine[];
  gaps: GapLine[];
  hub: HubSeries;
  /** The hub figures of the period's year as GET .../hub/figures gives them (absent in older reports). */
  hubFigures?: HubFigures | null;
  /** The road to the SPLP month by month (absent in reports built before it existed). */
  splpProgress?: ProgressPoint[];
  /** A period on the Pemdi 2026 framework: its index, predicate and levels (src/pemdi's page view). */
  pemdi?: PemdiSection;
}

/** The Indeks Pemdi of an agency as the reports show it; words already in the report's language. */
export interface PemdiSection {
  framework: string;
  frameworkTitle: string;
  index: string | null;
  predicate: string | null;
  complete: boolean;
  missing: string;
  aspects: {
    code: string;
    name: string;
    weight: string;
    index: string | null;
    indicators: {
      code: string;
      name: string;
      weight: string;
      level: string | null;
      from: string | null;
      provisionalSource: string | null;
      external: {
        value: string;
        source: string;
        sourceUrl: string | null;
        sourceDate: string;
        /** The source date in words in the report's language. */
        sourceDateText: string;
      } | null;
    }[];
  }[];
}

export const VALUE_KEYS = ['claimed', 'supported', 'verified', 'validated'] as const;
export type ValueKey = (typeof VALUE_KEYS)[number];

export interface IndicatorValue {
  key: ValueKey;
  level: number | null;
  levelName: string;
  /** level x weight / 100: the points this value adds to the SPBE index. */
  contribution: string | null;
  predicate: string;
}

/** One level with every official column, met or not under each basis (see criteria.view.ts). */
export type CriterionLine = LevelView;

export interface IndicatorSummary {
  number: number;
  name: string;
  weight: string;
  values: IndicatorValue[];
  /** Penjelasan Indikator, Penjelasan Penilaian, Penjelasan Bukti Dukung. */
  explanations: CriteriaView['explanations'];
  criteria: CriterionLine[];
  /** Indicator 18 only. */
  coverage?: { supported: number; verified: number; target: number; unitsInScope: number; usingSpl: number };
}

export interface IndexLine {
  key: ValueKey;
  display: string;
  predicate: string;
}

export interface UnitLine {
  id: string;
  code: string;
  name: string;
  kind: string;
  inScope: boolean;
  outOfScopeReason: string | null;
  levelSupported: number | null;
  levelVerified: number | null;
  coveragePct: number | null;
  applications: number;
  viaSpl: number;
}

export interface ApplicationLine {
  unitCode: string;
  unitName: string;
  name: string;
  exchange: string;
  description: string | null;
}

export interface ReviewLine {
  subject: string;
  date: string;
  units: string;
  findings: string | null;
  followUps: { finding: string; status: string; date: string | null }[];
}

export interface GapLine {
  indicator: number;
  nextLevel: number;
  code: string;
  message: string;
}

/** Hub usage per month of the period's year, from imported hub data (empty when there is none). */
export interface HubSeries {
  months: string[];
  calls: number[];
  errors: number[];
  /** Duration-weighted mean uptime per month, null where no monitor reported. */
  uptime: (number | null)[];
  hasUsage: boolean;
  hasUptime: boolean;
}
