import fc from 'fast-check';
import { loadFramework } from '../framework/framework.loader';
import { scoreWithFramework } from './engine';
import { parseFacts } from './facts.parser';
import type { Evidence, Facts, FollowUp, Integration, Policy, Review, Unit, UnitRefs } from './facts.types';
import { edit, fullFacts, splPolicyOf, splUseOf, type Draft, type EditionKey } from './facts.factory';
import type { Basis, ScoreOutput } from './scoring.types';

const framework = loadFramework();
const BASES: Basis[] = ['supported', 'verified'];

// ---- Generator of valid facts -------------------------------------------------------------

/** Kinds of the unlinked evidence, weighted towards the documentation Indicator 18 looks for. */
const KINDS = [
  'api_list',
  'api_list',
  'sop',
  'operating_documentation',
  'usage_report',
  'architecture_diagram',
  'sla',
  'meeting_minutes',
  'meeting_invitation',
  'integration_screenshot',
  'splp_onboarding',
  'review_report',
  'follow_up_report',
  'policy_enacted',
  'other',
  'activity_documentation',
  'before_after',
  'comparative_analysis',
] as const;
const STATUSES = [
  'accepted',
  'accepted',
  'accepted',
  'accepted',
  'submitted',
  'submitted',
  'draft',
  'needs_revision',
  'rejected',
] as const;
const AS_OFS = ['2026-10-31', '2024-02-29', '2025-02-28', '2024-03-31'];

function shiftDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const range = (n: number, prefix: string): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** Random facts, half built from scratch and half a few changes away from level 5. */
function factsArbitrary(): fc.Arbitrary<Facts> {
  return fc.oneof(randomFactsArbitrary(), nearFullArbitrary());
}

interface Change {
  readonly what: string;
  readonly pick: number;
  readonly days: number;
  readonly flag: number;
}

const REFS: UnitRefs[] = ['all', ['dinkes'], ['bappeda'], []];

/** Picks an item by the change's index; full facts always have evidence, units, reviews and policies. */
function pick<T>(items: readonly T[] | undefined, c: Change): T {
  const list = items ?? [];
  return list[c.pick % list.length];
}

/** Small edits of full facts, each touching one fact the rules read. */
const MUTATIONS: Record<string, (d: Draft<Facts>, c: Change) => void> = {
  evidenceStatus: (d, c) => (pick(d.evidence, c).status = STATUSES[c.flag % STATUSES.length]),
  evidenceDate: (d, c) => (pick(d.evidence, c).date = shiftDays(d.asOf, c.days)),
  evidenceKind: (d, c) => (pick(d.evidence, c).kind = KINDS[c.flag % KINDS.length]),
  evidenceUnits: (d, c) =>
    (pick(d.evidence, c).units = c.flag === 0 ? undefined : (REFS[c.flag % 4] as Draft<UnitRefs>)),
  evidenceIndicator: (d, c) =>
    (pick(d.evidence, c).indicator = pick(d.evidence, c).indicator === 18 ? 7 : 18),
  unitScope: (d, c) => (pick(d.units, c).inScope = pick(d.units, c).inScope === false),
  unitApps: (d, c) => {
    const unit = pick(d.units, c);
    unit.applications = (unit.applications ?? [])
      .map((a, i) => ({ ...a, viaSpl: i !== c.flag % 3 }))
      .slice(0, c.flag % 4);
  },
  reviewDate: (d, c) => (pick(d.reviews, c).date = shiftDays(d.asOf, c.days)),
  reviewUnits: (d, c) => (pick(d.reviews, c).units = REFS[c.flag % 4] as Draft<UnitRefs>),
  reviewSubject: (d, c) =>
    (pick(d.reviews, c).subject = pick(d.reviews, c).subject === 'spl' ? 'policy' : 'spl'),
  followUp: (d, c) => {
    for (const f of pick(d.reviews, c).followUps ?? [])
      [f.done, f.date] = [c.flag % 3 !== 0, shiftDays(d.asOf, c.days)];
  },
  policyDate: (d, c) => (pick(d.policies, c).date = shiftDays(d.asOf, c.days)),
  policyFlags: (d, c) => {
    const policy = pick(d.policies, c);
    [policy.regulatesSplUse, policy.regulatesSplpConnection] = [c.flag !== 1, c.flag !== 2];
    if (c.flag === 3) policy.replaces = null;
  },
  policyUnits: (d, c) => (pick(d.policies, c).units = c.flag % 2 ? ['dinkes'] : 'all'),
  dropIntegration: (d, c) => (d.integrations = (d.integrations ?? []).filter((_, i) => i !== c.pick % 2)),
  coverageTarget: (d, c) => (d.coverageTarget = [0.5, 0.75, 1][c.flag % 3]),
  reviewWindow: (d, c) => (d.reviewWindowMonths = [1, 3, 6, 12, 18, 24, 36, 60][c.flag % 8]),
  dropImprovement: (d, c) => {
    for (const f of pick(d.reviews, c).followUps ?? []) f.evidence = f.evidence.filter((id) => id !== 'ba');
  },
  splpEvidence: (d, c) => {
    const integration = (d.integrations ?? [])[c.pick % 2];
    if (integration) integration.with = integration.with === 'splp' ? 'other_spl' : 'splp';
  },
};

/** fullFacts of an edition with up to five random changes: explores the edges of levels 3 to 5. */
function nearFullArbitrary(): fc.Arbitrary<Facts> {
  const change = fc.record({
    what: fc.constantFrom(...Object.keys(MUTATIONS)),
    pick: fc.nat(50),
    days: fc.integer({ min: -800, max: 20 }),
    flag: fc.nat(7),
  });
  return fc
    .record({
      edition: fc.constantFrom<EditionKey>('A', 'B', 'C'),
      changes: fc.array(change, { maxLength: 5 }),
    })
    .map(({ edition, changes }) =>
      edit(fullFacts(edition), (d) => changes.forEach((c) => MUTATIONS[c.what](d, c))),
    );
}

/** Random facts whose linked evidence is often, but not always, of the kind the rules want. */
function randomFactsArbitrary(): fc.Arbitrary<Facts> {
  return skeletonArbitrary().chain((facts) => {
    const lists = evidenceLists(facts);
    const date = dateArbitrary(facts.asOf);
    const linked = lists.map(({ pool }) =>
      fc.array(linkedEvidence(pool, date), { minLength: 1, maxLength: 2 }),
    );
    return fc.tuple(...linked).map((perList) => {
      const draft = structuredClone(facts);
      const targets = evidenceLists(draft);
      perList.forEach((items, i) =>
        items.forEach((item, j) => {
          const id = `${targets[i].owner}-x${j}`;
          draft.evidence.push({ ...item, id });
          targets[i].list.push(id);
        }),
      );
      return draft as Facts;
    });
  });
}

function dateArbitrary(asOf: string): fc.Arbitrary<string> {
  // Dates cluster inside the review windows, with some before them and a few after asOf.
  const days = fc.oneof(fc.integer({ min: -400, max: 0 }), fc.integer({ min: -800, max: 20 }));
  return days.map((d) => shiftDays(asOf, d));
}

function linkedEvidence(
  pool: readonly string[],
  date: fc.Arbitrary<string>,
): fc.Arbitrary<Draft<Omit<Evidence, 'id'>>> {
  return fc.record({
    indicator: fc.constantFrom(18, 7),
    kind: fc.constantFrom(...pool, 'other'),
    status: fc.constantFrom(...STATUSES),
    date,
  });
}

function skeletonArbitrary(): fc.Arbitrary<Draft<Facts>> {
  const shape = fc.record({
    asOf: fc.constantFrom(...AS_OFS),
    edition: fc.constantFrom('A', 'B', 'C'),
    coverageTarget: fc.option(fc.constantFrom(0.25, 0.5, 0.75, 1), { nil: undefined }),
    reviewWindowMonths: fc.option(fc.constantFrom(1, 6, 12, 13, 24, 25, 60), { nil: undefined }),
    units: fc.integer({ min: 0, max: 4 }),
    evidence: fc.integer({ min: 0, max: 10 }),
    policies: fc.constantFrom(0, 1, 1, 2, 2, 3),
    integrations: fc.constantFrom(0, 1, 1, 2),
    reviews: fc.constantFrom(0, 1, 2, 2, 3),
  });
  return shape.chain((s) => {
    const unitIds = range(s.units, 'u');
    const evidenceIds = range(s.evidence, 'e');
    const policyIds = range(s.policies, 'p');
    const date = dateArbitrary(s.asOf);
    const unitRefs: fc.Arbitrary<UnitRefs> = fc.oneof(
      fc.constant('all' as const),
      fc.subarray([...unitIds, 'zz']),
    );
    const refs = fc.subarray(evidenceIds);
    return fc
      .record({
        units: fc.tuple(...unitIds.map((id) => unitArbitrary(id))),
        evidence: fc.tuple(...evidenceIds.map((id) => evidenceArbitrary(id, date, unitRefs))),
        policies: fc.tuple(...policyIds.map((id) => policyArbitrary(id, policyIds, date, unitRefs, refs))),
        integrations: fc.tuple(...range(s.integrations, 'i').map((id) => integrationArbitrary(id, refs))),
        reviews: fc.tuple(...range(s.reviews, 'r').map((id) => reviewArbitrary(id, date, unitRefs, refs))),
      })
      .map((rest) => {
        const coverage = s.coverageTarget === undefined ? {} : { coverageTarget: s.coverageTarget };
        const window = s.reviewWindowMonths === undefined ? {} : { reviewWindowMonths: s.reviewWindowMonths };
        const head = { asOf: s.asOf, edition: s.edition, ...coverage, ...window };
        return structuredClone({ ...head, ...rest }) as Draft<Facts>;
      });
  });
}

function unitArbitrary(id: string): fc.Arbitrary<Unit> {
  const applications = fc
    .array(fc.constantFrom(true, true, true, false), { maxLength: 3 })
    .map((via) => via.map((viaSpl, i) => ({ id: `${id}-a${i}`, viaSpl })));
  const inScope = fc.constantFrom(true, true, true, true, false);
  return fc.record({ id: fc.constant(id), inScope, applications }, { requiredKeys: ['id'] });
}

function evidenceArbitrary(
  id: string,
  date: fc.Arbitrary<string>,
  units: fc.Arbitrary<UnitRefs>,
): fc.Arbitrary<Evidence> {
  return fc.record(
    {
      id: fc.constant(id),
      indicator: fc.constantFrom(18, 18, 7, 3),
      kind: fc.constantFrom(...KINDS),
      status: fc.constantFrom(...STATUSES),
      date,
      units,
    },
    { requiredKeys: ['id', 'indicator', 'kind', 'status', 'date'] },
  );
}

function policyArbitrary(
  id: string,
  ids: readonly string[],
  date: fc.Arbitrary<string>,
  units: fc.Arbitrary<UnitRefs>,
  evidence: fc.Arbitrary<string[]>,
): fc.Arbitrary<Policy> {
  const others = ids.filter((other) => other !== id);
  const replaces = others.length ? fc.option(fc.constantFrom(...others), { nil: null }) : fc.constant(null);
  return fc.record({
    id: fc.constant(id),
    status: fc.constantFrom('draft' as const, 'enacted' as const, 'enacted' as const),
    date,
    units,
    regulatesSplUse: fc.constantFrom(true, true, true, true, false),
    regulatesSplpConnection: fc.boolean(),
    replaces,
    evidence,
  });
}

function integrationArbitrary(id: string, evidence: fc.Arbitrary<string[]>): fc.Arbitrary<Integration> {
  return fc.record({
    id: fc.constant(id),
    with: fc.constantFrom('splp' as const, 'other_spl' as const),
    evidence,
  });
}

function reviewArbitrary(
  id: string,
  date: fc.Arbitrary<string>,
  units: fc.Arbitrary<UnitRefs>,
  evidence: fc.Arbitrary<string[]>,
): fc.Arbitrary<Review> {
  const followUp = (n: number): fc.Arbitrary<FollowUp> =>
    fc.record({ id: fc.constant(`${id}-f${n}`), done: fc.constantFrom(true, true, false), date, evidence });
  const followUps = fc
    .integer({ min: 0, max: 2 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => followUp(i))));
  return fc.record(
    {
      id: fc.constant(id),
      subject: fc.constantFrom('spl' as const, 'policy' as const),
      date,
      units,
      evidence,
      followUps,
    },
    { requiredKeys: ['id', 'subject', 'date', 'evidence'] },
  );
}

// ---- A reference model written straight from the contract text ----------------------------

const SETS = {
  L1: [
    'operating_documentation',
    'integration_screenshot',
    'usage_report',
    'meeting_minutes',
    'meeting_invitation',
    'api_list',
    'architecture_diagram',
  ],
  DOC: ['operating_documentation', 'integration_screenshot', 'api_list', 'architecture_diagram'],
  INTEGRATION: ['operating_documentation', 'sop'],
  INTEGRATION_SPLP: ['operating_documentation', 'sop', 'splp_onboarding'],
  REVIEW: ['review_report', 'meeting_minutes', 'meeting_invitation', 'activity_documentation'],
  FOLLOW_UP: [
    'follow_up_report',
    'review_report',
    'meeting_minutes',
    'meeting_invitation',
    'comparative_analysis',
    'activity_documentation',
  ],
  IMPROVEMENT: ['before_after'],
};

/** Calendar months with the day clamped to the month's end, via Date (independent of dates.ts). */
function addMonthsRef(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last)))
    .toISOString()
    .slice(0, 10);
}

const highest = (conditions: boolean[]): number => {
  const failed = conditions.indexOf(false);
  return failed < 0 ? conditions.length : failed;
};

function referenceLevels(
  facts: Facts,
  basis: Basis,
): { i7: number; i18: number; units: Record<string, number> } {
  const asOf = facts.asOf;
  const edition = facts.edition ?? 'B';
  const statuses = basis === 'supported' ? ['submitted', 'accepted'] : ['accepted'];
  const counts = (e: Evidence) => statuses.includes(e.status) && e.date <= asOf;
  const item = (id: string) => facts.evidence.find((e) => e.id === id) as Evidence;
  const anyCounting = (ids: readonly string[], kinds: string[]) =>
    ids.some((id) => counts(item(id)) && kinds.includes(item(id).kind));
  const covers = (refs: UnitRefs | undefined, unit: string) =>
    refs === 'all' || (Array.isArray(refs) && refs.includes(unit));
  const windowStart = addMonthsRef(asOf, -(facts.reviewWindowMonths ?? (edition === 'C' ? 24 : 12)));
  const inWindow = (r: Review) =>
    r.date <= asOf && r.date > windowStart && anyCounting(r.evidence, SETS.REVIEW);
  const followedUp = (r: Review) =>
    (r.followUps ?? []).some(
      (f) =>
        f.done &&
        f.date >= r.date &&
        f.date <= asOf &&
        anyCounting(f.evidence, SETS.FOLLOW_UP) &&
        anyCounting(f.evidence, SETS.IMPROVEMENT),
    );
  const integrated = (w: string) =>
    (facts.integrations ?? []).some(
      (i) => i.with === w && anyCounting(i.evidence, w === 'splp' ? SETS.INTEGRATION_SPLP : SETS.INTEGRATION),
    );
  const condition = edition === 'B' ? integrated('other_spl') : integrated('splp') || integrated('other_spl');
  const l5Splp = edition === 'C' ? integrated('splp') : true;
  const target = edition === 'C' ? (facts.coverageTarget ?? 1) : 1;
  const splReviews = (facts.reviews ?? []).filter((r) => r.subject === 'spl' && inWindow(r));
  const ev18 = facts.evidence.filter((e) => e.indicator === 18 && counts(e));
  const inScope = facts.units.filter((u) => u.inScope !== false);
  const units: Record<string, number> = {};
  for (const u of inScope) {
    const apps = u.applications ?? [];
    const via = apps.filter((a) => a.viaSpl).length;
    const coveringReviews = splReviews.filter((r) => covers(r.units ?? 'all', u.id));
    units[u.id] = highest([
      ev18.some((e) => SETS.L1.includes(e.kind) && covers(e.units, u.id)),
      via > 0 && ev18.some((e) => SETS.DOC.includes(e.kind) && covers(e.units, u.id)),
      apps.length > 0 && via / apps.length >= target,
      condition && coveringReviews.length > 0,
      coveringReviews.some(followedUp) && l5Splp,
    ]);
  }
  const atL2 = inScope.filter((u) => units[u.id] >= 2).length;
  const coverage = inScope.length ? atL2 / inScope.length : 0;
  const i18 = highest([
    ev18.some((e) => SETS.L1.includes(e.kind)),
    coverage > 0,
    coverage >= target,
    condition && splReviews.length > 0,
    splReviews.some(followedUp) && l5Splp,
  ]);
  return { i7: referencePolicyLevel(facts, asOf, edition, anyCounting, covers, inWindow), i18, units };
}

function referencePolicyLevel(
  facts: Facts,
  asOf: string,
  edition: string,
  anyCounting: (ids: readonly string[], kinds: string[]) => boolean,
  covers: (refs: UnitRefs | undefined, unit: string) => boolean,
  inWindow: (r: Review) => boolean,
): number {
  const qualifies = (p: Policy) =>
    p.regulatesSplUse &&
    p.date <= asOf &&
    anyCounting(
      p.evidence,
      p.status === 'enacted'
        ? ['policy_enacted']
        : ['policy_draft', 'policy_enacted', 'meeting_minutes', 'meeting_invitation'],
    );
  const qualifying = (facts.policies ?? []).filter(qualifies);
  const enacted = qualifying.filter((p) => p.status === 'enacted');
  const inScope = facts.units.filter((u) => u.inScope !== false);
  const policyReviews = (facts.reviews ?? []).filter((r) => r.subject === 'policy' && inWindow(r));
  const afterReview = (p: Policy, r: Review) =>
    p.date > r.date && (edition !== 'C' || p.date >= addMonthsRef(r.date, 12));
  return highest([
    qualifying.length > 0,
    enacted.some((p) => inScope.some((u) => covers(p.units, u.id))),
    inScope.every((u) => enacted.some((p) => covers(p.units, u.id))),
    enacted.some((p) => p.regulatesSplpConnection) && policyReviews.length > 0,
    enacted.some((p) => (p.replaces ?? null) !== null && policyReviews.some((r) => afterReview(p, r))),
  ]);
}

// ---- Properties ---------------------------------------------------------------------------

function levels(output: ScoreOutput): { i7: number; i18: number; units: Record<string, number> } {
  const use = splUseOf(output);
  return {
    i7: splPolicyOf(output).level,
    i18: use.level,
    units: Object.fromEntries(use.units.map((u) => [u.id, u.level])),
  };
}

const run = (facts: Facts, basis: Basis) => scoreWithFramework(facts, framework, { basis, lang: 'en' });

describe('scoring properties', () => {
  it('generates facts that parseFacts accepts', () => {
    fc.assert(fc.property(factsArbitrary(), (facts) => void parseFacts(JSON.parse(JSON.stringify(facts)))));
  });

  it('agrees with a reference model written from the contract', () => {
    fc.assert(
      fc.property(factsArbitrary(), fc.constantFrom(...BASES), (facts, basis) => {
        expect(levels(run(facts, basis))).toEqual(referenceLevels(facts, basis));
      }),
      { numRuns: 1500 },
    );
  });

  it('never lowers a level when counting evidence is added', () => {
    const addition = fc.record({
      indicator: fc.constantFrom(18, 7),
      kind: fc.constantFrom(...KINDS),
      units: fc.option(fc.constantFrom<UnitRefs>('all', ['u0'], ['u1', 'u2']), { nil: undefined }),
      linkTo: fc.nat(20),
    });
    fc.assert(
      fc.property(factsArbitrary(), addition, fc.constantFrom(...BASES), (facts, extra, basis) => {
        const richer = structuredClone(facts) as Draft<Facts>;
        richer.evidence.push({
          id: 'added',
          indicator: extra.indicator,
          kind: extra.kind,
          status: 'accepted',
          date: facts.asOf,
          ...(extra.units ? { units: extra.units as Draft<UnitRefs> } : {}),
        });
        const lists = evidenceLists(richer);
        if (lists.length) lists[extra.linkTo % lists.length].list.push('added');
        const before = levels(run(facts, basis));
        const after = levels(run(richer, basis));
        expect(after.i7).toBeGreaterThanOrEqual(before.i7);
        expect(after.i18).toBeGreaterThanOrEqual(before.i18);
        for (const [id, level] of Object.entries(before.units))
          expect(after.units[id]).toBeGreaterThanOrEqual(level);
      }),
      { numRuns: 500 },
    );
  });

  it('gives a verified level never above the supported one', () => {
    fc.assert(
      fc.property(factsArbitrary(), (facts) => {
        const supported = levels(run(facts, 'supported'));
        const verified = levels(run(facts, 'verified'));
        expect(verified.i7).toBeLessThanOrEqual(supported.i7);
        expect(verified.i18).toBeLessThanOrEqual(supported.i18);
        for (const [id, level] of Object.entries(verified.units))
          expect(level).toBeLessThanOrEqual(supported.units[id]);
      }),
    );
  });

  it('meets the criteria of every level below the result, and misses the next one', () => {
    fc.assert(
      fc.property(factsArbitrary(), fc.constantFrom(...BASES), (facts, basis) => {
        for (const result of Object.values(run(facts, basis).indicators)) {
          expect(Number.isInteger(result.level) && result.level >= 0 && result.level <= 5).toBe(true);
          result.criteria.slice(0, result.level).forEach((criterion) => expect(criterion.met).toBe(true));
          for (const criterion of result.criteria) {
            for (const code of criterion.codes)
              expect(code).toMatch(new RegExp(`^I${result.indicator}_L${criterion.level}_[A-Z0-9_]+$`));
          }
          if (result.level < 5) {
            expect(result.criteria[result.level].met).toBe(false);
            expect(result.next?.level).toBe(result.level + 1);
            expect(result.next?.missing.length).toBeGreaterThan(0);
          } else expect(result.next).toBeUndefined();
        }
        for (const unit of splUseOf(run(facts, basis)).units) {
          expect(unit.level >= 0 && unit.level <= 5 && unit.coverage >= 0 && unit.coverage <= 1).toBe(true);
          expect(unit.next === undefined).toBe(unit.level === 5);
        }
      }),
    );
  });

  it('does not change when out-of-scope units are removed', () => {
    fc.assert(
      fc.property(factsArbitrary(), fc.constantFrom(...BASES), (facts, basis) => {
        const trimmed = { ...facts, units: facts.units.filter((u) => u.inScope !== false) };
        expect(run(trimmed, basis).indicators).toEqual(run(facts, basis).indicators);
      }),
    );
  });

  it('is deterministic and independent of the order of evidence', () => {
    fc.assert(
      fc.property(factsArbitrary(), fc.constantFrom(...BASES), (facts, basis) => {
        expect(run(facts, basis)).toEqual(run(structuredClone(facts), basis));
        const reversed = { ...facts, evidence: [...facts.evidence].reverse() };
        expect(levels(run(reversed, basis))).toEqual(levels(run(facts, basis)));
      }),
    );
  });
});

const POOLS = {
  enacted: ['policy_enacted', 'policy_enacted', 'policy_draft'],
  draft: ['policy_draft', 'meeting_minutes', 'meeting_invitation', 'policy_enacted'],
  integration: ['splp_onboarding', 'api_list', 'sop', 'operating_documentation', 'integration_screenshot'],
  review: ['review_report', 'meeting_minutes', 'meeting_invitation', 'activity_documentation', 'sla'],
  followUp: ['follow_up_report', 'before_after', 'review_report', 'comparative_analysis', 'before_after'],
};

/** Every `evidence` list of the facts, with an owner id and the kinds its rules look for. */
function evidenceLists(facts: Draft<Facts>): { owner: string; pool: readonly string[]; list: string[] }[] {
  return [
    ...(facts.policies ?? []).map((p) => ({
      owner: p.id,
      pool: p.status === 'enacted' ? POOLS.enacted : POOLS.draft,
      list: p.evidence,
    })),
    ...(facts.integrations ?? []).map((i) => ({ owner: i.id, pool: POOLS.integration, list: i.evidence })),
    ...(facts.reviews ?? []).flatMap((r) => [
      { owner: r.id, pool: POOLS.review, list: r.evidence },
      ...(r.followUps ?? []).map((f) => ({ owner: f.id, pool: POOLS.followUp, list: f.evidence })),
    ]),
  ];
}
