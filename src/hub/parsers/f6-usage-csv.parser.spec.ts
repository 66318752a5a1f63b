import { parseFixture, parseText, valuesOf, inLang } from './fixtures.testing';

describe('F6 aggregated usage CSV', () => {
  it('maps template rows to AGGREGATED buckets with an inclusive end date', async () => {
    const result = await parseFixture('f6-usage.csv');
    expect(result).toMatchObject({ ok: true, counts: { rowsRead: 3, accepted: 3, rejected: 0 } });
    const [choreo, manual, mantra] = valuesOf(result, 'usage');
    expect(choreo).toEqual({
      hubId: 'splp-bandung',
      periodStart: new Date('2024-01-01T00:00:00Z'),
      periodEnd: new Date('2024-02-01T00:00:00Z'),
      apiKey: 'bandung.go.id|/kependudukan|1.0.0',
      apiName: 'LayananKependudukan',
      apiVersion: '1.0.0',
      apiContext: '/kependudukan/1.0.0',
      apiProvider: 'disdukcapil@bandung.go.id',
      tenantDomain: 'bandung.go.id',
      appKey: 'dpmptsp@bandung.go.id|AplikasiPerizinan',
      applicationName: 'AplikasiPerizinan',
      applicationOwner: 'dpmptsp@bandung.go.id',
      keyType: 'PRODUCTION',
      totalCalls: 12500,
      successCalls: 12000,
      clientErrorCalls: 350,
      serverErrorCalls: 100,
      faultCalls: 50,
      faultsByType: { THROTTLED: 20 },
      latency: { avgMs: 84.5, p95Ms: 210, p99Ms: 480, backendAvgMs: 61.2 },
      precision: 'AGGREGATED',
      source: 'F6-csv',
      reportedSource: 'Choreo monthly report',
    });
    // An empty hub_id cell falls back to the hub chosen for the import; an exact end time is kept.
    expect(manual).toMatchObject({
      hubId: 'splp-bandung',
      apiKey: '43d030dc-427f-4678-98e3-87b7d9882b5f',
      totalCalls: 1200,
      successCalls: undefined,
      periodEnd: new Date('2024-02-01T00:00:00Z'),
      latency: undefined,
    });
    expect(mantra).toMatchObject({ apiKey: 'bandung.go.id|PerizinanUsaha|', totalCalls: 0 });
  });

  it('reads an Excel semicolon CSV with a byte-order mark and decimal commas', async () => {
    const [bucket] = valuesOf(await parseFixture('f6-usage-semicolon.csv'), 'usage');
    expect(bucket).toMatchObject({
      totalCalls: 980,
      successCalls: 950,
      latency: { avgMs: 72.5, p95Ms: 190 },
    });
  });

  it('reports each bad row with its line and column, and imports nothing', async () => {
    const result = await parseFixture('broken/f6-bad-rows.csv');
    expect(result).toMatchObject({
      ok: false,
      records: [],
      counts: { rowsRead: 7, accepted: 1, rejected: 6 },
    });
    expect(inLang(result.problems)).toEqual([
      { line: 3, reason: 'column period_end must be after period_start' },
      { line: 4, reason: 'column api_name is required' },
      { line: 5, reason: 'column total_calls must be a whole number, got "sepuluh"' },
      { line: 6, reason: 'column total_calls is 10 but success, error and fault calls add up to 11' },
      { line: 7, reason: 'has 4 fields where the header has 10' },
      { line: 8, reason: 'column period_start is not a date/time: "2024-13-01"' },
      { line: 8, reason: 'column avg_latency_ms must be at least 0' },
    ]);
  });

  it('refuses a file whose header lacks a required column', async () => {
    await expect(parseFixture('broken/f6-missing-columns.csv', { format: 'F6-csv' })).rejects.toMatchObject({
      code: 'INVALID_DOCUMENT',
      message: 'the CSV header lacks the required column(s) total_calls',
    });
  });

  it('asks for a hub when a row has none and no hub was chosen', async () => {
    const text = 'period_start,period_end,api_name,total_calls\n2024-01-01,2024-01-31,A,1\n';
    const result = await parseText(text, 'usage.csv', { hubId: undefined });
    expect(inLang(result.problems)).toEqual([
      { line: 2, reason: 'column hub_id is empty and no hub was chosen for this import' },
    ]);
  });
});
