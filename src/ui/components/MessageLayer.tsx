/**
 * Messages in flight, each a dot on its lane at (now − sent) / (deliver − sent)
 * of the way, with a short fading tail. Requests are filled, responses hollow.
 * This layer re-renders every frame; nothing else in the ring does.
 */
import { useLabStore } from '../store/labStore';
import { isResponse, messageStyle } from '../view/palette';
import { laneSegment, messageProgress, pointAlong, type RingLayout } from '../view/ringLayout';

/** Length of the tail, as a fraction of the lane. */
const tailFraction = 0.12;

export function MessageLayer({ layout }: { layout: RingLayout }) {
  const frame = useLabStore((s) => s.frame);
  return (
    <g className="layer-messages" aria-hidden="true">
      {frame.messages.map((m) => {
        const segment = laneSegment(layout, m.from, m.to);
        const t = messageProgress(frame.nowUs, m.sentUs, m.deliverUs);
        const head = pointAlong(segment, t);
        const tail = pointAlong(segment, Math.max(0, t - tailFraction));
        const { color } = messageStyle(m.type);
        const hollow = isResponse(m.type);
        return (
          <g key={`${m.id}-${m.deliverUs}`}>
            <line x1={tail.x} y1={tail.y} x2={head.x} y2={head.y} stroke={color} strokeWidth={4} strokeLinecap="round" opacity={0.3} />
            <circle cx={head.x} cy={head.y} r={hollow ? 5.5 : 6.5} fill={hollow ? '#fff' : color} stroke={color} strokeWidth={hollow ? 2.5 : 1} />
          </g>
        );
      })}
    </g>
  );
}
