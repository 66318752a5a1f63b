import type { EvidenceIndex } from './evidence.index';
import type { Integration, IntegrationTarget } from './facts.types';
import type { IntegrationIssue } from './gaps';

/**
 * An integration counts when one of its evidence items counts and is of a kind accepted for
 * its target (contract 2: INTEGRATION, and for the national SPLP also INTEGRATION_SPLP).
 */
export interface IntegrationIndex {
  /** Ids of counting integrations, by target. */
  readonly counting: ReadonlyMap<IntegrationTarget, readonly string[]>;
  /** Recorded integrations that do not count, for the gap messages. */
  readonly notCounting: readonly IntegrationIssue[];
}

export function indexIntegrations(
  integrations: readonly Integration[],
  kinds: Readonly<Record<IntegrationTarget, ReadonlySet<string>>>,
  evidence: EvidenceIndex,
): IntegrationIndex {
  const counting = new Map<IntegrationTarget, string[]>();
  const notCounting: IntegrationIssue[] = [];
  for (const integration of integrations) {
    if (!evidence.anyCounting(integration.evidence, kinds[integration.with])) {
      notCounting.push({ id: integration.id, with: integration.with, reason: 'no_evidence' });
      continue;
    }
    const ids = counting.get(integration.with) ?? [];
    counting.set(integration.with, [...ids, integration.id]);
  }
  return { counting, notCounting };
}

/** The edition's integration condition: a counting integration with one of its targets. */
export function integrationConditionHolds(
  index: IntegrationIndex,
  targets: readonly IntegrationTarget[],
): boolean {
  return targets.some((target) => index.counting.has(target));
}

/** Why the recorded integrations do not satisfy the condition: wrong target for the edition, or no counting evidence. */
export function integrationIssues(
  index: IntegrationIndex,
  targets: readonly IntegrationTarget[],
): IntegrationIssue[] {
  const otherTargets: IntegrationIssue[] = [];
  for (const [target, ids] of index.counting) {
    if (targets.includes(target)) continue;
    for (const id of ids) otherTargets.push({ id, with: target, reason: 'other_target' });
  }
  return [...otherTargets, ...index.notCounting];
}
