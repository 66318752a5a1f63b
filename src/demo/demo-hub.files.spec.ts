import { parseHubFile, type HubRecord, type ParseResult } from '../hub/parsers';
import { MAIN_UNITS } from './demo-agency.data';
import { DEMO_HUB_RULES } from './demo-hub.data';
import { dataWindow, demoHubFiles, type DemoHubFile } from './demo-hub.files';

const AGENCY = { code: 'kab-nusa-makmur', domain: 'nusamakmurkab.go.id' };
const TODAY = new Date('2026-11-22T01:30:00Z');

function parse(file: DemoHubFile): Promise<ParseResult> {
  return parseHubFile(
    { buffer: Buffer.from(file.content, 'utf8'), fileName: file.fileName },
    {
      hubId: file.hubId ?? 'spl-kab-nusa-makmur',
      tenantDomain: AGENCY.domain,
      uptime: file.uptime,
      keepLatencyHistogram: true,
    },
  );
}

const ofKind = <K extends HubRecord['kind']>(result: ParseResult, kind: K) =>
  result.records
    .filter((r) => r.kind === kind)
    .map((r) => r.value as Extract<HubRecord, { kind: K }>['value']);

describe('demo hub files', () => {
  const files = demoHubFiles(AGENCY, TODAY);

  it('are imported without a single rejected row, in the formats an agency exports', async () => {
    const results = await Promise.all(files.map(parse));
    for (const result of results)
      expect({ file: result.fileName, problems: result.problems }).toEqual({
        file: result.fileName,
        problems: [],
      });
    expect(results.map((r) => r.format.variant)).toEqual([
      'F8-hubs',
      'F8-units',
      'F1-list',
      'F4-devportal-subs',
      'F5-ndjson',
      'F7-uptimerobot-v2',
    ]);
    const [hubs, , apis, subscriptions, usage, uptime] = results;
    expect(ofKind(hubs, 'hub').map((h) => [h.level, h.parentHubId ?? null])).toEqual([
      ['NASIONAL', null],
      ['DAERAH', 'splp-nasional'],
    ]);
    const published = ofKind(apis, 'api').filter((a) => a.publishedOnBus);
    expect(published.length).toBeGreaterThanOrEqual(20);
    expect(published.some((a) => a.productionUrl?.startsWith('https://splp.layanan.go.id/'))).toBe(true);
    expect(ofKind(subscriptions, 'subscription').filter((s) => s.active).length).toBeGreaterThan(20);
    const buckets = ofKind(usage, 'usage');
    const calls = buckets.reduce((sum, b) => sum + b.totalCalls, 0);
    expect(calls).toBeGreaterThan(3000);
    expect(buckets.some((b) => (b.faultsByType?.THROTTLED ?? 0) > 0)).toBe(true);
    expect(buckets.some((b) => (b.serverErrorCalls ?? 0) > 0)).toBe(true);
    const monitors = ofKind(uptime, 'uptime');
    expect(monitors).toHaveLength(2 * dataWindow(TODAY).months.length);
    expect(monitors.some((m) => m.uptimePct < 100 && (m.downEvents ?? 0) > 0)).toBe(true);
  });

  it('cover this month and the two before it, up to yesterday', async () => {
    const window = dataWindow(TODAY);
    expect([window.start.toISOString(), window.end.toISOString()]).toEqual([
      '2026-09-01T00:00:00.000Z',
      '2026-11-22T00:00:00.000Z',
    ]);
    const usage = ofKind(await parse(files[4]), 'usage');
    for (const b of usage) {
      expect(b.periodStart.getTime()).toBeGreaterThanOrEqual(window.start.getTime());
      expect(b.periodEnd.getTime()).toBeLessThanOrEqual(window.end.getTime());
    }
  });

  it('are the same bytes for the same day', () => {
    expect(demoHubFiles(AGENCY, new Date('2026-11-22T23:59:00Z'))).toEqual(files);
  });

  it('map hub data only to units the demo regency has', () => {
    const codes = new Set(MAIN_UNITS.map((u) => u.code));
    expect(DEMO_HUB_RULES.map(([code]) => code).filter((code) => !codes.has(code))).toEqual([]);
  });
});
