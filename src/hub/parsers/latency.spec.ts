import fc from 'fast-check';
import { LatencyRecorder, nearestRank, percentile } from './latency';

const record = (values: readonly number[]): LatencyRecorder => {
  const recorder = new LatencyRecorder();
  values.forEach((v) => recorder.add(v));
  return recorder;
};

describe('percentile (sort-based reference)', () => {
  it('takes the value at rank ceil(p/100 x N) when the values are unsorted', () => {
    const values = [120, 15, 3000, 73];
    expect(percentile(values, 50)).toBe(73);
    expect(percentile(values, 95)).toBe(3000);
    expect(percentile(values, 25)).toBe(15);
  });

  it('uses exact integer arithmetic for the rank when p x N is a multiple of 100', () => {
    // 0.95 * 20 is 19.000000000000004 in floating point; the rank must still be 19.
    expect(nearestRank(95, 20)).toBe(19);
    expect(nearestRank(50, 1)).toBe(1);
    expect(nearestRank(0, 10)).toBe(1);
    expect(nearestRank(100, 10)).toBe(10);
  });

  it('refuses an empty list and a p outside 0..100', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => nearestRank(101, 3)).toThrow(RangeError);
  });
});

describe('LatencyRecorder', () => {
  const latency = fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: 0, max: 2_000 }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 120_000 }) },
    { weight: 1, arbitrary: fc.double({ min: 0, max: 70_000, noNaN: true }) },
  );
  const p = fc.oneof(fc.constantFrom(50, 95, 99, 100), fc.integer({ min: 0, max: 100 }));

  it('agrees with the sort-based reference for any latencies and percentile', () => {
    fc.assert(
      fc.property(fc.array(latency, { minLength: 1, maxLength: 300 }), p, (values, q) => {
        expect(record(values).percentiles([q])[0]).toBe(percentile(values, q));
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with the reference after switching to its paged histogram (over 1024 values)', () => {
    fc.assert(
      fc.property(fc.array(latency, { minLength: 1025, maxLength: 4000 }), (values) => {
        const recorder = record(values);
        expect(recorder.percentiles([50, 95, 99])).toEqual([50, 95, 99].map((q) => percentile(values, q)));
        const overflow = values.filter((v) => !Number.isInteger(v) || v >= 60_000).length;
        // Past 1024 whole-millisecond values only the overflow is held one by one.
        const exact = values.length - overflow;
        expect(recorder.heldValues).toBe(exact > 1024 ? overflow : values.length);
      }),
      { numRuns: 40 },
    );
  });

  it('exports an ascending histogram that sums to the count', () => {
    fc.assert(
      fc.property(fc.array(latency, { minLength: 1, maxLength: 2000 }), (values) => {
        const runs = [...record(values).ascending()];
        expect(runs.reduce((sum, [, count]) => sum + count, 0)).toBe(values.length);
        runs.slice(1).forEach(([value], i) => expect(value).toBeGreaterThan(runs[i][0]));
      }),
      { numRuns: 100 },
    );
  });

  it('keeps count, sum and max when values fall in all three tiers', () => {
    const recorder = record([5, 59_999, 60_000, 12.5]);
    expect(recorder).toMatchObject({ count: 4, sum: 120_016.5, max: 60_000 });
  });
});
