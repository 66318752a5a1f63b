import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { Unit } from '../../src/units/unit.entity';
import { User } from '../../src/users/user.entity';
import {
  csv,
  devportalSubscriptions,
  EventSpec,
  ndjson,
  publisherApiList,
} from '../../src/hub/hub-fixtures.testing';
import { percentile } from '../../src/hub/parsers';
import { issueToken, makeAgency, makePeriod, makeUnit, makeUser } from '../factories';
import { formatNumber, formatPercent } from '../../src/i18n/numbers';
import { pdfPageTexts } from '../../src/reports/pdf-text.testing';
import { binary, browserSession, http } from '../support/http';
import { visibleText } from '../support/visible-text';
import { TestApp, createTestApp } from '../support/test-app';

const X = { id: 'app-x', name: 'Portal Warga', owner: 'x@nusa.go.id' };
const Y = { id: 'app-y', name: 'Perizinan', owner: 'y@nusa.go.id' };
const JAN = [12, 7, 30, 55, 19, 3, 80, 41];
const FEB = [100, 22, 64];

/** The raw events of the year: what the figures must count, computed independently below. */
const EVENTS: EventSpec[] = [
  ...JAN.map((latency, i) => ({ apiId: 'api-a', at: `2026-01-10T0${i}:00:00Z`, app: X, latency })),
  { apiId: 'api-a', at: '2026-01-11T00:00:00Z', app: X, code: 404, latency: 5 },
  { apiId: 'api-a', at: '2026-01-11T01:00:00Z', app: X, code: 503, latency: 900 },
  ...FEB.map((latency, i) => ({ apiId: 'api-a', at: `2026-02-03T0${i}:00:00Z`, app: Y, latency })),
  { apiId: 'api-a', at: '2026-02-03T05:00:00Z', app: Y, fault: 'AUTH' as const },
  { apiId: 'api-a', at: '2026-02-03T06:00:00Z', app: Y, fault: 'AUTH' as const },
  { apiId: 'api-a', at: '2026-02-04T06:00:00Z', app: Y, fault: 'THROTTLED' as const },
  // Not counted: sandbox keys, and another year.
  { apiId: 'api-a', at: '2026-01-12T00:00:00Z', app: X, latency: 5000, keyType: 'SANDBOX' },
  { apiId: 'api-a', at: '2025-12-31T23:00:00Z', app: X, latency: 6000 },
];
const LATENCIES = [...JAN, 5, 900, ...FEB];

const USAGE_HEADER = [
  'hub_id',
  'period_start',
  'period_end',
  'api_id',
  'api_name',
  'total_calls',
  'success_calls',
  'client_error_calls',
  'server_error_calls',
  'fault_calls',
  'p95_latency_ms',
  'p99_latency_ms',
];

describe('hub figures', () => {
  let t: TestApp;
  let ds: DataSource;
  let agency: Agency;
  let unit: Unit;
  let coordinator: User;
  let auth: string;

  const push = (name: string, content: string) =>
    http(t.app)
      .post(`/api/v1/agencies/${agency.id}/hub-imports`)
      .set('Authorization', auth)
      .attach('file', Buffer.from(content), name)
      .expect(201);
  const figures = (query = '') =>
    http(t.app)
      .get(`/api/v1/agencies/${agency.id}/hub/figures?year=2026${query}`)
      .set('Authorization', auth)
      .expect(200);

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    await makePeriod(ds, { year: 2026, asOf: '2026-12-31' });
    agency = await makeAgency(ds, { code: 'fig', domain: 'nusa.go.id' });
    unit = await makeUnit(ds, agency, { code: 'DINAS-A' });
    await makeUnit(ds, agency, { code: 'DINAS-B' });
    coordinator = await makeUser(ds, 'coordinator', agency);
    auth = `Bearer ${await issueToken(ds, coordinator, 'access')}`;
    await http(t.app)
      .post(`/api/v1/agencies/${agency.id}/hub/rules`)
      .set('Authorization', auth)
      .send({ unitId: unit.id, matchType: 'api_id', matchValue: 'api-a' })
      .expect(201);
    await push(
      'apis.json',
      publisherApiList([
        { id: 'api-a', name: 'Kependudukan' },
        { id: 'api-b', name: 'Pajak' },
        { id: 'api-c', name: 'Draft', status: 'CREATED' },
      ]),
    );
    await push('events.ndjson', ndjson(EVENTS));
    await push(
      'subs.json',
      devportalSubscriptions([
        { apiId: 'api-a', appId: X.id, appName: X.name, owner: X.owner },
        { apiId: 'api-a', appId: 'app-z', appName: 'Dasbor', owner: 'z@nusa.go.id' },
        { apiId: 'api-a', appId: 'app-w', appName: 'Lama', owner: 'w@nusa.go.id', status: 'BLOCKED' },
      ]),
    );
    await push(
      'usage.csv',
      csv(USAGE_HEADER, [
        // API A in January also has raw events: this aggregated row must not be added to them.
        ['spl-fig', '2026-01-01', '2026-01-31', 'api-a', 'Kependudukan', '5000', '', '', '', '', '', ''],
        // API A in March has only this aggregated total (no breakdown).
        ['spl-fig', '2026-03-01', '2026-03-31', 'api-a', 'Kependudukan', '40', '', '', '', '', '', ''],
        [
          'spl-fig',
          '2026-01-01',
          '2026-01-31',
          'api-b',
          'Pajak',
          '1000',
          '950',
          '30',
          '20',
          '0',
          '210',
          '480',
        ],
      ]),
    );
    await push(
      'uptime.csv',
      csv(
        [
          'hub_id',
          'monitor_name',
          'url',
          'period_start',
          'period_end',
          'uptime_pct',
          'avg_response_ms',
          'down_events',
          'downtime_sec',
        ],
        [
          [
            'spl-fig',
            'Gateway',
            'https://spl.nusa.go.id',
            '2026-01-01',
            '2026-01-31',
            '99.9',
            '120',
            '1',
            '2678',
          ],
          [
            'spl-fig',
            'Gateway',
            'https://spl.nusa.go.id',
            '2026-02-01',
            '2026-02-28',
            '99.0',
            '130',
            '2',
            '24192',
          ],
        ],
      ),
    );
  });
  afterAll(() => t.close());

  it('counts calls, results and faults by type of the year from raw events, production keys only', async () => {
    const res = await figures();
    const a = res.body.apis.find((x: { sourceId: string }) => x.sourceId === 'api-a');
    expect(a).toMatchObject({
      calls: 16 + 40,
      success: 11,
      clientErrors: 1,
      serverErrors: 1,
      faults: 3,
      faultsByType: { AUTH: 2, THROTTLED: 1, TARGET_CONNECTIVITY: 0, OTHER: 0 },
      unit: { id: unit.id, code: 'DINAS-A' },
    });
    // Errors over the calls whose breakdown is known (the March total has none).
    expect(a.errorRate).toBeCloseTo(5 / 16, 10);
    expect(res.body.months.map((m: { month: string; calls: number }) => [m.month, m.calls])).toEqual([
      ['2026-01', 10 + 1000],
      ['2026-02', 6],
      ['2026-03', 40],
    ]);
  });

  it('gives exact p50/p95/p99 from the raw events, equal to sorting them', async () => {
    const a = (await figures()).body.apis.find((x: { sourceId: string }) => x.sourceId === 'api-a');
    expect(a.latency).toMatchObject({
      precision: 'RAW',
      asReported: false,
      p50Ms: percentile(LATENCIES, 50),
      p95Ms: percentile(LATENCIES, 95),
      p99Ms: percentile(LATENCIES, 99),
      samples: LATENCIES.length,
    });
  });

  it('marks latency of aggregated data as reported', async () => {
    const b = (await figures()).body.apis.find((x: { sourceId: string }) => x.sourceId === 'api-b');
    expect(b).toMatchObject({ calls: 1000, clientErrors: 30, serverErrors: 20, errorRate: 0.05 });
    expect(b.latency).toMatchObject({ precision: 'AGGREGATED', asReported: true, p95Ms: 210, p99Ms: 480 });
  });

  it('lists consumers from active subscriptions and calls, with their flags', async () => {
    const a = (await figures()).body.apis.find((x: { sourceId: string }) => x.sourceId === 'api-a');
    const flags = Object.fromEntries(
      a.consumers.map((c: { appKey: string; flag: string | null }) => [c.appKey, c.flag]),
    );
    expect(flags).toEqual({
      'app-x': null,
      'app-y': 'called_without_subscription',
      'app-z': 'subscribed_never_called',
    });
    expect(a.consumerCount).toBe(3);
  });

  it('counts published APIs (active lifecycle states only) and the uptime per monitor', async () => {
    const res = await figures();
    expect(res.body.totals).toMatchObject({ publishedApis: 2, registeredApis: 3, calls: 56 + 1000 });
    const [gateway] = res.body.uptime;
    expect(gateway).toMatchObject({ monitorName: 'Gateway', downEvents: 3, downtimeSec: 2678 + 24192 });
    expect(gateway.uptimePct).toBeCloseTo((99.9 * 31 + 99.0 * 28) / 59, 6);
    expect(gateway.months.map((m: { month: string }) => m.month)).toEqual(['2026-01', '2026-02']);
  });

  it('restricts the figures to the APIs of one unit', async () => {
    const res = await figures(`&unitId=${unit.id}`);
    expect(res.body.apis.map((a: { sourceId: string }) => a.sourceId)).toEqual(['api-a']);
    expect(res.body.totals).toMatchObject({ publishedApis: 1, calls: 56 });
    expect(res.body.totals.latency.p95Ms).toBe(percentile(LATENCIES, 95));
  });

  it('prints the same figures in the agency summary PDF, in Indonesian number style', async () => {
    const body = (await figures()).body;
    const res = await http(t.app)
      .get(`/api/v1/agencies/${agency.id}/periods/2026/reports/summary.pdf`)
      .set('Authorization', auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const text = (await pdfPageTexts(res.body as Buffer)).join(' ').replace(/\s+/g, ' ');
    const id = (n: number) => formatNumber('id', n);
    expect(text).toContain('Angka hub SPL tahun 2026');
    expect(text).toContain(`Panggilan ${id(56 + 1000)}`);
    expect(text).toContain('API terbit di bus 2 dari 3 terdaftar');
    // Lifecycle states in words (WSO2's CREATED and PUBLISHED stay in the JSON).
    expect(text).toMatch(/Dibuat\s+1/);
    expect(text).toMatch(/Diterbitkan\s+2/);
    expect(text).not.toMatch(/\b(CREATED|PUBLISHED)\b/);
    for (const [code, count] of Object.entries(body.totals.statusCodes as Record<string, number>))
      expect(text).toMatch(new RegExp(`${code}\\s+${id(count).replace('.', '\\.')}\\s`));
    expect(text).toMatch(/Autentikasi\s+2\s+Pembatasan laju \(throttling\)\s+1/);
    const p = (q: number) => percentile(LATENCIES, q);
    expect(text).toMatch(
      new RegExp(
        `Respons\\s+\\S+\\s+${p(50)}\\s+${p(95)}\\s+${p(99)}\\s+${LATENCIES.length}\\s+tepat, dari event mentah`,
      ),
    );
    expect(text).toContain(`${formatPercent('id', body.uptime[0].uptimePct, 2)} `);
    expect(text).toContain('Konsumen teratas (menurut panggilan)');
    expect(text).toContain('Portal Warga');
  });

  it('replaces, never adds, a bucket imported again in another file', async () => {
    const again = ndjson(EVENTS.slice(0, 3)).replace(/\n$/, '\n\n');
    await push('events-again.ndjson', again);
    const a = (await figures()).body.apis.find((x: { sourceId: string }) => x.sourceId === 'api-a');
    // The day of 2026-01-10 now holds the 3 re-imported events instead of 8.
    expect(a.calls).toBe(16 + 40 - 5);
  });

  it('shows the figures on the hub page and the unit page', async () => {
    const session = await issueToken(ds, coordinator, 'session');
    const { cookie } = browserSession(t.config.sessionSecret, session);
    const page = await http(t.app)
      .get(`/agencies/${agency.id}/hub?year=2026`)
      .set('Cookie', cookie)
      .expect(200);
    expect(page.text).toContain('Kependudukan');
    expect(page.text).toContain('data-chart=');
    // Fault types and lifecycle states in words, not WSO2's codes.
    const visible = visibleText(page.text);
    expect(visible).toMatch(/Autentikasi\s+2/);
    expect(visible).toContain('Diterbitkan');
    expect(visible).not.toMatch(/\b(AUTH|THROTTLED|TARGET_CONNECTIVITY|PUBLISHED|CREATED)\b/);
    const unitPage = await http(t.app)
      .get(`/agencies/${agency.id}/hub/units/${unit.id}?year=2026&lang=en`)
      .set('Cookie', cookie)
      .expect(200);
    expect(unitPage.text).toContain('subscribed, never called');
    expect(unitPage.text).not.toContain('Pajak');
  });
});
