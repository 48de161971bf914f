/**
 * Messages in flight on one ring, each a mark on its lane at
 * (now − sent) / (deliver − sent) of the way with a short fading tail:
 * requests filled, replies hollow, Sequence Paxos log sync larger with a halo.
 * This layer and the highlights are the only parts of a ring that change
 * every frame.
 */
import { laneSegment, messageProgress, pointAlong, type RingLayout } from '../../view/ringLayout';
import { selectFrame, useCompareStore } from '../store/compareStore';
import { isReply, messageFamily } from '../view/messagePalette';

const tailFraction = 0.12;

export function RingMessages({ index, layout }: { index: number; layout: RingLayout }) {
  const frame = useCompareStore(selectFrame(index));
  if (frame === undefined) return null;
  return (
    <g className="cmp-messages" aria-hidden="true">
      {frame.messages.map((m) => {
        const segment = laneSegment(layout, m.from, m.to);
        const t = messageProgress(frame.nowUs, m.sentUs, m.deliverUs);
        const head = pointAlong(segment, t);
        const tail = pointAlong(segment, Math.max(0, t - tailFraction));
        const { color, logSync } = messageFamily(m.type);
        const hollow = isReply(m.type);
        const r = logSync ? 8.5 : 6.5;
        return (
          <g key={`${m.id}-${m.deliverUs}`} data-message={m.type}>
            <line x1={tail.x} y1={tail.y} x2={head.x} y2={head.y} stroke={color} strokeWidth={logSync ? 6 : 4} strokeLinecap="round" opacity={0.3} />
            {logSync && <circle cx={head.x} cy={head.y} r={r + 6} fill={color} opacity={0.22} />}
            <circle cx={head.x} cy={head.y} r={hollow ? r - 1 : r} fill={hollow ? '#fff' : color} stroke={color} strokeWidth={hollow ? 2.6 : 1} />
          </g>
        );
      })}
    </g>
  );
}
