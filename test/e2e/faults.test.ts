import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { embeddedUrl } from '../../src/database/embedded-postgres';
import { issueToken, makeAgency, makePeriod, makeUnit, makeUser } from '../factories';
import { collect, spawnEntry, waitForOutput } from '../support/process';
import { copyTemplate, serverUrl, withDatabase } from '../support/template';
import { TestDatabase, createTestDatabase } from '../support/test-database';

/**
 * Faults a production instance meets: the process killed with SIGKILL in the middle of writes and
 * uploads, and the database going away and coming back. Committed data and files must survive,
 * nothing half-written may remain, and the app must recover on its own.
 */
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const UPLOADS = 50;

async function startServer(env: Record<string, string | undefined>) {
  const child = spawnEntry('src/main.ts', [], {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_PRETTY: 'false',
    NODE_ENV: 'development',
    DEMO: 'false',
    ...env,
  });
  const [, url] = await waitForOutput(child, /Listening on (http:\/\/[^\s"]+)/, 60000);
  return { child, url };
}

async function killHard(child: ReturnType<typeof spawnEntry>) {
  const finished = collect(child);
  child.kill('SIGKILL');
  return finished;
}

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

interface World {
  agencyId: string;
  unitId: string;
  token: string;
}

/** An agency, a unit, an operator and its token, written straight into the database. */
async function makeWorld(url: string): Promise<World> {
  const ds = await new DataSource(dataSourceOptions(url, 1)).initialize();
  try {
    const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM period WHERE year = 2026');
    if (n === 0) await makePeriod(ds, { year: 2026, asOf: '2026-10-31' });
    const agency = await makeAgency(ds);
    const unit = await makeUnit(ds, agency);
    const token = await issueToken(ds, await makeUser(ds, 'operator', agency));
    return { agencyId: agency.id, unitId: unit.id, token };
  } finally {
    await ds.destroy();
  }
}

function upload(base: string, world: World, bytes: Buffer, i: number): Promise<Response> {
  const form = new FormData();
  form.set('kind', 'integration_screenshot');
  form.set('title', `Tangkapan layar ${i}`);
  form.set('documentDate', '2026-03-01');
  form.set('indicators', '18');
  form.set('unitIds', world.unitId);
  form.set('files', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), `bukti-${i}.pdf`);
  return fetch(`${base}/api/v1/agencies/${world.agencyId}/evidence`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${world.token}` },
    body: form,
  });
}

function pdfOf(size: number, i: number): Buffer {
  return Buffer.concat([
    Buffer.from(`%PDF-1.4\n% upload ${i}\n`),
    randomBytes(size),
    Buffer.from('\n%%EOF\n'),
  ]);
}

/**
 * Starts 50 uploads at once and kills the app with SIGKILL once a third of them are acknowledged.
 * Returns the acknowledged uploads with the bytes that were sent.
 */
async function uploadsCutShort(base: string, world: World, child: ReturnType<typeof spawnEntry>) {
  const bodies = Array.from({ length: UPLOADS }, (_, i) => pdfOf(512 * 1024, i));
  const acked: Array<{ id: string; sha256: string }> = [];
  let killed: Promise<unknown> | undefined;
  const attempts = bodies.map(async (bytes, i) => {
    try {
      const res = await upload(base, world, bytes, i);
      if (res.status === 201) {
        const body = (await res.json()) as { id: string };
        acked.push({ id: body.id, sha256: sha(bytes) });
        if (acked.length >= UPLOADS / 3 && !killed) killed = killHard(child);
      }
    } catch {
      // the connection died with the process: not acknowledged
    }
  });
  await Promise.all(attempts);
  await (killed ?? killHard(child));
  return acked;
}

async function evidenceRows(url: string): Promise<Array<{ id: string; sha256: string; key: string }>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT e.id, trim(f.sha256) AS sha256, f.storage_key AS key
         FROM evidence e LEFT JOIN evidence_file f ON f.evidence_id = e.id ORDER BY e.id`,
    );
    return rows;
  } finally {
    await client.end();
  }
}

const embeddedOnly = serverUrl() ? describe.skip : describe;
const serverOnly = serverUrl() ? describe : describe.skip;

embeddedOnly('SIGKILL on the embedded database', () => {
  let dataDir: string;
  let uploadsDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'spbe-kill-'));
    uploadsDir = join(dataDir, 'uploads');
    copyTemplate(join(dataDir, 'pglite'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every acknowledged write and upload; the next boot leaves no orphan behind', async () => {
    const env = { DATA_DIR: dataDir, DATABASE_URL: undefined, UPLOADS_DIR: uploadsDir };
    const first = await startServer(env);
    const port = JSON.parse(readFileSync(join(dataDir, 'pglite.owner.json'), 'utf8')).port as number;
    const world = await makeWorld(embeddedUrl(port));

    const acked = await uploadsCutShort(first.url, world, first.child);
    expect(acked.length).toBeGreaterThanOrEqual(UPLOADS / 3);

    const second = await startServer(env);
    try {
      const ownerPort = JSON.parse(readFileSync(join(dataDir, 'pglite.owner.json'), 'utf8')).port as number;
      const rows = await evidenceRows(embeddedUrl(ownerPort));
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const a of acked) expect(byId.get(a.id)?.sha256).toBe(a.sha256);
      // Every row, acknowledged or not, has its file with the right content; nothing else is on disk.
      for (const r of rows) expect(sha(readFileSync(join(uploadsDir, r.key)))).toBe(r.sha256);
      expect(files(uploadsDir).sort()).toEqual(rows.map((r) => join(uploadsDir, r.key)).sort());
    } finally {
      await killHard(second.child);
    }
  });
});

serverOnly('SIGKILL and outages on a PostgreSQL server', () => {
  let db: TestDatabase;
  let uploadsDir: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    uploadsDir = mkdtempSync(join(tmpdir(), 'spbe-kill-uploads-'));
  });
  afterAll(async () => {
    await db.destroy();
    rmSync(uploadsDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged upload; verify --repair --stopped removes what the crash left', async () => {
    const env = { DATABASE_URL: db.url, UPLOADS_DIR: uploadsDir };
    const first = await startServer(env);
    const world = await makeWorld(db.url);
    const acked = await uploadsCutShort(first.url, world, first.child);

    const repaired = await collect(
      spawnEntry('src/cli.ts', ['evidence', 'verify', '--repair', '--stopped', '--json'], {
        ...env,
        LOG_LEVEL: 'warn',
      }),
    );
    const report = JSON.parse(repaired.stdout);
    expect(report.missing.count).toBe(0);
    expect(report.changed.count).toBe(0);
    expect(report.removed).toBe(report.orphaned.count);

    const rows = await evidenceRows(db.url);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const a of acked) expect(byId.get(a.id)?.sha256).toBe(a.sha256);
    expect(files(uploadsDir).sort()).toEqual(rows.map((r) => join(uploadsDir, r.key)).sort());
  });

  it('answers 503 quickly while the database is away, and recovers by itself when it is back', async () => {
    const { child, url } = await startServer({ DATABASE_URL: db.url, UPLOADS_DIR: uploadsDir });
    const world = await makeWorld(db.url).catch(async (error) => {
      await killHard(child);
      throw error;
    });
    const name = new URL(db.url).pathname.slice(1);
    const admin = new Client({ connectionString: withDatabase(serverUrl()!, 'postgres') });
    await admin.connect();
    const units = () =>
      fetch(`${url}/api/v1/agencies/${world.agencyId}/units`, {
        headers: { Authorization: `Bearer ${world.token}` },
      });
    try {
      expect((await units()).status).toBe(200);
      // The database refuses new sessions and drops the app's: an outage as the app sees it.
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);

      const started = Date.now();
      const during = await units();
      expect(Date.now() - started).toBeLessThan(5000);
      expect(during.status).toBe(503);
      expect(await during.json()).toMatchObject({
        code: 'database.unavailable',
        message: expect.stringMatching(/Layanan sedang tidak tersedia/),
      });
      const health = await fetch(`${url}/health`);
      expect(health.status).toBe(503);

      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
      const back = Date.now();
      let status = 0;
      while (Date.now() - back < 10000) {
        status = (await units()).status;
        if (status === 200) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(status).toBe(200);
      expect((await fetch(`${url}/health`)).status).toBe(200);
    } finally {
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`).catch(() => undefined);
      await admin.end();
      await killHard(child);
    }
  });
});
