/**
 * The legend: one entry per series (a swatch in the series colour and its
 * name), stacked in a column right of the plot, then any notes (such as the
 * fault shading). Long names are cut with an ellipsis; the entry's <title>
 * keeps the full name.
 */
import { chartFontSizePx } from './frame';
import { element, estimateTextWidth, num, textElement, titleElement, truncate } from './svg';

/** How a series is drawn, so that its swatch matches: a line, a filled area, or a pale shade. */
export type SwatchKind = 'line' | 'area' | 'shade';

export interface LegendEntry {
  readonly label: string;
  readonly color: string;
  readonly swatch: SwatchKind;
  /** True for a series (the entry carries data-series), false for a note such as the fault shading. */
  readonly isSeries: boolean;
}

const swatchWidthPx = 18;
const swatchGapPx = 6;
const rowHeightPx = 18;
const gapBeforeLegendPx = 16;
const maxLabelChars = 28;
const charWidthPx = chartFontSizePx * 0.6;

/** Width of the legend column (including the gap before it), or 0 when there is nothing to show. */
export function legendWidthPx(labels: readonly string[], chartWidthPx: number): number {
  if (labels.length === 0) return 0;
  const longest = Math.max(...labels.map((label) => estimateTextWidth(truncate(label, maxLabelChars), chartFontSizePx)));
  // Never more than a third of the chart: the data comes first.
  return Math.min(chartWidthPx / 3, gapBeforeLegendPx + swatchWidthPx + swatchGapPx + longest);
}

function swatch(kind: SwatchKind, color: string): string {
  if (kind === 'line') return element('line', { x1: 0, y1: 0, x2: swatchWidthPx, y2: 0, stroke: color, 'stroke-width': 2 });
  return element('rect', { x: 0, y: -6, width: swatchWidthPx, height: 12, fill: color, 'fill-opacity': kind === 'shade' ? '0.15' : undefined });
}

/** The legend column at (`leftPx`, `topPx`), `widthPx` wide (from legendWidthPx). */
export function legend(entries: readonly LegendEntry[], leftPx: number, topPx: number, widthPx: number): string {
  const textRoomPx = widthPx - gapBeforeLegendPx - swatchWidthPx - swatchGapPx;
  const maxChars = Math.max(1, Math.min(maxLabelChars, Math.floor(textRoomPx / charWidthPx)));
  const x = leftPx + gapBeforeLegendPx;
  const rows = entries.map((entry, i) => {
    const shown = truncate(entry.label, maxChars);
    const content =
      swatch(entry.swatch, entry.color) +
      textElement({ x: swatchWidthPx + swatchGapPx, y: 0, dy: '0.32em' }, shown) +
      (shown === entry.label ? '' : titleElement(entry.label));
    const attributes = {
      class: entry.isSeries ? 'legend-entry' : 'legend-entry legend-note',
      'data-series': entry.isSeries ? entry.label : undefined,
      transform: `translate(${num(x)} ${num(topPx + 8 + i * rowHeightPx)})`,
    };
    return element('g', attributes, content);
  });
  return element('g', { class: 'legend' }, rows.join(''));
}
