import { textOf } from './values';

/**
 * Calls by device, as WSO2's "Devices" dashboard shows them: by OS family (`platform`) and by
 * browser family (`userAgent`, parsed by the gateway from the raw header, which the analytics
 * pipeline drops). Only these counts are kept, never an event's user, IP or header (issue 22,
 * point 6), and a bucket keeps at most DEVICE_KEYS_KEPT names so a hostile file cannot blow up
 * a row: the rest add up under OTHER_DEVICES.
 */

/** No family, or one the gateway could not parse (WSO2 writes UNKNOWN then too). */
export const UNKNOWN_DEVICE = 'UNKNOWN';
/** The calls of the names beyond the ones kept. */
export const OTHER_DEVICES = 'OTHER';
/** Names a bucket stores; the others are summed under OTHER_DEVICES. */
export const DEVICE_KEYS_KEPT = 20;
/** Names a bucket tells apart while events stream in; later new names count as OTHER_DEVICES. */
const DEVICE_KEYS_HELD = 40;
/** Family names are short ("Chrome Mobile WebView"); longer text is no family. */
const MAX_FAMILY_LENGTH = 48;
/**
 * A raw header ("Mozilla/5.0 (Windows NT 10.0; ...)", "okhttp/4.9.0") or a user name, where a
 * family belongs: counted as unknown, never kept.
 */
const NOT_A_FAMILY = /[();@]|\/\d/;

/**
 * Families seen, to their verdict: a million events name a handful of families, and each bucket
 * then holds one shared string per name instead of the event's own copy (tens of MB over a month
 * of daily buckets). Bounded, so a file of endless new names only misses the cache.
 */
const FAMILIES = new Map<string, string>();
const MAX_CACHED_FAMILIES = 1000;

/** The family an event names, UNKNOWN_DEVICE for text that is none; undefined when absent. */
export function deviceFamily(value: unknown): string | undefined {
  const text = textOf(value);
  if (text === undefined) return undefined;
  let family = FAMILIES.get(text);
  if (family === undefined) {
    family = text.length > MAX_FAMILY_LENGTH || NOT_A_FAMILY.test(text) ? UNKNOWN_DEVICE : text;
    if (FAMILIES.size < MAX_CACHED_FAMILIES) FAMILIES.set(text, family);
  }
  return family;
}

/**
 * Counts by name within one bucket. Most buckets see a single family (one application, one
 * client), so the first name is held without an array; the others share one array of
 * [name, count] pairs. A month of events in 60,000 daily buckets costs a few MB, not tens.
 */
export class FamilyTally {
  private first: string | undefined;
  private firstCount = 0;
  /** name, count, name, count...: names are strings and counts numbers, so indexOf finds names. */
  private rest: Array<string | number> | undefined;

  add(name: string, n = 1): void {
    if (name === this.first) this.firstCount += n;
    else if (this.first === undefined) {
      this.first = name;
      this.firstCount = n;
    } else this.addOther(name, n);
  }

  private addOther(name: string, n: number): void {
    const rest = (this.rest ??= []);
    let i = rest.indexOf(name);
    if (i < 0 && rest.length / 2 + 1 >= DEVICE_KEYS_HELD) {
      if (this.first === OTHER_DEVICES) return void (this.firstCount += n);
      i = rest.indexOf(OTHER_DEVICES);
      name = OTHER_DEVICES;
    }
    if (i < 0) rest.push(name, n);
    else (rest[i + 1] as number) += n;
  }

  addAll(other: FamilyTally): void {
    for (const [name, n] of other.entries()) this.add(name, n);
  }

  get total(): number {
    return this.entries().reduce((sum, [, n]) => sum + n, 0);
  }

  private entries(): Array<[string, number]> {
    if (this.first === undefined) return [];
    const out: Array<[string, number]> = [[this.first, this.firstCount]];
    const rest = this.rest ?? [];
    for (let i = 0; i < rest.length; i += 2) out.push([rest[i] as string, rest[i + 1] as number]);
    return out;
  }

  /** The counts a bucket stores: the DEVICE_KEYS_KEPT largest, the rest under OTHER_DEVICES. */
  toRecord(): Record<string, number> {
    return capDeviceCounts(this.entries());
  }
}

/** The `keep` largest counts (ties by name), the others summed under OTHER_DEVICES. */
export function capDeviceCounts(
  counts: Iterable<[string, number]>,
  keep = DEVICE_KEYS_KEPT,
): Record<string, number> {
  let other = 0;
  const ranked: Array<[string, number]> = [];
  for (const [name, n] of counts) {
    if (name === OTHER_DEVICES) other += n;
    else if (n > 0) ranked.push([name, n]);
  }
  ranked.sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
  for (const [, n] of ranked.slice(keep)) other += n;
  const out = Object.fromEntries(ranked.slice(0, keep));
  if (other > 0) out[OTHER_DEVICES] = other;
  return out;
}

/** Two buckets' counts added, capped again. A Map, so that no name is special ("__proto__"). */
export function addDeviceCounts(
  a: Record<string, number>,
  b: Record<string, number>,
): Record<string, number> {
  const sum = new Map(Object.entries(a));
  for (const [name, n] of Object.entries(b)) sum.set(name, (sum.get(name) ?? 0) + n);
  return capDeviceCounts(sum);
}
