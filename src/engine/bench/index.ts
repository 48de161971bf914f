/** Benchmark statistics: the latency histogram, run summaries and their CSV files. */
export type { CdfPoint, Histogram } from './histogram';
export { cdf, count, createHistogram, max, maxTrackableUs, mean, merge, min, percentileRank, record, valueAtPercentile } from './histogram';
export type { BenchOperation, BenchSummary, BenchWindow, FaultPeriod, KindLatency, LatencySummary, ThroughputBin, ThroughputSpread } from './summary';
export { latencySummary, summarizeBench } from './summary';
export type { SummaryCsvRow } from './csv';
export { csvField, csvLine, formatCount, formatDecimal, formatUsAsMs, latencyByOpCsv, latencyByOpCsvHeader, operationsCsv, operationsCsvHeader, summaryCsv, summaryCsvHeader } from './csv';
export { CsvParseError, parseCsv } from './parseCsv';
export type { AcrossSeedsRow, SeededSummary, Spread } from './acrossSeeds';
export { acrossSeeds, acrossSeedsCsv, acrossSeedsCsvHeader, spreadOf, tQuantile95 } from './acrossSeeds';
