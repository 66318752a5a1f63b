import { formatNumber, formatPercent, formatRatio } from './numbers';

describe('numbers people read', () => {
  it('writes Indonesian numbers with a decimal comma and a thousands dot', () => {
    expect(formatPercent('id', 1.3, 2)).toBe('1,3%');
    expect(formatPercent('id', 99.934, 2)).toBe('99,93%');
    expect(formatNumber('id', 3.68, 2)).toBe('3,68');
    expect(formatNumber('id', 2887)).toBe('2.887');
    expect(formatRatio('id', 0.769)).toBe('76,9%');
  });

  it('writes English numbers with a decimal point and a thousands comma', () => {
    expect(formatPercent('en', 1.3, 2)).toBe('1.3%');
    expect(formatNumber('en', 2887)).toBe('2,887');
    expect(formatNumber('en', 0.0325, 0, 3)).toBe('0.033');
  });
});
