import fc from 'fast-check';
import { Readable } from 'node:stream';
import { logLineJson } from './f5-analytics.parser';
import { HUB, parseFixture, parseText, valuesOf, inLang } from './fixtures.testing';
import type { UsageBucket } from './hub.types';
import { percentile } from './latency';
import { parseHubFile } from './parse-hub-file';

/** The events name the API's context: its key is tenant, context and version (issue 22). */
const API = 'bandung.go.id|/kependudukan|1.0.0';
const APP1 = '2d6c54b0-7c7d-4b50-83dc-e6ae6f88962e';

/** Bucket figures without descriptive fields, in a stable order, to compare formats. */
const figures = (buckets: UsageBucket[]) =>
  buckets
    .map((b) => ({
      day: b.periodStart.toISOString().slice(0, 10),
      app: b.appKey ?? null,
      keyType: b.keyType,
      calls: [b.totalCalls, b.successCalls, b.clientErrorCalls, b.serverErrorCalls, b.faultCalls],
      faults: b.faultsByType,
      latency: b.latency && [
        b.latency.p50Ms,
        b.latency.p95Ms,
        b.latency.p99Ms,
        b.latency.avgMs,
        b.latency.maxMs,
      ],
    }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe('F5 raw analytics events', () => {
  it('folds apim_metrics.log lines into daily buckets per API, application and key type', async () => {
    const result = await parseFixture('f5-apim_metrics.log');
    expect(result).toMatchObject({ ok: true, counts: { rowsRead: 8, accepted: 8, rejected: 0, records: 4 } });
    const buckets = valuesOf(result, 'usage');
    expect(buckets[0]).toEqual({
      hubId: HUB,
      periodStart: new Date('2022-01-20T00:00:00Z'),
      periodEnd: new Date('2022-01-21T00:00:00Z'),
      apiKey: API,
      apiName: 'LayananKependudukan',
      apiVersion: '1.0.0',
      apiContext: '/t/bandung.go.id/kependudukan/1.0.0',
      apiProvider: 'disdukcapil@bandung.go.id',
      tenantDomain: 'bandung.go.id',
      appKey: APP1,
      applicationName: 'AplikasiPerizinan',
      applicationOwner: 'dpmptsp@bandung.go.id',
      keyType: 'PRODUCTION',
      totalCalls: 5,
      successCalls: 2,
      clientErrorCalls: 1,
      serverErrorCalls: 1,
      faultCalls: 1,
      faultsByType: { AUTH: 0, THROTTLED: 1, TARGET_CONNECTIVITY: 0, OTHER: 0 },
      statusCodes: { '200': 1, '201': 1, '404': 1, '429': 1, '503': 1 },
      // The four responses' families (the fault carries none): WSO2 writes UNKNOWN when it cannot parse one.
      platforms: { Linux: 4 },
      userAgents: { UNKNOWN: 4 },
      latency: {
        count: 4,
        avgMs: 802,
        p50Ms: 73,
        p95Ms: 3000,
        p99Ms: 3000,
        maxMs: 3000,
        backendAvgMs: 783.5,
        requestMediationAvgMs: 12,
        responseMediationAvgMs: 6,
      },
      latencyHistogram: undefined,
      precision: 'RAW',
      source: 'F5-log',
    });
  });

  it('treats UNKNOWN application fields as no application', async () => {
    const buckets = valuesOf(await parseFixture('f5-apim_metrics.log'), 'usage');
    const anonymous = buckets.find((b) => b.appKey === undefined);
    expect(anonymous).toMatchObject({
      totalCalls: 1,
      faultCalls: 1,
      applicationName: undefined,
      latency: undefined,
    });
    expect(anonymous?.faultsByType?.AUTH).toBe(1);
  });

  it('gives the same buckets from the log, JSON lines, a search response and a Kibana CSV', async () => {
    const expected = figures(valuesOf(await parseFixture('f5-apim_metrics.log'), 'usage'));
    for (const name of ['f5-events.ndjson', 'f5-es-search.json', 'f5-kibana.csv']) {
      const result = await parseFixture(name);
      expect({ name, problems: result.problems }).toEqual({ name, problems: [] });
      expect(figures(valuesOf(result, 'usage'))).toEqual(expected);
    }
  });

  it('follows local days when given the reporting time zone, and hours when asked', async () => {
    const wib = valuesOf(await parseFixture('f5-apim_metrics.log', { utcOffsetMinutes: 420 }), 'usage');
    expect(wib[0].periodStart).toEqual(new Date('2022-01-19T17:00:00Z'));
    const hourly = valuesOf(await parseFixture('f5-apim_metrics.log', { granularity: 'hour' }), 'usage');
    expect(hourly).toHaveLength(6);
    expect(hourly[0].periodEnd.getTime() - hourly[0].periodStart.getTime()).toBe(3_600_000);
  });

  it('attaches the exact latency histogram when asked', async () => {
    const [bucket] = valuesOf(
      await parseFixture('f5-apim_metrics.log', { keepLatencyHistogram: true }),
      'usage',
    );
    expect(bucket.latencyHistogram).toEqual([
      [15, 1],
      [73, 1],
      [120, 1],
      [3000, 1],
    ]);
  });

  it('reports bad lines with their numbers and imports nothing', async () => {
    const result = await parseFixture('broken/f5-bad-rows.log');
    expect(result).toMatchObject({
      ok: false,
      records: [],
      counts: { rowsRead: 7, accepted: 3, rejected: 4, records: 0 },
    });
    expect(inLang(result.problems)).toEqual([
      { line: 2, reason: expect.stringMatching(/^not an analytics line|^invalid JSON/) as unknown },
      { line: 5, reason: 'requestTimestamp is required' },
      {
        line: 6,
        reason:
          'proxyResponseCode must be an HTTP status (100-599), got "OK"; responseLatency must be a number of milliseconds, got -5',
      },
      { line: 7, reason: 'not an analytics line: expected "apimMetrics: <name>, properties :{...}"' },
    ]);
  });

  it('imports the good lines and reports the bad ones with skipBad', async () => {
    const result = await parseFixture('broken/f5-bad-rows.log', { skipBad: true });
    expect(result.ok).toBe(true);
    expect(valuesOf(result, 'usage').map((b) => b.totalCalls)).toEqual([3]);
    expect(result.problems.map((p) => p.line)).toEqual([2, 5, 6, 7]);
  });

  it('reads the WSO2 log line shape the Fluent Bit regex reads', () => {
    const regex =
      /^\s*(?:.*?)\s+apimMetrics:\s*(?<name>[^,]+?),\s*(?:.*?)\s*:\s*(?<properties>\{.*\})\s*(?:.*)$/;
    const line =
      '10:15:30,451 [-] [PassThroughMessageProcessor-12]  INFO ELKCounterMetric apimMetrics: apim:faulty, properties :{"a":{"b":1}}';
    const match = regex.exec(line);
    expect(logLineJson(line)).toEqual({ json: match?.groups?.properties, hint: 'fault' });
  });
});

function logLine(ts: string, api: number, app: number, latency: number): string {
  const props = {
    apiId: `api-${api}`,
    apiName: `Api${api}`,
    apiVersion: '1.0.0',
    applicationId: `app-${app}`,
    keyType: 'PRODUCTION',
    proxyResponseCode: latency % 10 === 0 ? 500 : 200,
    responseLatency: latency,
    requestTimestamp: ts,
  };
  return `10:00:00,000 [-] [P-1]  INFO ELKCounterMetric apimMetrics: apim:response, properties :${JSON.stringify(props)}\n`;
}

describe('F5 streaming', () => {
  it('keeps only its buckets while reading a 200,000-line log', async () => {
    const lines = 200_000;
    const days = ['2024-01-01', '2024-01-02', '2024-01-03'];
    async function* generate(): AsyncGenerator<string> {
      for (let start = 0; start < lines; start += 1000) {
        let chunk = '';
        for (let i = start; i < start + 1000; i += 1) {
          chunk += logLine(`${days[i % 3]}T0${i % 10}:00:00.000Z`, i % 5, i % 4, (i * 7919) % 5000);
        }
        yield chunk;
      }
    }
    const input = { stream: Readable.from(generate()), fileName: 'apim_metrics.log' };
    const result = await parseHubFile(input, { hubId: HUB, onRecord: () => undefined });
    // 3 days x 5 APIs x 4 applications; each bucket holds its latencies as histogram pages only.
    expect(result.aggregation).toEqual({
      buckets: 60,
      heldLatencies: 0,
      histogramPages: expect.any(Number) as unknown,
    });
    expect(result.aggregation?.histogramPages).toBeLessThanOrEqual(60 * 20);
    expect(result.counts).toEqual({ rowsRead: lines, accepted: lines, rejected: 0, records: 60 });
  });

  it('computes bucket percentiles equal to the sort-based reference over the raw events', async () => {
    const event = fc.record({
      app: fc.integer({ min: 0, max: 2 }),
      latency: fc.integer({ min: 0, max: 70_000 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 150 }), async (events) => {
        const text = events.map((e) => logLine('2024-05-01T10:00:00.000Z', 1, e.app, e.latency)).join('');
        const buckets = valuesOf(await parseText(text, 'apim_metrics.log'), 'usage');
        for (const bucket of buckets) {
          const raw = events.filter((e) => `app-${e.app}` === bucket.appKey).map((e) => e.latency);
          expect(bucket.latency).toMatchObject({
            p50Ms: percentile(raw, 50),
            p95Ms: percentile(raw, 95),
            p99Ms: percentile(raw, 99),
          });
        }
      }),
      { numRuns: 60 },
    );
  });
});
