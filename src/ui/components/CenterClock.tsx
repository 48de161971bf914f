/**
 * The virtual clock and the current leader, in the middle of the ring. It
 * re-renders every frame, and it is the only text that does.
 */
import { useLabStore } from '../store/labStore';
import { formatVirtualTime } from '../view/format';
import type { RingLayout } from '../view/ringLayout';

export function CenterClock({ layout }: { layout: RingLayout }) {
  const nowUs = useLabStore((s) => s.frame.nowUs);
  const leader = useLabStore((s) => s.leader);
  const term = useLabStore((s) => (s.leader === null ? null : (s.nodes[s.leader]?.term ?? null)));
  const { x, y } = layout.center;
  return (
    <g className="center-clock" aria-hidden="true">
      <text x={x} y={y - 6} className="clock-time" textAnchor="middle">
        {formatVirtualTime(nowUs)}
      </text>
      <text x={x} y={y + 16} className="clock-caption" textAnchor="middle">
        {leader === null ? 'no leader' : `leader n${leader + 1} · term ${term ?? '?'}`}
      </text>
    </g>
  );
}
