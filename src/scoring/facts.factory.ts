import type { Evidence, Facts, Policy, Review } from './facts.types';
import type { ScoreOutput, SplPolicyResult, SplUseResult } from './scoring.types';

/**
 * Builders of valid facts for tests: `fullFacts(edition)` reaches level 5 on both indicators in
 * that edition, and `edit()` returns a changed deep copy, so no test shares mutable fixtures.
 */
export type Draft<T> = T extends readonly (infer U)[]
  ? Draft<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: Draft<T[K]> }
    : T;
export type EditionKey = 'A' | 'B' | 'C';

export const AS_OF = '2026-10-31';

/** Policy review and replacing-policy dates that satisfy each edition's window and gap. */
const POLICY_DATES: Record<EditionKey, { review: string; replacement: string }> = {
  A: { review: '2026-01-15', replacement: '2026-02-01' },
  B: { review: '2026-01-15', replacement: '2026-02-01' },
  C: { review: '2025-06-01', replacement: '2026-07-01' },
};

export function evidence(id: string, overrides: Partial<Draft<Evidence>> = {}): Draft<Evidence> {
  return { id, indicator: 18, kind: 'api_list', status: 'accepted', date: '2026-03-01', ...overrides };
}

export function policy(id: string, overrides: Partial<Draft<Policy>> = {}): Draft<Policy> {
  return {
    id,
    status: 'enacted',
    date: '2024-01-15',
    units: 'all',
    regulatesSplUse: true,
    regulatesSplpConnection: true,
    replaces: null,
    evidence: [],
    ...overrides,
  };
}

/** Two units in scope (dinkes, bappeda) whose applications all go via the SPL; no evidence. */
export function baseFacts(edition: EditionKey = 'B'): Draft<Facts> {
  return {
    asOf: AS_OF,
    edition,
    units: [
      {
        id: 'dinkes',
        inScope: true,
        applications: [
          { id: 'simpus', viaSpl: true },
          { id: 'sikda', viaSpl: true },
        ],
      },
      { id: 'bappeda', applications: [{ id: 'sipd', viaSpl: true }] },
    ],
    evidence: [],
    policies: [],
    integrations: [],
    reviews: [],
  };
}

/** Level 5 for Indicators 7 and 18 in the given edition, with every item accepted. */
export function fullFacts(edition: EditionKey = 'B'): Facts {
  const dates = POLICY_DATES[edition];
  const facts = baseFacts(edition);
  facts.evidence = [
    evidence('doc', { kind: 'api_list', units: 'all' }),
    evidence('int', { kind: 'sop' }),
    evidence('splp', { kind: 'splp_onboarding' }),
    evidence('rev', { kind: 'review_report', date: '2026-05-10' }),
    evidence('fu', { kind: 'follow_up_report', date: '2026-08-01' }),
    evidence('ba', { kind: 'before_after', date: '2026-08-01' }),
    evidence('pol-old', { indicator: 7, kind: 'policy_enacted', date: '2024-01-15' }),
    evidence('pol-new', { indicator: 7, kind: 'policy_enacted', date: dates.replacement }),
    evidence('pol-rev', { indicator: 7, kind: 'review_report', date: dates.review }),
  ];
  facts.policies = [
    policy('p-old', { evidence: ['pol-old'] }),
    policy('p-new', { date: dates.replacement, replaces: 'p-old', evidence: ['pol-new'] }),
  ];
  facts.integrations = [
    { id: 'i-other', with: 'other_spl', evidence: ['int'] },
    { id: 'i-splp', with: 'splp', evidence: ['splp'] },
  ];
  facts.reviews = [
    {
      id: 'r-spl',
      subject: 'spl',
      date: '2026-05-10',
      units: 'all',
      evidence: ['rev'],
      followUps: [{ id: 'f1', done: true, date: '2026-08-01', evidence: ['fu', 'ba'] }],
    },
    { id: 'r-pol', subject: 'policy', date: dates.review, evidence: ['pol-rev'] },
  ];
  return facts;
}

/** A changed deep copy of `facts`. */
export function edit(facts: Facts, change: (draft: Draft<Facts>) => void): Facts {
  const draft = structuredClone(facts) as Draft<Facts>;
  change(draft);
  return draft;
}

export function findEvidence(facts: Draft<Facts>, id: string): Draft<Evidence> {
  return findById(facts.evidence, id, 'evidence');
}

export function findPolicy(facts: Draft<Facts>, id: string): Draft<Policy> {
  return findById(facts.policies ?? [], id, 'policy');
}

export function findReview(facts: Draft<Facts>, id: string): Draft<Review> {
  return findById(facts.reviews ?? [], id, 'review');
}

function findById<T extends { id: string }>(items: T[], id: string, what: string): T {
  const found = items.find((item) => item.id === id);
  if (!found) throw new Error(`no ${what} "${id}" in the facts`);
  return found;
}

/** The Indicator 18 result of an output (throws if the framework mapped it elsewhere). */
export function splUseOf(output: ScoreOutput): SplUseResult {
  const result = Object.values(output.indicators).find((r) => r.rule === 'spl-use');
  if (!result || result.rule !== 'spl-use') throw new Error('no spl-use result');
  return result;
}

export function splPolicyOf(output: ScoreOutput): SplPolicyResult {
  const result = Object.values(output.indicators).find((r) => r.rule === 'spl-policy');
  if (!result || result.rule !== 'spl-policy') throw new Error('no spl-policy result');
  return result;
}
