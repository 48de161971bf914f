/**
 * The three charts of a set of benchmark runs, built one way for the page
 * and the command line, so that both produce the same SVG bytes: the latency
 * CDF (one line per run), throughput bars with their spread, and throughput
 * over time with fault periods shaded.
 */
import type { BenchSummary } from '../engine/bench/summary';
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
export const benchChartFiles = { cdf: 'latency-cdf', throughput: 'throughput', overTime: 'throughput-over-time' } as const;

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
