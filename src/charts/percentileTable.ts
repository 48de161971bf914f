/**
 * The latency percentile table (p50, p90, p99, p99.9, max) of several
 * benchmarks: its rows for the page, and the same rows as CSV for export
 * and for the command line.
 */
import { csvLine, formatDecimal } from '../engine/bench/csv';
import type { BenchSummary } from '../engine/bench/summary';

export interface NamedSummary {
  readonly name: string;
  readonly summary: BenchSummary;
}

export interface PercentileRow {
  readonly name: string;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly p999Ms: number;
  readonly maxMs: number;
}

export type PercentileKey = Exclude<keyof PercentileRow, 'name'>;

/** The columns in display order: the row field, the page's heading and the CSV header. */
export const percentileColumns: readonly { key: PercentileKey; heading: string; csvHeader: string }[] = [
  { key: 'p50Ms', heading: 'p50 (ms)', csvHeader: 'p50_ms' },
  { key: 'p90Ms', heading: 'p90 (ms)', csvHeader: 'p90_ms' },
  { key: 'p99Ms', heading: 'p99 (ms)', csvHeader: 'p99_ms' },
  { key: 'p999Ms', heading: 'p99.9 (ms)', csvHeader: 'p99_9_ms' },
  { key: 'maxMs', heading: 'max (ms)', csvHeader: 'max_ms' },
];

export function percentileRows(summaries: readonly NamedSummary[]): PercentileRow[] {
  return summaries.map(({ name, summary }) => ({
    name,
    p50Ms: summary.latency.p50Ms,
    p90Ms: summary.latency.p90Ms,
    p99Ms: summary.latency.p99Ms,
    p999Ms: summary.latency.p999Ms,
    maxMs: summary.latency.maxMs,
  }));
}

/** The table as CSV: `name,p50_ms,p90_ms,p99_ms,p99_9_ms,max_ms`, milliseconds with three decimals. */
export function percentileTableCsv(summaries: readonly NamedSummary[]): string {
  let text = csvLine(['name', ...percentileColumns.map((column) => column.csvHeader)]);
  for (const row of percentileRows(summaries)) {
    text += csvLine([row.name, ...percentileColumns.map((column) => formatDecimal(row[column.key]))]);
  }
  return text;
}
