import { parseFixture, valuesOf, inLang } from './fixtures.testing';

const JANUARY = { start: new Date('2024-01-01T00:00:00Z'), end: new Date('2024-02-01T00:00:00Z') };
const FEBRUARY = { start: new Date('2024-02-01T00:00:00Z'), end: new Date('2024-03-01T00:00:00Z') };

describe('F7 UptimeRobot v2 getMonitors', () => {
  it('gives one bucket per stated custom range, with down logs clipped to each period', async () => {
    const result = await parseFixture('f7-uptimerobot-v2.json', { uptime: { ranges: [JANUARY, FEBRUARY] } });
    const [gatewayJan, gatewayFeb, portalJan, portalFeb] = valuesOf(result, 'uptime');
    expect(gatewayJan).toEqual({
      hubId: 'splp-bandung',
      monitorId: '777712827',
      monitorName: 'Gateway SPLP Bandung',
      url: 'https://splp.bandung.go.id/',
      periodStart: JANUARY.start,
      periodEnd: JANUARY.end,
      uptimePct: 99.8,
      // Mean of the response times inside January (300 and 320 ms), not the all-time average.
      avgResponseMs: 310,
      downEvents: 1,
      // The outage started on 31 December 23:00 and lasted 2 h: one hour falls in January.
      downtimeSec: 3600,
      incidents: [
        { start: new Date('2024-01-01T00:00:00Z'), durationSec: 3600, reason: 'Connection Timeout' },
      ],
      source: 'F7-uptimerobot-v2',
    });
    expect(gatewayFeb).toMatchObject({ uptimePct: 100, downEvents: 0, avgResponseMs: 900 });
    // An outage across the month boundary counts in both months.
    expect(portalJan).toMatchObject({
      monitorId: '777712828',
      uptimePct: 97.5,
      downtimeSec: 3600,
      avgResponseMs: 645,
    });
    expect(portalFeb).toMatchObject({ uptimePct: 99, downtimeSec: 3600 });
  });

  it('reads the singular custom_uptime_ratio as windows ending at the export time', async () => {
    const exportedAt = new Date('2024-02-01T00:00:00Z');
    const result = await parseFixture('f7-uptimerobot-v2.json', {
      uptime: { ratioDays: [1, 7, 30], exportedAt },
    });
    const gateway = valuesOf(result, 'uptime').filter((b) => b.monitorId === '777712827');
    expect(gateway.map((b) => [b.periodStart.toISOString(), b.uptimePct])).toEqual([
      ['2024-01-31T00:00:00.000Z', 100],
      ['2024-01-25T00:00:00.000Z', 99.95],
      ['2024-01-02T00:00:00.000Z', 99.87],
    ]);
  });

  it('falls back to the all-time ratio from the monitor creation to the export time', async () => {
    const exportedAt = new Date('2024-02-01T00:00:00Z');
    const result = await parseFixture('f7-uptimerobot-v2.json', { uptime: { exportedAt } });
    const [gateway, portal] = valuesOf(result, 'uptime');
    expect(gateway).toMatchObject({
      uptimePct: 99.912,
      periodStart: new Date('2023-01-01T00:00:00Z'),
      periodEnd: exportedAt,
    });
    // create_datetime 0 (old monitors): the period starts at the first log.
    expect(portal).toMatchObject({ uptimePct: 97.89, periodStart: new Date('2024-01-31T23:00:00Z') });
  });

  it('reports a monitor whose ratios do not match the stated periods', async () => {
    const result = await parseFixture('f7-uptimerobot-v2.json', { uptime: { ranges: [JANUARY] } });
    expect(result.ok).toBe(false);
    expect(inLang(result.problems)[0]).toEqual({
      path: '$.monitors[0].custom_uptime_ranges',
      reason: 'has 2 value(s) but 1 period(s) were stated for the import',
    });
  });

  it('passes on the error UptimeRobot answered with', async () => {
    await expect(parseFixture('broken/f7-fail.json')).rejects.toMatchObject({
      code: 'INVALID_DOCUMENT',
      message: 'UptimeRobot answered with an error: api_key is invalid.',
    });
  });
});

describe('F7 uptime CSV', () => {
  it('maps the uptime template', async () => {
    const [gateway, portal] = valuesOf(await parseFixture('f7-uptime.csv'), 'uptime');
    expect(gateway).toEqual({
      hubId: 'splp-bandung',
      monitorId: 'https://splp.bandung.go.id/',
      monitorName: 'Gateway SPLP Bandung',
      url: 'https://splp.bandung.go.id/',
      periodStart: JANUARY.start,
      periodEnd: JANUARY.end,
      uptimePct: 99.95,
      avgResponseMs: 312,
      downEvents: 2,
      downtimeSec: 1320,
      source: 'F7-csv',
    });
    expect(portal).toMatchObject({ uptimePct: 100, avgResponseMs: undefined });
  });
});
