/*
 * CPU time the app spends per write of the load bench's mix, robust to other jobs on the host.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
 *     node --require ./scripts/register-ts.js bench/write-cpu.bench.ts [--requests 300] [--clients 10]
 *     [--agencies 10] [--profile DIR]   (DIR: the app's V8 CPU profile, for Chrome DevTools)
 *
 * Wall-clock throughput on a shared 2-core machine moves with whatever else runs; the CPU time
 * the app process itself used (user + system, from /proc/<pid>/stat) per request served does
 * not. The app runs as its own process (src/main.ts) on a fresh database with the load bench's
 * world (agencies of 8 units and 20 evidence items, a coordinator each); each kind of request
 * runs --requests times over all agencies, and the script prints the app's CPU ms per request
 * of each kind and its ratio to the trivial GET /api/v1/auth/me measured in the same run.
 * PostgreSQL's own CPU is not counted (it is another process).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { runPendingMigrations } from '../src/database/migration-runner';
import { issueToken, makeAgency, makeEvidence, makePeriod, makeUnit, makeUser } from '../test/factories';

const ROOT = resolve(__dirname, '..');
const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const REQUESTS = arg('requests', 300);
const CLIENTS = arg('clients', 10);
const AGENCIES = arg('agencies', 10);
const PROFILE_DIR = process.argv.includes('--profile')
  ? process.argv[process.argv.indexOf('--profile') + 1]
  : '';
const YEAR = new Date().getFullYear();
const TICKS_PER_SECOND = 100;

interface World {
  agencyId: string;
  unitIds: string[];
  token: string;
  evidenceIds: string[];
}
type Op = (base: string, world: World, n: number) => Promise<number>;

const auth = (world: World, extra: Record<string, string> = {}) => ({
  Authorization: `Bearer ${world.token}`,
  ...extra,
});

const OPS: Array<[string, Op]> = [
  [
    'trivial GET /auth/me',
    async (base, w) => {
      const res = await fetch(`${base}/api/v1/auth/me`, { headers: auth(w) });
      await res.arrayBuffer();
      return res.status;
    },
  ],
  [
    'upload (16 KB PDF)',
    async (base, w, n) => {
      const bytes = Buffer.concat([Buffer.from(`%PDF-1.4\n% ${n}\n`), randomBytes(16 * 1024)]);
      const form = new FormData();
      form.set('kind', 'integration_screenshot');
      form.set('title', `Beban ${n}`);
      form.set('documentDate', `${YEAR}-03-01`);
      form.set('indicators', '18');
      form.set('unitIds', w.unitIds[n % w.unitIds.length]);
      form.set('files', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), `b-${n}.pdf`);
      const res = await fetch(`${base}/api/v1/agencies/${w.agencyId}/evidence`, {
        method: 'POST',
        headers: auth(w),
        body: form,
      });
      await res.arrayBuffer();
      return res.status;
    },
  ],
  [
    'status change',
    async (base, w, n) => {
      const id = w.evidenceIds[n % w.evidenceIds.length];
      const res = await fetch(`${base}/api/v1/agencies/${w.agencyId}/evidence/${id}/status`, {
        method: 'POST',
        headers: auth(w, { 'Content-Type': 'application/json' }),
        body: JSON.stringify({ status: Math.floor(n / w.evidenceIds.length) % 2 ? 'draft' : 'submitted' }),
      });
      await res.arrayBuffer();
      return res.status;
    },
  ],
  [
    'title edit (GET + PATCH)',
    async (base, w, n) => {
      const url = `${base}/api/v1/agencies/${w.agencyId}/evidence/${w.evidenceIds[n % w.evidenceIds.length]}`;
      const item = (await (await fetch(url, { headers: auth(w) })).json()) as Record<string, unknown>;
      const { kind, documentDate, indicators, allUnits, version } = item;
      const res = await fetch(url, {
        method: 'PATCH',
        headers: auth(w, { 'Content-Type': 'application/json' }),
        body: JSON.stringify({ kind, title: `Judul ${n}`, documentDate, indicators, allUnits, version }),
      });
      await res.arrayBuffer();
      return res.status;
    },
  ],
  [
    'hub import (1-row CSV)',
    async (base, w, n) => {
      const csv = `period_start,period_end,api_name,total_calls\n${YEAR}-01-01,${YEAR}-01-31,beban-${n},${1 + n}\n`;
      const form = new FormData();
      form.set('file', new Blob([csv], { type: 'text/csv' }), `usage-${n}.csv`);
      const res = await fetch(`${base}/api/v1/agencies/${w.agencyId}/hub-imports`, {
        method: 'POST',
        headers: auth(w),
        body: form,
      });
      await res.arrayBuffer();
      return res.status;
    },
  ],
];

/** user + system CPU of a process so far, in ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

async function main(): Promise<void> {
  const server = process.env.DATABASE_URL;
  if (!server) throw new Error('Set DATABASE_URL to a PostgreSQL server.');
  const name = `spbe_wcpu_${Date.now()}`;
  await admin(server, `CREATE DATABASE "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const uploads = mkdtempSync(join(tmpdir(), 'spbe-wcpu-'));
  let app: ChildProcess | undefined;
  try {
    const worlds = await prepare(url.toString());
    const started = await startApp(url.toString(), uploads);
    app = started.child;
    // Warm-up (JIT, pools, the scoring worker), not counted.
    for (const [, op] of OPS) await run(op, started.base, worlds, Math.min(REQUESTS, 40));
    const trivial = await measure(OPS[0][1], started.base, worlds, app.pid!);
    for (const [label, op] of OPS) {
      const m = label === OPS[0][0] ? trivial : await measure(op, started.base, worlds, app.pid!);
      console.log(
        `${label.padEnd(26)} ${m.perRequest.toFixed(2).padStart(7)} ms CPU/request ` +
          `(${(m.perRequest / trivial.perRequest).toFixed(1)}x trivial); statuses ${m.statuses}`,
      );
    }
  } finally {
    if (app) await stopApp(app);
    await admin(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    rmSync(uploads, { recursive: true, force: true });
  }
}

async function measure(op: Op, base: string, worlds: World[], pid: number) {
  const before = cpuMs(pid);
  const statuses = await run(op, base, worlds, REQUESTS);
  const used = cpuMs(pid) - before;
  const summary = [...statuses.entries()].map(([s, c]) => `${s}: ${c}`).join(', ');
  return { perRequest: used / REQUESTS, statuses: summary };
}

let sequence = 0;
async function run(op: Op, base: string, worlds: World[], count: number): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < count) {
        const i = next++;
        const status = await op(base, worlds[i % worlds.length], (sequence += 1));
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  return statuses;
}

async function prepare(url: string): Promise<World[]> {
  const ds = await new DataSource(dataSourceOptions(url, 2)).initialize();
  try {
    await runPendingMigrations(ds);
    const period = await makePeriod(ds, { year: YEAR, asOf: `${YEAR}-10-31` });
    const worlds: World[] = [];
    for (let a = 0; a < AGENCIES; a++) {
      const agency = await makeAgency(ds);
      const units = [];
      for (let u = 0; u < 8; u++) units.push(await makeUnit(ds, agency));
      const token = await issueToken(ds, await makeUser(ds, 'coordinator', agency));
      const evidenceIds = [];
      for (let e = 0; e < 20; e++)
        evidenceIds.push((await makeEvidence(ds, agency, period, { allUnits: true })).id);
      worlds.push({ agencyId: agency.id, unitIds: units.map((u) => u.id), token, evidenceIds });
    }
    return worlds;
  } finally {
    await ds.destroy();
  }
}

async function startApp(dbUrl: string, uploads: string): Promise<{ child: ChildProcess; base: string }> {
  const port = await new Promise<number>((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = probe.address() as AddressInfo;
      probe.close(() => done(p));
    });
  });
  // The load bench's settings (src/main.ts as in production, warnings only in the log).
  const profile = PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', resolve(PROFILE_DIR)] : [];
  const child = spawn(
    process.execPath,
    [...profile, '--require', './scripts/register-ts.js', 'src/main.ts'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: dbUrl,
        UPLOADS_DIR: uploads,
        PORT: String(port),
        HOST: '127.0.0.1',
        NODE_ENV: 'development',
        DEMO: 'false',
        LOG_LEVEL: 'warn',
        LOG_PRETTY: 'false',
        DB_POOL_SIZE: '10',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 1200; i++) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}) before listening`);
    if ((await fetch(`${base}/health`).catch(() => undefined))?.ok) return { child, base };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the app did not answer /health within 120 s');
}

/** SIGTERM, and the app's orderly exit (which writes a CPU profile). */
function stopApp(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
