import fc from 'fast-check';
import { loadShippedPackage } from '../framework/framework-package';
import { packageIndicators } from '../framework/framework-package.view';
import { loadFramework } from '../framework/framework.loader';
import { checkLevels, computeFrameworkIndex, indexGainPerLevel, LevelsError } from './framework-index';
import { computeIndex } from './spbe-index';

const pemdi = loadShippedPackage('pemdi-2026').pkg;
const spbe = loadShippedPackage('spbe-2020').pkg;
const PEMDI_CODES = packageIndicators(pemdi).map((i) => i.code);

function pemdiLevels(level: (code: string) => number): Record<string, number> {
  return Object.fromEntries(PEMDI_CODES.map((code) => [code, level(code)]));
}

describe('computeFrameworkIndex (Pemdi 2026)', () => {
  it('gives Σ(weight × score) ÷ 100 and each aspect Σ(weight × score) ÷ aspect weight', () => {
    const given: Record<string, number> = {
      ...pemdiLevels(() => 3),
      ...{ I3: 2, I5: 4, I6: 2, I8: 2, I11: 2, I13: 4, I16: 4, I19: 4 },
    };
    const result = computeFrameworkIndex(pemdi, checkLevels(pemdi, given));
    // 30 + 25 + 43 + 42 + 35 + 49 + 85 = 309 weighted points.
    expect(result).toEqual({
      framework: 'pemdi-2026',
      version: '2026.1',
      index: 3.09,
      predicate: { id: 'Baik', en: 'Developing' },
      aspects: { A1: 3, A2: 2.5, A3: 43 / 15, A4: 42 / 15, A5: 3.5, A6: 49 / 15, A7: 3.4 },
    });
  });

  it.each([
    [1, 'Kurang', 'Initiate'],
    [2, 'Cukup', 'Emerging'],
    [3, 'Baik', 'Developing'],
    [4, 'Memuaskan', 'Leading'],
    [5, 'Memuaskan', 'Leading'],
  ])('gives %i with predicate %s (%s) when every indicator has that level', (level, id, en) => {
    const result = computeFrameworkIndex(
      pemdi,
      pemdiLevels(() => level),
    );
    expect(result.index).toBe(level);
    expect(result.predicate).toEqual({ id, en });
    expect(Object.values(result.aspects)).toEqual(Array(7).fill(level));
  });

  it.each([
    // base level for every indicator, then raises: I20 adds 0.15, I19 0.10, I1 0.05 per level
    [1, { I20: 3, I19: 3 }, 1.5, 'Cukup'],
    [1, { I20: 3, I19: 2 }, 1.4, 'Kurang'],
    [2, { I20: 4, I19: 4 }, 2.5, 'Baik'],
    [2, { I20: 4, I19: 3, I1: 3 }, 2.45, 'Cukup'],
    [3, { I20: 5, I19: 5 }, 3.5, 'Sangat Baik'],
    [3, { I20: 5, I19: 4, I1: 4 }, 3.45, 'Baik'],
    [4, {}, 4, 'Memuaskan'],
    [4, { I1: 3 }, 3.95, 'Sangat Baik'],
  ])(
    'from base %i with %j gives %d, %s: a boundary belongs to the upper band',
    (base, raised, index, predicate) => {
      const levels = pemdiLevels((c) => (raised as Record<string, number>)[c] ?? base);
      expect(computeFrameworkIndex(pemdi, levels)).toMatchObject({ index, predicate: { id: predicate } });
    },
  );

  it('names what one more level of each indicator adds, the largest first', () => {
    const gains = indexGainPerLevel(pemdi);
    expect(gains.slice(0, 3).map((g) => [g.code, g.gain])).toEqual([
      ['I20', 0.15],
      ['I19', 0.1],
      ['I1', 0.05],
    ]);
    expect(gains).toHaveLength(20);
  });
});

describe('checkLevels', () => {
  const valid = pemdiLevels(() => 3);

  it.each([
    ['an array', [1, 2], /JSON object/],
    ['a missing indicator', { ...valid, I16: undefined }, /level missing for: I16/],
    ['an unknown indicator', { ...valid, I21: 3 }, /not an indicator of pemdi-2026 2026.1: I21/],
    ['a level above 5', { ...valid, I16: 6 }, /I16: level must be an integer 1\.\.5, got 6/],
    ['level 0 (Pemdi starts at 1)', { ...valid, I1: 0 }, /I1: level must be an integer 1\.\.5, got 0/],
    ['a fraction', { ...valid, I2: 2.5 }, /I2: level must be an integer 1\.\.5, got 2\.5/],
    ['a string', { ...valid, I2: '3' }, /I2: level must be an integer 1\.\.5, got "3"/],
  ])('refuses %s, naming the problem', (_label, input, message) => {
    const given = JSON.parse(JSON.stringify(input)) as unknown;
    expect(() => checkLevels(pemdi, given)).toThrow(LevelsError);
    expect(() => checkLevels(pemdi, given)).toThrow(message);
  });

  it('accepts level 0 for SPBE 2020, whose indicators are coded I1..I47', () => {
    const levels = Object.fromEntries(Array.from({ length: 47 }, (_, i) => [`I${i + 1}`, 0]));
    expect(computeFrameworkIndex(spbe, checkLevels(spbe, levels))).toMatchObject({
      framework: 'spbe-2020',
      index: 0,
      predicate: { id: 'Kurang' },
    });
  });
});

describe('computeFrameworkIndex (SPBE 2020)', () => {
  it('agrees with the SPBE index of the reports for any complete set of levels', () => {
    const framework = loadFramework();
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 47, maxLength: 47 }), (levels) => {
        const byNumber = Object.fromEntries(levels.map((level, i) => [i + 1, level]));
        const byCode = Object.fromEntries(levels.map((level, i) => [`I${i + 1}`, level]));
        const reports = computeIndex(byNumber, framework);
        const result = computeFrameworkIndex(spbe, byCode);
        expect(result.index).toBeCloseTo(reports.overall.index as number, 12);
        expect(result.predicate).toEqual(reports.overall.predicate);
        for (const domain of reports.domains)
          for (const aspect of domain.aspects)
            expect(result.aspects[aspect.code]).toBeCloseTo(aspect.index as number, 12);
      }),
    );
  });
});
