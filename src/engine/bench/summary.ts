/**
 * What a benchmark run amounts to: counts, throughput (overall, over time and
 * its spread across time bins, for error bars) and latency percentiles, as
 * plain data that the page, the command line and the CSV writer all read.
 *
 * The measurement window is half-open, [startUs, endUs), and so is every
 * bin, so that bins tile the window: an operation that returns at exactly
 * endUs belongs to whatever comes next. Throughput and latency count the
 * operations that returned inside the window (the warm-up before startUs and
 * anything after endUs are left out); invoked, completed and unfinished
 * count every operation given.
 */
import { fail } from '../core/assert';
import type { CdfPoint } from './histogram';
import { cdf, count, createHistogram, max, mean, record, valueAtPercentile } from './histogram';
import type { Histogram } from './histogram';

/** One client operation as the benchmark recorded it. */
export interface BenchOperation {
  readonly client: number;
  /** e.g. `get`, `put`. */
  readonly kind: string;
  readonly key: string;
  readonly invokeUs: number;
  /** `null` when the operation never returned. */
  readonly returnUs: number | null;
}

/** A period during which a fault was active (a crash, a partition), for shading charts. */
export interface FaultPeriod {
  readonly fromUs: number;
  readonly toUs: number;
  readonly label: string;
}

export interface BenchWindow {
  readonly startUs: number;
  readonly endUs: number;
  /** Width of a throughput-over-time bin; bins start at startUs. */
  readonly binUs: number;
  readonly faults: readonly FaultPeriod[];
}

/** Latency statistics in milliseconds (µs / 1000, from the histogram). */
export interface LatencySummary {
  readonly count: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly p999Ms: number;
  /** Exact. */
  readonly maxMs: number;
  /** Exact. */
  readonly meanMs: number;
}

/** Completions in one bin [fromUs, toUs); the last bin is shorter when binUs does not divide the window. */
export interface ThroughputBin {
  readonly fromUs: number;
  readonly toUs: number;
  /** The middle of the bin, where a chart puts its point. */
  readonly timeUs: number;
  readonly completed: number;
  readonly opsPerSec: number;
  /** True when the bin is binUs wide (lies fully inside the window). */
  readonly full: boolean;
}

/**
 * Throughput across the full bins: mean, extremes and the population
 * standard deviation. With no full bin (a window shorter than one bin) all
 * three are the overall throughput and the deviation is 0.
 */
export interface ThroughputSpread {
  readonly fullBins: number;
  readonly meanOpsPerSec: number;
  readonly minOpsPerSec: number;
  readonly maxOpsPerSec: number;
  readonly stddevOpsPerSec: number;
}

export interface KindLatency {
  readonly kind: string;
  readonly latency: LatencySummary;
}

export interface BenchSummary {
  readonly startUs: number;
  readonly endUs: number;
  readonly binUs: number;
  /** Every operation given. */
  readonly invoked: number;
  /** Those that returned (at any time). */
  readonly completed: number;
  /** Those that never returned. */
  readonly unfinished: number;
  /** Those that returned inside the window: the basis of throughput and latency. */
  readonly measured: number;
  /** measured / window length, per virtual second. */
  readonly throughputOpsPerSec: number;
  readonly throughputOverTime: readonly ThroughputBin[];
  readonly throughputSpread: ThroughputSpread;
  readonly latency: LatencySummary;
  /** One entry per operation kind seen in the window, sorted by kind. */
  readonly latencyByKind: readonly KindLatency[];
  /** The latency distribution (µs) for CDF charts. */
  readonly latencyCdf: readonly CdfPoint[];
  readonly faults: readonly FaultPeriod[];
}

const usPerSecond = 1_000_000;

export function latencySummary(h: Histogram): LatencySummary {
  return {
    count: count(h),
    p50Ms: valueAtPercentile(h, 50) / 1000,
    p90Ms: valueAtPercentile(h, 90) / 1000,
    p99Ms: valueAtPercentile(h, 99) / 1000,
    p999Ms: valueAtPercentile(h, 99.9) / 1000,
    maxMs: max(h) / 1000,
    meanMs: mean(h) / 1000,
  };
}

function checkWindow(measureWindow: BenchWindow): void {
  const { startUs, endUs, binUs } = measureWindow;
  if (!(Number.isInteger(startUs) && Number.isInteger(endUs))) fail(`bench window bounds must be integer µs, got [${startUs}, ${endUs})`);
  if (!(endUs > startUs)) fail(`bench window must not be empty, got [${startUs}, ${endUs})`);
  if (!(Number.isInteger(binUs) && binUs > 0)) fail(`bench bin width must be a positive integer (µs), got ${binUs}`);
  for (const fault of measureWindow.faults) {
    if (!(fault.fromUs <= fault.toUs)) fail(`fault "${fault.label}" ends (${fault.toUs} µs) before it starts (${fault.fromUs} µs)`);
  }
}

function throughputBins(completions: readonly number[], measureWindow: BenchWindow): ThroughputBin[] {
  const { startUs, endUs, binUs } = measureWindow;
  const binCount = Math.ceil((endUs - startUs) / binUs);
  const perBin = new Array<number>(binCount).fill(0);
  for (const returnUs of completions) perBin[Math.floor((returnUs - startUs) / binUs)]++;
  return perBin.map((completed, i) => {
    const fromUs = startUs + i * binUs;
    const toUs = Math.min(endUs, fromUs + binUs);
    return {
      fromUs,
      toUs,
      timeUs: (fromUs + toUs) / 2,
      completed,
      opsPerSec: (completed * usPerSecond) / (toUs - fromUs),
      full: toUs - fromUs === binUs,
    };
  });
}

function throughputSpread(bins: readonly ThroughputBin[], overallOpsPerSec: number): ThroughputSpread {
  const rates = bins.filter((bin) => bin.full).map((bin) => bin.opsPerSec);
  if (rates.length === 0) {
    return { fullBins: 0, meanOpsPerSec: overallOpsPerSec, minOpsPerSec: overallOpsPerSec, maxOpsPerSec: overallOpsPerSec, stddevOpsPerSec: 0 };
  }
  const meanOpsPerSec = rates.reduce((sum, rate) => sum + rate, 0) / rates.length;
  const variance = rates.reduce((sum, rate) => sum + (rate - meanOpsPerSec) ** 2, 0) / rates.length;
  return {
    fullBins: rates.length,
    meanOpsPerSec,
    minOpsPerSec: rates.reduce((low, rate) => Math.min(low, rate), Infinity),
    maxOpsPerSec: rates.reduce((high, rate) => Math.max(high, rate), -Infinity),
    stddevOpsPerSec: Math.sqrt(variance),
  };
}

export function summarizeBench(operations: readonly BenchOperation[], measureWindow: BenchWindow): BenchSummary {
  checkWindow(measureWindow);
  const all = createHistogram();
  const byKind = new Map<string, Histogram>();
  const completions: number[] = [];
  let completed = 0;
  for (const op of operations) {
    if (op.returnUs === null) continue;
    if (!(op.returnUs >= op.invokeUs)) fail(`operation by client ${op.client} on "${op.key}" returns (${op.returnUs} µs) before its call (${op.invokeUs} µs)`);
    completed++;
    if (op.returnUs < measureWindow.startUs || op.returnUs >= measureWindow.endUs) continue;
    completions.push(op.returnUs);
    const latencyUs = op.returnUs - op.invokeUs;
    record(all, latencyUs);
    let kindHistogram = byKind.get(op.kind);
    if (kindHistogram === undefined) {
      kindHistogram = createHistogram();
      byKind.set(op.kind, kindHistogram);
    }
    record(kindHistogram, latencyUs);
  }
  const throughputOpsPerSec = (completions.length * usPerSecond) / (measureWindow.endUs - measureWindow.startUs);
  const bins = throughputBins(completions, measureWindow);
  // Plain code-unit order, not localeCompare: the same on every machine.
  const kinds = [...byKind.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    startUs: measureWindow.startUs,
    endUs: measureWindow.endUs,
    binUs: measureWindow.binUs,
    invoked: operations.length,
    completed,
    unfinished: operations.length - completed,
    measured: completions.length,
    throughputOpsPerSec,
    throughputOverTime: bins,
    throughputSpread: throughputSpread(bins, throughputOpsPerSec),
    latency: latencySummary(all),
    latencyByKind: kinds.map((kind) => ({ kind, latency: latencySummary(byKind.get(kind) as Histogram) })),
    latencyCdf: cdf(all),
    faults: measureWindow.faults.map((fault) => ({ fromUs: fault.fromUs, toUs: fault.toUs, label: fault.label })),
  };
}
