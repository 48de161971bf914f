/**
 * Benchmarks repeated over several seeds: for each benchmark, every figure's
 * mean across the seeds with a 95 % confidence interval (Student's t with
 * n − 1 degrees of freedom, so a handful of seeds gets the wider interval it
 * deserves), the sample standard deviation, and the lowest and highest seed's
 * value. What a paper reports as "mean ± 95 % CI over n runs".
 */
import { fail } from '../core/assert';
import { csvLine, formatCount, formatDecimal } from './csv';
import type { BenchSummary } from './summary';

export interface Spread {
  readonly n: number;
  readonly mean: number;
  /** Sample standard deviation (n − 1 in the denominator). */
  readonly stddev: number;
  /** Half-width of the 95 % confidence interval of the mean: mean ± ci95. */
  readonly ci95: number;
  readonly min: number;
  readonly max: number;
}

/** Two-sided 95 % quantiles of Student's t, by degrees of freedom 1 … 30. */
const t95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08,
  2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** The t quantile for `df` degrees of freedom; beyond 30 the table's tail (40: 2.021, 60: 2.000, 120: 1.980, then 1.960). */
export function tQuantile95(df: number): number {
  if (!(Number.isInteger(df) && df >= 1)) fail(`degrees of freedom must be a whole number ≥ 1, got ${df}`);
  if (df <= 30) return t95[df - 1];
  if (df <= 40) return 2.021;
  if (df <= 60) return 2.0;
  if (df <= 120) return 1.98;
  return 1.96;
}

/** Mean, spread and 95 % interval of at least two values. */
export function spreadOf(values: readonly number[]): Spread {
  const n = values.length;
  if (n < 2) fail(`a spread needs at least two values, got ${n}`);
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) fail(`a spread needs finite values, got ${v}`);
    sum += v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const mean = sum / n;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  const stddev = Math.sqrt(squares / (n - 1));
  return { n, mean, stddev, ci95: (tQuantile95(n - 1) * stddev) / Math.sqrt(n), min, max };
}

export interface SeededSummary {
  readonly name: string;
  readonly protocol: string;
  readonly seed: number;
  readonly summary: BenchSummary;
}

export interface AcrossSeedsRow {
  readonly benchmark: string;
  readonly protocol: string;
  readonly seeds: readonly number[];
  readonly throughputOpsPerSec: Spread;
  readonly p50Ms: Spread;
  readonly p90Ms: Spread;
  readonly p99Ms: Spread;
  readonly p999Ms: Spread;
  readonly meanMs: Spread;
}

/**
 * One row per benchmark (series name and protocol), in the order they first
 * appear; every benchmark must have run on the same seeds, at least two.
 */
export function acrossSeeds(results: readonly SeededSummary[]): AcrossSeedsRow[] {
  const groups = new Map<string, SeededSummary[]>();
  for (const r of results) {
    const key = `${r.name}\u0000${r.protocol}`;
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [r]);
    else list.push(r);
  }
  const rows: AcrossSeedsRow[] = [];
  let seedsOfFirst: string | null = null;
  for (const list of groups.values()) {
    const seeds = list.map((r) => r.seed);
    const seedsText = seeds.join(',');
    if (new Set(seeds).size !== seeds.length) fail(`${list[0].name} ran more than once on one seed (${seedsText})`);
    if (seedsOfFirst === null) seedsOfFirst = seedsText;
    else if (seedsText !== seedsOfFirst) fail(`${list[0].name} ran on seeds ${seedsText}, the first benchmark on ${seedsOfFirst}`);
    const of = (pick: (s: BenchSummary) => number): Spread => spreadOf(list.map((r) => pick(r.summary)));
    rows.push({
      benchmark: list[0].name,
      protocol: list[0].protocol,
      seeds,
      throughputOpsPerSec: of((s) => s.throughputOpsPerSec),
      p50Ms: of((s) => s.latency.p50Ms),
      p90Ms: of((s) => s.latency.p90Ms),
      p99Ms: of((s) => s.latency.p99Ms),
      p999Ms: of((s) => s.latency.p999Ms),
      meanMs: of((s) => s.latency.meanMs),
    });
  }
  return rows;
}

const figures = [
  ['throughput_ops_per_s', (r: AcrossSeedsRow) => r.throughputOpsPerSec],
  ['p50_ms', (r: AcrossSeedsRow) => r.p50Ms],
  ['p90_ms', (r: AcrossSeedsRow) => r.p90Ms],
  ['p99_ms', (r: AcrossSeedsRow) => r.p99Ms],
  ['p99_9_ms', (r: AcrossSeedsRow) => r.p999Ms],
  ['mean_ms', (r: AcrossSeedsRow) => r.meanMs],
] as const;

export const acrossSeedsCsvHeader: readonly string[] = [
  'benchmark',
  'protocol',
  'seeds',
  ...figures.flatMap(([name]) => [`${name}_mean`, `${name}_ci95`, `${name}_stddev`, `${name}_min`, `${name}_max`]),
];

/** One row per benchmark: for each figure its mean, the 95 % interval's half-width, the standard deviation, min and max. */
export function acrossSeedsCsv(rows: readonly AcrossSeedsRow[]): string {
  let text = csvLine(acrossSeedsCsvHeader);
  for (const row of rows) {
    text += csvLine([
      row.benchmark,
      row.protocol,
      formatCount(row.seeds.length),
      ...figures.flatMap(([, pick]) => {
        const s = pick(row);
        return [formatDecimal(s.mean), formatDecimal(s.ci95), formatDecimal(s.stddev), formatDecimal(s.min), formatDecimal(s.max)];
      }),
    ]);
  }
  return text;
}
