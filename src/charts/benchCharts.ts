/**
 * The three charts of a set of benchmark runs, built one way for the page
 * and the command line, so that both produce the same SVG bytes: the latency
 * CDF (one line per run), throughput bars with their spread, and throughput
 * over time with fault periods shaded.
 */
import type { BenchSummary } from '../engine/bench/summary';
import type { AcrossSeedsRow } from '../engine/bench/acrossSeeds';
import { latencyCdf, type LatencyCdfModel } from './latencyCdf';
import { throughputBars, type ThroughputBarsModel } from './throughputBars';
import { throughputOverTime, type ThroughputOverTimeModel } from './throughputOverTime';
import { cdfSeriesOf, throughputBarOf, throughputSeriesOf } from './fromSummary';
import type { Chart } from './frame';

export interface NamedRun {
  readonly name: string;
  readonly summary: BenchSummary;
}

export interface BenchCharts {
  readonly cdf: Chart<LatencyCdfModel>;
  readonly throughput: Chart<ThroughputBarsModel>;
  readonly overTime: Chart<ThroughputOverTimeModel>;
}

/** File names of the charts, as the command line writes them and the page offers them. */
export const benchChartFiles = { cdf: 'latency-cdf', throughput: 'throughput', overTime: 'throughput-over-time', acrossSeeds: 'throughput-across-seeds' } as const;

export const benchChartSize = { width: 720, height: 400 } as const;

export function benchCharts(runs: readonly NamedRun[], options: { logX: boolean; subtitle?: string }): BenchCharts {
  const suffix = options.subtitle === undefined ? '' : ` (${options.subtitle})`;
  const faults = runs.flatMap((r) => r.summary.faults);
  return {
    cdf: latencyCdf(
      runs.map((r) => cdfSeriesOf(r.name, r.summary)),
      { ...benchChartSize, title: `Latency CDF${suffix}`, logX: options.logX },
    ),
    throughput: throughputBars(
      runs.map((r) => throughputBarOf(r.name, r.summary)),
      { ...benchChartSize, title: `Throughput${suffix}`, xLabel: 'Benchmark' },
    ),
    overTime: throughputOverTime(
      runs.map((r) => throughputSeriesOf(r.name, r.summary)),
      faults,
      { ...benchChartSize, title: `Throughput over time${suffix}` },
    ),
  };
}

function joined(values: readonly (string | number)[]): string {
  return values.length <= 1 ? values.join('') : `${values.slice(0, -1).join(', ')} & ${values[values.length - 1]}`;
}

/** "raft, seed 1", "raft & omnipaxos, seeds 1, 2 & 3": the charts' subtitle, the same from the page and the command line. */
export function runsSubtitle(protocols: readonly string[], seeds: readonly number[]): string {
  return `${joined(protocols)}, ${seeds.length === 1 ? 'seed' : 'seeds'} ${joined(seeds)}`;
}

/** Throughput across seeds: a bar per benchmark at its mean, whiskers from the lowest to the highest seed, the 95 % interval as the thick stroke. */
export function acrossSeedsChart(rows: readonly AcrossSeedsRow[], options: { subtitle?: string }): Chart<ThroughputBarsModel> {
  const suffix = options.subtitle === undefined ? '' : ` (${options.subtitle})`;
  return throughputBars(
    rows.map((r) => ({ name: r.benchmark, opsPerSec: r.throughputOpsPerSec.mean, min: r.throughputOpsPerSec.min, max: r.throughputOpsPerSec.max, stddev: r.throughputOpsPerSec.ci95 })),
    { ...benchChartSize, title: `Throughput across seeds${suffix}`, xLabel: 'Benchmark', spread: 'seeds' },
  );
}
