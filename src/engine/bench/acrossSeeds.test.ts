/**
 * Figures across seeds: means, Student's t intervals and the CSV, on values
 * whose statistics are known by hand.
 */
import { describe, expect, it } from 'vitest';
import { acrossSeeds, acrossSeedsCsv, acrossSeedsCsvHeader, spreadOf, tQuantile95, type SeededSummary } from './acrossSeeds';
import { parseCsv } from './parseCsv';
import { summarizeBench, type BenchOperation } from './summary';

describe('spread of a figure across seeds', () => {
  it('1, 2, 3, 4, 5: mean 3, sample deviation √2.5, interval t(4) · √2.5 / √5', () => {
    const s = spreadOf([3, 1, 5, 2, 4]);
    expect(s.n).toBe(5);
    expect(s.mean).toBe(3);
    expect(s.stddev).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(s.ci95).toBeCloseTo((2.776 * Math.sqrt(2.5)) / Math.sqrt(5), 12);
    expect([s.min, s.max]).toEqual([1, 5]);
  });

  it('equal values have no spread', () => {
    expect(spreadOf([7, 7, 7])).toEqual({ n: 3, mean: 7, stddev: 0, ci95: 0, min: 7, max: 7 });
  });

  it('t quantiles narrow with more seeds and reach the normal 1.96', () => {
    expect(tQuantile95(1)).toBe(12.706);
    expect(tQuantile95(9)).toBe(2.262);
    expect(tQuantile95(30)).toBe(2.042);
    expect(tQuantile95(1000)).toBe(1.96);
    for (let df = 2; df <= 200; df++) expect(tQuantile95(df)).toBeLessThanOrEqual(tQuantile95(df - 1));
  });

  it('refuse one value, non-finite values and bad degrees of freedom', () => {
    expect(() => spreadOf([1])).toThrow(/at least two/);
    expect(() => spreadOf([1, Number.NaN])).toThrow(/finite/);
    expect(() => tQuantile95(0)).toThrow(/degrees of freedom/);
  });
});

/** A summary whose one measured operation takes `latencyUs`, in a window of one second: throughput 1 op/s. */
function summaryWith(latencyUs: number) {
  const ops: BenchOperation[] = [{ client: 0, kind: 'get', key: 'k', invokeUs: 1_000_000, returnUs: 1_000_000 + latencyUs }];
  return summarizeBench(ops, { startUs: 1_000_000, endUs: 2_000_000, binUs: 250_000, faults: [] });
}

function seeded(name: string, seed: number, latencyUs: number): SeededSummary {
  return { name, protocol: 'raft', seed, summary: summaryWith(latencyUs) };
}

describe('benchmarks across seeds', () => {
  const results = [seeded('A', 1, 100), seeded('B', 1, 10), seeded('A', 2, 200), seeded('B', 2, 30)];

  it('give one row per benchmark in first-seen order, with the seeds and each figure’s spread', () => {
    const rows = acrossSeeds(results);
    expect(rows.map((r) => [r.benchmark, r.seeds])).toEqual([
      ['A', [1, 2]],
      ['B', [1, 2]],
    ]);
    expect(rows[0].p50Ms.mean).toBeCloseTo(0.15, 12);
    expect(rows[0].p50Ms.ci95).toBeCloseTo((12.706 * Math.sqrt(0.005)) / Math.sqrt(2), 9);
    expect(rows[1].p99Ms.min).toBeCloseTo(0.01, 12);
    expect(rows[1].p99Ms.max).toBeCloseTo(0.03, 12);
    expect(rows[0].throughputOpsPerSec).toMatchObject({ mean: 1, ci95: 0 });
  });

  it('refuse benchmarks that ran on different seeds', () => {
    expect(() => acrossSeeds([...results, seeded('C', 1, 5), seeded('C', 3, 5)])).toThrow(/C ran on seeds 1,3, the first benchmark on 1,2/);
    expect(() => acrossSeeds([seeded('A', 1, 5), seeded('A', 1, 6)])).toThrow(/more than once on one seed/);
  });

  it('write a CSV with one row per benchmark and mean, interval, deviation, min and max of every figure', () => {
    const rows = acrossSeeds(results);
    const [header, ...lines] = parseCsv(acrossSeedsCsv(rows));
    expect(header).toEqual(acrossSeedsCsvHeader);
    expect(lines).toHaveLength(2);
    const at = (row: number, column: string) => lines[row][acrossSeedsCsvHeader.indexOf(column)];
    expect(at(0, 'benchmark')).toBe('A');
    expect(at(0, 'seeds')).toBe('2');
    expect(at(0, 'p50_ms_mean')).toBe('0.150');
    expect(at(0, 'p50_ms_min')).toBe('0.100');
    expect(at(0, 'p50_ms_max')).toBe('0.200');
    expect(at(1, 'throughput_ops_per_s_ci95')).toBe('0.000');
  });
});
