/**
 * The data behind what the Benchmarks panel draws: which series are drawn
 * and under what names, the charts' subtitle, the CSV of each chart (read
 * from the chart's own model, so that a file holds exactly the points on
 * screen), the percentile table with throughput, the raw results as JSON,
 * and the point nearest the pointer or the next one for the arrow keys.
 */
import { csvLine, formatCount, formatDecimal, formatUsAsMs } from '../../engine/bench/csv';
import type { LatencyCdfModel, ThroughputBarsModel, ThroughputOverTimeModel } from '../../charts/index';
import { percentileColumns, percentileRows, runsSubtitle } from '../../charts/index';
import { acrossSeeds, type AcrossSeedsRow, type SeededSummary } from '../../engine/bench/acrossSeeds';
import type { BenchRunSet, DrawnSeries } from './benchTypes';

/** The series of the drawn sets, in the sets' order; a name found in more than one set gets "(run N)". */
export function drawnSeries(sets: readonly BenchRunSet[], drawnIds: readonly number[]): DrawnSeries[] {
  const drawn = sets.filter((set) => drawnIds.includes(set.id));
  const uses = new Map<string, number>();
  for (const set of drawn) for (const result of set.series) uses.set(result.name, (uses.get(result.name) ?? 0) + 1);
  return drawn.flatMap((set) =>
    set.series.map((result) => ({ name: (uses.get(result.name) ?? 0) > 1 ? `${result.name} (run ${set.id})` : result.name, setId: set.id, result })),
  );
}

/** "raft, seed 1", as the command line writes it; several protocols or seeds are listed. */
export function chartSubtitle(sets: readonly BenchRunSet[]): string | undefined {
  if (sets.length === 0) return undefined;
  return runsSubtitle([...new Set(sets.map((s) => s.knobs.protocol))], [...new Set(sets.map((s) => s.knobs.seed))]);
}

/** A fraction with six decimals: three would round a p99.9 step away. */
function fractionText(fraction: number): string {
  return fraction.toFixed(6);
}

/** The CDF's points as drawn: `series,latency_ms,fraction`. */
export function cdfCsv(model: LatencyCdfModel): string {
  let text = csvLine(['series', 'latency_ms', 'fraction']);
  for (const series of model.series) {
    for (const p of series.points) text += csvLine([series.name, formatUsAsMs(Math.round(p.valueUs)), fractionText(p.fraction)]);
  }
  return text;
}

/** One row per bar: overall throughput and its spread over time bins. */
export function throughputBarsCsv(model: ThroughputBarsModel): string {
  let text = csvLine(['series', 'throughput_ops_per_s', 'slowest_bin_ops_per_s', 'fastest_bin_ops_per_s', 'stddev_ops_per_s']);
  for (const bar of model.bars) text += csvLine([bar.name, formatDecimal(bar.opsPerSec), formatDecimal(bar.min), formatDecimal(bar.max), formatDecimal(bar.stddev)]);
  return text;
}

/** Throughput across seeds as drawn: the mean, the lowest and highest seed, and the 95 % interval's half-width. */
export function acrossSeedsBarsCsv(model: ThroughputBarsModel): string {
  let text = csvLine(['series', 'mean_ops_per_s', 'lowest_seed_ops_per_s', 'highest_seed_ops_per_s', 'ci95_ops_per_s']);
  for (const bar of model.bars) text += csvLine([bar.name, formatDecimal(bar.opsPerSec), formatDecimal(bar.min), formatDecimal(bar.max), formatDecimal(bar.stddev)]);
  return text;
}

/** The plotted points (the middle of each full time bin): `series,time_ms,ops_per_s`. */
export function overTimeCsv(model: ThroughputOverTimeModel): string {
  let text = csvLine(['series', 'time_ms', 'ops_per_s']);
  for (const series of model.series) {
    for (const p of series.points) text += csvLine([series.name, formatUsAsMs(Math.round(p.timeUs)), formatDecimal(p.opsPerSec)]);
  }
  return text;
}

export interface TableRow {
  name: string;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
  throughputOpsPerSec: number;
  measured: number;
  truncated: boolean;
}

/** The percentile table's rows: the charts' percentiles plus throughput. */
export function tableRows(series: readonly DrawnSeries[]): TableRow[] {
  const rows = percentileRows(series.map((s) => ({ name: s.name, summary: s.result.summary })));
  return rows.map((row, i) => ({
    ...row,
    throughputOpsPerSec: series[i].result.summary.throughputOpsPerSec,
    measured: series[i].result.summary.measured,
    truncated: series[i].result.truncated,
  }));
}

/** The table as on screen: `name,p50_ms,…,max_ms,throughput_ops_per_s,measured`. */
export function tableCsv(series: readonly DrawnSeries[]): string {
  let text = csvLine(['name', ...percentileColumns.map((c) => c.csvHeader), 'throughput_ops_per_s', 'measured']);
  for (const row of tableRows(series)) {
    text += csvLine([row.name, ...percentileColumns.map((c) => formatDecimal(row[c.key])), formatDecimal(row.throughputOpsPerSec), formatCount(row.measured)]);
  }
  return text;
}

/**
 * The drawn series across seeds: series of the same benchmark run with the
 * same knobs on two or more seeds (one press with several seeds, or runs
 * made one by one) give a row each of means with 95 % intervals, as
 * `npm run bench -- … --seeds` writes them. A seed drawn twice counts once.
 * Rows keep the order of their first series; a benchmark drawn with
 * different knobs is told apart by the runs it came from.
 */
export function acrossSeedsRows(sets: readonly BenchRunSet[], drawnIds: readonly number[]): AcrossSeedsRow[] {
  const groups = new Map<string, { name: string; runs: number[]; results: SeededSummary[] }>();
  for (const set of sets) {
    if (!drawnIds.includes(set.id)) continue;
    const { seed: _seed, ...rest } = set.knobs;
    for (const result of set.series) {
      const key = `${result.name}\u0000${JSON.stringify(rest)}`;
      let group = groups.get(key);
      if (group === undefined) groups.set(key, (group = { name: result.name, runs: [], results: [] }));
      if (group.results.some((r) => r.seed === result.seed)) continue;
      group.runs.push(set.id);
      group.results.push({ name: result.name, protocol: result.protocol, seed: result.seed, summary: result.summary });
    }
  }
  const kept = [...groups.values()].filter((g) => g.results.length >= 2);
  const names = new Map<string, number>();
  for (const g of kept) names.set(g.name, (names.get(g.name) ?? 0) + 1);
  return kept.map((g) => {
    const label = (names.get(g.name) ?? 0) > 1 ? `${g.name} (runs ${g.runs.join(', ')})` : g.name;
    const [row] = acrossSeeds(g.results.map((r) => ({ ...r, name: label })));
    return row;
  });
}

export const resultsFormat = 'consensus-lab/bench-results';

/** The raw results of the drawn series: knobs, summaries, every operation, and what reopens each run. */
export function resultsJson(sets: readonly BenchRunSet[], series: readonly DrawnSeries[]): string {
  const runs = sets
    .filter((set) => series.some((s) => s.setId === set.id))
    .map((set) => ({
      run: set.id,
      status: set.status,
      benchmarks: set.benchmarks,
      knobs: set.knobs,
      series: series
        .filter((s) => s.setId === set.id)
        .map(({ name, result }) => ({
          name,
          protocol: result.protocol,
          seed: result.seed,
          summary: result.summary,
          endUs: result.endUs,
          events: result.events,
          messages: result.messages,
          cpuUtilisation: result.cpuUtilisation,
          truncated: result.truncated,
          config: result.config,
          actions: result.actions,
          operations: result.operations,
        })),
    }));
  return JSON.stringify({ format: resultsFormat, version: 1, runs }, null, 1);
}

// --- pointing at points -------------------------------------------------------------

export interface ScreenPoint {
  readonly x: number;
  readonly y: number;
}

export interface PointRef {
  series: number;
  index: number;
}

/** The point nearest (x, y) over every series, in screen units; null when there is none. */
export function nearestPoint(series: readonly { points: readonly ScreenPoint[] }[], x: number, y: number): (PointRef & { distance: number }) | null {
  let best: (PointRef & { distance: number }) | null = null;
  series.forEach((s, si) => {
    s.points.forEach((p, pi) => {
      const distance = Math.hypot(p.x - x, p.y - y);
      if (best === null || distance < best.distance) best = { series: si, index: pi, distance };
    });
  });
  return best;
}

export type StepKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End';

/**
 * The point the key moves to: Left/Right along the series, Home/End to its
 * ends, Up/Down to the previous/next series with points, at the point
 * nearest in x. With nothing selected, any key starts at the first point.
 */
export function stepPoint(series: readonly { points: readonly ScreenPoint[] }[], current: PointRef | null, key: StepKey): PointRef | null {
  const withPoints = series.map((s, i) => (s.points.length > 0 ? i : -1)).filter((i) => i >= 0);
  if (withPoints.length === 0) return null;
  if (current === null || series[current.series] === undefined || series[current.series].points[current.index] === undefined) return { series: withPoints[0], index: 0 };
  const points = series[current.series].points;
  switch (key) {
    case 'ArrowLeft':
      return { series: current.series, index: Math.max(0, current.index - 1) };
    case 'ArrowRight':
      return { series: current.series, index: Math.min(points.length - 1, current.index + 1) };
    case 'Home':
      return { series: current.series, index: 0 };
    case 'End':
      return { series: current.series, index: points.length - 1 };
    case 'ArrowUp':
    case 'ArrowDown': {
      const at = withPoints.indexOf(current.series);
      const next = withPoints[(at + (key === 'ArrowDown' ? 1 : withPoints.length - 1)) % withPoints.length];
      const x = points[current.index].x;
      let index = 0;
      series[next].points.forEach((p, i) => {
        if (Math.abs(p.x - x) < Math.abs(series[next].points[index].x - x)) index = i;
      });
      return { series: next, index };
    }
  }
}

// --- words for a point ---------------------------------------------------------------

const opsFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function cdfPointText(name: string, valueUs: number, fraction: number): string {
  return `${name}: ${(valueUs / 1000).toFixed(3)} ms, percentile ${(fraction * 100).toFixed(1)}`;
}

export function overTimePointText(name: string, timeUs: number, opsPerSec: number): string {
  return `${name}: ${(timeUs / 1e6).toFixed(3)} s, ${opsFormat.format(opsPerSec)} ops/s`;
}

export function acrossSeedsBarText(name: string, mean: number, min: number, max: number, ci95: number): string {
  return `${name}: mean ${opsFormat.format(mean)} ± ${opsFormat.format(ci95)} ops/s (seeds from ${opsFormat.format(min)} to ${opsFormat.format(max)})`;
}

export function barText(name: string, opsPerSec: number, min: number, max: number): string {
  return `${name}: ${opsFormat.format(opsPerSec)} ops/s (time bins from ${opsFormat.format(min)} to ${opsFormat.format(max)})`;
}
