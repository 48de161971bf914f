/**
 * Throughput bars: one bar per benchmark (or protocol) at its overall
 * throughput, with an error bar for how steady it was over time: a thin
 * whisker from the slowest to the fastest bin, and a thick stroke covering
 * one standard deviation either side of the bar's height. Across seeds
 * (`spread: 'seeds'`) a bar stands at the mean over the seeds, the whisker
 * runs from the lowest seed to the highest, and the thick stroke covers the
 * mean's 95 % confidence interval.
 */
import { format, max, scaleBand, scaleLinear } from 'd3';
import { bottomAxis, horizontalGrid, leftAxis, linearTicks } from './axes';
import type { Chart, ChartOptions, PlotArea } from './frame';
import { chartFontSizePx, checkChartOptions, plotAreaOf, svgDocument } from './frame';
import { inkColor, seriesColor } from './palette';
import { element, roundPx, titleElement, truncate } from './svg';

export interface ThroughputBar {
  readonly name: string;
  readonly opsPerSec: number;
  /** Slowest and fastest time bin (across seeds: lowest and highest seed), ops/s. */
  readonly min: number;
  readonly max: number;
  /** Half the thick stroke: standard deviation across time bins (across seeds: the 95 % interval's half-width), ops/s. */
  readonly stddev: number;
}

/** What the error bars span: the time bins of one run, or the seeds of several. */
export type BarSpread = 'time-bins' | 'seeds';

export interface ThroughputBarsOptions extends ChartOptions {
  /** What the bars are, under the x axis; no label when left out. */
  readonly xLabel?: string;
  /** Default `time-bins`. */
  readonly spread?: BarSpread;
}

export interface BarModel {
  readonly name: string;
  readonly color: string;
  /** The bar's rectangle. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly opsPerSec: number;
  readonly min: number;
  readonly max: number;
  readonly stddev: number;
}

export interface ThroughputBarsModel {
  readonly width: number;
  readonly height: number;
  readonly plot: PlotArea;
  readonly yDomainOpsPerSec: readonly [number, number];
  readonly bars: readonly BarModel[];
}

/** d3-format rather than Intl, whose output may differ between ICU versions. */
const formatOps = format(',.1~f');

function describeBar(bar: ThroughputBar, spread: BarSpread): string {
  return spread === 'seeds'
    ? `${bar.name}: mean ${formatOps(bar.opsPerSec)} ops/s (lowest seed ${formatOps(bar.min)}, highest ${formatOps(bar.max)}, 95 % interval ± ${formatOps(bar.stddev)})`
    : `${bar.name}: ${formatOps(bar.opsPerSec)} ops/s (slowest bin ${formatOps(bar.min)}, fastest ${formatOps(bar.max)}, standard deviation ${formatOps(bar.stddev)})`;
}

function errorBar(bar: BarModel, toPx: (opsPerSec: number) => number): string {
  const centerX = bar.x + bar.width / 2;
  const capHalfPx = Math.min(8, bar.width / 4);
  const lowY = toPx(bar.min);
  const highY = toPx(bar.max);
  const whisker = { stroke: inkColor, 'stroke-width': 1 };
  return element(
    'g',
    { class: 'error-bar', 'data-series': bar.name },
    element('line', { class: 'whisker', x1: centerX, y1: lowY, x2: centerX, y2: highY, ...whisker }) +
      element('line', { class: 'whisker-cap', x1: centerX - capHalfPx, y1: lowY, x2: centerX + capHalfPx, y2: lowY, ...whisker }) +
      element('line', { class: 'whisker-cap', x1: centerX - capHalfPx, y1: highY, x2: centerX + capHalfPx, y2: highY, ...whisker }) +
      element('line', {
        class: 'stddev',
        x1: centerX,
        y1: toPx(Math.max(0, bar.opsPerSec - bar.stddev)),
        x2: centerX,
        y2: toPx(bar.opsPerSec + bar.stddev),
        stroke: inkColor,
        'stroke-width': 4,
        'stroke-opacity': '0.6',
      }),
  );
}

export function throughputBars(bars: readonly ThroughputBar[], options: ThroughputBarsOptions): Chart<ThroughputBarsModel> {
  checkChartOptions(options);
  const spread = options.spread ?? 'time-bins';
  const plot = plotAreaOf(options, 0);
  const top = max(bars, (bar) => Math.max(bar.opsPerSec, bar.max, bar.opsPerSec + bar.stddev)) ?? 0;
  const y = scaleLinear()
    .domain([0, top > 0 ? top : 1])
    .range([plot.y + plot.height, plot.y])
    .nice(6);
  const yTicks = linearTicks(y, 6);
  const x = scaleBand<number>()
    .domain(bars.map((_, i) => i))
    .range([plot.x, plot.x + plot.width])
    .paddingInner(0.3)
    .paddingOuter(0.2);

  const models: BarModel[] = bars.map((bar, i) => {
    const topY = roundPx(y(bar.opsPerSec));
    return {
      name: bar.name,
      color: seriesColor(i),
      x: roundPx(x(i) ?? plot.x),
      y: topY,
      width: roundPx(x.bandwidth()),
      height: roundPx(plot.y + plot.height - topY),
      opsPerSec: bar.opsPerSec,
      min: bar.min,
      max: bar.max,
      stddev: bar.stddev,
    };
  });
  const rects = models.map((bar, i) =>
    element('rect', { class: 'series', 'data-series': bar.name, x: bar.x, y: bar.y, width: bar.width, height: bar.height, fill: bar.color }, titleElement(describeBar(bars[i], spread))),
  );
  const maxLabelChars = Math.max(1, Math.floor(x.step() / (chartFontSizePx * 0.6)));
  const nameTicks = models.map((bar) => ({ value: 0, positionPx: bar.x + bar.width / 2, label: truncate(bar.name, maxLabelChars) }));
  const [low, high] = y.domain();
  const body =
    horizontalGrid(plot, yTicks) +
    element('g', { class: 'marks' }, rects.join('') + models.map((bar) => errorBar(bar, y)).join('')) +
    bottomAxis(plot, nameTicks, options.xLabel ?? '') +
    leftAxis(plot, yTicks, 'Throughput (ops/s)');
  const description =
    spread === 'seeds'
      ? `Throughput in operations per virtual second, one bar per series at its mean over the seeds, with error bars from the lowest ` +
        `to the highest seed and the mean's 95 % confidence interval. ${bars.map((b) => describeBar(b, spread)).join('; ')}.`
      : `Throughput in operations per virtual second, one bar per series, with error bars from the slowest to the fastest ` +
        `time bin and one standard deviation either side. ${bars.map((b) => describeBar(b, spread)).join('; ')}.`;
  return {
    svg: svgDocument(options, description, body),
    model: { width: options.width, height: options.height, plot, yDomainOpsPerSec: [low, high], bars: models },
  };
}
