/**
 * Latency CDF: for each latency on the x axis, the fraction of operations
 * that completed at or below it, one step line per series. A log x axis
 * spreads the fast bulk and the slow tail (a leader change) apart; its ticks
 * are the powers of ten.
 */
import { max, min, scaleLinear, scaleLog } from 'd3';
import type { CdfPoint } from '../engine/bench/histogram';
import type { Tick } from './axes';
import { bottomAxis, decadeCeil, decadeFloor, horizontalGrid, leftAxis, linearTicks, powerOfTen, powerOfTenTicks, verticalGrid } from './axes';
import type { Chart, ChartOptions, PlotArea } from './frame';
import { checkChartOptions, plotAreaOf, svgDocument } from './frame';
import { legend, legendWidthPx } from './legend';
import { seriesColor } from './palette';
import { element, num, roundPx } from './svg';

export interface CdfSeries {
  readonly name: string;
  /** From histogram.cdf(): increasing values, fractions rising to 1. */
  readonly points: readonly CdfPoint[];
}

export interface LatencyCdfOptions extends ChartOptions {
  readonly logX?: boolean;
}

/** A data point where it is drawn: the corner after the step up to `fraction`. */
export interface CdfScreenPoint {
  readonly x: number;
  readonly y: number;
  readonly valueUs: number;
  readonly fraction: number;
}

export interface CdfSeriesModel {
  readonly name: string;
  readonly color: string;
  readonly points: readonly CdfScreenPoint[];
}

export interface LatencyCdfModel {
  readonly width: number;
  readonly height: number;
  readonly plot: PlotArea;
  readonly logX: boolean;
  /** The x axis range in milliseconds. */
  readonly xDomainMs: readonly [number, number];
  readonly series: readonly CdfSeriesModel[];
}

/** On a log axis a latency of 0 µs is drawn at 1 µs, the histogram's resolution. */
const logFloorMs = 0.001;

interface XAxis {
  readonly toPx: (ms: number) => number;
  readonly domainMs: readonly [number, number];
  readonly ticks: Tick[];
}

function linearXAxis(plot: PlotArea, maxMs: number): XAxis {
  const scale = scaleLinear()
    .domain([0, maxMs > 0 ? maxMs : 1])
    .range([plot.x, plot.x + plot.width])
    .nice(6);
  const [low, high] = scale.domain();
  return { toPx: scale, domainMs: [low, high], ticks: linearTicks(scale, 6) };
}

function logXAxis(plot: PlotArea, valuesMs: readonly number[]): XAxis {
  const positive = valuesMs.map((ms) => Math.max(ms, logFloorMs));
  const lowExponent = decadeFloor(min(positive) ?? 1);
  const highExponent = Math.max(lowExponent + 1, decadeCeil(max(positive) ?? 10));
  const domainMs: [number, number] = [powerOfTen(lowExponent), powerOfTen(highExponent)];
  const scale = scaleLog().domain(domainMs).range([plot.x, plot.x + plot.width]);
  const toPx = (ms: number) => scale(Math.max(ms, logFloorMs));
  return { toPx, domainMs, ticks: powerOfTenTicks(lowExponent, highExponent, toPx) };
}

/** The right-continuous step line: up from 0 at the first value, then across and up at each next one. */
function stepPath(points: readonly CdfScreenPoint[], baselinePx: number): string {
  if (points.length === 0) return '';
  let d = `M${num(points[0].x)},${num(baselinePx)}V${num(points[0].y)}`;
  for (let i = 1; i < points.length; i++) d += `H${num(points[i].x)}V${num(points[i].y)}`;
  return d;
}

function describe(series: readonly CdfSeries[], logX: boolean): string {
  const names = series.map((s) => s.name).join(', ');
  return (
    `Cumulative distribution of operation latency: for each latency (ms${logX ? ', log scale' : ''}) the fraction of ` +
    `operations that completed at or below it. ${series.length} series${series.length > 0 ? `: ${names}` : ''}.`
  );
}

export function latencyCdf(series: readonly CdfSeries[], options: LatencyCdfOptions): Chart<LatencyCdfModel> {
  checkChartOptions(options);
  const logX = options.logX ?? false;
  const legendPx = legendWidthPx(series.map((s) => s.name), options.width);
  const plot = plotAreaOf(options, legendPx);
  const valuesMs = series.flatMap((s) => s.points.map((p) => p.valueUs / 1000));
  const x = logX ? logXAxis(plot, valuesMs) : linearXAxis(plot, max(valuesMs) ?? 0);
  const y = scaleLinear().domain([0, 1]).range([plot.y + plot.height, plot.y]);
  const yTicks = linearTicks(y, 5);

  const seriesModels: CdfSeriesModel[] = series.map((s, i) => ({
    name: s.name,
    color: seriesColor(i),
    points: s.points.map((p) => ({ x: roundPx(x.toPx(p.valueUs / 1000)), y: roundPx(y(p.fraction)), valueUs: p.valueUs, fraction: p.fraction })),
  }));
  const lines = seriesModels.map((s) =>
    element('path', {
      class: 'series',
      'data-series': s.name,
      d: stepPath(s.points, y(0)),
      fill: 'none',
      stroke: s.color,
      'stroke-width': 2,
      'stroke-linejoin': 'round',
    }),
  );
  const body =
    horizontalGrid(plot, yTicks) +
    verticalGrid(plot, x.ticks) +
    element('g', { class: 'marks' }, lines.join('')) +
    bottomAxis(plot, x.ticks, logX ? 'Latency (ms, log scale)' : 'Latency (ms)') +
    leftAxis(plot, yTicks, 'Fraction of operations ≤ latency') +
    legend(
      seriesModels.map((s) => ({ label: s.name, color: s.color, swatch: 'line' as const, isSeries: true })),
      plot.x + plot.width,
      plot.y,
      legendPx,
    );
  return {
    svg: svgDocument(options, describe(series, logX), body),
    model: { width: options.width, height: options.height, plot, logX, xDomainMs: x.domainMs, series: seriesModels },
  };
}
