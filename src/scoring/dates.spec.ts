import { addCalendarMonths, isIsoDate, nextDay } from './dates';

describe('calendar dates', () => {
  it.each([
    ['2026-10-31', -12, '2025-10-31'],
    ['2026-10-31', -24, '2024-10-31'],
    ['2024-02-29', -12, '2023-02-28'],
    ['2024-02-29', -24, '2022-02-28'],
    ['2024-02-29', -48, '2020-02-29'],
    ['2025-02-28', -12, '2024-02-28'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2023-03-31', -1, '2023-02-28'],
    ['2024-05-31', -12, '2023-05-31'],
    ['2026-01-15', -13, '2024-12-15'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2025-12-31', 2, '2026-02-28'],
    ['2025-06-01', 0, '2025-06-01'],
  ])('moves %s by %i calendar months to %s, clamping to the month end', (date, months, expected) => {
    expect(addCalendarMonths(date, months)).toBe(expected);
  });

  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2026-04-31', false],
    ['2026-12-31', true],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-1-01', false],
    ['2026-01-01T00:00:00Z', false],
    [' 2026-01-01', false],
  ])('accepts %s as a strict calendar date: %s', (value, valid) => {
    expect(isIsoDate(value)).toBe(valid);
  });

  it.each([
    ['2024-02-28', '2024-02-29'],
    ['2023-02-28', '2023-03-01'],
    ['2025-12-31', '2026-01-01'],
    ['2025-04-30', '2025-05-01'],
    ['2025-04-09', '2025-04-10'],
  ])('gives the day after %s as %s', (date, expected) => {
    expect(nextDay(date)).toBe(expected);
  });

  it('rejects a malformed date instead of guessing', () => {
    expect(() => addCalendarMonths('2025/01/01', 1)).toThrow(RangeError);
  });
});
