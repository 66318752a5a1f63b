/*
 * Mixed load with a check of every acknowledged write, optionally with a database restart.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
 *     node --require ./scripts/register-ts.js bench/load.bench.ts [--clients 200] [--seconds 60]
 *     [--agencies 50]
 *     [--restart-db-at 20]   restart PostgreSQL that many seconds into phase (b) (PG_RESTART_CMD,
 *                            default "pg_ctlcluster 15 main restart"; needs the rights to do so)
 *
 * LOAD_CLIENTS, LOAD_SECONDS and LOAD_AGENCIES set the same as the flags (a flag wins); defaults
 * 200 clients, 60 s per phase, 50 agencies. A quick run: LOAD_CLIENTS=50 LOAD_SECONDS=10.
 *
 * A fresh database is created on the server of DATABASE_URL and dropped afterwards. The app runs
 * as its own process (src/main.ts), like production. One run measures three phases in order, each
 * with the same number of clients for the same time:
 *   (a) the trivial endpoint (GET /api/v1/auth/me): the baseline p99;
 *   (b) the mix with writes spread over every agency;
 *   (c) the same mix with every request aimed at one agency.
 * The mix: the national agency list and an agency's levels (reads), evidence uploads, status
 * changes, title edits carrying the version they read (optimistic concurrency), and hub imports
 * when the route exists. Targets (issue 23): throughput (b) >= 4 x throughput (c), and
 * p99 (b) <= 10 x p99 (a). Afterwards the database is compared with what the clients were told:
 * every acknowledged upload is present with its SHA-256, and each item's title is the one of its
 * latest acknowledged edit (no lost update). Exits 1 on any 5xx outside a planned outage, on any
 * check that fails, or when a target is missed.
 */
import { ChildProcess, execSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer, AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { MIGRATIONS } from '../src/database/migrations';
import { runPendingMigrations } from '../src/database/migration-runner';
import { issueToken, makeAgency, makeEvidence, makePeriod, makeUnit, makeUser } from '../test/factories';

const ROOT = resolve(__dirname, '..');
const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  if (at > 0) return Number(process.argv[at + 1]);
  const env = process.env[`LOAD_${name.toUpperCase()}`];
  return env ? Number(env) : fallback;
};
const CLIENTS = arg('clients', 200);
const SECONDS = arg('seconds', 60);
const AGENCIES = arg('agencies', 50);
const RESTART_AT = arg('restart-db-at', 0);
/** Targets of issue 23, point 2. */
const MIN_SPREAD_OVER_ONE = 4;
const MAX_P99_OVER_TRIVIAL = 10;
const UNITS = 8;
const ITEMS = 20;
const YEAR = new Date().getFullYear();
const APP_LOG = join(tmpdir(), `spbe-load-app-${process.pid}.log`);

const noted = new Set<string>();
/** A refusal the mix did not plan for is printed once, so a broken request shape shows. */
function noteOnce(message: string): void {
  if (noted.has(message)) return;
  noted.add(message);
  console.log(message);
}
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface World {
  agencyId: string;
  unitIds: string[];
  token: string;
  evidenceIds: string[];
}

interface Tally {
  requests: number;
  byStatus: Map<number, number>;
  latencies: number[];
  unexpected5xx: number;
  outage503: number;
  networkErrors: number;
}

const acked = {
  uploads: [] as Array<{ id: string; sha256: string }>,
  /** evidence id → [version the server answered, title sent] of each acknowledged edit */
  edits: new Map<string, Array<[number, string]>>(),
  statuses: 0,
  imports: 0,
  /** acknowledged edits whose answer carried another edit's title (read after the commit) */
  answeredOtherEdit: 0,
};

type Phase = 'trivial' | 'spread' | 'one';
const PHASES: Array<{ phase: Phase; label: string }> = [
  { phase: 'trivial', label: '(a) trivial GET /api/v1/auth/me' },
  { phase: 'spread', label: `(b) mix, writes spread over ${AGENCIES} agencies` },
  { phase: 'one', label: '(c) mix, every request aimed at one agency' },
];
const WARM_UP_SECONDS = Math.min(5, Math.max(1, Math.round(SECONDS / 10)));

const newTally = (): Tally => ({
  requests: 0,
  byStatus: new Map(),
  latencies: [],
  unexpected5xx: 0,
  outage503: 0,
  networkErrors: 0,
});

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl)
    throw new Error('Set DATABASE_URL to a PostgreSQL server (the load run needs the real server).');
  const name = `spbe_load_${Date.now()}`;
  const dbUrl = withDatabase(serverUrl, name);
  await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
  const uploads = mkdtempSync(join(tmpdir(), 'spbe-load-uploads-'));
  let app: ChildProcess | undefined;
  try {
    const worlds = await prepare(dbUrl);
    const started = await startApp(dbUrl, uploads);
    app = started.child;
    const hubRoute = await routeExists(started.url, worlds[0]);
    console.log(
      `load: ${CLIENTS} clients, ${SECONDS} s per phase, ${AGENCIES} agencies (hub imports ${hubRoute ? 'on' : 'off: route absent'}); ` +
        `load average at start ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
    );
    const outage = { active: false, recoveredAfterMs: undefined as number | undefined, endedAt: 0 };
    // Warm-up, not counted: the app's first requests (JIT, pools, first level reads).
    await runPhase('spread', started.url, worlds, hubRoute, WARM_UP_SECONDS, newTally(), outage);
    const tallies = new Map<Phase, Tally>();
    for (const { phase, label } of PHASES) {
      const tally = newTally();
      if (phase === 'spread' && RESTART_AT > 0) scheduleRestart(outage, started.url, worlds[0]);
      await runPhase(phase, started.url, worlds, hubRoute, SECONDS, tally, outage);
      tallies.set(phase, tally);
      printPhase(label, tally);
    }
    await stopApp(app);
    app = undefined;
    const problems = await check(dbUrl, uploads);
    const met = report(tallies, outage, problems);
    const fiveXx = [...tallies.values()].reduce((s, t) => s + t.unexpected5xx, 0);
    if (fiveXx > 0 || problems.length > 0 || !met) process.exitCode = 1;
  } finally {
    if (app) await stopApp(app);
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    rmSync(uploads, { recursive: true, force: true });
  }
}

async function runPhase(
  phase: Phase,
  base: string,
  worlds: World[],
  hubRoute: boolean,
  seconds: number,
  tally: Tally,
  outage: { active: boolean },
): Promise<void> {
  // Phase (c) aims every request, reads included, at the first agency; (a) and (b) use them all.
  const aimed = phase === 'one' ? [worlds[0]] : worlds;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, (_, i) =>
      client(i, base, aimed, phase === 'trivial' ? 'trivial' : hubRoute, until, tally, outage),
    ),
  );
}

async function prepare(url: string): Promise<World[]> {
  const ds = await new DataSource(dataSourceOptions(url, 2)).initialize();
  try {
    await runPendingMigrations(ds);
    console.log(`schema: ${MIGRATIONS.length} migrations`);
    const period = await makePeriod(ds, { year: YEAR, asOf: `${YEAR}-10-31` });
    const worlds: World[] = [];
    for (let a = 0; a < AGENCIES; a++) {
      const agency = await makeAgency(ds);
      const units = [];
      for (let u = 0; u < UNITS; u++) units.push(await makeUnit(ds, agency));
      const token = await issueToken(ds, await makeUser(ds, 'coordinator', agency));
      const evidenceIds = [];
      for (let e = 0; e < ITEMS; e++)
        evidenceIds.push((await makeEvidence(ds, agency, period, { allUnits: true })).id);
      worlds.push({ agencyId: agency.id, unitIds: units.map((u) => u.id), token, evidenceIds });
    }
    return worlds;
  } finally {
    await ds.destroy();
  }
}

async function client(
  index: number,
  base: string,
  worlds: World[],
  hubRoute: boolean | 'trivial',
  until: number,
  tally: Tally,
  outage: { active: boolean },
): Promise<void> {
  let n = 0;
  while (performance.now() < until) {
    const world = worlds[(index + n) % worlds.length];
    const pick = (n * 7 + index) % 20;
    n += 1;
    const op =
      hubRoute === 'trivial'
        ? trivial
        : pick < 8
          ? read
          : pick < 11
            ? uploadOne
            : pick < 15
              ? changeStatus
              : pick < 19
                ? editTitle
                : hubRoute
                  ? importHub
                  : read;
    const t0 = performance.now();
    try {
      const status = await op(base, world, n, index);
      tally.requests += 1;
      tally.latencies.push(performance.now() - t0);
      tally.byStatus.set(status, (tally.byStatus.get(status) ?? 0) + 1);
      if (status >= 500) {
        if (status === 503 && outage.active) tally.outage503 += 1;
        else tally.unexpected5xx += 1;
      }
    } catch {
      tally.networkErrors += 1;
    }
  }
}

const headers = (world: World, extra: Record<string, string> = {}) => ({
  Authorization: `Bearer ${world.token}`,
  ...extra,
});

async function trivial(base: string, world: World): Promise<number> {
  const res = await fetch(`${base}/api/v1/auth/me`, { headers: headers(world) });
  await res.arrayBuffer();
  return res.status;
}

async function read(base: string, world: World, n: number): Promise<number> {
  const path = n % 2 ? '/api/v1/agencies' : `/api/v1/agencies/${world.agencyId}/periods/${YEAR}/levels`;
  const res = await fetch(base + path, { headers: headers(world) });
  await res.arrayBuffer();
  return res.status;
}

async function uploadOne(base: string, world: World, n: number, index: number): Promise<number> {
  const bytes = Buffer.concat([
    Buffer.from(`%PDF-1.4\n% ${index}-${n}\n`),
    randomBytes(16 * 1024),
    Buffer.from('\n%%EOF\n'),
  ]);
  const form = new FormData();
  form.set('kind', 'integration_screenshot');
  form.set('title', `Beban ${index}-${n}`);
  form.set('documentDate', `${YEAR}-03-01`);
  form.set('indicators', '18');
  form.set('unitIds', world.unitIds[n % world.unitIds.length]);
  form.set(
    'files',
    new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }),
    `beban-${index}-${n}.pdf`,
  );
  const res = await fetch(`${base}/api/v1/agencies/${world.agencyId}/evidence`, {
    method: 'POST',
    headers: headers(world),
    body: form,
  });
  const body = (await res.json()) as { id?: string };
  if (res.status === 201 && body.id) acked.uploads.push({ id: body.id, sha256: sha(bytes) });
  return res.status;
}

async function changeStatus(base: string, world: World, n: number): Promise<number> {
  const id = world.evidenceIds[n % world.evidenceIds.length];
  const res = await fetch(`${base}/api/v1/agencies/${world.agencyId}/evidence/${id}/status`, {
    method: 'POST',
    headers: headers(world, { 'Content-Type': 'application/json' }),
    body: JSON.stringify({ status: n % 2 ? 'submitted' : 'draft' }),
  });
  await res.arrayBuffer();
  if (res.ok) acked.statuses += 1;
  return res.status;
}

let editSeq = 0;

async function editTitle(base: string, world: World, n: number, index: number): Promise<number> {
  const id = world.evidenceIds[(n + index) % world.evidenceIds.length];
  const url = `${base}/api/v1/agencies/${world.agencyId}/evidence/${id}`;
  const current = await fetch(url, { headers: headers(world) });
  const item = (await current.json()) as Record<string, unknown>;
  if (!current.ok) return current.status;
  // n restarts with each phase, so the sequence keeps the titles unique over the run.
  const title = `Judul ${index}-${n}-${(editSeq += 1)}`;
  // An edit sends the whole item as read, with the version it was read at.
  const { kind, documentDate, indicators, allUnits, version } = item;
  const res = await fetch(url, {
    method: 'PATCH',
    headers: headers(world, { 'Content-Type': 'application/json' }),
    body: JSON.stringify({ kind, title, documentDate, indicators, allUnits, version }),
  });
  const body = (await res.json()) as { version?: number; title?: string; message?: unknown };
  if (res.status === 400) noteOnce(`edit refused: ${JSON.stringify(body.message)}`);
  // The answer is read after the commit: a concurrent edit committed in between shows there.
  if (res.ok && body.title !== title) acked.answeredOtherEdit += 1;
  if (res.ok && body.version !== undefined) {
    const list = acked.edits.get(id) ?? [];
    list.push([body.version, title]);
    acked.edits.set(id, list);
  }
  return res.status;
}

async function importHub(base: string, world: World, n: number, index: number): Promise<number> {
  const csv =
    'period_start,period_end,api_name,total_calls\n' +
    `${YEAR}-01-01,${YEAR}-01-31,beban-${index}-${n},${1 + ((index * 31 + n) % 1000)}\n`;
  const form = new FormData();
  form.set('file', new Blob([csv], { type: 'text/csv' }), `usage-${index}-${n}.csv`);
  const res = await fetch(`${base}/api/v1/agencies/${world.agencyId}/hub-imports`, {
    method: 'POST',
    headers: headers(world),
    body: form,
  });
  await res.arrayBuffer();
  if (res.ok) acked.imports += 1;
  return res.status;
}

async function routeExists(base: string, world: World): Promise<boolean> {
  const res = await fetch(`${base}/api/v1/agencies/${world.agencyId}/hub-imports`, {
    headers: headers(world),
  });
  await res.arrayBuffer();
  return res.status !== 404;
}

function scheduleRestart(
  outage: { active: boolean; recoveredAfterMs?: number; endedAt: number },
  base: string,
  world: World,
): void {
  const command = process.env.PG_RESTART_CMD ?? 'pg_ctlcluster 15 main restart';
  setTimeout(async () => {
    outage.active = true;
    console.log(`restarting the database: ${command}`);
    const t0 = performance.now();
    execSync(command, { stdio: 'inherit' });
    const back = performance.now();
    for (;;) {
      const res = await fetch(`${base}/api/v1/agencies/${world.agencyId}/periods/${YEAR}/levels`, {
        headers: headers(world),
      }).catch(() => undefined);
      if (res?.ok) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    outage.recoveredAfterMs = performance.now() - back;
    console.log(
      `database restart took ${Math.round(back - t0)} ms; the app served again ${Math.round(outage.recoveredAfterMs)} ms after`,
    );
    outage.active = false;
  }, RESTART_AT * 1000);
}

async function check(url: string, uploads: string): Promise<string[]> {
  const problems: string[] = [];
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const files = new Map<string, { sha256: string; key: string }>(
      (
        await db.query(
          'SELECT e.id, trim(f.sha256) AS sha256, f.storage_key AS key FROM evidence e JOIN evidence_file f ON f.evidence_id = e.id',
        )
      ).rows.map((r: { id: string; sha256: string; key: string }) => [r.id, r]),
    );
    for (const u of acked.uploads) {
      const row = files.get(u.id);
      if (!row) problems.push(`acknowledged upload ${u.id} is missing`);
      else if (row.sha256 !== u.sha256) problems.push(`upload ${u.id}: stored hash differs`);
      else if (sha(readFileSync(join(uploads, row.key))) !== u.sha256)
        problems.push(`upload ${u.id}: file differs`);
    }
    const titles = new Map<string, string>(
      (await db.query('SELECT id, title FROM evidence')).rows.map((r: { id: string; title: string }) => [
        r.id,
        r.title,
      ]),
    );
    for (const [id, edits] of acked.edits) {
      const versions = edits.map(([v]) => v);
      if (new Set(versions).size !== versions.length)
        problems.push(`evidence ${id}: two edits acknowledged with one version`);
      const latest = edits.reduce((a, b) => (b[0] > a[0] ? b : a));
      if (titles.get(id) !== latest[1])
        problems.push(
          `evidence ${id}: lost update (has "${titles.get(id)}", last acknowledged "${latest[1]}")`,
        );
    }
  } finally {
    await db.end();
  }
  return problems;
}

const percentile = (tally: Tally, p: number): number => {
  const sorted = [...tally.latencies].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

function printPhase(label: string, tally: Tally): void {
  const statuses = [...tally.byStatus.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([s, c]) => `${s}: ${c}`)
    .join(', ');
  console.log(
    `${label}: ${tally.requests} requests (${(tally.requests / SECONDS).toFixed(1)}/s), ` +
      `p50 ${percentile(tally, 50).toFixed(1)} ms, p99 ${percentile(tally, 99).toFixed(1)} ms; ` +
      `statuses ${statuses}; 5xx ${tally.unexpected5xx}, network errors ${tally.networkErrors}; ` +
      `load average ${loadavg()[0].toFixed(2)}`,
  );
}

/** Prints the totals, the checks and the two ratios; true when both targets are met. */
function report(
  tallies: Map<Phase, Tally>,
  outage: { recoveredAfterMs?: number },
  problems: string[],
): boolean {
  const a = tallies.get('trivial')!;
  const b = tallies.get('spread')!;
  const c = tallies.get('one')!;
  const all = [a, b, c];
  console.log(
    `acknowledged writes: ${acked.uploads.length} uploads, ${acked.statuses} status changes, ` +
      `${[...acked.edits.values()].reduce((s, e) => s + e.length, 0)} edits, ${acked.imports} hub imports`,
  );
  if (acked.answeredOtherEdit > 0)
    console.log(
      `edits answered with a later edit's state (title not the one sent): ${acked.answeredOtherEdit}`,
    );
  console.log(
    `5xx outside an outage: ${all.reduce((s, t) => s + t.unexpected5xx, 0)}; ` +
      `503 during the outage: ${all.reduce((s, t) => s + t.outage503, 0)}; ` +
      `network errors: ${all.reduce((s, t) => s + t.networkErrors, 0)}`,
  );
  if (outage.recoveredAfterMs !== undefined)
    console.log(`recovery after the database returned: ${Math.round(outage.recoveredAfterMs)} ms`);
  console.log(
    problems.length
      ? `CHECK FAILED:\n  ${problems.slice(0, 20).join('\n  ')}`
      : 'check: every acknowledged write is present; no lost update',
  );
  const throughput = c.requests > 0 ? b.requests / c.requests : Infinity;
  const p99 = percentile(b, 99) / Math.max(percentile(a, 99), 1e-9);
  const throughputMet = throughput >= MIN_SPREAD_OVER_ONE;
  const p99Met = p99 <= MAX_P99_OVER_TRIVIAL;
  console.log(
    `throughput (b) / (c): ${(b.requests / SECONDS).toFixed(1)} / ${(c.requests / SECONDS).toFixed(1)} per s = ` +
      `${throughput.toFixed(2)}x (target >= ${MIN_SPREAD_OVER_ONE}x): ${throughputMet ? 'PASS' : 'FAIL'}`,
  );
  console.log(
    `p99 (b) / (a): ${percentile(b, 99).toFixed(1)} / ${percentile(a, 99).toFixed(1)} ms = ` +
      `${p99.toFixed(2)}x (target <= ${MAX_P99_OVER_TRIVIAL}x): ${p99Met ? 'PASS' : 'FAIL'}`,
  );
  return throughputMet && p99Met;
}

async function startApp(url: string, uploads: string): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--require', './scripts/register-ts.js', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: url,
      UPLOADS_DIR: uploads,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'development',
      DEMO: 'false',
      // Request logs would measure the log pipe, not the app.
      LOG_LEVEL: 'warn',
      LOG_PRETTY: 'false',
      DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? '10',
    },
    // Warnings and errors of the app (5xx with their stack) go to a log file, named at the end.
    stdio: ['ignore', openSync(APP_LOG, 'w'), 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}) before listening`);
    const res = await fetch(`${base}/health`).catch(() => undefined);
    if (res?.ok) return { child, url: base };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the app did not answer /health within 60 s');
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
  });
}

function stopApp(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
