import { loadFramework } from '../framework/framework.loader';
import { computeIndex, predicateFor } from './spbe-index';

const framework = loadFramework();
const ALL = Array.from({ length: 47 }, (_, i) => i + 1);

function levelsOf(level: (indicator: number) => number): Record<number, number> {
  return Object.fromEntries(ALL.map((n) => [n, level(n)]));
}

describe('computeIndex', () => {
  it.each([
    [0, 'Kurang'],
    [1, 'Kurang'],
    [2, 'Cukup'],
    [3, 'Baik'],
    [4, 'Sangat Baik'],
    [5, 'Memuaskan'],
  ])('gives exactly %i with predicate %s when every indicator has that level', (level, predicate) => {
    const result = computeIndex(
      levelsOf(() => level),
      framework,
    );
    expect(result.overall).toMatchObject({ index: level, rounded: level, predicate: { id: predicate } });
    expect(result.domains.map((d) => d.index)).toEqual([level, level, level, level]);
    expect(result).toMatchObject({ complete: true, notAssessed: [] });
    expect(result.note).toBeUndefined();
  });

  it('weights by the framework weights, per aspect, domain and overall', () => {
    // Domain 4 (45.5%) at level 4, everything else at level 2: (2 * 54.5 + 4 * 45.5) / 100 = 2.91.
    const result = computeIndex(
      levelsOf((n) => (n >= 32 ? 4 : 2)),
      framework,
    );
    expect(result.overall).toMatchObject({
      rounded: 2.91,
      display: '2.91',
      predicate: { id: 'Baik', en: 'Good' },
    });
    expect(result.overall.index).toBeCloseTo(2.91, 12);
    expect(result.domains[3]).toMatchObject({ code: 'D4', weight: '45.50', index: 4, indicators: 16 });
    expect(result.domains[3].aspects.map((a) => [a.code, a.weight])).toEqual([
      ['A7', '27.50'],
      ['A8', '18.00'],
    ]);
  });

  it('computes the index over assessed indicators only, and says so', () => {
    const result = computeIndex({ 7: 4, 18: 2 }, framework);
    // (4 * 1.30 + 2 * 2.50) / 3.80 = 2.684...
    expect(result.overall.index).toBeCloseTo(10.2 / 3.8, 12);
    expect(result.overall).toMatchObject({ rounded: 2.68, display: '2.68', assessed: 2, indicators: 47 });
    expect(result.assessed).toEqual([7, 18]);
    expect(result.notAssessed).toHaveLength(45);
    expect(result.complete).toBe(false);
    expect(result.note?.en).toContain('assessed indicators only');
    expect(result.domains[2]).toMatchObject({ index: null, predicate: null, assessed: 0 });
  });

  it('rounds half up to two decimals without float drift', () => {
    // Level 1 on indicator 1 (1.30) and level 2 on indicator 11 (2.50): 6.30 / 3.80 = 1.6578... -> 1.66.
    expect(computeIndex({ 1: 1, 11: 2 }, framework).overall.display).toBe('1.66');
    // Level 3 on indicators 1 and 2 and level 4 on 3..10 (all 1.30): (2*3 + 8*4) / 10 = 3.8 exactly.
    const d1 = computeIndex(Object.fromEntries(ALL.slice(0, 10).map((n) => [n, n <= 2 ? 3 : 4])), framework);
    expect(d1.overall).toMatchObject({ index: 3.8, display: '3.80' });
  });

  it.each([
    [500, 'Memuaskan'],
    [420, 'Memuaskan'],
    [419, 'Sangat Baik'],
    [350, 'Sangat Baik'],
    [349, 'Baik'],
    [260, 'Baik'],
    [259, 'Cukup'],
    [180, 'Cukup'],
    [179, 'Kurang'],
    [0, 'Kurang'],
  ])('puts %i hundredths in the band %s', (hundredths, band) => {
    expect(predicateFor(hundredths, framework).id).toBe(band);
  });

  it('rejects levels outside 0..5 and unknown indicators', () => {
    expect(() => computeIndex({ 7: 6 }, framework)).toThrow(RangeError);
    expect(() => computeIndex({ 7: 2.5 }, framework)).toThrow(RangeError);
    expect(() => computeIndex({ 48: 1 }, framework)).toThrow('indicator 48 is not in framework spbe-2020');
  });
});
