import { chosenIndicators, codeOf, crosswalkFrom, numberOf, retag } from './crosswalk';
import { loadShippedPackage } from './framework-package';

describe('crosswalk', () => {
  const pemdi = loadShippedPackage('pemdi-2026').pkg;
  const fromSpbe = crosswalkFrom(pemdi, 'spbe-2020');

  it('reads the shipped Pemdi crosswalk from SPBE 2020', () => {
    expect([...fromSpbe].map(([from, t]) => [from, t.to, t.related])).toEqual([
      ['I18', 'I16', ['I18', 'I14']],
      ['I7', 'I1', []],
    ]);
    expect(crosswalkFrom(pemdi, 'other-framework').size).toBe(0);
  });

  it('maps Indicator 18 evidence to I16 and offers I14 and I18 as related', () => {
    expect(retag([18], fromSpbe)).toEqual({
      from: ['I18'],
      to: ['I16'],
      related: ['I14', 'I18'],
      unmapped: [],
    });
  });

  it('maps evidence of both indicators to both targets', () => {
    expect(retag([18, 7, 7], fromSpbe)).toEqual({
      from: ['I7', 'I18'],
      to: ['I1', 'I16'],
      related: ['I14', 'I18'],
      unmapped: [],
    });
  });

  it('names the indicators the crosswalk does not map', () => {
    expect(retag([3], fromSpbe)).toEqual({ from: ['I3'], to: [], related: [], unmapped: ['I3'] });
  });

  it('chooses the mapped indicators by default and refuses one not offered', () => {
    const plan = retag([18], fromSpbe);
    expect(chosenIndicators(plan)).toEqual([16]);
    expect(chosenIndicators(plan, ['I18', 'I16'])).toEqual([16, 18]);
    expect(chosenIndicators(plan, ['I1'])).toBeNull();
  });

  it('converts codes and numbers both ways', () => {
    expect(codeOf(16)).toBe('I16');
    expect(numberOf('I16')).toBe(16);
    expect(numberOf('A1')).toBeNull();
  });
});
