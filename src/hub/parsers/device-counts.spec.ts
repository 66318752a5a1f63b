import fc from 'fast-check';
import {
  addDeviceCounts,
  capDeviceCounts,
  DEVICE_KEYS_KEPT,
  deviceFamily,
  FamilyTally,
  OTHER_DEVICES,
  UNKNOWN_DEVICE,
} from './device-counts';

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, n) => a + n, 0);

describe('deviceFamily', () => {
  it('keeps the family the gateway parsed, and says nothing when the event names none', () => {
    expect(deviceFamily('Mac OS X')).toBe('Mac OS X');
    expect(deviceFamily(' Chrome Mobile WebView ')).toBe('Chrome Mobile WebView');
    expect(deviceFamily('Mobile Safari UI/WKWebView')).toBe('Mobile Safari UI/WKWebView');
    for (const none of [undefined, null, '', '  ', 'UNKNOWN', 'N/A'])
      expect(deviceFamily(none)).toBeUndefined();
  });

  it('counts a raw user agent header, a user name or overlong text as unknown, never keeps it', () => {
    for (const text of [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0',
      'okhttp/4.9.0',
      'curl/8.5.0',
      'Apache-HttpClient/4.5.13 (Java/11.0.21)',
      'warga@carbon.super',
      'x'.repeat(49),
    ])
      expect(deviceFamily(text)).toBe(UNKNOWN_DEVICE);
  });
});

describe('FamilyTally', () => {
  it('counts by name, the same in any order', () => {
    const names = ['Android', 'Windows', 'Android', 'iOS', 'Android', 'Windows'];
    for (const order of [names, [...names].reverse()]) {
      const tally = new FamilyTally();
      order.forEach((name) => tally.add(name));
      expect(tally.toRecord()).toEqual({ Android: 3, Windows: 2, iOS: 1 });
      expect(tally.total).toBe(6);
    }
  });

  it('keeps the 20 largest names of a hostile bucket and sums the rest as OTHER, losing no call', () => {
    const tally = new FamilyTally();
    for (let i = 0; i < 5000; i += 1) tally.add(`os-${i % 1000}`, i < 3 ? 100 : 1);
    const counts = tally.toRecord();
    expect(Object.keys(counts)).toHaveLength(DEVICE_KEYS_KEPT + 1);
    expect(counts['os-0']).toBe(100 + 4);
    expect(counts[OTHER_DEVICES]).toBeGreaterThan(0);
    expect(sum(counts)).toBe(tally.total);
    expect(tally.total).toBe(5000 + 3 * 99);
  });

  it('counts a name "__proto__" like any other', () => {
    const tally = new FamilyTally();
    tally.add('Linux');
    tally.add('__proto__', 2);
    const counts = addDeviceCounts(tally.toRecord(), JSON.parse('{"__proto__": 1}'));
    expect(Object.entries(counts)).toEqual([
      ['__proto__', 3],
      ['Linux', 1],
    ]);
  });
});

describe('capDeviceCounts and addDeviceCounts', () => {
  const counts = fc.dictionary(
    fc.oneof(fc.constantFrom('Android', 'iOS', 'Windows', OTHER_DEVICES), fc.string({ maxLength: 6 })),
    fc.integer({ min: 1, max: 1000 }),
    { maxKeys: 40 },
  );

  it('adds two buckets without losing or inventing a call, in either order, within the cap', () => {
    fc.assert(
      fc.property(counts, counts, (a, b) => {
        const ab = addDeviceCounts(a, b);
        expect(sum(ab)).toBe(sum(a) + sum(b));
        expect(ab).toEqual(addDeviceCounts(b, a));
        expect(Object.keys(ab).length).toBeLessThanOrEqual(DEVICE_KEYS_KEPT + 1);
      }),
    );
  });

  it('keeps the largest names: no name left out has more calls than one kept', () => {
    fc.assert(
      fc.property(counts, (a) => {
        const capped = capDeviceCounts(Object.entries(a), 5);
        const kept = Object.entries(capped).filter(([name]) => name !== OTHER_DEVICES);
        const smallestKept = Math.min(...kept.map(([, n]) => n));
        for (const [name, n] of Object.entries(a))
          if (name !== OTHER_DEVICES && !(name in capped)) expect(n).toBeLessThanOrEqual(smallestKept);
      }),
    );
  });
});
