/**
 * Election-timer rings: an arc around each follower and candidate that
 * drains clockwise as its election timeout runs out. A leader has no election
 * timer to show; a crashed node has none at all.
 */
import { arc } from 'd3';
import { remainingFraction } from '../engine/electionTimers';
import { useLabStore } from '../store/labStore';
import { timerColor } from '../view/palette';
import { onRing, type RingLayout } from '../view/ringLayout';

const ringWidth = 3.5;

export function TimerLayer({ layout }: { layout: RingLayout }) {
  const nowUs = useLabStore((s) => s.frame.nowUs);
  const timers = useLabStore((s) => s.timers);
  const nodes = useLabStore((s) => s.nodes);
  const inner = layout.nodeRadius + 5;
  const shape = arc<number>()
    .innerRadius(inner)
    .outerRadius(inner + ringWidth)
    .startAngle(0)
    .endAngle((fraction) => fraction * 2 * Math.PI)
    .cornerRadius(ringWidth / 2);
  return (
    <g className="layer-timers" aria-hidden="true">
      {timers.map((timer) => {
        const node = nodes[timer.node];
        const fraction = remainingFraction(timer, nowUs);
        if (node === undefined || fraction === null || !onRing(layout, timer.node)) return null;
        const at = layout.positions[timer.node];
        const color = timerColor(fraction);
        return (
          <g key={timer.node} transform={`translate(${at.x},${at.y})`}>
            <circle r={inner + ringWidth / 2} fill="none" stroke="#e4e8ee" strokeWidth={ringWidth} />
            <path d={shape(fraction) ?? ''} fill={color} />
          </g>
        );
      })}
    </g>
  );
}
