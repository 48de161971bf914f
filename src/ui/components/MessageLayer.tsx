/**
 * Messages in flight, each a mark on its lane at (now − sent) / (deliver − sent)
 * of the way, with a short fading tail. Requests are filled, responses hollow;
 * InstallSnapshot and TimeoutNow have glyphs of their own (MessageGlyph).
 * This layer re-renders every frame; nothing else in the ring does.
 */
import { useLabStore } from '../store/labStore';
import { messageShape, messageStyle } from '../view/palette';
import { MessageGlyph } from './MessageGlyph';
import { laneSegment, messageProgress, onRing, pointAlong, type RingLayout } from '../view/ringLayout';

/** Length of the tail, as a fraction of the lane. */
const tailFraction = 0.12;

export function MessageLayer({ layout }: { layout: RingLayout }) {
  const frame = useLabStore((s) => s.frame);
  return (
    <g className="layer-messages" aria-hidden="true">
      {frame.messages.map((m) => {
        if (!onRing(layout, m.from) || !onRing(layout, m.to)) return null;
        const segment = laneSegment(layout, m.from, m.to);
        const t = messageProgress(frame.nowUs, m.sentUs, m.deliverUs);
        const head = pointAlong(segment, t);
        const tail = pointAlong(segment, Math.max(0, t - tailFraction));
        const { color } = messageStyle(m.type);
        const special = messageShape(m.type) !== 'dot';
        return (
          <g key={`${m.id}-${m.deliverUs}`} data-message={m.type}>
            <line x1={tail.x} y1={tail.y} x2={head.x} y2={head.y} stroke={color} strokeWidth={special ? 6 : 4} strokeLinecap="round" opacity={0.3} />
            <g transform={`translate(${head.x},${head.y})`}>
              <MessageGlyph type={m.type} />
            </g>
          </g>
        );
      })}
    </g>
  );
}
