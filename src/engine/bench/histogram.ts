/**
 * A latency histogram in the style of HdrHistogram: log-linear buckets, so
 * that a benchmark of millions of operations keeps a few thousand counters
 * and any percentile it reports is within 1% of the exact one.
 *
 * Values are non-negative integer microseconds. Below 256 µs every value has
 * its own bucket (exact). Above, each power-of-two range [2^e, 2^(e+1)) is
 * split into 128 linear sub-buckets of width 2^(e-7), so a bucket is never
 * wider than 1/128 of its lower bound: any value reported from the bucket
 * that holds the exact percentile is off by less than 0.8% (half that, since
 * we report the middle of the bucket).
 *
 * The state is plain data (arrays and numbers) so that it can be
 * structured-cloned out of a worker, stored in a run file and merged later.
 */
import { fail } from '../core/assert';

/** log2 of the number of linear sub-buckets per power of two. */
const subBucketBits = 7;
const subBucketCount = 1 << subBucketBits;

/** The largest value accepted: 2^42 - 1 µs, about 50 days. */
export const maxTrackableUs = 2 ** 42 - 1;

export interface Histogram {
  /** `counts[i]`: how many values fell in bucket i; grows on demand, never shrinks. */
  counts: number[];
  /** Number of values recorded. */
  totalCount: number;
  /** Exact sum of the values, for the mean (integers stay exact below 2^53). */
  sumUs: number;
  /** Exact smallest and largest values; 0 while empty. */
  minUs: number;
  maxUs: number;
}

/** One step of a cumulative distribution: `fraction` of the values are ≤ `valueUs`. */
export interface CdfPoint {
  valueUs: number;
  fraction: number;
}

export function createHistogram(): Histogram {
  return { counts: [], totalCount: 0, sumUs: 0, minUs: 0, maxUs: 0 };
}

/** floor(log2(value)) for 1 ≤ value < 2^53, without 32-bit truncation. */
function floorLog2(value: number): number {
  if (value < 0x1_0000_0000) return 31 - Math.clz32(value);
  return 63 - Math.clz32(Math.floor(value / 0x1_0000_0000));
}

/** How many low bits of a value its bucket ignores (0 below 256). */
function shiftOf(valueUs: number): number {
  if (valueUs < 2 * subBucketCount) return 0;
  return floorLog2(valueUs) - subBucketBits;
}

export function bucketIndex(valueUs: number): number {
  const shift = shiftOf(valueUs);
  return shift * subBucketCount + Math.floor(valueUs / 2 ** shift);
}

/** The smallest value that falls in bucket `index`. */
export function bucketLowerUs(index: number): number {
  const shift = Math.max(0, Math.floor(index / subBucketCount) - 1);
  return (index - shift * subBucketCount) * 2 ** shift;
}

/** The largest value that falls in bucket `index`. */
export function bucketUpperUs(index: number): number {
  const shift = Math.max(0, Math.floor(index / subBucketCount) - 1);
  return bucketLowerUs(index) + 2 ** shift - 1;
}

/** Records `occurrences` (the same value seen that many times, default once) of `valueUs`. */
export function record(h: Histogram, valueUs: number, occurrences = 1): void {
  if (!(Number.isInteger(valueUs) && valueUs >= 0)) fail(`histogram value must be a non-negative integer (µs), got ${valueUs}`);
  if (!(valueUs <= maxTrackableUs)) fail(`histogram value ${valueUs} µs exceeds the largest trackable value ${maxTrackableUs} µs`);
  if (!(Number.isInteger(occurrences) && occurrences >= 0)) fail(`histogram occurrences must be a non-negative integer, got ${occurrences}`);
  if (occurrences === 0) return;
  const index = bucketIndex(valueUs);
  while (h.counts.length <= index) h.counts.push(0);
  h.counts[index] += occurrences;
  if (h.totalCount === 0) {
    h.minUs = valueUs;
    h.maxUs = valueUs;
  } else {
    if (valueUs < h.minUs) h.minUs = valueUs;
    if (valueUs > h.maxUs) h.maxUs = valueUs;
  }
  h.totalCount += occurrences;
  h.sumUs += valueUs * occurrences;
}

/** Adds every value recorded in `from` to `into`; `from` is unchanged. */
export function merge(into: Histogram, from: Histogram): void {
  if (from.totalCount === 0) return;
  while (into.counts.length < from.counts.length) into.counts.push(0);
  for (let i = 0; i < from.counts.length; i++) into.counts[i] += from.counts[i];
  if (into.totalCount === 0) {
    into.minUs = from.minUs;
    into.maxUs = from.maxUs;
  } else {
    into.minUs = Math.min(into.minUs, from.minUs);
    into.maxUs = Math.max(into.maxUs, from.maxUs);
  }
  into.totalCount += from.totalCount;
  into.sumUs += from.sumUs;
}

export function count(h: Histogram): number {
  return h.totalCount;
}

/** The exact smallest value in µs; 0 when empty. */
export function min(h: Histogram): number {
  return h.minUs;
}

/** The exact largest value in µs; 0 when empty. */
export function max(h: Histogram): number {
  return h.maxUs;
}

/** The exact mean in µs; 0 when empty. */
export function mean(h: Histogram): number {
  return h.totalCount === 0 ? 0 : h.sumUs / h.totalCount;
}

/**
 * The nearest-rank position (1-based) of percentile `p` among `n` sorted
 * values: the smallest rank r with r/n ≥ p/100. The product is nudged down by
 * a relative 1e-12 so that, e.g., 99.9% of 1000 is rank 999 and not 1000
 * because 99.9 has no exact binary form.
 */
export function percentileRank(p: number, n: number): number {
  const exact = (p / 100) * n;
  return Math.min(n, Math.max(1, Math.ceil(exact - exact * 1e-12)));
}

/**
 * The value at percentile `p` (0–100), in µs: the middle of the bucket that
 * holds the nearest-rank value, clamped to [min, max]. p=0 is the exact
 * minimum, p=100 the exact maximum; an empty histogram answers 0.
 */
export function valueAtPercentile(h: Histogram, p: number): number {
  if (!(p >= 0 && p <= 100)) fail(`percentile must be in [0, 100], got ${p}`);
  if (h.totalCount === 0) return 0;
  if (p === 0) return h.minUs;
  if (p === 100) return h.maxUs;
  const rank = percentileRank(p, h.totalCount);
  let seen = 0;
  for (let i = 0; i < h.counts.length; i++) {
    seen += h.counts[i];
    if (seen >= rank) {
      const lowerUs = bucketLowerUs(i);
      const middleUs = lowerUs + Math.floor((bucketUpperUs(i) - lowerUs) / 2);
      return Math.min(h.maxUs, Math.max(h.minUs, middleUs));
    }
  }
  fail(`histogram counts sum to ${seen}, below its total ${h.totalCount}`);
}

/**
 * The cumulative distribution, one point per non-empty bucket at the bucket's
 * largest value (the last one at the exact maximum). Each point is exact: the
 * fraction of values ≤ valueUs. Values increase strictly, fractions rise to
 * exactly 1. Empty histogram: no points.
 */
export function cdf(h: Histogram): CdfPoint[] {
  const points: CdfPoint[] = [];
  let seen = 0;
  for (let i = 0; i < h.counts.length; i++) {
    const inBucket = h.counts[i];
    if (inBucket === 0) continue;
    seen += inBucket;
    const fraction = seen === h.totalCount ? 1 : seen / h.totalCount;
    points.push({ valueUs: Math.min(bucketUpperUs(i), h.maxUs), fraction });
  }
  return points;
}
