/**
 * One chart: the SVG string from src/charts injected as is (our own markup,
 * the same bytes as the exported file and the command line's), with an
 * overlay that marks the data point nearest the pointer and says its value.
 * The chart takes focus: the arrow keys walk the points (Up/Down change
 * series), and where a point can be opened, a click or Enter opens it.
 * Below it, the chart's downloads.
 */
import { useState, type KeyboardEvent } from 'react';
import type { PlotArea } from '../../charts/index';
import { nearestPoint, stepPoint, type PointRef, type StepKey } from './chartData';
import { downloadBlob, downloadText, svgToPng } from './download';

export interface HoverPoint {
  x: number;
  y: number;
  /** What the point is, in words. */
  text: string;
  /** Extra data-* attributes on the readout (for tests and tools). */
  data?: Record<string, string>;
}

export interface HoverSeries {
  name: string;
  color: string;
  points: readonly HoverPoint[];
}

export interface BenchChartProps {
  /** Short id: `cdf`, `throughput`, `over-time`. */
  id: string;
  /** What the chart is, in words, for button names: "latency CDF". */
  what: string;
  svg: string;
  width: number;
  height: number;
  plot: PlotArea;
  series: readonly HoverSeries[];
  /** File name without extension. */
  fileBase: string;
  csv: () => string;
  /** Opens a point (a click, or Enter); absent where points do not open. */
  onActivate?: (ref: PointRef) => void;
  activateHint?: string;
}

const stepKeys: readonly string[] = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'];
/** How far outside the plot area the pointer may stray and still pick a point, px. */
const slackPx = 24;

export function BenchChart(props: BenchChartProps) {
  const { id, what, svg, width, height, plot, series, onActivate } = props;
  const [active, setActive] = useState<PointRef | null>(null);
  const [exportProblem, setExportProblem] = useState<string | null>(null);
  const point = active === null ? undefined : series[active.series]?.points[active.index];
  const activeSeries = active === null ? undefined : series[active.series];

  const pick = (event: { clientX: number; clientY: number; currentTarget: HTMLDivElement }): PointRef | null => {
    const rect = event.currentTarget.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) return null;
    const x = ((event.clientX - rect.left) * width) / rect.width;
    const y = ((event.clientY - rect.top) * height) / rect.height;
    if (x < plot.x - slackPx || x > plot.x + plot.width + slackPx || y < plot.y - slackPx || y > plot.y + plot.height + slackPx) return null;
    const nearest = nearestPoint(series, x, y);
    return nearest === null ? null : { series: nearest.series, index: nearest.index };
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (stepKeys.includes(event.key)) {
      event.preventDefault();
      // The arrow keys here move between points, not the simulation.
      event.stopPropagation();
      setActive(stepPoint(series, point === undefined ? null : active, event.key as StepKey));
    } else if ((event.key === 'Enter' || event.key === ' ') && onActivate !== undefined && point !== undefined && active !== null) {
      event.preventDefault();
      event.stopPropagation();
      onActivate(active);
    } else if (event.key === 'Escape') {
      setActive(null);
    }
  };

  const exportPng = async () => {
    try {
      setExportProblem(null);
      downloadBlob(await svgToPng(svg, width, height, 2), `${props.fileBase}.png`);
    } catch (error) {
      setExportProblem(`The PNG could not be made: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const left = point === undefined ? 0 : (point.x / width) * 100;
  const top = point === undefined ? 0 : (point.y / height) * 100;
  const tooltipClass = [
    'bench-tooltip',
    point === undefined ? 'is-empty' : '',
    point !== undefined && point.x > width / 2 ? 'is-left' : '',
    point !== undefined && point.y < height / 3 ? 'is-below' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const hintId = `bench-chart-${id}-hint`;
  return (
    <figure className="bench-figure" data-chart={id}>
      <div
        className={onActivate === undefined ? 'bench-chart' : 'bench-chart is-clickable'}
        tabIndex={0}
        role="group"
        aria-label={`${what[0].toUpperCase()}${what.slice(1)} chart`}
        aria-describedby={hintId}
        onPointerMove={(e) => setActive(pick(e))}
        onPointerLeave={() => setActive(null)}
        onClick={(e) => {
          const ref = pick(e);
          if (ref !== null && onActivate !== undefined) onActivate(ref);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setActive(null)}
      >
        {/* Our own generated markup (src/charts), never user input. */}
        <div className="bench-chart-svg" dangerouslySetInnerHTML={{ __html: svg }} />
        <svg className="bench-chart-overlay" viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false">
          {point !== undefined && activeSeries !== undefined && (
            <>
              <line x1={point.x} y1={plot.y} x2={point.x} y2={plot.y + plot.height} className="bench-guide" />
              <circle cx={point.x} cy={point.y} r={5} fill="#ffffff" stroke={activeSeries.color} strokeWidth={2.5} />
            </>
          )}
        </svg>
        <div className={tooltipClass} style={{ left: `${left}%`, top: `${top}%` }} role="status" data-testid={`bench-readout-${id}`} {...(point?.data ?? {})}>
          {point === undefined ? '' : point.text}
          {point !== undefined && props.activateHint !== undefined && <span className="bench-tooltip-hint">{props.activateHint}</span>}
        </div>
      </div>
      <figcaption className="bench-figcaption">
        <span id={hintId} className="bench-hint">
          Point at the chart, or focus it and use the arrow keys (Up and Down change series), to read a point
          {onActivate !== undefined ? '; click a point or press Enter to open that series’ run in the lab at that moment.' : '.'}
        </span>
        <span className="bench-exports" role="group" aria-label={`Export ${what}`}>
          <button type="button" aria-label={`Download ${what} as SVG`} onClick={() => downloadText(svg, `${props.fileBase}.svg`, 'image/svg+xml')}>
            SVG
          </button>
          <button type="button" aria-label={`Download ${what} as PNG`} onClick={() => void exportPng()}>
            PNG
          </button>
          <button type="button" aria-label={`Download ${what} as CSV`} onClick={() => downloadText(props.csv(), `${props.fileBase}.csv`, 'text/csv')}>
            CSV
          </button>
        </span>
        {exportProblem !== null && (
          <span className="bench-problem" role="alert">
            {exportProblem}
          </span>
        )}
      </figcaption>
    </figure>
  );
}
