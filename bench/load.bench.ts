/*
 * Mixed load with a check of every acknowledged write, optionally with a database restart.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
 *     node --require ./scripts/register-ts.js bench/load.bench.ts [--clients 200] [--seconds 60]
 *     [--restart-db-at 20]   restart PostgreSQL that many seconds in (PG_RESTART_CMD, default
 *                            "pg_ctlcluster 15 main restart"; needs the rights to do so)
 *
 * A fresh database is created on the server of DATABASE_URL and dropped afterwards. The app runs
 * as its own process (src/main.ts), like production. Each client loops over a mix: the national
 * agency list and an agency's levels (reads), evidence uploads, status changes, title edits
 * carrying the version they read (optimistic concurrency), and hub imports when the route exists.
 * Afterwards the database is compared with what the clients were told: every acknowledged upload
 * is present with its SHA-256, and each item's title is the one of its latest acknowledged edit
 * (no lost update). Exits 1 on any 5xx outside a planned outage, or on any check that fails.
 */
import { ChildProcess, execSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer, AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
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
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const CLIENTS = arg('clients', 200);
const SECONDS = arg('seconds', 60);
const RESTART_AT = arg('restart-db-at', 0);
const AGENCIES = 10;
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
};

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
      `load: ${CLIENTS} clients for ${SECONDS} s against ${AGENCIES} agencies (hub imports ${hubRoute ? 'on' : 'off: route absent'})`,
    );
    const tally: Tally = {
      requests: 0,
      byStatus: new Map(),
      latencies: [],
      unexpected5xx: 0,
      outage503: 0,
      networkErrors: 0,
    };
    const outage = { active: false, recoveredAfterMs: undefined as number | undefined, endedAt: 0 };
    const until = performance.now() + SECONDS * 1000;
    if (RESTART_AT > 0) scheduleRestart(outage, started.url, worlds[0]);
    await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) =>
        client(i, started.url, worlds, hubRoute, until, tally, outage),
      ),
    );
    await stopApp(app);
    app = undefined;
    const problems = await check(dbUrl, uploads);
    report(tally, outage, problems);
    if (tally.unexpected5xx > 0 || problems.length > 0) process.exitCode = 1;
  } finally {
    if (app) await stopApp(app);
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    rmSync(uploads, { recursive: true, force: true });
  }
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
  hubRoute: boolean,
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
      pick < 8
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

async function editTitle(base: string, world: World, n: number, index: number): Promise<number> {
  const id = world.evidenceIds[(n + index) % world.evidenceIds.length];
  const url = `${base}/api/v1/agencies/${world.agencyId}/evidence/${id}`;
  const current = await fetch(url, { headers: headers(world) });
  const item = (await current.json()) as Record<string, unknown>;
  if (!current.ok) return current.status;
  const title = `Judul ${index}-${n}`;
  // An edit sends the whole item as read, with the version it was read at.
  const { kind, documentDate, indicators, allUnits, version } = item;
  const res = await fetch(url, {
    method: 'PATCH',
    headers: headers(world, { 'Content-Type': 'application/json' }),
    body: JSON.stringify({ kind, title, documentDate, indicators, allUnits, version }),
  });
  const body = (await res.json()) as { version?: number; message?: unknown };
  if (res.status === 400) noteOnce(`edit refused: ${JSON.stringify(body.message)}`);
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

function report(tally: Tally, outage: { recoveredAfterMs?: number }, problems: string[]): void {
  const sorted = [...tally.latencies].sort((a, b) => a - b);
  const pct = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  const statuses = [...tally.byStatus.entries()]
    .sort()
    .map(([s, c]) => `${s}: ${c}`)
    .join(', ');
  console.log(
    `requests: ${tally.requests} (${Math.round(tally.requests / SECONDS)}/s); statuses ${statuses}`,
  );
  console.log(`latency p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms`);
  console.log(
    `acknowledged writes: ${acked.uploads.length} uploads, ${acked.statuses} status changes, ` +
      `${[...acked.edits.values()].reduce((s, e) => s + e.length, 0)} edits, ${acked.imports} hub imports`,
  );
  console.log(
    `5xx outside an outage: ${tally.unexpected5xx}; 503 during the outage: ${tally.outage503}; network errors: ${tally.networkErrors}`,
  );
  if (outage.recoveredAfterMs !== undefined)
    console.log(`recovery after the database returned: ${Math.round(outage.recoveredAfterMs)} ms`);
  console.log(
    problems.length
      ? `CHECK FAILED:\n  ${problems.slice(0, 20).join('\n  ')}`
      : 'check: every acknowledged write is present; no lost update',
  );
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
