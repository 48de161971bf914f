/**
 * Axes as SVG text: ticks (positions and labels), the axis lines, tick marks,
 * labels with their units, and grid lines. Scales come from d3; the marks are
 * drawn here so that every chart's axes look the same.
 */
import type { ScaleLinear } from 'd3';
import { format } from 'd3';
import type { PlotArea } from './frame';
import { gridColor, inkColor } from './palette';
import { element, num, textElement } from './svg';

export interface Tick {
  readonly value: number;
  /** Pixel position along the axis. */
  readonly positionPx: number;
  readonly label: string;
}

const tickLengthPx = 5;
const thousands = format(',');
const siPrefixed = format('~s');

/**
 * About `count` round ticks of a linear scale, labelled with d3's matching
 * precision; from 10,000 up with SI prefixes (20k, 1.5M) so that labels stay
 * narrow enough for the left margin.
 */
export function linearTicks(scale: ScaleLinear<number, number>, count: number): Tick[] {
  const values = scale.ticks(count);
  const largest = Math.max(0, ...values.map(Math.abs));
  const label = largest >= 10_000 ? siPrefixed : scale.tickFormat(count);
  return values.map((value) => ({ value, positionPx: scale(value), label: label(value) }));
}

/** 10^exponent, exact for |exponent| ≤ 22 (Math.pow need not be). */
export function powerOfTen(exponent: number): number {
  let value = 1;
  for (let i = 0; i < Math.abs(exponent); i++) value *= 10;
  return exponent < 0 ? 1 / value : value;
}

/** The largest k with 10^k ≤ value (value > 0), by exact comparison rather than Math.log10. */
export function decadeFloor(value: number): number {
  let k = 0;
  while (powerOfTen(k) > value) k--;
  while (powerOfTen(k + 1) <= value) k++;
  return k;
}

/** The smallest k with 10^k ≥ value (value > 0). */
export function decadeCeil(value: number): number {
  const k = decadeFloor(value);
  return powerOfTen(k) === value ? k : k + 1;
}


/** A power of ten as plain decimal text: 0.001, 1, 10,000. */
export function powerOfTenLabel(exponent: number): string {
  return exponent < 0 ? powerOfTen(exponent).toFixed(-exponent) : thousands(powerOfTen(exponent));
}

/**
 * Ticks at the powers of ten from 10^lowExponent to 10^highExponent, every
 * decade while there are at most `maxTicks`, else every second, third…
 */
export function powerOfTenTicks(lowExponent: number, highExponent: number, position: (value: number) => number, maxTicks = 9): Tick[] {
  const step = Math.max(1, Math.ceil((highExponent - lowExponent + 1) / maxTicks));
  const ticks: Tick[] = [];
  for (let k = lowExponent; k <= highExponent; k += step) {
    const value = powerOfTen(k);
    ticks.push({ value, positionPx: position(value), label: powerOfTenLabel(k) });
  }
  return ticks;
}

/** The x axis along the bottom of the plot, its ticks and its label (with units; none when empty). */
export function bottomAxis(plot: PlotArea, ticks: readonly Tick[], label: string): string {
  const y = plot.y + plot.height;
  let marks = element('line', { class: 'domain', x1: plot.x, y1: y, x2: plot.x + plot.width, y2: y, stroke: inkColor });
  for (const tick of ticks) {
    marks += element('line', { class: 'tick', x1: tick.positionPx, y1: y, x2: tick.positionPx, y2: y + tickLengthPx, stroke: inkColor });
    marks += textElement({ class: 'tick-label', x: tick.positionPx, y: y + tickLengthPx + 13, 'text-anchor': 'middle' }, tick.label);
  }
  if (label !== '') marks += textElement({ class: 'axis-label', x: plot.x + plot.width / 2, y: y + 40, 'text-anchor': 'middle' }, label);
  return element('g', { class: 'axis axis-x' }, marks);
}

/** The y axis along the left of the plot, its ticks and its label (rotated, with units). */
export function leftAxis(plot: PlotArea, ticks: readonly Tick[], label: string): string {
  const x = plot.x;
  let marks = element('line', { class: 'domain', x1: x, y1: plot.y, x2: x, y2: plot.y + plot.height, stroke: inkColor });
  for (const tick of ticks) {
    marks += element('line', { class: 'tick', x1: x - tickLengthPx, y1: tick.positionPx, x2: x, y2: tick.positionPx, stroke: inkColor });
    marks += textElement({ class: 'tick-label', x: x - tickLengthPx - 3, y: tick.positionPx, dy: '0.32em', 'text-anchor': 'end' }, tick.label);
  }
  const middleY = plot.y + plot.height / 2;
  marks += textElement({ class: 'axis-label', x: 16, y: middleY, 'text-anchor': 'middle', transform: `rotate(-90 16 ${num(middleY)})` }, label);
  return element('g', { class: 'axis axis-y' }, marks);
}

/** Light lines across the plot at each y tick, drawn beneath the data. */
export function horizontalGrid(plot: PlotArea, ticks: readonly Tick[]): string {
  const lines = ticks.map((tick) =>
    element('line', { x1: plot.x, y1: tick.positionPx, x2: plot.x + plot.width, y2: tick.positionPx, stroke: gridColor }),
  );
  return element('g', { class: 'grid grid-y' }, lines.join(''));
}

/** Light lines down the plot at each x tick, drawn beneath the data. */
export function verticalGrid(plot: PlotArea, ticks: readonly Tick[]): string {
  const lines = ticks.map((tick) =>
    element('line', { x1: tick.positionPx, y1: plot.y, x2: tick.positionPx, y2: plot.y + plot.height, stroke: gridColor }),
  );
  return element('g', { class: 'grid grid-x' }, lines.join(''));
}
