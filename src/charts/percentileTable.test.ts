/** The percentile table's rows and CSV, and chart inputs built from the same summaries. */
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../engine/bench/parseCsv';
import type { BenchOperation } from '../engine/bench/summary';
import { summarizeBench } from '../engine/bench/summary';
import { cdfSeriesOf, throughputBarOf, throughputSeriesOf } from './fromSummary';
import { percentileColumns, percentileRows, percentileTableCsv } from './percentileTable';

function run(latenciesUs: readonly number[]) {
  const operations: BenchOperation[] = latenciesUs.map((latencyUs, i) => ({
    client: 0,
    kind: 'put',
    key: 'k',
    invokeUs: i * 1_000,
    returnUs: i * 1_000 + latencyUs,
  }));
  return summarizeBench(operations, { startUs: 0, endUs: 1_000_000, binUs: 250_000, faults: [] });
}

const summaries = [
  { name: 'raft', summary: run([10, 20, 30, 40, 250]) },
  { name: 'omni, "paxos"', summary: run([100, 100, 200]) },
];

describe('percentile table', () => {
  it('has one row per summary with p50, p90, p99, p99.9 and max in ms', () => {
    expect(percentileRows(summaries)).toEqual([
      { name: 'raft', p50Ms: 0.03, p90Ms: 0.25, p99Ms: 0.25, p999Ms: 0.25, maxMs: 0.25 },
      { name: 'omni, "paxos"', p50Ms: 0.1, p90Ms: 0.2, p99Ms: 0.2, p999Ms: 0.2, maxMs: 0.2 },
    ]);
    expect(percentileColumns.map((c) => c.heading)).toEqual(['p50 (ms)', 'p90 (ms)', 'p99 (ms)', 'p99.9 (ms)', 'max (ms)']);
  });

  it('writes the same rows as CSV', () => {
    const text = percentileTableCsv(summaries);
    expect(text).toBe('name,p50_ms,p90_ms,p99_ms,p99_9_ms,max_ms\nraft,0.030,0.250,0.250,0.250,0.250\n"omni, ""paxos""",0.100,0.200,0.200,0.200,0.200\n');
    expect(parseCsv(text)[2][0]).toBe('omni, "paxos"');
  });
});

describe('chart inputs from summaries', () => {
  const summary = summaries[0].summary;

  it('takes the CDF, the bar and the time series from one summary', () => {
    expect(cdfSeriesOf('raft', summary)).toEqual({ name: 'raft', points: summary.latencyCdf });
    expect(throughputBarOf('raft', summary)).toEqual({ name: 'raft', opsPerSec: 5, min: 0, max: 20, stddev: Math.sqrt(75) });
    expect(throughputSeriesOf('raft', summary).points).toEqual([
      { timeUs: 125_000, opsPerSec: 20 },
      { timeUs: 375_000, opsPerSec: 0 },
      { timeUs: 625_000, opsPerSec: 0 },
      { timeUs: 875_000, opsPerSec: 0 },
    ]);
  });
});
