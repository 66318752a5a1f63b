import type { EvidenceCheck } from '../../framework/framework.schema';
import type { IndicatorEvidence } from '../coverage.index';
import type { Unit } from '../facts.types';
import type { Gap } from '../gaps';
import { codeFor } from '../levels';

/** Where a check is evaluated: one level of one indicator, for the agency or for one unit. */
export interface CheckSite {
  readonly indicator: number;
  readonly level: number;
  /** The indicator's own evidence, indexed for its `evidence` checks. */
  readonly evidence: IndicatorEvidence;
  /** Each `evidence` check's group in `evidence`. */
  readonly groups: ReadonlyMap<EvidenceCheck, number>;
  /** Set for unit checks. */
  readonly unit?: Unit;
  /** For agency checks of an indicator that also scores units: their levels. */
  readonly units?: readonly UnitLevel[];
}

export interface UnitLevel {
  readonly id: string;
  readonly level: number;
}

/** The full gap code of a suffix at this site: `I18_L3_…`, or `I18_UNIT_L3_…` for a unit. */
export function codeAt(site: CheckSite, suffix: string): string {
  return codeFor(site.indicator, site.level, suffix, site.unit ? 'UNIT' : undefined);
}

export type CheckResult = readonly Gap[];
