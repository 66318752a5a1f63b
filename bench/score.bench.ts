/**
 * Scoring benchmark: a national set of 600 agencies, each with 60 units, 600 applications and
 * 2,000 evidence items, scored on both bases. Prints throughput, per-agency median and p95,
 * and the ratio to a baseline measured in the same run (one pass over the facts counting
 * evidence per unit with Maps). Exits 1 when the per-agency median exceeds 10 ms.
 *
 *   npm run bench:score -- [agencies]
 */
import { performance } from 'node:perf_hooks';
import { loadFramework } from '../src/framework/framework.loader';
import { scoreWithFramework } from '../src/scoring/engine';
import { parseFacts } from '../src/scoring/facts.parser';
import type { Evidence, Facts, Policy, Review, Unit, UnitRefs } from '../src/scoring/facts.types';

const AGENCIES = Number(process.argv[2] ?? 600);
const WARM_UP = 20;
const LIMIT_MS = 10;
const AS_OF = '2026-10-31';
const KINDS = [
  'api_list',
  'sop',
  'operating_documentation',
  'usage_report',
  'integration_screenshot',
  'meeting_minutes',
  'review_report',
  'follow_up_report',
  'policy_enacted',
  'other',
];
const STATUSES = ['accepted', 'accepted', 'submitted', 'draft', 'needs_revision', 'rejected'] as const;

/** mulberry32: small, fast and deterministic, so every run scores the same national set. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random draws for one agency; the seed is the agency's index. */
interface Draw {
  random(): number;
  int(n: number): number;
  date(): string;
  unitRefs(): UnitRefs;
  evidenceRefs(): string[];
}

function draw(seed: number): Draw {
  const random = prng(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    random,
    int,
    date: () => `202${4 + int(3)}-${pad(1 + int(12))}-${pad(1 + int(28))}`,
    unitRefs: () => (random() < 0.05 ? 'all' : Array.from({ length: 1 + int(3) }, () => `u${int(60)}`)),
    evidenceRefs: () => Array.from({ length: 1 + int(4) }, () => `e${int(2000)}`),
  };
}

function agencyFacts(index: number): Facts {
  const d = draw(index + 1);
  const units: Unit[] = Array.from({ length: 60 }, (_, u) => ({
    id: `u${u}`,
    inScope: d.random() > 0.05,
    applications: Array.from({ length: 10 }, (_, a) => ({ id: `u${u}-a${a}`, viaSpl: d.random() > 0.3 })),
  }));
  const evidence: Evidence[] = Array.from({ length: 2000 }, (_, e) => ({
    id: `e${e}`,
    indicator: d.random() < 0.8 ? 18 : 7,
    kind: KINDS[d.int(KINDS.length)],
    status: STATUSES[d.int(STATUSES.length)],
    date: d.date(),
    ...(d.random() < 0.9 ? { units: d.unitRefs() } : {}),
  }));
  const integrations = [
    { id: 'i0', with: 'splp' as const, evidence: d.evidenceRefs() },
    { id: 'i1', with: 'other_spl' as const, evidence: d.evidenceRefs() },
  ];
  const edition = (['A', 'B', 'C'] as const)[index % 3];
  const linked = { policies: policies(d), integrations, reviews: reviews(d) };
  return { asOf: AS_OF, edition, coverageTarget: 0.8, units, evidence, ...linked };
}

function policies(d: Draw): Policy[] {
  return Array.from({ length: 5 }, (_, p) => ({
    id: `p${p}`,
    status: p === 0 ? 'draft' : 'enacted',
    date: d.date(),
    units: p === 4 ? 'all' : d.unitRefs(),
    regulatesSplUse: true,
    regulatesSplpConnection: p > 2,
    replaces: p > 1 ? `p${p - 1}` : null,
    evidence: d.evidenceRefs(),
  }));
}

function reviews(d: Draw): Review[] {
  return Array.from({ length: 6 }, (_, r) => ({
    id: `r${r}`,
    subject: r % 2 ? 'policy' : 'spl',
    date: d.date(),
    units: r === 0 ? 'all' : d.unitRefs(),
    evidence: d.evidenceRefs(),
    followUps: [{ id: `r${r}-f`, done: d.random() > 0.3, date: d.date(), evidence: d.evidenceRefs() }],
  }));
}

/** The baseline: one pass over every row of the facts, counting counting-status evidence per unit. */
function baseline(facts: Facts): number {
  const perUnit = new Map<string, number>();
  const byId = new Map<string, Evidence>();
  for (const unit of facts.units) perUnit.set(unit.id, (unit.applications ?? []).length);
  for (const item of facts.evidence) {
    byId.set(item.id, item);
    if (item.status !== 'accepted' || item.units === undefined || item.units === 'all') continue;
    for (const unitId of item.units) perUnit.set(unitId, (perUnit.get(unitId) ?? 0) + 1);
  }
  let linked = 0;
  for (const list of [...(facts.policies ?? []), ...(facts.reviews ?? []), ...(facts.integrations ?? [])]) {
    for (const id of list.evidence) if (byId.has(id)) linked += 1;
  }
  return perUnit.size + linked;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function time(action: () => unknown): number {
  const start = performance.now();
  action();
  return performance.now() - start;
}

function main(): number {
  const framework = loadFramework();
  for (let i = 0; i < WARM_UP; i++) {
    const facts = agencyFacts(100000 + i);
    baseline(facts);
    scoreWithFramework(facts, framework, { basis: 'supported' });
  }
  const scoring: number[] = [];
  const baselines: number[] = [];
  const parsing: number[] = [];
  let sink = 0;
  for (let i = 0; i < AGENCIES; i++) {
    const facts = agencyFacts(i);
    baselines.push(time(() => (sink += baseline(facts))));
    if (i % 10 === 0) parsing.push(time(() => parseFacts(facts)));
    scoring.push(
      time(() => {
        sink += scoreWithFramework(facts, framework, { basis: 'supported' }).indicators['18'].level;
        sink += scoreWithFramework(facts, framework, { basis: 'verified' }).indicators['18'].level;
      }),
    );
  }
  return report(scoring, baselines, parsing, sink);
}

function report(scoring: number[], baselines: number[], parsing: number[], sink: number): number {
  const sorted = [...scoring].sort((a, b) => a - b);
  const baseSorted = [...baselines].sort((a, b) => a - b);
  const median = quantile(sorted, 0.5);
  const total = scoring.reduce((sum, ms) => sum + ms, 0);
  const fmt = (ms: number) => ms.toFixed(3);
  console.log(
    `agencies: ${AGENCIES} (60 units, 600 applications, 2000 evidence each), both bases per agency`,
  );
  console.log(`throughput: ${(AGENCIES / (total / 1000)).toFixed(0)} agencies/s`);
  console.log(
    `per agency (both bases): median ${fmt(median)} ms, p95 ${fmt(quantile(sorted, 0.95))} ms, max ${fmt(sorted[sorted.length - 1])} ms`,
  );
  console.log(`baseline (one pass over the rows): median ${fmt(quantile(baseSorted, 0.5))} ms`);
  console.log(`ratio scoring/baseline (medians): ${(median / quantile(baseSorted, 0.5)).toFixed(1)}x`);
  console.log(
    `parseFacts (every 10th agency): median ${fmt(
      quantile(
        [...parsing].sort((a, b) => a - b),
        0.5,
      ),
    )} ms`,
  );
  console.log(`checksum: ${sink}`);
  if (median > LIMIT_MS) {
    console.error(`FAIL: per-agency median ${fmt(median)} ms exceeds ${LIMIT_MS} ms`);
    return 1;
  }
  return 0;
}

process.exitCode = main();
