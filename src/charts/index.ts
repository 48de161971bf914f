/** Benchmark charts as SVG text (the same bytes on the page and from the command line), and the percentile table. */
export type { Chart, ChartOptions, PlotArea } from './frame';
export type { CdfScreenPoint, CdfSeries, CdfSeriesModel, LatencyCdfModel, LatencyCdfOptions } from './latencyCdf';
export { latencyCdf } from './latencyCdf';
export type { BarModel, BarSpread, ThroughputBar, ThroughputBarsModel, ThroughputBarsOptions } from './throughputBars';
export { throughputBars } from './throughputBars';
export type {
  FaultModel,
  ThroughputOverTimeModel,
  ThroughputOverTimeOptions,
  ThroughputPoint,
  ThroughputScreenPoint,
  TimeSeries,
  TimeSeriesModel,
} from './throughputOverTime';
export { throughputOverTime } from './throughputOverTime';
export type { NamedSummary, PercentileKey, PercentileRow } from './percentileTable';
export { percentileColumns, percentileRows, percentileTableCsv } from './percentileTable';
export { cdfSeriesOf, throughputBarOf, throughputSeriesOf } from './fromSummary';
export { seriesColor, seriesPalette } from './palette';
export { xmlProblems } from './wellFormed';
export type { BenchCharts, NamedRun } from './benchCharts';
export { acrossSeedsChart, benchChartFiles, benchChartSize, benchCharts, runsSubtitle } from './benchCharts';
