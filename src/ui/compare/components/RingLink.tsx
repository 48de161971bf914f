/**
 * A link between two servers: a quiet grey line while it is up; cut, a red
 * dashed line with a cross in a white disc at its middle, so a cut reads on a
 * projector and without colour. A link cut one way only is drawn as its cut
 * lane, with a chevron pointing the way messages can no longer go.
 */
import { memo } from 'react';
import { ink } from '../../view/palette';
import { laneSegment, pointAlong, type RingLayout } from '../../view/ringLayout';
import type { CompareLinkVM } from '../sim/compareModel';

function CutMark({ x, y }: { x: number; y: number }) {
  return (
    <g transform={`translate(${x},${y})`}>
      <circle r={8.5} fill="#fff" stroke={ink.cut} strokeWidth={1.6} />
      <path d="M -3.5 -3.5 L 3.5 3.5 M 3.5 -3.5 L -3.5 3.5" stroke={ink.cut} strokeWidth={2} strokeLinecap="round" />
    </g>
  );
}

export const RingLink = memo(function RingLink({ layout, link }: { layout: RingLayout; link: CompareLinkVM }) {
  const p = layout.positions[link.a];
  const q = layout.positions[link.b];
  if (link.upAB && link.upBA) return <line className="cmp-link" x1={p.x} y1={p.y} x2={q.x} y2={q.y} />;
  const mid = { x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 };
  if (!link.upAB && !link.upBA) {
    return (
      <g className="cmp-link-cut">
        <line x1={p.x} y1={p.y} x2={q.x} y2={q.y} />
        <CutMark x={mid.x} y={mid.y} />
      </g>
    );
  }
  const [from, to] = link.upAB ? [link.b, link.a] : [link.a, link.b];
  const cut = laneSegment(layout, from, to);
  const at = pointAlong(cut, 0.3);
  const angle = (Math.atan2(cut.to.y - cut.from.y, cut.to.x - cut.from.x) * 180) / Math.PI;
  return (
    <g className="cmp-link-cut">
      <line className="cmp-link" x1={p.x} y1={p.y} x2={q.x} y2={q.y} />
      <line x1={cut.from.x} y1={cut.from.y} x2={cut.to.x} y2={cut.to.y} />
      <path className="cmp-chevron" d="M -4 -4.5 L 3 0 L -4 4.5" transform={`translate(${at.x},${at.y}) rotate(${angle})`} />
      <CutMark x={mid.x} y={mid.y} />
    </g>
  );
});
