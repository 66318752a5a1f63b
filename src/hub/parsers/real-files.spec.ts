import { apiKeyOf } from './api.mapping';
import { readFileSync } from 'node:fs';
import { fixturePath, inLang, parseFixture, valuesOf } from './fixtures.testing';

/**
 * Issue 22: real export formats the importers refused or misread. Each fixture has the shape of
 * a file written by the tool itself (apictl's tabwriter table, apictl's annotated api.yaml,
 * WSO2's documented analytics events, UptimeRobot's official v2 example and v3 client shapes).
 */
const KEPENDUDUKAN = 'bandung.go.id|/kependudukan|1.0.0';

describe('apictl default text tables', () => {
  it('reads `apictl get apis` as APIs, names with spaces and all, keyed by tenant, context and version', async () => {
    const result = await parseFixture('f1-apictl-get-apis.txt');
    expect(result.ok).toBe(true);
    expect(result.format.variant).toBe('F1-apictl-table');
    const apis = valuesOf(result, 'api');
    expect(apis.map((a) => [a.name, a.version, a.lifecycleStatus, a.publishedOnBus])).toEqual([
      ['LayananKependudukan', '1.0.0', 'PUBLISHED', true],
      ['Perizinan Online', '2.1.0', 'DEPRECATED', true],
      ['DataPajakDaerah', '1.0.0', 'CREATED', false],
    ]);
    expect(apis[0]).toMatchObject({
      sourceId: '9e1f4d22-7a3b-4c8e-b5d6-1f2a3b4c5d6e',
      provider: 'disdukcapil@bandung.go.id',
      tenantDomain: 'bandung.go.id',
    });
    expect(apiKeyOf(apis[0])).toBe(KEPENDUDUKAN);
  });

  it('reads `apictl get apps` with its empty GROUP ID column as applications', async () => {
    const result = await parseFixture('f4-apictl-get-apps.txt');
    expect(result.ok).toBe(true);
    expect(result.format.variant).toBe('F4-apictl-apps-table');
    expect(valuesOf(result, 'application').map((a) => [a.key, a.name, a.owner, a.status])).toEqual([
      ['2d6c54b0-7c7d-4b50-83dc-e6ae6f88962e', 'AplikasiPerizinan', 'dpmptsp@bandung.go.id', 'APPROVED'],
      ['0b5ccc91-30e2-4ee5-9355-d1698075c028', 'Portal Warga', 'diskominfo@bandung.go.id', 'APPROVED'],
      ['7a7a7a7a-0000-4000-8000-000000000001', 'DefaultApplication', 'admin@bandung.go.id', 'APPROVED'],
    ]);
  });
});

describe('a bare api.yaml whose lines carry YAML comments', () => {
  it('is recognised by its `type: api # ...` line and maps to the same API as the other formats', async () => {
    const result = await parseFixture('f2-api-commented.yaml');
    expect(result.format.variant).toBe('F2-4x-api');
    const [api] = valuesOf(result, 'api');
    expect(api).toMatchObject({ name: 'LayananKependudukan', context: '/kependudukan', operationCount: 1 });
    expect(apiKeyOf(api)).toBe(KEPENDUDUKAN);
  });
});

describe('analytics events as pretty-printed JSON', () => {
  it('reads one pretty-printed event as one call, not as bad lines', async () => {
    const result = await parseFixture('f5-event-pretty.json');
    expect(result.format.variant).toBe('F5-json');
    expect(result.counts).toMatchObject({ rowsRead: 1, accepted: 1, rejected: 0 });
    const [bucket] = valuesOf(result, 'usage');
    expect(bucket).toMatchObject({ apiKey: KEPENDUDUKAN, totalCalls: 1, statusCodes: { '202': 1 } });
  });

  it('reads a JSON array of events with every status code, fault type and three latencies exact', async () => {
    const result = await parseFixture('f5-events-array.json', { extraLatencies: true });
    expect(result.ok).toBe(true);
    expect(result.counts).toMatchObject({ rowsRead: 6, rejected: 0 });
    const buckets = valuesOf(result, 'usage');
    const production = buckets.find((b) => b.keyType === 'PRODUCTION')!;
    expect(production).toMatchObject({
      totalCalls: 5,
      successCalls: 2,
      clientErrorCalls: 1,
      serverErrorCalls: 1,
      faultCalls: 1,
      faultsByType: { THROTTLED: 1, AUTH: 0 },
      statusCodes: { '200': 2, '404': 1, '429': 1, '503': 1 },
    });
    expect(production.latency).toMatchObject({
      p50Ms: 40,
      p95Ms: 900,
      backendP50Ms: 30,
      backendP99Ms: 850,
      requestMediationP50Ms: 5,
      requestMediationP99Ms: 9,
    });
    // Sandbox calls stay in a bucket of their own, never mixed into production.
    expect(buckets.find((b) => b.keyType === 'SANDBOX')).toMatchObject({ totalCalls: 1 });
  });
});

describe('UptimeRobot v2 getMonitors without a ratio for a known period', () => {
  it('takes the downtime over the logged span when the answer has logs only (the official example)', async () => {
    const result = await parseFixture('f7-uptimerobot-v2-logs.json');
    expect(result.ok).toBe(true);
    const [bucket] = valuesOf(result, 'uptime');
    expect(bucket.periodStart).toEqual(new Date(1462465202 * 1000));
    expect(bucket.periodEnd).toEqual(new Date(1462955600 * 1000));
    // 490140 s down out of 490386 s monitored (12 s paused are left out).
    expect(bucket.uptimePct).toBeCloseTo(100 * (1 - 490140 / 490386), 6);
    expect(bucket.downtimeSec).toBe(490140);
    const [state] = valuesOf(result, 'monitor');
    expect(state).toMatchObject({
      status: 'UP',
      statusSince: new Date(1462955374 * 1000),
      lastDowntime: { start: new Date(1462465234 * 1000), durationSec: 490140 },
    });
  });

  it('uses custom_uptime_ratio once the windows asked for are stated, and says what to state otherwise', async () => {
    const exportedAt = new Date('2024-12-01T00:00:00Z');
    const stated = await parseFixture('f7-uptimerobot-v2-ratios.json', {
      uptime: { ratioDays: [1, 7, 30], exportedAt },
    });
    expect(valuesOf(stated, 'uptime').map((b) => [b.periodStart.toISOString(), b.uptimePct])).toEqual([
      ['2024-11-30T00:00:00.000Z', 98],
      ['2024-11-24T00:00:00.000Z', 99.5],
      ['2024-11-01T00:00:00.000Z', 99.9],
    ]);
    expect(valuesOf(stated, 'monitor')[0]).toMatchObject({
      status: 'DOWN',
      avgResponseMs: 412.5,
      sslExpiresAt: new Date('2025-01-01T00:00:00Z'),
      sslIssuer: "Let's Encrypt",
    });
    const unstated = await parseFixture('f7-uptimerobot-v2-ratios.json');
    expect(unstated.ok).toBe(false);
    const [english] = inLang(unstated.problems);
    expect(english.reason).toMatch(/state the custom_uptime_ratios asked for \(e\.g\. 1-7-30\)/);
    const [indonesian] = inLang(unstated.problems, 'id');
    expect(indonesian.reason).toMatch(/nyatakan custom_uptime_ratios yang diminta \(mis\. 1-7-30\)/);
  });
});

describe('UptimeRobot v3 GET /monitors', () => {
  it('reads data[] with the last day histogram, current state, last incident and SSL expiry', async () => {
    const result = await parseFixture('f7-uptimerobot-v3.json');
    expect(result.ok).toBe(true);
    expect(result.format.variant).toBe('F7-uptimerobot-v3');
    const buckets = valuesOf(result, 'uptime');
    expect(buckets.map((b) => [b.periodStart.toISOString(), b.uptimePct, b.downtimeSec])).toEqual([
      ['2024-03-01T00:00:00.000Z', 100, 0],
      ['2024-03-01T06:00:00.000Z', 91.667, 1800],
      ['2024-03-01T12:00:00.000Z', 100, 0],
      ['2024-03-01T18:00:00.000Z', 100, 0],
    ]);
    const [gateway, portal] = valuesOf(result, 'monitor');
    expect(gateway).toMatchObject({
      status: 'UP',
      observedAt: new Date('2024-03-02T00:00:00Z'),
      statusSince: new Date('2024-03-01T22:00:00Z'),
      lastDowntime: {
        start: new Date('2024-03-01T08:30:00Z'),
        durationSec: 1800,
        reason: 'Connection Timeout',
      },
      sslExpiresAt: new Date('2024-03-20T00:00:00Z'),
    });
    expect(portal).toMatchObject({ monitorName: 'Portal Penyedia', status: 'DOWN' });
  });

  it('dates "since" from the stated fetch time when a monitor has no histogram', async () => {
    const exportedAt = new Date('2024-03-02T00:00:00Z');
    const result = await parseFixture('f7-uptimerobot-v3.json', { uptime: { exportedAt } });
    const portal = valuesOf(result, 'monitor').find((m) => m.monitorName === 'Portal Penyedia');
    expect(portal?.statusSince).toEqual(new Date('2024-03-01T23:50:00Z'));
  });
});

describe('calls by device, as WSO2\'s "Devices" dashboard counts them', () => {
  it("counts each bucket's responses by platform and browser family from an apim_metrics.log", async () => {
    const result = await parseFixture('f5-devices.log');
    expect(result.ok).toBe(true);
    expect(result.counts).toMatchObject({ rowsRead: 15, rejected: 0 });
    const buckets = valuesOf(result, 'usage').map((b) => [
      b.apiKey.split('|')[1],
      b.keyType,
      b.periodStart.toISOString().slice(0, 10),
      b.totalCalls,
      b.platforms,
      b.userAgents,
    ]);
    expect(buckets).toEqual(
      expect.arrayContaining([
        [
          '/kependudukan',
          'PRODUCTION',
          '2024-02-12',
          9,
          { Android: 3, Windows: 2, iOS: 1, 'Mac OS X': 1, UNKNOWN: 1 },
          { 'Chrome Mobile WebView': 3, Chrome: 2, 'Mobile Safari': 1, Safari: 1, UNKNOWN: 1 },
        ],
        [
          '/kependudukan',
          'PRODUCTION',
          '2024-02-13',
          2,
          { Android: 1, Windows: 1 },
          { 'Chrome Mobile WebView': 1, Edge: 1 },
        ],
        ['/pajak', 'PRODUCTION', '2024-02-13', 3, { UNKNOWN: 2 }, { UNKNOWN: 1, 'Apache-HttpClient': 1 }],
        ['/kependudukan', 'SANDBOX', '2024-02-13', 1, { Linux: 1 }, { curl: 1 }],
      ]),
    );
    expect(buckets).toHaveLength(4);
  });

  it('reads the platform and userAgent columns of a Kibana CSV export', async () => {
    const result = await parseFixture('f5-kibana.csv');
    const production = valuesOf(result, 'usage').filter((b) => b.keyType === 'PRODUCTION');
    const responses = production.reduce((n, b) => n + b.totalCalls - (b.faultCalls ?? 0), 0);
    expect(production.map((b) => b.platforms)).toContainEqual(expect.objectContaining({ Linux: 4 }));
    expect(production.reduce((n, b) => n + (b.platforms?.Linux ?? 0), 0)).toBe(responses);
  });

  it('has no device counts for pre-aggregated usage: not in the source, never zero', async () => {
    for (const bucket of valuesOf(await parseFixture('f6-usage.csv'), 'usage')) {
      expect(bucket.platforms).toBeUndefined();
      expect(bucket.userAgents).toBeUndefined();
    }
  });
});

/** Every value of a call's personal fields (user, IP, raw header) a fixture holds. */
function personalValues(name: string): string[] {
  const text = readFileSync(fixturePath(name), 'utf8');
  const found = [...text.matchAll(/"(userIp|userName|userAgentHeader)":\s*"([^"]+)"/g)].map((m) => m[2]);
  return [...new Set(found)];
}

describe('personal data of API callers', () => {
  it('keeps no user name, IP address or user agent header of a call, only counts by device family', async () => {
    for (const name of [
      'f5-event-pretty.json',
      'f5-events-array.json',
      'f5-apim_metrics.log',
      'f5-kibana.csv',
      'f5-devices.log',
    ]) {
      const result = await parseFixture(name, { keepLatencyHistogram: true });
      const stored = JSON.stringify(result.records);
      expect(stored).not.toMatch(/userIp|userName|userAgentHeader|Mozilla\//);
      expect(stored).not.toContain('172.16.2.70');
      expect(stored).not.toContain('operator@bandung.go.id');
      for (const value of personalValues(name)) expect(stored).not.toContain(value);
      // Families appear only as the names of call counts, nowhere else in a record.
      const usage = valuesOf(result, 'usage');
      for (const counts of usage.flatMap((b) => [b.platforms ?? {}, b.userAgents ?? {}]))
        for (const n of Object.values(counts)) expect(Number.isInteger(n)).toBe(true);
      const rest = result.records.map((r) =>
        r.kind === 'usage' ? { ...r.value, platforms: undefined, userAgents: undefined } : r.value,
      );
      expect(JSON.stringify(rest)).not.toMatch(/platform|userAgent|Mac OS X|Android|Chrome|Linux/);
    }
  });
});
