import type { EvidenceCheck } from '../../framework/framework.schema';
import { gap, type Gap } from '../gaps';
import type { ScoringContext } from '../scoring.context';
import { codeAt, type CheckSite } from './check.types';
import { kindList } from './kinds';

/** Counting evidence of the indicator, of the check's kinds, exists (agency) or covers the unit. */
export function evidenceCheck(ctx: ScoringContext, check: EvidenceCheck, site: CheckSite): Gap[] {
  const group = site.groups.get(check);
  if (group === undefined)
    throw new RangeError(`evidence of kinds ${check.kinds.join(', ')} was not indexed`);
  const unitId = site.unit?.id;
  const met = unitId === undefined ? site.evidence.exists(group) : site.evidence.covers(unitId, group);
  if (met) return [];
  const code = codeAt(site, check.gap);
  const common = {
    indicator: site.indicator,
    kinds: kindList(ctx, check.kinds),
    statuses: ctx.statuses,
    asOf: ctx.asOf,
  };
  const notCounting = site.evidence.notCounting(group, unitId);
  if (check.message === 'documentation')
    return [
      gap(code, 'UNIT_NO_DOC', { ...common, ...(unitId === undefined ? {} : { unit: unitId }), notCounting }),
    ];
  return [
    gap(code, 'USE_NO_L1_EVIDENCE', {
      ...common,
      ...(unitId === undefined ? {} : { unit: unitId }),
      notCounting,
    }),
  ];
}
