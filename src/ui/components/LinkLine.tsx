/**
 * A link between two nodes: one quiet line while both directions are up;
 * otherwise two lanes, one per direction, red and dashed where cut (with a
 * chevron when only one way is cut) and a cross mark at the middle. The handle is the focusable, clickable part, drawn on
 * top of everything along the same line.
 */
import { memo, type KeyboardEvent, type MouseEvent } from 'react';
import { toggleDirection, toggleLink } from '../labActions';
import type { LinkVM } from '../model/types';
import { linkAccessibleName, linkActionHint } from '../view/nodeLabels';
import { ink } from '../view/palette';
import { laneSegment, nearerEnd, pointAlong, type RingLayout } from '../view/ringLayout';

interface LinkProps {
  layout: RingLayout;
  link: LinkVM;
}

/** A chevron on a lane, pointing the way its messages travel. */
function Chevron({ layout, from, to, color }: { layout: RingLayout; from: number; to: number; color: string }) {
  const s = laneSegment(layout, from, to);
  const at = pointAlong(s, 0.3);
  const angle = (Math.atan2(s.to.y - s.from.y, s.to.x - s.from.x) * 180) / Math.PI;
  return <path d="M -4 -4.5 L 3 0 L -4 4.5" transform={`translate(${at.x},${at.y}) rotate(${angle})`} fill="none" stroke={color} strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" />;
}

function Lane({ layout, from, to, up }: { layout: RingLayout; from: number; to: number; up: boolean }) {
  const s = laneSegment(layout, from, to);
  return (
    <line
      x1={s.from.x}
      y1={s.from.y}
      x2={s.to.x}
      y2={s.to.y}
      stroke={up ? ink.link : ink.cut}
      strokeWidth={up ? 1.25 : 2}
      strokeDasharray={up ? undefined : '5 4'}
      strokeLinecap="round"
    />
  );
}

export const LinkLine = memo(function LinkLine({ layout, link }: LinkProps) {
  const p = layout.positions[link.a];
  const q = layout.positions[link.b];
  const mid = { x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 };
  const cut = !link.upAB || !link.upBA;
  if (!cut) {
    // Both directions up: one quiet line; the lanes show only when they differ.
    return <line className="link" x1={p.x} y1={p.y} x2={q.x} y2={q.y} stroke={ink.link} strokeWidth={1.25} />;
  }
  return (
    <g className="link link-cut">
      <Lane layout={layout} from={link.a} to={link.b} up={link.upAB} />
      <Lane layout={layout} from={link.b} to={link.a} up={link.upBA} />
      {/* One way cut: say which way with a chevron on the cut lane. */}
      {link.upAB !== link.upBA && <Chevron layout={layout} from={link.upAB ? link.b : link.a} to={link.upAB ? link.a : link.b} color={ink.cut} />}
      {cut && (
        <g transform={`translate(${mid.x},${mid.y})`}>
          <circle r={9} fill="#fff" stroke={ink.cut} strokeWidth={1.5} />
          <path d="M -3.5 -3.5 L 3.5 3.5 M 3.5 -3.5 L -3.5 3.5" stroke={ink.cut} strokeWidth={1.8} strokeLinecap="round" />
        </g>
      )}
    </g>
  );
});

/** SVG user coordinates of a mouse event. */
function svgPoint(event: MouseEvent<SVGElement>): { x: number; y: number } | null {
  const svg = event.currentTarget.ownerSVGElement;
  const matrix = svg?.getScreenCTM();
  if (!svg || !matrix) return null;
  const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
  return { x: point.x, y: point.y };
}

const hitHalfWidth = 8;

export const LinkHandle = memo(function LinkHandle({ layout, link }: LinkProps) {
  const p = layout.positions[link.a];
  const q = layout.positions[link.b];
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  const length = Math.hypot(dx, dy) || 1;
  const rim = layout.nodeRadius + 10;
  const x1 = p.x + (dx / length) * rim;
  const y1 = p.y + (dy / length) * rim;
  const x2 = q.x - (dx / length) * rim;
  const y2 = q.y - (dy / length) * rim;
  // The hit area is a filled band, not a stroked line: a horizontal line's box has no height,
  // and a band gives the pointer (and the browser's hit tests) a real shape.
  const nx = (-dy / length) * hitHalfWidth;
  const ny = (dx / length) * hitHalfWidth;
  const band = `M ${x1 + nx} ${y1 + ny} L ${x2 + nx} ${y2 + ny} L ${x2 - nx} ${y2 - ny} L ${x1 - nx} ${y1 - ny} Z`;

  const onClick = (event: MouseEvent<SVGGElement>) => {
    if (event.shiftKey || event.altKey) {
      const point = svgPoint(event);
      toggleDirection(link, point === null ? link.a : nearerEnd(layout, link.a, link.b, point));
    } else toggleLink(link);
  };
  const onKeyDown = (event: KeyboardEvent<SVGGElement>) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    if (event.shiftKey) toggleDirection(link, link.a);
    else if (event.altKey) toggleDirection(link, link.b);
    else toggleLink(link);
  };

  return (
    <g className="link-handle" role="button" tabIndex={0} aria-label={linkAccessibleName(link)} onClick={onClick} onKeyDown={onKeyDown}>
      <title>{linkActionHint(link)}</title>
      <path className="link-hit" d={band} />
      <line className="link-focus" x1={x1} y1={y1} x2={x2} y2={y2} />
    </g>
  );
});
