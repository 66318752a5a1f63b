import fc from 'fast-check';
import { consumerFlag, errorRate, mergeHistograms, percentilesOf, weightedUptime } from './hub-figures.calc';
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
