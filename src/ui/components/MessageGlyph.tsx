/**
 * One message mark, centred on (0, 0): a dot for most messages (filled
 * request, hollow response), a large hatched block for InstallSnapshot (it
 * carries the compacted prefix, drawn hatched in the log grid too), and a
 * diamond for TimeoutNow. Used on the ring and in the legend.
 */
import { isResponse, messageShape, messageStyle } from '../view/palette';

export function MessageGlyph({ type, scale = 1 }: { type: string; scale?: number }) {
  const { color } = messageStyle(type);
  const hollow = isResponse(type);
  const shape = messageShape(type);
  if (shape === 'snapshot') {
    const size = (hollow ? 10 : 17) * scale;
    return (
      <g>
        <rect x={-size / 2} y={-size / 2} width={size} height={size} rx={2.5 * scale} fill={hollow ? '#fff' : 'url(#snapshot-hatch)'} stroke={color} strokeWidth={hollow ? 2.2 : 2.4} />
        {!hollow && <rect x={-size / 2} y={-size / 2} width={size} height={size * 0.28} rx={1.5} fill={color} />}
      </g>
    );
  }
  if (shape === 'diamond') {
    const r = (hollow ? 6 : 8.5) * scale;
    return <path d={`M 0 ${-r} L ${r} 0 L 0 ${r} L ${-r} 0 Z`} fill={hollow ? '#fff' : color} stroke={color} strokeWidth={hollow ? 2.2 : 1.5} strokeLinejoin="round" />;
  }
  return <circle r={(hollow ? 5.5 : 6.5) * scale} fill={hollow ? '#fff' : color} stroke={color} strokeWidth={hollow ? 2.5 : 1} />;
}

/** The hatch the snapshot block is filled with; one per SVG that draws snapshot glyphs. */
export function SnapshotHatch() {
  return (
    <pattern id="snapshot-hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <rect width="4" height="4" fill="#d8f0ec" />
      <line x1="0" y1="0" x2="0" y2="4" stroke="#1f9a8a" strokeWidth="1.6" />
    </pattern>
  );
}
