/**
 * The frame every chart shares: its size and title options, where the plot
 * area sits inside the margins, and the SVG document around the marks (the
 * namespace, accessible title and description, a white background and the
 * font, inline so that an exported file looks the same outside the page).
 */
import { assert } from '../engine/core/assert';
import { inkColor } from './palette';
import { element, escapeXml, textElement } from './svg';

export interface ChartOptions {
  /** Size of the whole SVG in pixels. */
  readonly width: number;
  readonly height: number;
  /** Shown at the top and as the accessible name. */
  readonly title: string;
  /** The accessible description; each chart writes one from its data when left out. */
  readonly description?: string;
}

/** The rectangle the data is drawn in, in SVG pixels from the top left. */
export interface PlotArea {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** What every chart returns: the document, and what the page needs for hover and click. */
export interface Chart<Model> {
  readonly svg: string;
  readonly model: Model;
}

/** The page's sans-serif stack (styles.css --sans). */
export const chartFontFamily = "Inter, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
export const chartFontSizePx = 12;
const titleFontSizePx = 15;

/** Room around the plot: the title above, tick labels and axis labels left and below. */
const marginTopPx = 40;
const marginLeftPx = 68;
const marginBottomPx = 48;
const marginRightPx = 16;

export function checkChartOptions(options: ChartOptions): void {
  assert(Number.isFinite(options.width) && options.width > 0, `chart width must be a positive number, got ${options.width}`);
  assert(Number.isFinite(options.height) && options.height > 0, `chart height must be a positive number, got ${options.height}`);
}

/** The plot area left once the margins, and a legend column of `legendWidthPx` on the right, are taken. */
export function plotAreaOf(options: ChartOptions, legendWidthPx: number): PlotArea {
  const width = Math.max(1, options.width - marginLeftPx - marginRightPx - legendWidthPx);
  const height = Math.max(1, options.height - marginTopPx - marginBottomPx);
  return { x: marginLeftPx, y: marginTopPx, width, height };
}

/** The complete SVG document around `body` (markup drawn in the chart's coordinates). */
export function svgDocument(options: ChartOptions, description: string, body: string): string {
  const root = {
    xmlns: 'http://www.w3.org/2000/svg',
    width: options.width,
    height: options.height,
    viewBox: `0 0 ${options.width} ${options.height}`,
    role: 'img',
    'font-family': chartFontFamily,
    'font-size': chartFontSizePx,
    fill: inkColor,
  };
  return element(
    'svg',
    root,
    `<title>${escapeXml(options.title)}</title>` +
      `<desc>${escapeXml(options.description ?? description)}</desc>` +
      element('rect', { class: 'background', x: 0, y: 0, width: options.width, height: options.height, fill: '#ffffff' }) +
      textElement({ class: 'chart-title', x: marginLeftPx, y: 24, 'font-size': titleFontSizePx, 'font-weight': 'bold' }, options.title) +
      body,
  );
}
