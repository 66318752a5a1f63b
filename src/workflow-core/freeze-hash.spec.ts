import { canonicalJson } from '../common/canonical-json';
import { rowHash, snapshotHash } from './freeze-hash';

describe('frozen result hashes', () => {
  const row = {
    agencyId: 'a',
    periodId: 'p',
    indicator: 18,
    facts: { units: [{ id: 'u1', inScope: true }], asOf: '2026-10-31' },
    result: { finalLevel: 2, scores: { supported: { level: 3 } } },
    engineVersion: '1.0.0',
    frameworkVersion: '2020.1',
  };

  it('sorts keys at every depth and keeps array order, so jsonb round trips hash the same', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null, x: undefined } })).toBe(
      '{"a":{"c":null,"d":[2,1]},"b":1}',
    );
    const reordered = JSON.parse(
      JSON.stringify({ ...row, facts: { asOf: row.facts.asOf, units: row.facts.units } }),
    );
    expect(rowHash(reordered)).toBe(rowHash(row));
  });

  it('changes when anything of the row changes', () => {
    const base = rowHash(row);
    expect(rowHash({ ...row, result: { ...row.result, finalLevel: 3 } })).not.toBe(base);
    expect(rowHash({ ...row, engineVersion: '1.0.1' })).not.toBe(base);
    expect(rowHash({ ...row, indicator: 7 })).not.toBe(base);
  });

  it('hashes the snapshot over the rows in indicator order, whatever order they come in', () => {
    const rows = [
      { indicator: 18, hash: 'b' },
      { indicator: 7, hash: 'a' },
    ];
    expect(snapshotHash(rows)).toBe(snapshotHash([...rows].reverse()));
    expect(snapshotHash(rows)).not.toBe(snapshotHash([{ indicator: 7, hash: 'a' }]));
  });
});
