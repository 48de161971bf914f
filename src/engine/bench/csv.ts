/**
 * CSV files of a benchmark (RFC 4180): every operation, and one summary row
 * per benchmark. The page's "Export CSV" and the command line write the same
 * bytes, so numbers follow one fixed rule: microsecond times as milliseconds
 * with exactly three decimals (integer arithmetic, no rounding), other
 * decimals with three places, counts as integers. Lines end with \n.
 */
import { fail } from '../core/assert';
import type { BenchOperation, BenchSummary, LatencySummary } from './summary';

/** One field, quoted when it holds a comma, a quote, CR or LF (quotes doubled). */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, terminated by \n. */
export function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(',') + '\n';
}

/** Integer microseconds as milliseconds with three decimals: 1234 → "1.234", -5 → "-0.005". */
export function formatUsAsMs(us: number): string {
  if (!(Number.isSafeInteger(us))) fail(`a CSV time must be an integer number of µs, got ${us}`);
  const magnitude = Math.abs(us);
  const sign = us < 0 ? '-' : '';
  return `${sign}${Math.floor(magnitude / 1000)}.${String(magnitude % 1000).padStart(3, '0')}`;
}

/** A finite number with three decimals ("0.000", never "-0.000"). */
export function formatDecimal(value: number): string {
  if (!(Number.isFinite(value))) fail(`a CSV number must be finite, got ${value}`);
  const text = value.toFixed(3);
  return text === '-0.000' ? '0.000' : text;
}

export function formatCount(value: number): string {
  if (!(Number.isSafeInteger(value))) fail(`a CSV count must be an integer, got ${value}`);
  return String(value);
}

export const operationsCsvHeader = ['benchmark', 'client', 'op', 'key', 'invoke_ms', 'return_ms', 'latency_ms'] as const;

/** Every operation in the order given; an unfinished one has empty return and latency. */
export function operationsCsv(benchmark: string, operations: readonly BenchOperation[]): string {
  let text = csvLine(operationsCsvHeader);
  for (const op of operations) {
    const returned = op.returnUs !== null;
    text += csvLine([
      benchmark,
      formatCount(op.client),
      op.kind,
      op.key,
      formatUsAsMs(op.invokeUs),
      returned ? formatUsAsMs(op.returnUs) : '',
      returned ? formatUsAsMs(op.returnUs - op.invokeUs) : '',
    ]);
  }
  return text;
}

export interface SummaryCsvRow {
  readonly benchmark: string;
  readonly protocol: string;
  readonly summary: BenchSummary;
}

export const summaryCsvHeader = [
  'benchmark',
  'protocol',
  'throughput_ops_per_s',
  'p50_ms',
  'p90_ms',
  'p99_ms',
  'p99_9_ms',
  'max_ms',
  'mean_ms',
  'completed',
  'unfinished',
] as const;

/** p50, p90, p99, p99.9, max and mean, in that order (the columns both summary files share). */
function latencyFields(latency: LatencySummary): string[] {
  return [latency.p50Ms, latency.p90Ms, latency.p99Ms, latency.p999Ms, latency.maxMs, latency.meanMs].map(formatDecimal);
}

/** One row per benchmark, in the order given. */
export function summaryCsv(rows: readonly SummaryCsvRow[]): string {
  let text = csvLine(summaryCsvHeader);
  for (const { benchmark, protocol, summary } of rows) {
    text += csvLine([benchmark, protocol, formatDecimal(summary.throughputOpsPerSec), ...latencyFields(summary.latency), formatCount(summary.completed), formatCount(summary.unfinished)]);
  }
  return text;
}

export const latencyByOpCsvHeader = ['benchmark', 'protocol', 'op', 'completed', 'p50_ms', 'p90_ms', 'p99_ms', 'p99_9_ms', 'max_ms', 'mean_ms'] as const;

/** Latency per operation kind (get, put, append, …): one row per benchmark and kind, kinds in the summary's order. */
export function latencyByOpCsv(rows: readonly SummaryCsvRow[]): string {
  let text = csvLine(latencyByOpCsvHeader);
  for (const { benchmark, protocol, summary } of rows) {
    for (const { kind, latency } of summary.latencyByKind) text += csvLine([benchmark, protocol, kind, formatCount(latency.count), ...latencyFields(latency)]);
  }
  return text;
}
