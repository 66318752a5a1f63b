import { isBlank, numberOf, tenantOf, textOf, timeOf } from './values';

const iso = (value: unknown): string | undefined => timeOf(value)?.toISOString();

describe('timeOf', () => {
  it.each([
    ['1614020559444', '2021-02-22T19:02:39.444Z'],
    [1614020559444, '2021-02-22T19:02:39.444Z'],
    ['1617625320', '2021-04-05T12:22:00.000Z'],
    [1462465496, '2016-05-05T16:24:56.000Z'],
    ['2021-04-05 17:51:59.909', '2021-04-05T17:51:59.909Z'],
    ['2021-04-05 17:51:59.05', '2021-04-05T17:51:59.050Z'],
    ['2021-04-05 17:51:59', '2021-04-05T17:51:59.000Z'],
    ['2024-01-31', '2024-01-31T00:00:00.000Z'],
    ['2022-01-20T03:34:36.451Z', '2022-01-20T03:34:36.451Z'],
    ['2022-01-20T10:34:36.451+07:00', '2022-01-20T03:34:36.451Z'],
    ['2022-01-20T10:34:36+0700', '2022-01-20T03:34:36.000Z'],
    ['May 13, 2020 10:18:31 AM', '2020-05-13T10:18:31.000Z'],
    ['May 13, 2020 12:05:00 AM', '2020-05-13T00:05:00.000Z'],
    ['May 13, 2020 1:18:31 PM', '2020-05-13T13:18:31.000Z'],
    ['Jan 20, 2022 @ 03:34:36.451', '2022-01-20T03:34:36.451Z'],
  ])('reads %j as %s', (input, expected) => {
    expect(iso(input)).toBe(expected);
  });

  it.each([
    '',
    'UNKNOWN',
    'N/A',
    'kemarin',
    '2023-02-30',
    '2024-13-01',
    'May 13, 2020 13:00:00 PM',
    -5,
    Number.NaN,
  ])('gives no time for %j', (input) => {
    expect(timeOf(input)).toBeUndefined();
  });
});

describe('placeholders and numbers', () => {
  it('treats UNKNOWN, N/A and empty text as absent values', () => {
    expect(['UNKNOWN', 'N/A', '', '  ', null, undefined].every(isBlank)).toBe(true);
    expect(textOf('UNKNOWN')).toBeUndefined();
    expect(textOf(' Linux ')).toBe('Linux');
    expect(textOf(777712827)).toBe('777712827');
  });

  it('reads numbers written as text, with thousands separators, and decimal commas when asked', () => {
    expect(numberOf('99.912')).toBe(99.912);
    expect(numberOf('1,200')).toBe(1200);
    expect(numberOf('72,5', true)).toBe(72.5);
    expect(numberOf('72,5')).toBeUndefined();
    expect(numberOf('sepuluh')).toBeUndefined();
    expect(numberOf(true)).toBeUndefined();
  });
});

describe('tenantOf', () => {
  it('takes the tenant after the last @ and falls back to the super tenant', () => {
    expect(tenantOf('disdukcapil@bandung.go.id')).toBe('bandung.go.id');
    expect(tenantOf('first.last@mail.com@bandung.go.id')).toBe('bandung.go.id');
    expect(tenantOf('admin')).toBe('carbon.super');
    expect(tenantOf('admin', 'bandung.go.id')).toBe('bandung.go.id');
    expect(tenantOf(undefined)).toBe('carbon.super');
    expect(tenantOf('trailing@')).toBe('carbon.super');
  });
});
