import fc from 'fast-check';
import {
  consumerFlag,
  daysToExpiry,
  errorRate,
  expiryWarning,
  mergeHistograms,
  percentilesOf,
  weightedUptime,
  windowUptime,
} from './hub-figures.calc';
import { LatencyRecorder, percentile } from './parsers';

/** What a daily bucket stores: the recorder's exact histogram of that day's latencies. */
const histogramOf = (values: number[]): Array<[number, number]> => {
  const recorder = new LatencyRecorder();
  values.forEach((v) => recorder.add(v));
  return [...recorder.ascending()];
};

describe('hub figures arithmetic', () => {
  it('gives the percentiles of all events when the histograms of their buckets are merged', () => {
    const latency = fc.oneof(
      { weight: 9, arbitrary: fc.integer({ min: 0, max: 3_000 }) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 90_000 }) },
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(latency, { minLength: 1, maxLength: 80 }), { minLength: 1, maxLength: 12 }),
        (days) => {
          const all = days.flat();
          const merged = percentilesOf(mergeHistograms(days.map(histogramOf)));
          expect(merged).toEqual({
            p50Ms: percentile(all, 50),
            p95Ms: percentile(all, 95),
            p99Ms: percentile(all, 99),
            samples: all.length,
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('has no percentiles for an empty histogram', () => {
    expect(percentilesOf([])).toBeNull();
    expect(percentilesOf(mergeHistograms([[[5, 0]]]))).toBeNull();
  });

  it('computes the error rate over the calls whose breakdown is known', () => {
    expect(errorRate(5, 100)).toBe(0.05);
    expect(errorRate(0, 0)).toBeNull();
  });

  it('flags consumers that subscribed but never called, or called without a subscription', () => {
    expect(consumerFlag(true, false)).toBe('subscribed_never_called');
    expect(consumerFlag(false, true)).toBe('called_without_subscription');
    expect(consumerFlag(true, true)).toBeNull();
  });

  it('weights uptime by the length of each period', () => {
    expect(
      weightedUptime([
        { uptimePct: 100, seconds: 3 },
        { uptimePct: 96, seconds: 1 },
      ]),
    ).toBe(99);
    expect(weightedUptime([])).toBeNull();
  });
});

describe('windowUptime', () => {
  const DAY = 86_400_000;
  const end = Date.UTC(2024, 11, 1);

  it('takes the stated window itself when a file gives nested 1, 7 and 30 day ratios', () => {
    const spans = [
      { start: end - DAY, end, uptimePct: 98 },
      { start: end - 7 * DAY, end, uptimePct: 99.5 },
      { start: end - 30 * DAY, end, uptimePct: 99.9 },
    ];
    expect(windowUptime(spans, end, DAY)).toEqual({ uptimePct: 98, coveredPct: 100 });
    expect(windowUptime(spans, end, 7 * DAY)).toEqual({ uptimePct: 99.5, coveredPct: 100 });
    expect(windowUptime(spans, end, 30 * DAY)).toEqual({ uptimePct: 99.9, coveredPct: 100 });
  });

  it('weights short steps by their overlap and says how much of the window they cover', () => {
    const spans = [0, 1, 2, 3].map((i) => ({
      start: end - (4 - i) * 6 * 3_600_000,
      end: end - (3 - i) * 6 * 3_600_000,
      uptimePct: i === 1 ? 90 : 100,
    }));
    expect(windowUptime(spans, end, DAY)).toEqual({ uptimePct: 97.5, coveredPct: 100 });
    const week = windowUptime(spans, end, 7 * DAY);
    expect(week?.uptimePct).toBe(97.5);
    expect(week?.coveredPct).toBeCloseTo(100 / 7, 6);
    expect(windowUptime([], end, DAY)).toBeNull();
  });
});

describe('daysToExpiry', () => {
  it('counts whole days left and warns from 30', () => {
    const now = new Date('2024-03-01T12:00:00Z');
    expect(daysToExpiry(new Date('2024-03-20T00:00:00Z'), now)).toBe(18);
    expect(expiryWarning(daysToExpiry(new Date('2024-03-20T00:00:00Z'), now))).toBe(true);
    expect(expiryWarning(daysToExpiry(new Date('2024-06-20T00:00:00Z'), now))).toBe(false);
    expect(daysToExpiry(new Date('2024-02-01T00:00:00Z'), now)).toBeLessThan(0);
    expect(daysToExpiry(null, now)).toBeNull();
  });
});
