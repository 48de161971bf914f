/**
 * Benchmark summaries on small histories computed by hand. Latencies are kept
 * below 256 µs where the histogram is exact, so every expected number below
 * is exact too.
 */
import { describe, expect, it } from 'vitest';
import type { BenchOperation } from './summary';
import { summarizeBench } from './summary';

function op(client: number, kind: string, key: string, invokeUs: number, returnUs: number | null): BenchOperation {
  return { client, kind, key, invokeUs, returnUs };
}

// Window [1 s, 2 s) in four 250 ms bins.
const history: BenchOperation[] = [
  op(2, 'put', 'w', 900_000, 950_000), // warm-up: returned before the window
  op(0, 'get', 'a', 1_000_000, 1_000_100), // bin 0, 100 µs
  op(1, 'put', 'b', 1_100_000, 1_100_200), // bin 0, 200 µs
  op(0, 'get', 'a', 1_300_000, 1_300_030), // bin 1, 30 µs
  op(1, 'put', 'b', 1_600_000, 1_600_250), // bin 2, 250 µs
  op(2, 'get', 'c', 1_900_000, null), // never returned
  op(0, 'get', 'a', 1_999_990, 2_000_000), // returned at endUs: after the window
];
const faults = [{ fromUs: 1_400_000, toUs: 1_700_000, label: 'crash n1' }];
const summary = summarizeBench(history, { startUs: 1_000_000, endUs: 2_000_000, binUs: 250_000, faults });

describe('benchmark summary: counts and throughput', () => {
  it('counts invoked, completed, unfinished and measured operations', () => {
    expect(summary.invoked).toBe(7);
    expect(summary.completed).toBe(6);
    expect(summary.unfinished).toBe(1);
    expect(summary.measured).toBe(4);
  });

  it('divides completions inside the window by its length in virtual seconds', () => {
    expect(summary.throughputOpsPerSec).toBe(4);
  });

  it('gives one point per bin, aligned to startUs, as ops per second', () => {
    expect(summary.throughputOverTime).toEqual([
      { fromUs: 1_000_000, toUs: 1_250_000, timeUs: 1_125_000, completed: 2, opsPerSec: 8, full: true },
      { fromUs: 1_250_000, toUs: 1_500_000, timeUs: 1_375_000, completed: 1, opsPerSec: 4, full: true },
      { fromUs: 1_500_000, toUs: 1_750_000, timeUs: 1_625_000, completed: 1, opsPerSec: 4, full: true },
      { fromUs: 1_750_000, toUs: 2_000_000, timeUs: 1_875_000, completed: 0, opsPerSec: 0, full: true },
    ]);
  });

  it('spreads throughput over the bins: mean 4, min 0, max 8, population deviation √8', () => {
    expect(summary.throughputSpread).toEqual({
      fullBins: 4,
      meanOpsPerSec: 4,
      minOpsPerSec: 0,
      maxOpsPerSec: 8,
      stddevOpsPerSec: Math.sqrt(8),
    });
  });

  it('keeps the faults for the charts', () => {
    expect(summary.faults).toEqual(faults);
    expect(summary.faults).not.toBe(faults);
  });
});

describe('benchmark summary: latency', () => {
  it('reports nearest-rank percentiles, max and mean in ms over the measured operations', () => {
    // Sorted: 30, 100, 200, 250 µs.
    expect(summary.latency).toEqual({ count: 4, p50Ms: 0.1, p90Ms: 0.25, p99Ms: 0.25, p999Ms: 0.25, maxMs: 0.25, meanMs: 0.145 });
  });

  it('reports each operation kind apart, sorted by kind', () => {
    expect(summary.latencyByKind).toEqual([
      { kind: 'get', latency: { count: 2, p50Ms: 0.03, p90Ms: 0.1, p99Ms: 0.1, p999Ms: 0.1, maxMs: 0.1, meanMs: 0.065 } },
      { kind: 'put', latency: { count: 2, p50Ms: 0.2, p90Ms: 0.25, p99Ms: 0.25, p999Ms: 0.25, maxMs: 0.25, meanMs: 0.225 } },
    ]);
  });

  it('carries the latency cdf in µs', () => {
    expect(summary.latencyCdf).toEqual([
      { valueUs: 30, fraction: 0.25 },
      { valueUs: 100, fraction: 0.5 },
      { valueUs: 200, fraction: 0.75 },
      { valueUs: 250, fraction: 1 },
    ]);
  });
});

describe('benchmark summary: edges', () => {
  it('makes the last bin shorter when the bin width does not divide the window, and leaves it out of the spread', () => {
    const s = summarizeBench([op(0, 'get', 'k', 100_000, 200_000), op(0, 'get', 'k', 940_000, 950_000)], {
      startUs: 0,
      endUs: 1_000_000,
      binUs: 300_000,
      faults: [],
    });
    expect(s.throughputOverTime.map((bin) => [bin.fromUs, bin.toUs, bin.opsPerSec, bin.full])).toEqual([
      [0, 300_000, 1_000_000 / 300_000, true],
      [300_000, 600_000, 0, true],
      [600_000, 900_000, 0, true],
      [900_000, 1_000_000, 10, false],
    ]);
    expect(s.throughputSpread.fullBins).toBe(3);
    expect(s.throughputSpread.maxOpsPerSec).toBe(1_000_000 / 300_000);
    expect(s.throughputSpread.meanOpsPerSec).toBeCloseTo(10 / 9, 12);
    expect(s.throughputOpsPerSec).toBe(2);
  });

  it('uses the overall throughput as the spread when no bin is full', () => {
    const s = summarizeBench([op(0, 'get', 'k', 0, 50_000)], { startUs: 0, endUs: 100_000, binUs: 1_000_000, faults: [] });
    expect(s.throughputOverTime).toHaveLength(1);
    expect(s.throughputOpsPerSec).toBe(10);
    expect(s.throughputSpread).toEqual({ fullBins: 0, meanOpsPerSec: 10, minOpsPerSec: 10, maxOpsPerSec: 10, stddevOpsPerSec: 0 });
  });

  it('summarizes no operations as zeros', () => {
    const s = summarizeBench([], { startUs: 0, endUs: 1_000_000, binUs: 500_000, faults: [] });
    expect(s.invoked).toBe(0);
    expect(s.throughputOpsPerSec).toBe(0);
    expect(s.throughputOverTime.map((bin) => bin.opsPerSec)).toEqual([0, 0]);
    expect(s.latency).toEqual({ count: 0, p50Ms: 0, p90Ms: 0, p99Ms: 0, p999Ms: 0, maxMs: 0, meanMs: 0 });
    expect(s.latencyByKind).toEqual([]);
    expect(s.latencyCdf).toEqual([]);
  });

  it('refuses an operation that returns before its call, an empty window and a zero bin', () => {
    expect(() => summarizeBench([op(0, 'get', 'k', 10, 5)], { startUs: 0, endUs: 100, binUs: 10, faults: [] })).toThrow(/before its call/);
    expect(() => summarizeBench([], { startUs: 5, endUs: 5, binUs: 10, faults: [] })).toThrow(/empty/);
    expect(() => summarizeBench([], { startUs: 0, endUs: 5, binUs: 0, faults: [] })).toThrow(/bin width/);
  });

  it('is plain data: survives a structured clone unchanged', () => {
    expect(structuredClone(summary)).toEqual(summary);
  });
});
