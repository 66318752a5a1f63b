import type { EditionRules, IntegrationCheck, IntegrationTarget } from '../../framework/framework.schema';
import { gap, type Gap } from '../gaps';
import { integrationConditionHolds, integrationIssues } from '../integrations.index';
import type { ScoringContext } from '../scoring.context';
import { codeAt, type CheckSite } from './check.types';

/**
 * A counting integration with one of the targets (`require: any`, the default), or with each of
 * them (`each`: one gap per missing target, `{TARGET}` in the code naming it). The same for the
 * agency and for a unit: an integration belongs to the agency's SPL.
 */
export function integrationCheck(ctx: ScoringContext, check: IntegrationCheck, site: CheckSite): Gap[] {
  const targets = targetsOf(ctx.rules, check.with);
  if (check.require === 'each') {
    return targets
      .filter((target) => !ctx.integrations.counting.has(target))
      .map((target) =>
        gap(
          codeAt(site, check.gap.replace('{TARGET}', target.toUpperCase())),
          'REQUIRED_INTEGRATION_MISSING',
          {
            target,
            kinds: integrationKindList(ctx, [target]),
            statuses: ctx.statuses,
          },
        ),
      );
  }
  if (integrationConditionHolds(ctx.integrations, targets)) return [];
  const params = {
    targets,
    kinds: integrationKindList(ctx, targets),
    statuses: ctx.statuses,
    integrations: integrationIssues(ctx.integrations, targets),
  };
  return [gap(codeAt(site, check.gap), 'INTEGRATION_MISSING', params)];
}

function targetsOf(rules: EditionRules, value: IntegrationCheck['with']): readonly IntegrationTarget[] {
  return Array.isArray(value) ? value : rules[value.rule];
}

/** The kinds that make an integration with one of the targets count (splp_onboarding only for the SPLP). */
function integrationKindList(ctx: ScoringContext, targets: readonly string[]): string[] {
  const extra = targets.includes('splp') ? ctx.kindLists.INTEGRATION_SPLP : [];
  return [...ctx.kindLists.INTEGRATION, ...extra];
}
