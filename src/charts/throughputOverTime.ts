/**
 * Throughput over virtual time: one line per series through the per-bin
 * rates, with the periods a fault was active shaded behind them, so that a
 * dip can be read against the crash or partition that caused it.
 */
import { format, max, min, scaleLinear } from 'd3';
import type { FaultPeriod } from '../engine/bench/summary';
import { bottomAxis, horizontalGrid, leftAxis, linearTicks } from './axes';
import type { Chart, ChartOptions, PlotArea } from './frame';
import { chartFontSizePx, checkChartOptions, plotAreaOf, svgDocument } from './frame';
import { legend, legendWidthPx } from './legend';
import type { LegendEntry } from './legend';
import { faultColor, seriesColor } from './palette';
import { element, num, roundPx, textElement, titleElement, truncate } from './svg';

export interface ThroughputPoint {
  readonly timeUs: number;
  readonly opsPerSec: number;
}

export interface TimeSeries {
  readonly name: string;
  /** In time order. */
  readonly points: readonly ThroughputPoint[];
}

export interface ThroughputOverTimeOptions extends ChartOptions {
  /** The x range in µs, e.g. the benchmark window; the extent of the points when left out. */
  readonly domainUs?: readonly [number, number];
}

export interface ThroughputScreenPoint {
  readonly x: number;
  readonly y: number;
  readonly timeUs: number;
  readonly opsPerSec: number;
}

export interface TimeSeriesModel {
  readonly name: string;
  readonly color: string;
  readonly points: readonly ThroughputScreenPoint[];
}

/** A drawn fault period: its shaded band (clipped to the plot) and what it was. */
export interface FaultModel {
  readonly x: number;
  readonly width: number;
  readonly fromUs: number;
  readonly toUs: number;
  readonly label: string;
}

export interface ThroughputOverTimeModel {
  readonly width: number;
  readonly height: number;
  readonly plot: PlotArea;
  readonly xDomainUs: readonly [number, number];
  readonly yDomainOpsPerSec: readonly [number, number];
  readonly series: readonly TimeSeriesModel[];
  /** The faults that overlap the x range, in the order given. */
  readonly faults: readonly FaultModel[];
}

const faultLegendLabel = 'Fault active';
const formatSeconds = format(',.3~f');
/** A fault shorter than a pixel still gets one, so that it can be seen and hovered. */
const minFaultWidthPx = 1;

function domainOf(series: readonly TimeSeries[], faults: readonly FaultPeriod[], options: ThroughputOverTimeOptions): [number, number] {
  if (options.domainUs !== undefined) return [options.domainUs[0], options.domainUs[1]];
  const times = series.flatMap((s) => s.points.map((p) => p.timeUs));
  const edges = times.length > 0 ? times : faults.flatMap((f) => [f.fromUs, f.toUs]);
  const low = min(edges) ?? 0;
  const high = max(edges) ?? 1_000_000;
  return high > low ? [low, high] : [low, low + 1_000_000];
}

function faultBands(faults: readonly FaultPeriod[], domainUs: readonly [number, number], toPx: (us: number) => number): FaultModel[] {
  const bands: FaultModel[] = [];
  for (const fault of faults) {
    if (fault.toUs < domainUs[0] || fault.fromUs > domainUs[1]) continue;
    const left = toPx(Math.max(fault.fromUs, domainUs[0]));
    const right = toPx(Math.min(fault.toUs, domainUs[1]));
    bands.push({ x: roundPx(left), width: roundPx(Math.max(minFaultWidthPx, right - left)), fromUs: fault.fromUs, toUs: fault.toUs, label: fault.label });
  }
  return bands;
}

function faultMark(band: FaultModel, plot: PlotArea): string {
  const seconds = `${formatSeconds(band.fromUs / 1e6)}–${formatSeconds(band.toUs / 1e6)} s`;
  const rect = element(
    'rect',
    { class: 'fault', 'data-fault': band.label, x: band.x, y: plot.y, width: band.width, height: plot.height, fill: faultColor, 'fill-opacity': '0.15' },
    titleElement(`${band.label} (${seconds})`),
  );
  // The label is written inside the band only where it fits.
  const maxChars = Math.floor((band.width - 6) / (chartFontSizePx * 0.6));
  const label = maxChars >= 3 ? textElement({ class: 'fault-label', x: band.x + 3, y: plot.y + 12, fill: faultColor }, truncate(band.label, maxChars)) : '';
  return rect + label;
}

function linePath(points: readonly ThroughputScreenPoint[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${num(p.x)},${num(p.y)}`).join('');
}

export function throughputOverTime(
  series: readonly TimeSeries[],
  faults: readonly FaultPeriod[],
  options: ThroughputOverTimeOptions,
): Chart<ThroughputOverTimeModel> {
  checkChartOptions(options);
  const legendLabels = [...series.map((s) => s.name), ...(faults.length > 0 ? [faultLegendLabel] : [])];
  const legendPx = legendWidthPx(legendLabels, options.width);
  const plot = plotAreaOf(options, legendPx);
  const domainUs = domainOf(series, faults, options);
  const xSeconds = scaleLinear()
    .domain([domainUs[0] / 1e6, domainUs[1] / 1e6])
    .range([plot.x, plot.x + plot.width]);
  const toPx = (us: number) => xSeconds(us / 1e6);
  const top = max(series.flatMap((s) => s.points.map((p) => p.opsPerSec))) ?? 0;
  const y = scaleLinear()
    .domain([0, top > 0 ? top : 1])
    .range([plot.y + plot.height, plot.y])
    .nice(6);
  const yTicks = linearTicks(y, 6);

  const seriesModels: TimeSeriesModel[] = series.map((s, i) => ({
    name: s.name,
    color: seriesColor(i),
    points: s.points.map((p) => ({ x: roundPx(toPx(p.timeUs)), y: roundPx(y(p.opsPerSec)), timeUs: p.timeUs, opsPerSec: p.opsPerSec })),
  }));
  const bands = faultBands(faults, domainUs, toPx);
  const lines = seriesModels.map((s) =>
    element('path', {
      class: 'series',
      'data-series': s.name,
      d: linePath(s.points),
      fill: 'none',
      stroke: s.color,
      'stroke-width': 2,
      'stroke-linejoin': 'round',
    }),
  );
  const entries: LegendEntry[] = seriesModels.map((s) => ({ label: s.name, color: s.color, swatch: 'line', isSeries: true }));
  if (faults.length > 0) entries.push({ label: faultLegendLabel, color: faultColor, swatch: 'shade', isSeries: false });
  const body =
    element('g', { class: 'faults' }, bands.map((band) => faultMark(band, plot)).join('')) +
    horizontalGrid(plot, yTicks) +
    element('g', { class: 'marks' }, lines.join('')) +
    bottomAxis(plot, linearTicks(xSeconds, 8), 'Virtual time (s)') +
    leftAxis(plot, yTicks, 'Throughput (ops/s)') +
    legend(entries, plot.x + plot.width, plot.y, legendPx);
  const description =
    `Throughput in operations per virtual second over virtual time, ${series.length} series` +
    `${series.length > 0 ? `: ${series.map((s) => s.name).join(', ')}` : ''}` +
    `${bands.length > 0 ? `; shaded: ${bands.map((band) => band.label).join(', ')}` : ''}.`;
  const [low, high] = y.domain();
  return {
    svg: svgDocument(options, description, body),
    model: { width: options.width, height: options.height, plot, xDomainUs: domainUs, yDomainOpsPerSec: [low, high], series: seriesModels, faults: bands },
  };
}
