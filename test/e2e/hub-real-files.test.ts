import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:tls';
import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { hubsCsv } from '../../src/hub/hub-fixtures.testing';
import { HubHealthService } from '../../src/hub/hub-health.service';
import { User } from '../../src/users/user.entity';
import { issueToken, makeAgency, makePeriod, makeUser } from '../factories';
import { browserSession, http } from '../support/http';
import { TestApp, createTestApp } from '../support/test-app';

const FIXTURES = join(__dirname, '..', 'fixtures', 'hub');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));

/** Issue 22: the real export files, imported through the push API, and the figures they give. */
describe('hub imports of real export files', () => {
  let t: TestApp;
  let ds: DataSource;
  let agency: Agency;
  let coordinator: User;
  let auth: string;

  const push = (name: string, content: Buffer, fields: Record<string, string> = {}) => {
    const request = http(t.app).post(`/api/v1/agencies/${agency.id}/hub-imports`).set('Authorization', auth);
    for (const [key, value] of Object.entries(fields)) void request.field(key, value);
    return request.attach('file', content, name);
  };
  const figures = () =>
    http(t.app)
      .get(`/api/v1/agencies/${agency.id}/hub/figures?year=2024`)
      .set('Authorization', auth)
      .expect(200);

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    await makePeriod(ds, { year: 2024, asOf: '2024-12-31' });
    agency = await makeAgency(ds, { code: 'real', domain: 'bandung.go.id' });
    coordinator = await makeUser(ds, 'coordinator', agency);
    auth = `Bearer ${await issueToken(ds, coordinator, 'access')}`;
  });

  afterAll(async () => {
    await t.close();
  });

  it('keeps one API per tenant, context and version across the apictl table, api.yaml and events', async () => {
    await push('apis.txt', fixture('f1-apictl-get-apis.txt')).expect(201);
    await push('api.yaml', fixture('f2-api-commented.yaml')).expect(201);
    await push('events.json', fixture('f5-events-array.json')).expect(201);
    const rows = await ds.query(
      `SELECT api_key, name, variant FROM hub_api WHERE agency_id = $1 AND api_key LIKE '%kependudukan%'`,
      [agency.id],
    );
    expect(rows).toEqual([
      { api_key: 'bandung.go.id|/kependudukan|1.0.0', name: 'LayananKependudukan', variant: 'F2-4x-api' },
    ]);
    await push('apps.txt', fixture('f4-apictl-get-apps.txt')).expect(201);
    const apps = await ds.query('SELECT name FROM hub_application WHERE agency_id = $1 ORDER BY name', [
      agency.id,
    ]);
    expect(apps.map((a: { name: string }) => a.name)).toEqual([
      'AplikasiPerizinan',
      'DefaultApplication',
      'Portal Warga',
    ]);
  });

  it('shows calls by status code, fault type, lifecycle and three exact latencies; sandbox apart', async () => {
    const { body } = await figures();
    expect(body.totals).toMatchObject({
      calls: 5,
      sandboxCalls: 1,
      statusCodes: { '200': 2, '404': 1, '429': 1, '503': 1 },
      faultsByType: { THROTTLED: 1 },
      lifecycle: { PUBLISHED: 1, DEPRECATED: 1, CREATED: 1 },
    });
    expect(body.totals.latency).toMatchObject({
      precision: 'RAW',
      p50Ms: 40,
      p95Ms: 900,
      avgMs: (40 + 60 + 15 + 900) / 4,
      backend: { p50Ms: 30, p99Ms: 850, samples: 3 },
      requestMediation: { p50Ms: 5, p99Ms: 9, samples: 4 },
    });
    const api = body.apis.find((a: { name: string }) => a.name === 'LayananKependudukan');
    // The sandbox-only application is listed as a sandbox caller, not as a production consumer.
    expect(api.consumerCount).toBe(1);
    const sandbox = api.consumers.find(
      (c: { appKey: string }) => c.appKey === '0b5ccc91-30e2-4ee5-9355-d1698075c028',
    );
    expect(sandbox).toMatchObject({ called: false, calledSandbox: true });
    expect(body.totals.topConsumers[0]).toMatchObject({ name: 'AplikasiPerizinan', calls: 5 });
    expect(body.totals.topProviders[0]).toMatchObject({ calls: 5 });
  });

  it('imports UptimeRobot v3 monitors with windows, status, latest downtime and certificate expiry', async () => {
    await push('monitors.json', fixture('f7-uptimerobot-v3.json')).expect(201);
    await push('v2.json', fixture('f7-uptimerobot-v2-logs.json')).expect(201);
    const { body } = await figures();
    const gateway = body.uptime.find((m: { monitorId: string }) => m.monitorId === '801234567');
    expect(gateway).toMatchObject({
      status: 'UP',
      statusSince: '2024-03-01T22:00:00.000Z',
      lastDowntime: { start: '2024-03-01T08:30:00.000Z', durationSec: 1800 },
      sslExpiresAt: '2024-03-20T00:00:00.000Z',
      expiryWarning: true,
      windows: { day: { coveredPct: 100 }, until: '2024-03-02T00:00:00.000Z' },
    });
    expect(gateway.windows.day.uptimePct).toBeCloseTo((100 * 3 + 91.667) / 4, 6);
    const portal = body.uptime.find((m: { monitorId: string }) => m.monitorId === '801234568');
    expect(portal).toMatchObject({ status: 'DOWN', windows: { day: { uptimePct: null } } });
  });

  it('reads stated ratio windows of a v2 answer, and refuses it without them', async () => {
    const refused = await push('ratios.json', fixture('f7-uptimerobot-v2-ratios.json')).expect(422);
    expect(refused.body.problems[0].reason).toMatch(/custom_uptime_ratios/);
    await push('ratios.json', fixture('f7-uptimerobot-v2-ratios.json'), {
      uptimeRatios: '1-7-30',
      uptimeFetchedAt: '2024-12-01T00:00:00Z',
    }).expect(201);
    const { body } = await figures();
    const portal = body.uptime.find((m: { monitorId: string }) => m.monitorId === '777712828');
    expect(portal.windows).toMatchObject({
      day: { uptimePct: 98 },
      week: { uptimePct: 99.5 },
      month: { uptimePct: 99.9 },
    });
    expect(portal).toMatchObject({ status: 'DOWN', avgResponseMs: 412.5, sslIssuer: "Let's Encrypt" });
  });

  it('shows the dashboard figures and warns of a certificate expiring within 30 days on the hub page', async () => {
    const session = await issueToken(ds, coordinator, 'session');
    const { cookie } = browserSession(t.config.sessionSecret, session);
    const page = await http(t.app)
      .get(`/agencies/${agency.id}/hub?year=2024&lang=en`)
      .set('Cookie', cookie)
      .expect(200);
    expect(page.text).toContain('data-status-codes');
    expect(page.text).toMatch(/<code>503<\/code><\/td><td>1<\/td>/);
    expect(page.text).toContain('Request mediation');
    expect(page.text).toContain('Top consumers');
    expect(page.text).toMatch(/<span class="tag warn">-?\d+ days left<\/span>/);
  });

  it('keeps a refused file in the import history with its reason', async () => {
    const refused = await push('notes.txt', Buffer.from('just some notes\nnothing to import\n')).expect(422);
    expect(refused.body.import).toMatchObject({ fileName: 'notes.txt', status: 'rejected', format: null });
    const history = await http(t.app)
      .get(`/api/v1/agencies/${agency.id}/hub-imports`)
      .set('Authorization', auth)
      .expect(200);
    const entry = history.body.find((i: { fileName: string }) => i.fileName === 'notes.txt');
    expect(entry).toMatchObject({ status: 'rejected' });
    expect(entry.problems[0].reason).toMatch(/Jenis ekspor hub "notes.txt" tidak dikenali/);
    expect(entry.problems[0].code).toBe('msg.hubfile.unknownFormat');
  });

  it('checks the recorded SPL gateway over TLS and shows the certificate with days to expiry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        'k.pem',
        '-out',
        'c.pem',
        '-days',
        '10',
        '-subj',
        '/CN=splp.test',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { cwd: dir, stdio: 'pipe' },
    );
    const cert = readFileSync(join(dir, 'c.pem'));
    const server = createServer({ key: readFileSync(join(dir, 'k.pem')), cert }, (socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
      await push(
        'hubs.csv',
        Buffer.from(hubsCsv([['splp-real', 'SPL Real', 'DAERAH', 'WSO2_APIM_4', url, '']])),
      ).expect(201);
      // The loopback gateway is the only one recorded for this agency: nothing else is contacted.
      const checked = await t.app.get(HubHealthService).checkAll(agency.id, { timeoutMs: 5000, ca: cert });
      expect(checked).toBe(1);
      const { body } = await figures();
      expect(body.endpoints).toEqual([
        expect.objectContaining({
          url,
          reachable: true,
          chainVerified: true,
          subject: 'CN=splp.test',
          warning: true,
        }),
      ]);
      expect(body.endpoints[0].daysLeft).toBeGreaterThanOrEqual(9);
      expect(body.endpoints[0].daysLeft).toBeLessThanOrEqual(10);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
