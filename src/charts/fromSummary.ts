/**
 * Chart inputs from benchmark summaries, so that the page and the command
 * line feed the charts the same way.
 */
import type { BenchSummary } from '../engine/bench/summary';
import type { CdfSeries } from './latencyCdf';
import type { ThroughputBar } from './throughputBars';
import type { TimeSeries } from './throughputOverTime';

export function cdfSeriesOf(name: string, summary: BenchSummary): CdfSeries {
  return { name, points: summary.latencyCdf };
}

/** The bar at the overall throughput; the error bar from the spread over full time bins. */
export function throughputBarOf(name: string, summary: BenchSummary): ThroughputBar {
  const spread = summary.throughputSpread;
  return { name, opsPerSec: summary.throughputOpsPerSec, min: spread.minOpsPerSec, max: spread.maxOpsPerSec, stddev: spread.stddevOpsPerSec };
}

/** One point per full time bin, at the bin's middle (a last, shorter bin is too noisy to plot). */
export function throughputSeriesOf(name: string, summary: BenchSummary): TimeSeries {
  return { name, points: summary.throughputOverTime.filter((bin) => bin.full).map((bin) => ({ timeUs: bin.timeUs, opsPerSec: bin.opsPerSec })) };
}
