/**
 * What the network dials did, on the ring: a lossy or duplicating link is
 * drawn with a dotted amber overlay (each dot a message that may vanish or
 * double), the link the dials act on has a blue halo, and a note in the
 * corner says what every link is set to when they agree.
 */
import { describeSettings, isReliable, sameSettings } from '../model/linkSettings';
import type { NetLinkVM } from '../model/types';
import { useLabStore } from '../store/labStore';
import { onRing, type RingLayout } from '../view/ringLayout';

const noisy = (l: NetLinkVM) => l.ab.lossRatio > 0 || l.ba.lossRatio > 0 || l.ab.duplicateRatio > 0 || l.ba.duplicateRatio > 0;

export function NetworkOverlay({ layout }: { layout: RingLayout }) {
  const network = useLabStore((s) => s.network);
  const scope = useLabStore((s) => s.netScope);
  if (network.length === 0) return null;
  const first = network[0].ab;
  const uniform = network.every((l) => sameSettings(l.ab, first) && sameSettings(l.ba, first));
  const note = uniform ? (isReliable(first) ? null : `every link: ${describeSettings(first)}`) : 'links differ: see Network';
  return (
    <g className="layer-network" aria-hidden="true">
      {network.map((l) => {
        if (!onRing(layout, l.a) || !onRing(layout, l.b)) return null;
        const p = layout.positions[l.a];
        const q = layout.positions[l.b];
        const selected = scope !== null && scope.a === l.a && scope.b === l.b;
        return (
          <g key={`${l.a}-${l.b}`}>
            {selected && <line x1={p.x} y1={p.y} x2={q.x} y2={q.y} stroke="#2b6cb0" strokeOpacity={0.22} strokeWidth={12} strokeLinecap="round" />}
            {noisy(l) && <line x1={p.x} y1={p.y} x2={q.x} y2={q.y} stroke="#d08a1e" strokeWidth={2.2} strokeDasharray="1 7" strokeLinecap="round" />}
          </g>
        );
      })}
      {note !== null && (
        <text x={16} y={24} className="network-note">
          {note}
        </text>
      )}
    </g>
  );
}
