/**
 * Exact nearest-rank percentiles of response latencies, computed while streaming.
 *
 * WSO2 latencies are whole milliseconds, so a counting histogram at 1 ms resolution is exact.
 * A dense 60,000-slot histogram per bucket would cost 240 KB even for a bucket of one call, and a
 * month of hourly buckets has thousands of those, hence three tiers per bucket:
 *   - up to SMALL_LIMIT values: the raw values in a small growable array (4 bytes each);
 *   - beyond: a paged histogram, 256-slot pages allocated only where values fall (latencies
 *     cluster, so a busy bucket touches a handful of pages);
 *   - values the histogram cannot hold exactly (fractions, >= 60 s) in a sorted-on-demand list.
 * Memory is bounded by buckets x (pages touched), not by the number of events.
 */

export const HISTOGRAM_LIMIT_MS = 60_000;
const PAGE_SIZE = 256;
const PAGE_COUNT = Math.ceil(HISTOGRAM_LIMIT_MS / PAGE_SIZE);
const SMALL_LIMIT = 1024;

/** Rank (1-based) of the p-th percentile among n values: ceil(p/100 x n), at least 1. */
export function nearestRank(p: number, n: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  // p * n first: 95 * 20 / 100 is exactly 19, while 0.95 * 20 is 19.000000000000004.
  return Math.min(n, Math.max(1, Math.ceil((p * n) / 100)));
}

/** Reference definition: sort, then take the nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[nearestRank(p, sorted.length) - 1];
}

export class LatencyRecorder {
  private small: Uint32Array | undefined = new Uint32Array(8);
  private smallCount = 0;
  private pages: Array<Uint32Array | undefined> | undefined;
  private overflow: number[] = [];
  private overflowSorted = true;
  count = 0;
  sum = 0;
  max = -Infinity;

  add(ms: number): void {
    this.count += 1;
    this.sum += ms;
    if (ms > this.max) this.max = ms;
    if (!Number.isInteger(ms) || ms < 0 || ms >= HISTOGRAM_LIMIT_MS) {
      this.overflow.push(ms);
      this.overflowSorted = false;
    } else if (this.small) {
      this.addSmall(ms);
    } else {
      this.addToPage(ms, 1);
    }
  }

  /** Values the recorder holds individually (raw array plus overflow), for memory accounting. */
  get heldValues(): number {
    return this.smallCount + this.overflow.length;
  }

  get pagesInUse(): number {
    return this.pages ? this.pages.filter((page) => page !== undefined).length : 0;
  }

  /** Nearest-rank percentiles for several p at once, in one ascending walk. */
  percentiles(ps: readonly number[]): number[] {
    if (this.count === 0) throw new RangeError('percentile of no values');
    const ranks = ps.map((p) => nearestRank(p, this.count));
    const lastRank = Math.max(...ranks);
    const result = new Array<number>(ps.length);
    let seen = 0;
    for (const [value, count] of this.ascending()) {
      seen += count;
      ranks.forEach((rank, i) => {
        if (result[i] === undefined && rank <= seen) result[i] = value;
      });
      if (seen >= lastRank) break;
    }
    return result;
  }

  /** Every distinct value with its count, in ascending order: an exact, mergeable histogram. */
  *ascending(): Generator<[number, number]> {
    const exact = this.exactRuns();
    const rest = this.sortedOverflow();
    let next = exact.next();
    let i = 0;
    while (!next.done || i < rest.length) {
      if (!next.done && (i >= rest.length || next.value[0] <= rest[i])) {
        yield next.value;
        next = exact.next();
      } else {
        let count = 1;
        while (i + count < rest.length && rest[i + count] === rest[i]) count += 1;
        yield [rest[i], count];
        i += count;
      }
    }
  }

  private *exactRuns(): Generator<[number, number]> {
    if (this.small) {
      const sorted = this.small.slice(0, this.smallCount).sort();
      for (let i = 0; i < sorted.length;) {
        let count = 1;
        while (i + count < sorted.length && sorted[i + count] === sorted[i]) count += 1;
        yield [sorted[i], count];
        i += count;
      }
      return;
    }
    for (let p = 0; p < PAGE_COUNT; p += 1) {
      const page = this.pages?.[p];
      if (!page) continue;
      for (let slot = 0; slot < PAGE_SIZE; slot += 1) {
        if (page[slot] > 0) yield [p * PAGE_SIZE + slot, page[slot]];
      }
    }
  }

  private sortedOverflow(): number[] {
    if (!this.overflowSorted) {
      this.overflow.sort((a, b) => a - b);
      this.overflowSorted = true;
    }
    return this.overflow;
  }

  private addSmall(ms: number): void {
    let small = this.small as Uint32Array;
    if (this.smallCount === SMALL_LIMIT) {
      this.promote(small);
      this.addToPage(ms, 1);
      return;
    }
    if (this.smallCount === small.length) {
      small = new Uint32Array(Math.min(SMALL_LIMIT, small.length * 2));
      small.set(this.small as Uint32Array);
      this.small = small;
    }
    small[this.smallCount] = ms;
    this.smallCount += 1;
  }

  /** Moves the raw values into the paged histogram once the raw array would outgrow it. */
  private promote(small: Uint32Array): void {
    this.pages = new Array<Uint32Array | undefined>(PAGE_COUNT);
    for (let i = 0; i < this.smallCount; i += 1) this.addToPage(small[i], 1);
    this.small = undefined;
    this.smallCount = 0;
  }

  private addToPage(ms: number, count: number): void {
    const pages = this.pages as Array<Uint32Array | undefined>;
    const index = (ms / PAGE_SIZE) | 0;
    const page = pages[index] ?? (pages[index] = new Uint32Array(PAGE_SIZE));
    page[ms - index * PAGE_SIZE] += count;
  }
}
