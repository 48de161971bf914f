/** The time axis under a lane chart (History, Space-time): ticks at a readable spacing, labelled by `label`. */
import type { ScaleLinear } from 'd3';

interface TimeAxisProps {
  x: ScaleLinear<number, number>;
  /** Vertical position of the axis line. */
  y: number;
  left: number;
  right: number;
  width: number;
  /** Tick label for a time (µs), given the spacing between ticks (µs). */
  label: (us: number, stepUs: number) => string;
  /** Tick spacing assumed when there is only one tick. */
  defaultStepUs: number;
}

export function TimeAxis({ x, y, left, right, width, label, defaultStepUs }: TimeAxisProps) {
  const ticks = x.ticks(Math.max(3, Math.round(width / 110)));
  const step = ticks.length > 1 ? ticks[1] - ticks[0] : defaultStepUs;
  return (
    <g className="axis" aria-hidden="true">
      <line x1={left} x2={right} y1={y} y2={y} stroke="#d5dae1" />
      {ticks.map((t) => (
        <g key={t} transform={`translate(${x(t)},${y})`}>
          <line y2={4} stroke="#b8c0ca" />
          <text y={16} textAnchor="middle" className="axis-label">
            {label(t, step)}
          </text>
        </g>
      ))}
    </g>
  );
}
