import { beforeAll, describe, expect, it } from 'vitest';
import { benchCharts, type BenchCharts } from '../../charts/index';
import { defaultBenchKnobs, type BenchKnobs } from '../../engine/bench/benchmarks';
import { parseCsv } from '../../engine/bench/parseCsv';
import { acrossSeeds } from '../../engine/bench/acrossSeeds';
import { runSeries } from '../../engine/bench/runner';
import { planSeries } from './benchPlan';
import type { BenchRunSet, DrawnSeries } from './benchTypes';
import { acrossSeedsRows, cdfCsv, cdfPointText, chartSubtitle, drawnSeries, nearestPoint, overTimeCsv, overTimePointText, resultsFormat, resultsJson, stepPoint, tableCsv, throughputBarsCsv } from './chartData';

const knobs: BenchKnobs = { ...defaultBenchKnobs, ops: 200, clients: 20 };

function runSet(id: number, names: string[], k: BenchKnobs = knobs): BenchRunSet {
  const series = planSeries(names, k).map((p) => ({ ...runSeries(p.series, { ops: k.ops })!, name: p.label }));
  return { id, knobs: k, benchmarks: names, series, status: 'done', plannedSeries: series.length, wallMs: 0 };
}

describe('the series drawn together', () => {
  const set = (id: number, names: string[], protocol = 'raft', seed = 1): BenchRunSet => ({
    id,
    knobs: { ...knobs, protocol, seed },
    benchmarks: names,
    series: names.map((name) => ({ name }) as BenchRunSet['series'][number]),
    status: 'done',
    plannedSeries: names.length,
    wallMs: 0,
  });

  it('keep their names when no two drawn runs share one, and only the drawn runs count', () => {
    const sets = [set(1, ['A']), set(2, ['B', 'C']), set(3, ['A'])];
    expect(drawnSeries(sets, [1, 2]).map((s) => [s.name, s.setId])).toEqual([
      ['A', 1],
      ['B', 2],
      ['C', 2],
    ]);
  });

  it('are told apart by their run when two drawn runs share a name', () => {
    const sets = [set(1, ['A', 'B']), set(3, ['A'])];
    expect(drawnSeries(sets, [3, 1]).map((s) => s.name)).toEqual(['A (run 1)', 'B', 'A (run 3)']);
  });

  it('are subtitled like the command line’s charts, listing protocols and seeds that differ', () => {
    expect(chartSubtitle([set(1, ['A'])])).toBe('raft, seed 1');
    expect(chartSubtitle([set(1, ['A']), set(2, ['B'], 'omnipaxos', 2), set(3, ['C'], 'raft', 3)])).toBe('raft & omnipaxos, seeds 1, 2 & 3');
    expect(chartSubtitle([])).toBeUndefined();
  });
});

describe('the files of real runs (A, and B with C)', () => {
  let sets: BenchRunSet[];
  let drawn: DrawnSeries[];
  let charts: BenchCharts;

  beforeAll(() => {
    sets = [runSet(1, ['A']), runSet(2, ['B', 'C'])];
    drawn = drawnSeries(sets, [1, 2]);
    charts = benchCharts(
      drawn.map((s) => ({ name: s.name, summary: s.result.summary })),
      { logX: true, subtitle: chartSubtitle(sets) },
    );
  });

  it('CDF CSV: one row per point drawn, latency in ms and the fraction, rising to 1 in each series', () => {
    const rows = parseCsv(cdfCsv(charts.cdf.model));
    expect(rows[0]).toEqual(['series', 'latency_ms', 'fraction']);
    const points = charts.cdf.model.series.flatMap((s) => s.points.map((p) => [s.name, p.valueUs / 1000, p.fraction]));
    expect(rows.length - 1).toBe(points.length);
    rows.slice(1).forEach((row, i) => {
      expect(row[0]).toBe(points[i][0]);
      expect(Number(row[1])).toBeCloseTo(points[i][1] as number, 3);
      expect(Number(row[2])).toBeCloseTo(points[i][2] as number, 6);
    });
    for (const name of ['A', 'B', 'C']) expect(rows.filter((r) => r[0] === name).at(-1)?.[2]).toBe('1.000000');
  });

  it('throughput CSV: one row per bar, its spread around it', () => {
    const rows = parseCsv(throughputBarsCsv(charts.throughput.model));
    expect(rows[0]).toEqual(['series', 'throughput_ops_per_s', 'slowest_bin_ops_per_s', 'fastest_bin_ops_per_s', 'stddev_ops_per_s']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['A', 'B', 'C']);
    for (const [i, row] of rows.slice(1).entries()) {
      expect(Number(row[1])).toBeCloseTo(drawn[i].result.summary.throughputOpsPerSec, 3);
      expect(Number(row[2])).toBeLessThanOrEqual(Number(row[3]));
    }
  });

  it('throughput-over-time CSV: the plotted points, time in ms inside the measurement window', () => {
    const rows = parseCsv(overTimeCsv(charts.overTime.model));
    expect(rows[0]).toEqual(['series', 'time_ms', 'ops_per_s']);
    expect(rows.length - 1).toBe(charts.overTime.model.series.reduce((n, s) => n + s.points.length, 0));
    for (const row of rows.slice(1)) {
      const summary = drawn.find((s) => s.name === row[0])!.result.summary;
      expect(Number(row[1]) * 1000).toBeGreaterThan(summary.startUs);
      expect(Number(row[1]) * 1000).toBeLessThan(summary.endUs);
    }
  });

  it('table CSV: the percentiles and throughput of each series, as the summary has them', () => {
    const rows = parseCsv(tableCsv(drawn));
    expect(rows[0]).toEqual(['name', 'p50_ms', 'p90_ms', 'p99_ms', 'p99_9_ms', 'max_ms', 'throughput_ops_per_s', 'measured']);
    rows.slice(1).forEach((row, i) => {
      const s = drawn[i].result.summary;
      expect(row[0]).toBe(drawn[i].name);
      expect(row.slice(1, 6).map(Number)).toEqual([s.latency.p50Ms, s.latency.p90Ms, s.latency.p99Ms, s.latency.p999Ms, s.latency.maxMs].map((v) => Number(v.toFixed(3))));
      expect(Number(row[7])).toBe(s.measured);
    });
    // A is one overloaded group, B two: the table says so.
    expect(Number(rows[2][6])).toBeGreaterThan(Number(rows[1][6]));
  });

  it('JSON: every drawn series with its summary, its operations and what reopens its run', () => {
    const parsed = JSON.parse(resultsJson(sets, drawn));
    expect(parsed.format).toBe(resultsFormat);
    expect(parsed.runs.map((r: { run: number }) => r.run)).toEqual([1, 2]);
    const c = parsed.runs[1].series[1];
    expect(c.name).toBe('C');
    expect(c.operations).toHaveLength(drawn[2].result.operations.length);
    expect(c.summary.measured).toBe(drawn[2].result.summary.measured);
    expect(c.config.seed).toBe(1);
    expect(Array.isArray(c.actions)).toBe(true);
  });

  it('JSON leaves out runs that are not drawn', () => {
    const only = drawnSeries(sets, [2]);
    expect(JSON.parse(resultsJson(sets, only)).runs.map((r: { run: number }) => r.run)).toEqual([2]);
  });
});

describe('pointing at points', () => {
  const series = [{ points: [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 20, y: 0 }] }, { points: [] }, { points: [{ x: 9, y: 30 }, { x: 21, y: 30 }] }];

  it('the nearest point over every series, by distance on screen', () => {
    expect(nearestPoint(series, 11, 4)).toEqual({ series: 0, index: 1, distance: Math.hypot(1, 4) });
    expect(nearestPoint(series, 20, 26)).toMatchObject({ series: 2, index: 1 });
    expect(nearestPoint([{ points: [] }], 0, 0)).toBeNull();
  });

  it('the arrow keys walk a series, stop at its ends, and Up/Down change series at the nearest x, skipping empty ones', () => {
    expect(stepPoint(series, null, 'ArrowRight')).toEqual({ series: 0, index: 0 });
    expect(stepPoint(series, { series: 0, index: 0 }, 'ArrowLeft')).toEqual({ series: 0, index: 0 });
    expect(stepPoint(series, { series: 0, index: 1 }, 'ArrowRight')).toEqual({ series: 0, index: 2 });
    expect(stepPoint(series, { series: 0, index: 2 }, 'ArrowRight')).toEqual({ series: 0, index: 2 });
    expect(stepPoint(series, { series: 0, index: 0 }, 'End')).toEqual({ series: 0, index: 2 });
    expect(stepPoint(series, { series: 0, index: 2 }, 'ArrowDown')).toEqual({ series: 2, index: 1 });
    expect(stepPoint(series, { series: 2, index: 0 }, 'ArrowDown')).toEqual({ series: 0, index: 1 });
    expect(stepPoint(series, { series: 0, index: 0 }, 'ArrowUp')).toEqual({ series: 2, index: 0 });
    expect(stepPoint([{ points: [] }], null, 'Home')).toBeNull();
  });

  it('a point in words: latency and percentile, or time and throughput', () => {
    expect(cdfPointText('B', 9_440, 0.5)).toBe('B: 9.440 ms, percentile 50.0');
    expect(overTimePointText('A', 1_025_000, 4060.4)).toBe('A: 1.025 s, 4,060 ops/s');
  });
});

describe('the drawn runs across seeds', () => {
  const seeded = (id: number, names: string[], seed: number, k: BenchKnobs = knobs): BenchRunSet => runSet(id, names, { ...k, seed });
  let sets: BenchRunSet[];
  beforeAll(() => {
    // A and B on seeds 1 and 2; A again on seed 2 (counted once); A with fewer clients on seeds 1 and 3.
    const fewer = { ...knobs, clients: 10 };
    sets = [seeded(1, ['A', 'B'], 1), seeded(2, ['A', 'B'], 2), seeded(3, ['A'], 2), seeded(4, ['A'], 1, fewer), seeded(5, ['A'], 3, fewer)];
  });

  it('give a row per benchmark and knobs drawn on two seeds or more, as the command line computes it', () => {
    const rows = acrossSeedsRows(sets, [1, 2, 3]);
    expect(rows.map((r) => [r.benchmark, r.seeds])).toEqual([
      ['A', [1, 2]],
      ['B', [1, 2]],
    ]);
    const cli = acrossSeeds([sets[0], sets[1]].flatMap((set) => set.series.map((r) => ({ name: r.name, protocol: r.protocol, seed: r.seed, summary: r.summary }))));
    expect(rows).toEqual(cli);
  });

  it('tell apart one benchmark drawn with different knobs by its runs, and leave out one seed alone', () => {
    expect(acrossSeedsRows(sets, [1, 2, 4, 5]).map((r) => [r.benchmark, r.seeds])).toEqual([
      ['A (runs 1, 2)', [1, 2]],
      ['B', [1, 2]],
      ['A (runs 4, 5)', [1, 3]],
    ]);
    expect(acrossSeedsRows(sets, [1, 4])).toEqual([]);
  });
});
