/**
 * The virtual clock and the current leader, in the middle of the ring. It
 * re-renders every frame, and it is the only text that does.
 */
import { useLabStore } from '../store/labStore';
import { formatVirtualTime } from '../view/format';
import type { RingLayout } from '../view/ringLayout';

export function CenterClock({ layout }: { layout: RingLayout }) {
  const nowUs = useLabStore((s) => s.frame.nowUs);
  // A sharded run: the leader of the group shown, or how many groups there are when the ring shows them all.
  const group = useLabStore((s) => (s.clusterGroup === null ? null : (s.shards?.groups.find((g) => g.gid === s.clusterGroup) ?? null)));
  const groups = useLabStore((s) => (s.shards === null ? null : s.shards.groups.length - 1));
  const leader = useLabStore((s) => (group !== null ? group.leader : s.leader));
  const term = useLabStore((s) => (leader === null ? null : (s.nodes[leader]?.term ?? null)));
  const { x, y } = layout.center;
  const who = leader === null ? 'no leader' : `leader n${leader + 1} · term ${term ?? '?'}`;
  const caption = group !== null ? `${group.controller ? 'controller' : `g${group.gid}`} · ${who}` : groups !== null ? `${groups} groups + controller` : who;
  return (
    <g className="center-clock" aria-hidden="true">
      <text x={x} y={y - 6} className="clock-time" textAnchor="middle">
        {formatVirtualTime(nowUs)}
      </text>
      <text x={x} y={y + 16} className="clock-caption" textAnchor="middle">
        {caption}
      </text>
    </g>
  );
}
