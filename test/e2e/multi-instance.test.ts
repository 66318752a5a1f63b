import { ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { MIGRATIONS } from '../../src/database/migrations';
import { S3rverProcess } from '../../src/storage/s3rver.testing';
import {
  TEST_PASSWORD,
  issueToken,
  makeAgency,
  makeApplication,
  makePeriod,
  makeUnit,
  makeUser,
} from '../factories';
import { browserSession } from '../support/http';
import { collect, spawnEntry, waitForOutput } from '../support/process';
import { serverUrl } from '../support/template';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const SESSION_SECRET = randomBytes(24).toString('hex');
const RATE = 6;

interface Instance {
  child: ChildProcess;
  url: string;
  output: Promise<{ stdout: string; stderr: string }>;
}

async function startInstance(env: Record<string, string>): Promise<Instance> {
  const child = spawnEntry('src/main.ts', [], {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_PRETTY: 'false',
    NODE_ENV: 'development',
    DEMO: 'false',
    SESSION_SECRET,
    LOGIN_RATE_PER_MINUTE: String(RATE),
    JOB_EXPIRE_SECONDS: '5',
    JOB_SUPERVISE_SECONDS: '1',
    ...env,
  });
  const output = collect(child);
  const [, url] = await waitForOutput(child, /Listening on (http:\/\/[^\s"]+)/, 120_000);
  return { child, url, output };
}

async function stop(instance: Instance | undefined, signal: NodeJS.Signals = 'SIGTERM') {
  if (!instance || instance.child.exitCode !== null) return;
  instance.child.kill(signal);
  await instance.output;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// Several instances share a PostgreSQL server; the embedded database belongs to one process.
const serverOnly = serverUrl() ? describe : describe.skip;

serverOnly('two app instances on one PostgreSQL database and one S3 store', () => {
  const s3 = new S3rverProcess('multi-instance');
  const name = `spbe_multi_${process.pid}_${randomBytes(3).toString('hex')}`;
  let url: string;
  let ds: DataSource;
  let a: Instance;
  let b: Instance;

  beforeAll(async () => {
    await s3.start();
    // An empty database, so both instances find every migration pending when they boot together.
    const admin = new Client({ connectionString: serverUrl() });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const base = new URL(serverUrl()!);
    base.pathname = `/${name}`;
    url = base.toString();
    const env = { DATABASE_URL: url, ...s3.env() };
    [a, b] = await Promise.all([startInstance(env), startInstance(env)]);
    ds = await new DataSource(dataSourceOptions(url, 2)).initialize();
  }, 240_000);

  afterAll(async () => {
    await Promise.all([stop(a), stop(b)]);
    if (ds?.isInitialized) await ds.destroy();
    const admin = new Client({ connectionString: serverUrl() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
    await s3.stop();
  }, 60_000);

  it('runs the migrations once although both instances booted at the same time', async () => {
    const rows: Array<{ name: string; n: number }> = await ds.query(
      'SELECT name, count(*)::int AS n FROM migrations GROUP BY name',
    );
    expect(rows).toHaveLength(MIGRATIONS.length);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    for (const i of [a, b]) {
      const health = (await request(i.url).get('/health').expect(200)).body as Record<string, unknown>;
      expect(health).toMatchObject({ status: 'ok', database: 'postgres' });
    }
  });

  it('accepts a login made on one instance on the other, and counts the login rate across both', async () => {
    const agency = await makeAgency(ds);
    const user = await makeUser(ds, 'coordinator', agency);
    const login = await request(a.url)
      .post('/api/v1/auth/login')
      .send({ username: user.username, password: TEST_PASSWORD })
      .expect(200);
    const me = await request(b.url)
      .get('/api/v1/auth/me')
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .expect(200);
    expect(me.body).toMatchObject({ username: user.username });

    // One attempt so far; RATE - 1 more alternate between the instances, then both refuse.
    for (let i = 1; i < RATE; i++)
      await request(i % 2 ? b.url : a.url)
        .post('/api/v1/auth/login')
        .send({ username: 'nobody-here', password: 'wrong-password' })
        .expect(401);
    for (const i of [a, b])
      await request(i.url)
        .post('/api/v1/auth/login')
        .send({ username: 'nobody-here', password: 'wrong-password' })
        .expect(429);
  });

  it('serves a file uploaded on one instance from the other, with the same SHA-256', async () => {
    await makePeriod(ds, { year: 2026, asOf: '2026-10-31' });
    const agency = await makeAgency(ds);
    const unit = await makeUnit(ds, agency);
    await makeApplication(ds, unit, 'spl');
    const auth = `Bearer ${await issueToken(ds, await makeUser(ds, 'operator', agency))}`;
    const file = Buffer.concat([PDF, randomBytes(300_000)]);
    let upload = request(a.url).post(`/api/v1/agencies/${agency.id}/evidence`).set('Authorization', auth);
    const meta = { kind: 'api_list', title: 'Daftar API', documentDate: '2026-03-01', indicators: '18' };
    for (const [k, v] of Object.entries({ ...meta, unitIds: unit.id })) upload = upload.field(k, v);
    const created = await upload.attach('files', file, 'daftar.pdf').expect(201);
    const stored = created.body.files[0] as { id: string; sha256: string };
    expect(stored.sha256).toBe(sha(file));
    const download = await request(b.url)
      .get(`/api/v1/agencies/${agency.id}/evidence/${created.body.id}/files/${stored.id}`)
      .set('Authorization', auth)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(sha(download.body as Buffer)).toBe(stored.sha256);
  });

  const startRollup = async (on: Instance, cookie: string, csrf: string) => {
    const started = await request(on.url)
      .post('/reports/rollup')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, year: '2026', basis: 'verified', area: '', kind: '', lang: 'id' })
      .expect(303);
    return started.headers.location as string;
  };

  const finished = (on: Instance, jobUrl: string, cookie: string) =>
    until(`${jobUrl} to finish`, async () => {
      const page = await request(on.url).get(jobUrl).set('Cookie', cookie).expect(200);
      return page.headers.refresh ? undefined : page.text;
    });

  const pdfFrom = async (on: Instance, jobUrl: string, cookie: string) =>
    (
      await request(on.url)
        .get(`${jobUrl}/rollup.pdf`)
        .set('Cookie', cookie)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200)
    ).body as Buffer;

  it('serves a roll-up started on one instance from the other', async () => {
    const admin = await makeUser(ds, 'admin', null);
    const { cookie, csrf } = browserSession(SESSION_SECRET, await issueToken(ds, admin, 'session'));
    const jobUrl = await startRollup(a, cookie, csrf);
    expect(await finished(b, jobUrl, cookie)).toContain(`${jobUrl}/rollup.pdf`);
    expect((await pdfFrom(b, jobUrl, cookie)).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('lets the other instance finish a job whose instance was killed in the middle of it', async () => {
    const admin = await makeUser(ds, 'admin', null);
    const { cookie, csrf } = browserSession(SESSION_SECRET, await issueToken(ds, admin, 'session'));
    // B looks away and the store stalls, so A takes the job and hangs while writing its file.
    b.child.kill('SIGSTOP');
    await s3.pause();
    let jobUrl: string;
    try {
      jobUrl = await startRollup(a, cookie, csrf);
      const id = jobUrl.split('/').pop();
      await until('A to take the job', async () => {
        const [row] = (await ds.query('SELECT attempts FROM rollup_job WHERE id = $1', [id])) as Array<{
          attempts: number;
        }>;
        return row.attempts === 1 ? true : undefined;
      });
      a.child.kill('SIGKILL');
      await a.output;
    } finally {
      await s3.resume();
      b.child.kill('SIGCONT');
    }
    expect(await finished(b, jobUrl, cookie)).toContain(`${jobUrl}/rollup.pdf`);
    expect((await pdfFrom(b, jobUrl, cookie)).subarray(0, 5).toString()).toBe('%PDF-');
    const [row] = (await ds.query('SELECT attempts, status FROM rollup_job WHERE id = $1', [
      jobUrl.split('/').pop(),
    ])) as Array<{ attempts: number; status: string }>;
    expect(row).toEqual({ attempts: 2, status: 'done' });
  }, 120_000);
});
