/**
 * Recompute of the whole country: NationalRecompute.recompute over every agency of the current
 * period, against a baseline measured in the same run that reads the same fact rows in one pass
 * with plain SQL (one SELECT per table for all agencies, rows fetched, nothing built). Two cases:
 *   - every agency scored and stored: the stored results are made stale first (as a new as-of
 *     date would), so facts are read and built, both indicators scored on both bases, and
 *     snapshots and level rows written for every agency;
 *   - levels current: the recompute reads and builds every agency's facts and finds its stored
 *     results computed from the same facts, engine and framework, so it keeps them.
 * Target for each: recompute <= 2.0 x baseline (medians of the rounds). Exits 1 when missed.
 *
 *   npm run bench:seed -- --agencies 615   # once, into the configured database
 *   npm run bench:recompute -- [--rounds 3]
 */
import { DataSource } from 'typeorm';
import { NationalRecompute } from '../src/levels/national-recompute';
import { Period } from '../src/periods/period.entity';
import { PeriodLookup } from '../src/periods/period-lookup';
import { numberArg } from './lib/args';
import { withAppContext } from './lib/context';
import { conclude, median, ms, ratioVerdict, timed } from './lib/stats';

const RATIO_TARGET = 2.0;

/** The fact tables, each read once for all agencies: the columns the facts are made of, no ordering. */
const BASELINE_QUERIES = [
  'SELECT agency_id, id, in_scope FROM unit WHERE agency_id = ANY($1)',
  'SELECT agency_id, id, unit_id, exchange FROM application WHERE agency_id = ANY($1)',
  `SELECT agency_id, id, kind, status, document_date, indicators, all_units
     FROM evidence WHERE agency_id = ANY($1) AND period_id = $2`,
  `SELECT l.evidence_id, l.unit_id FROM evidence_unit l JOIN evidence e ON e.id = l.evidence_id
    WHERE e.agency_id = ANY($1) AND e.period_id = $2`,
  `SELECT agency_id, id, status, date, all_units, regulates_spl_use, regulates_splp_connection, replaces_id
     FROM policy WHERE agency_id = ANY($1)`,
  'SELECT l.policy_id, l.unit_id FROM policy_unit l JOIN policy p ON p.id = l.policy_id WHERE p.agency_id = ANY($1)',
  'SELECT l.policy_id, l.evidence_id FROM policy_evidence l JOIN policy p ON p.id = l.policy_id WHERE p.agency_id = ANY($1)',
  'SELECT agency_id, id, with_target FROM integration WHERE agency_id = ANY($1)',
  `SELECT l.integration_id, l.evidence_id FROM integration_evidence l
     JOIN integration i ON i.id = l.integration_id WHERE i.agency_id = ANY($1)`,
  'SELECT agency_id, id, subject, date, all_units FROM review WHERE agency_id = ANY($1)',
  'SELECT l.review_id, l.unit_id FROM review_unit l JOIN review r ON r.id = l.review_id WHERE r.agency_id = ANY($1)',
  'SELECT l.review_id, l.evidence_id FROM review_evidence l JOIN review r ON r.id = l.review_id WHERE r.agency_id = ANY($1)',
  'SELECT agency_id, id, review_id, status, date FROM follow_up WHERE agency_id = ANY($1)',
  `SELECT l.follow_up_id, l.evidence_id FROM follow_up_evidence l
     JOIN follow_up f ON f.id = l.follow_up_id WHERE f.agency_id = ANY($1)`,
  // Hub data also decides whether an application goes via the SPL: its links to our applications.
  'SELECT application_id, published_on_bus FROM hub_api WHERE agency_id = ANY($1) AND application_id IS NOT NULL',
  'SELECT application_id, hub_id, app_key FROM hub_application WHERE agency_id = ANY($1) AND application_id IS NOT NULL',
];

async function baseline(ds: DataSource, agencyIds: string[], periodId: string): Promise<number> {
  let rows = 0;
  for (const sql of BASELINE_QUERIES) {
    const params = sql.includes('$2') ? [agencyIds, periodId] : [agencyIds];
    rows += ((await ds.query(sql, params)) as unknown[]).length;
  }
  return rows;
}

/** Makes every stored result look stale, so the next recompute scores and stores every agency. */
async function invalidate(ds: DataSource, periodId: string): Promise<void> {
  await ds.query(`UPDATE score_snapshot SET facts_hash = repeat('0', 64) WHERE period_id = $1`, [periodId]);
}

async function run(ds: DataSource, levels: NationalRecompute, periods: PeriodLookup): Promise<void> {
  const rounds = numberArg('rounds', 3);
  const period: Period | null = await periods.current();
  if (!period) throw new Error('No period: run npm run bench:seed first.');
  const agencyIds = ((await ds.query('SELECT id FROM agency ORDER BY id')) as { id: string }[]).map(
    (r) => r.id,
  );
  const [{ evidence }] = await ds.query(
    'SELECT count(*)::int AS evidence FROM evidence WHERE period_id = $1',
    [period.id],
  );
  console.log(`agencies: ${agencyIds.length}, evidence rows: ${evidence}, period ${period.year}`);
  // Warm-up: caches, plans and the JIT of both sides.
  const rows = await baseline(ds, agencyIds, period.id);
  await invalidate(ds, period.id);
  await levels.recompute(agencyIds, undefined, period);
  console.log(`fact rows read by the baseline: ${rows}`);
  const base: number[] = [];
  const full: number[] = [];
  const current: number[] = [];
  for (let round = 0; round < rounds; round++) {
    base.push((await timed(() => baseline(ds, agencyIds, period.id))).ms);
    await invalidate(ds, period.id);
    full.push((await timed(() => levels.recompute(agencyIds, undefined, period))).ms);
    current.push((await timed(() => levels.recompute(agencyIds, undefined, period))).ms);
  }
  const [{ stored }] = await ds.query(
    `SELECT count(*)::int AS stored FROM score_snapshot WHERE period_id = $1 AND facts_hash <> repeat('0', 64)`,
    [period.id],
  );
  const show = (label: string, list: number[]) =>
    console.log(`${label.padEnd(44)} median ${ms(median(list))} (rounds: ${list.map(ms).join(', ')})`);
  show('baseline (one pass, plain SQL):', base);
  show('recompute, every agency scored and stored:', full);
  show('recompute, levels current (results reused):', current);
  console.log(`per agency, scored and stored: ${ms(median(full) / agencyIds.length)}`);
  conclude([
    ratioVerdict(
      'recompute (every agency scored and stored) / baseline',
      median(full),
      median(base),
      RATIO_TARGET,
    ),
    ratioVerdict('recompute (levels current) / baseline', median(current), median(base), RATIO_TARGET),
    {
      label: 'every agency stored',
      ok: stored === agencyIds.length,
      detail: `${stored} of ${agencyIds.length}`,
    },
  ]);
}

withAppContext((app) => run(app.get(DataSource), app.get(NationalRecompute), app.get(PeriodLookup))).catch(
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
