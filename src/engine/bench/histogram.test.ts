/**
 * The histogram against its exact twin: a sorted array of the same values.
 * Every percentile it reports must be within 1% of the nearest-rank value of
 * the sorted array, on seeded uniform, exponential and bimodal data.
 */
import { describe, expect, it } from 'vitest';
import {
  bucketIndex,
  bucketLowerUs,
  bucketUpperUs,
  cdf,
  count,
  createHistogram,
  max,
  maxTrackableUs,
  mean,
  merge,
  min,
  percentileRank,
  record,
  valueAtPercentile,
} from './histogram';
import type { Histogram } from './histogram';

/** Marsaglia's xorshift32 (2003), local so that the test depends on nothing else; never yields 0. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
  // Small seeds start with small states; a few rounds mix them.
  for (let i = 0; i < 16; i++) next();
  return next;
}

type Distribution = (random: () => number) => number;

const distributions: Record<string, Distribution> = {
  // 0 µs to 2 s, so both the exact low buckets and wide high ones are hit.
  uniform: (random) => Math.floor(random() * 2_000_000),
  // mean 5 ms with a long tail.
  exponential: (random) => Math.floor(-Math.log(1 - random()) * 5_000),
  // a fast mode near 300 µs and a slow one near 40 ms (a leader change).
  bimodal: (random) => (random() < 0.8 ? 250 + Math.floor(random() * 100) : 35_000 + Math.floor(random() * 10_000)),
};

const percentiles = [0, 0.1, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100];

function exactPercentile(sorted: readonly number[], p: number): number {
  return sorted[percentileRank(p, sorted.length) - 1];
}

function fill(values: readonly number[]): Histogram {
  const h = createHistogram();
  for (const v of values) record(h, v);
  return h;
}

describe('histogram buckets', () => {
  it('gives every value below 256 µs its own bucket', () => {
    for (let v = 0; v < 256; v++) {
      expect(bucketIndex(v)).toBe(v);
      expect(bucketLowerUs(v)).toBe(v);
      expect(bucketUpperUs(v)).toBe(v);
    }
  });

  it('tiles the values without gaps and keeps each bucket narrower than 1/128 of its lower bound', () => {
    const last = bucketIndex(maxTrackableUs);
    expect(bucketUpperUs(last)).toBe(maxTrackableUs);
    for (let i = 1; i <= last; i++) {
      expect(bucketLowerUs(i)).toBe(bucketUpperUs(i - 1) + 1);
      const widthUs = bucketUpperUs(i) - bucketLowerUs(i) + 1;
      expect(widthUs).toBeLessThanOrEqual(Math.max(1, bucketLowerUs(i) / 128));
      expect(bucketIndex(bucketLowerUs(i))).toBe(i);
      expect(bucketIndex(bucketUpperUs(i))).toBe(i);
    }
  });

  it('accepts one hour and more, refuses negatives, fractions and values past the largest', () => {
    const h = createHistogram();
    record(h, 3_600_000_000);
    expect(valueAtPercentile(h, 50)).toBe(3_600_000_000);
    expect(() => record(h, -1)).toThrow(/non-negative integer/);
    expect(() => record(h, 1.5)).toThrow(/non-negative integer/);
    expect(() => record(h, maxTrackableUs + 1)).toThrow(/largest trackable/);
  });
});

describe('histogram percentiles against the sorted array', () => {
  for (const [name, draw] of Object.entries(distributions)) {
    for (const seed of [1, 2, 3]) {
      it(`${name} data, seed ${seed}: every percentile within 1%`, () => {
        const random = seededRandom(seed);
        const values = Array.from({ length: 20_000 }, () => draw(random));
        const h = fill(values);
        const sorted = [...values].sort((a, b) => a - b);
        for (const p of percentiles) {
          const exactUs = exactPercentile(sorted, p);
          const reportedUs = valueAtPercentile(h, p);
          const error = exactUs === 0 ? reportedUs : Math.abs(reportedUs - exactUs) / exactUs;
          expect(error, `${name} seed ${seed} p${p}: exact ${exactUs} µs, reported ${reportedUs} µs`).toBeLessThanOrEqual(0.01);
        }
        expect(valueAtPercentile(h, 0)).toBe(sorted[0]);
        expect(valueAtPercentile(h, 100)).toBe(sorted[sorted.length - 1]);
        expect(count(h)).toBe(values.length);
        expect(min(h)).toBe(sorted[0]);
        expect(max(h)).toBe(sorted[sorted.length - 1]);
        expect(mean(h)).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 9);
      });
    }
  }

  it('reads 99.9% of 1000 values as the 999th value, not the 1000th', () => {
    expect(percentileRank(99.9, 1000)).toBe(999);
    expect(percentileRank(50, 1)).toBe(1);
    expect(percentileRank(50, 4)).toBe(2);
    expect(percentileRank(50.0001, 4)).toBe(3);
  });

  it('records a value seen several times at once', () => {
    const h = createHistogram();
    record(h, 100, 99);
    record(h, 10_000, 1);
    record(h, 5, 0);
    expect(count(h)).toBe(100);
    expect(valueAtPercentile(h, 99)).toBe(100);
    expect(valueAtPercentile(h, 99.5)).toBe(10_000);
    expect(min(h)).toBe(100);
    expect(mean(h)).toBe((100 * 99 + 10_000) / 100);
  });
});

describe('histogram cdf', () => {
  it('has one point per non-empty bucket, each exact, ending at the maximum with fraction 1', () => {
    const random = seededRandom(7);
    const values = Array.from({ length: 5_000 }, () => distributions.exponential(random));
    const h = fill(values);
    const points = cdf(h);
    const buckets = new Set(values.map(bucketIndex));
    expect(points).toHaveLength(buckets.size);
    for (let i = 1; i < points.length; i++) {
      expect(points[i].valueUs).toBeGreaterThan(points[i - 1].valueUs);
      expect(points[i].fraction).toBeGreaterThan(points[i - 1].fraction);
    }
    for (const point of points) {
      const atOrBelow = values.filter((v) => v <= point.valueUs).length;
      expect(point.fraction).toBeCloseTo(atOrBelow / values.length, 12);
    }
    expect(points[points.length - 1]).toEqual({ valueUs: max(h), fraction: 1 });
  });
});

describe('histogram merge', () => {
  it('equals recording everything in one histogram', () => {
    const random = seededRandom(11);
    const parts = [0, 1, 2].map((part) =>
      Array.from({ length: 3_000 + part * 1_000 }, () => Object.values(distributions)[part](random)),
    );
    const merged = createHistogram();
    for (const part of parts) merge(merged, fill(part));
    const whole = fill(parts.flat());
    expect(merged).toEqual(whole);
    for (const p of percentiles) expect(valueAtPercentile(merged, p)).toBe(valueAtPercentile(whole, p));
    expect(cdf(merged)).toEqual(cdf(whole));
  });

  it('leaves the source unchanged and handles empty sides', () => {
    const a = fill([5, 700]);
    const before = structuredClone(a);
    const into = createHistogram();
    merge(into, a);
    expect(a).toEqual(before);
    expect(into).toEqual(a);
    merge(into, createHistogram());
    expect(into).toEqual(a);
  });

  it('survives a structured clone (plain data)', () => {
    const h = fill([1, 2, 3_600_000_000]);
    const copy = structuredClone(h);
    expect(valueAtPercentile(copy, 50)).toBe(valueAtPercentile(h, 50));
    record(copy, 4);
    expect(count(h)).toBe(3);
  });
});

describe('empty histogram', () => {
  it('answers 0 for every statistic and has an empty cdf', () => {
    const h = createHistogram();
    expect(count(h)).toBe(0);
    expect(min(h)).toBe(0);
    expect(max(h)).toBe(0);
    expect(mean(h)).toBe(0);
    for (const p of percentiles) expect(valueAtPercentile(h, p)).toBe(0);
    expect(cdf(h)).toEqual([]);
  });

  it('refuses percentiles outside [0, 100]', () => {
    expect(() => valueAtPercentile(createHistogram(), 101)).toThrow(/percentile/);
    expect(() => valueAtPercentile(createHistogram(), -1)).toThrow(/percentile/);
  });
});
