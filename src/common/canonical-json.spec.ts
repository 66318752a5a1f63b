import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('gives the same text whatever order the keys were written in, at every depth', () => {
    const a = { b: 1, a: { d: [{ y: 2, x: 1 }], c: 'x' } };
    const b = { a: { c: 'x', d: [{ x: 1, y: 2 }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"c":"x","d":[{"x":1,"y":2}]},"b":1}');
  });

  it('keeps array order, drops undefined members as JSON.stringify does, and writes dates as ISO text', () => {
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
    expect(canonicalJson({ at: new Date('2026-01-02T03:04:05.006Z') })).toBe(
      '{"at":"2026-01-02T03:04:05.006Z"}',
    );
  });
});
