import type { Framework } from '../framework/framework.schema';
import type { Reading } from './readings';

/** `supported` (submitted or accepted evidence) or `verified` (accepted only); the statuses are framework data. */
export type Basis = 'supported' | 'verified';
export type Lang = 'id' | 'en';

export const BASES: readonly Basis[] = ['supported', 'verified'];
export const LANGS: readonly Lang[] = ['id', 'en'];

export interface ScoreOptions {
  readonly basis: Basis;
  /** Language of messages and names; default Indonesian. */
  readonly lang?: Lang;
  /** Default: the SPBE 2020 framework loaded from its definition file. */
  readonly framework?: Framework;
}

export interface MissingItem {
  readonly code: string;
  readonly message: string;
  readonly units?: readonly string[];
}

export interface NextStep {
  readonly level: number;
  readonly missing: readonly MissingItem[];
}

/** One level judged on its own, with what it lacks (empty when met). */
export interface LevelPlan {
  readonly level: number;
  readonly met: boolean;
  readonly missing: readonly MissingItem[];
}

/** Each level of the indicators and of the units in scope, judged on its own (see `levelPlans`). */
export interface LevelPlans {
  readonly indicators: Readonly<Record<string, readonly LevelPlan[]>>;
  readonly units: readonly {
    readonly id: string;
    readonly level: number;
    readonly levels: readonly LevelPlan[];
  }[];
}

/** One level's own conditions, judged on their own: `met` does not include the lower levels. */
export interface CriterionResult {
  readonly level: number;
  readonly name: string;
  readonly met: boolean;
  readonly codes: readonly string[];
}

export interface UnitResult {
  readonly id: string;
  readonly level: number;
  readonly coverage: number;
  readonly applications: number;
  readonly applicationsViaSpl: number;
  readonly next?: NextStep;
}

interface IndicatorResultBase {
  readonly indicator: number;
  readonly name: string;
  readonly level: number;
  readonly levelName: string | null;
  readonly criteria: readonly CriterionResult[];
  readonly next?: NextStep;
}

export interface SplPolicyResult extends IndicatorResultBase {
  readonly rule: 'spl-policy';
  /** Policies that qualify (regulate SPL use, dated by asOf, with counting evidence). */
  readonly qualifyingPolicies: readonly string[];
}

export interface SplUseResult extends IndicatorResultBase {
  readonly rule: 'spl-use';
  /** Units in scope at unit level 2 or more, divided by units in scope (0 when none). */
  readonly coverage: number;
  readonly coverageTarget: number;
  readonly unitsInScope: number;
  /** Units in scope at unit level 2 or more: the numerator of `coverage`. */
  readonly unitsUsingSpl: number;
  readonly units: readonly UnitResult[];
}

export type IndicatorResult = SplPolicyResult | SplUseResult;

export interface ScoreWarning {
  readonly code: string;
  readonly path: string;
  readonly message: string;
}

export interface ScoreOutput {
  /** The version of the scoring contract implemented (2). */
  readonly contract: number;
  readonly basis: Basis;
  readonly asOf: string;
  readonly edition: string;
  readonly lang: Lang;
  readonly engineVersion: string;
  readonly frameworkId: string;
  readonly frameworkVersion: string;
  /** The target actually applied: the input's for editions that use it, otherwise 1. */
  readonly coverageTarget: number;
  /** Reviews count when dated strictly after `after` and on or before `onOrBefore`. */
  readonly reviewWindow: { readonly months: number; readonly after: string; readonly onOrBefore: string };
  /** The readings applied where the official text leaves room, with their values. */
  readonly readings: readonly Reading[];
  readonly indicators: Readonly<Record<string, IndicatorResult>>;
  readonly warnings?: readonly ScoreWarning[];
}
