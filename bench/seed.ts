/**
 * Generates the national data set into the configured database (PostgreSQL with DATABASE_URL,
 * the embedded one under DATA_DIR otherwise): N agencies x 45 units x 8 applications, policies,
 * reviews, follow-ups, integrations, claims, 488 evidence items per agency (about 300,000 for
 * 615 agencies; metadata only, except a sample of about 500 with small real PDF files written
 * through the storage driver), an admin and one coordinator per agency, hub data (50,000 APIs and
 * 1,200,000 monthly usage rows for 615 agencies, a year of daily uptime, the monitor's state and a
 * TLS check per agency; skipped with a message when the hub tables are not in the schema), and finally the stored levels of every agency.
 *
 *   npm run bench:seed -- [--agencies 615] [--batch 20] [--no-hub]
 *
 * Set-based SQL only (INSERT ... SELECT over generate_series, pseudo-random values hashed from
 * the row's indexes, so every run gives the same rows), one transaction per batch of agencies.
 * It refuses to run when a bench set (agency codes `bench-*`) is already there: seed into a
 * fresh database (or DATA_DIR) instead. Accounts: `bench-admin` and `bench-koord-0001`, ...,
 * password `bench-spbe-2026`. Evidence without a file has no evidence_file row, so
 * `npm run cli -- evidence verify` checks exactly the sampled files.
 */
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hashPassword } from '../src/auth/passwords';
import { NationalRecompute } from '../src/levels/national-recompute';
import { Period } from '../src/periods/period.entity';
import { STORAGE_DRIVER, StorageDriver } from '../src/storage/storage.driver';
import { flagArg, numberArg } from './lib/args';
import { withAppContext } from './lib/context';
import { Batch, SEED_STATEMENTS, Statement } from './lib/seed-data';
import { sampleItems, writeSampleFiles } from './lib/seed-files';
import { HUB_STATEMENTS, missingHubSchema } from './lib/seed-hub';
import { BENCH_ADMIN, BENCH_PASSWORD, benchUuid } from './lib/seed-ids';
import { progressBar } from './lib/stats';

const COUNTED = [
  'agency',
  'unit',
  'application',
  'evidence',
  'evidence_unit',
  'evidence_file',
  'policy',
  'review',
  'follow_up',
  'integration',
  'assessment',
  'app_user',
  'level_result',
  'score_snapshot',
  'hub_api',
  'hub_usage',
  'hub_uptime',
  'hub_monitor_state',
  'hub_endpoint_check',
];

interface Plan {
  agencies: number;
  batchSize: number;
  period: Period;
  passwordHash: string;
}

function batches(plan: Plan): Batch[] {
  const list: Batch[] = [];
  for (let first = 0; first < plan.agencies; first += plan.batchSize) {
    list.push({
      first,
      end: Math.min(plan.agencies, first + plan.batchSize),
      periodId: plan.period.id,
      asOf: plan.period.asOf,
      passwordHash: plan.passwordHash,
    });
  }
  return list;
}

async function refuseExistingSet(ds: DataSource): Promise<void> {
  const [{ count }] = await ds.query(`SELECT count(*)::int AS count FROM agency WHERE code LIKE 'bench-%'`);
  const [{ admin }] = await ds.query(`SELECT count(*)::int AS admin FROM app_user WHERE username = $1`, [
    BENCH_ADMIN,
  ]);
  if (count > 0 || admin > 0) {
    throw new Error(
      `A bench set is already in this database (${count} bench agencies). Seed into a fresh database: ` +
        'drop and create the DATABASE_URL database, or point DATA_DIR (and UPLOADS_DIR) at an empty folder.',
    );
  }
}

/** The period of the current year, created as the demo creates it when missing. */
async function currentPeriod(ds: DataSource): Promise<Period> {
  const today = new Date().toISOString().slice(0, 10);
  const year = Number(today.slice(0, 4));
  const repo = ds.getRepository(Period);
  const existing = await repo.findOne({ where: { year } });
  if (existing) return existing;
  return repo.save(
    repo.create({
      year,
      asOf: today,
      edition: 'B',
      coverageTarget: '1',
      stage: 'self_assessment',
      selfAssessmentStart: `${year}-01-15`,
      selfAssessmentEnd: `${year}-06-30`,
      documentReviewEnd: `${year}-08-31`,
      interviewEnd: `${year}-10-15`,
      finalDate: `${year}-11-30`,
    }),
  );
}

async function phase(label: string, total: number, work: (tick: (by?: number) => void) => Promise<void>) {
  const started = Date.now();
  const bar = progressBar(label, total);
  try {
    await work((by) => bar.increment(by));
  } finally {
    bar.stop();
  }
  console.log(`${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function runStatements(ds: DataSource, plan: Plan, statements: Statement[], label: string) {
  await phase(label, plan.agencies, async (tick) => {
    for (const batch of batches(plan)) {
      await ds.transaction(async (m) => {
        for (const s of statements) await m.query(s.sql, s.params(batch));
      });
      tick(batch.end - batch.first);
    }
  });
}

async function seed(app: INestApplicationContext): Promise<void> {
  const agencies = numberArg('agencies', 615);
  const ds = app.get(DataSource);
  await refuseExistingSet(ds);
  const started = Date.now();
  const plan: Plan = {
    agencies,
    batchSize: numberArg('batch', 20),
    period: await currentPeriod(ds),
    // argon2id is slow on purpose: one hash for every generated account.
    passwordHash: await hashPassword(BENCH_PASSWORD),
  };
  console.log(`seeding ${agencies} agencies for period ${plan.period.year} (as of ${plan.period.asOf})`);
  await ds.query(
    `INSERT INTO app_user (id, version, username, display_name, password_hash, role) VALUES ($1, 1, $2, 'Admin Uji Beban', $3, 'admin')`,
    [benchUuid('user-admin', 0), BENCH_ADMIN, plan.passwordHash],
  );
  await runStatements(ds, plan, SEED_STATEMENTS, 'agency data');
  await seedHub(ds, plan);
  const driver = app.get<StorageDriver>(STORAGE_DRIVER);
  await phase('evidence files', sampleItems(agencies).length, async (tick) => {
    await writeSampleFiles(ds, driver, agencies, () => tick());
  });
  await ds.query('ANALYZE');
  const levels = app.get(NationalRecompute);
  // A hundred agencies per call: the national recompute batches and overlaps them itself.
  await phase('levels', agencies, async (tick) => {
    for (let first = 0; first < agencies; first += 100) {
      const ids = Array.from({ length: Math.min(100, agencies - first) }, (_, i) =>
        benchUuid('agency', first + i),
      );
      await levels.recompute(ids, undefined, plan.period);
      tick(ids.length);
    }
  });
  // As autovacuum leaves a database after bulk inserts (PostgreSQL 13+ vacuums on inserts too): the
  // visibility map set, so reads that need only an index (the SPL directory's) do not visit the heap.
  await ds.query(`VACUUM ANALYZE`);
  await printCounts(ds);
  console.log(`seed done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function seedHub(ds: DataSource, plan: Plan): Promise<void> {
  if (flagArg('no-hub')) return console.log('hub data: skipped (--no-hub)');
  const missing = await ds.transaction((m) => missingHubSchema(m));
  if (missing) return console.log(`hub data: skipped, the schema lacks ${missing}`);
  await runStatements(ds, plan, HUB_STATEMENTS, 'hub data');
}

async function printCounts(ds: DataSource): Promise<void> {
  const present: { name: string }[] = await ds.query(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ANY($1)`,
    [COUNTED],
  );
  const names = new Set(present.map((p) => p.name));
  for (const table of COUNTED.filter((t) => names.has(t))) {
    const [{ count }] = await ds.query(`SELECT count(*)::int AS count FROM ${table}`);
    console.log(`  ${table.padEnd(16)} ${String(count).padStart(10)}`);
  }
}

withAppContext((app) => seed(app)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
