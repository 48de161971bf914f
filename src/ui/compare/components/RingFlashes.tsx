/**
 * Short-lived highlights over the servers, from their trace notes: a subtle
 * teal ripple at each BLE round end (OmniPaxos), a crimson dashed glow while
 * a server takes part in a log sync (Prepare, Promise, AcceptSync), and a red
 * ring with words over a Raft server that just refused a vote ("refused: log
 * behind", "refused: leader alive").
 */
import type { RingLayout } from '../../view/ringLayout';
import { bleFlashUs, refusalFlashUs, syncFlashUs } from '../sim/projectRun';
import { selectFrame, useCompareStore } from '../store/compareStore';
import { refusalWords } from '../view/compareLabels';

function RefusalLabel({ reason, fade }: { reason: number; fade: number }) {
  const words = refusalWords(reason);
  const width = words.length * 7 + 18;
  return (
    <g className="cmp-refusal-label" opacity={Math.min(1, 1.6 * (1 - fade))}>
      <rect x={-width / 2} y={-11} width={width} height={22} rx={11} />
      <text y={4.5} textAnchor="middle">
        {words}
      </text>
    </g>
  );
}

/** `rings` go under the servers (never hiding a server's tag); `labels` over everything but messages. */
export function RingFlashes({ index, layout, part }: { index: number; layout: RingLayout; part: 'rings' | 'labels' }) {
  const frame = useCompareStore(selectFrame(index));
  if (frame === undefined) return null;
  const r = layout.nodeRadius;
  return (
    <g className="cmp-flashes" aria-hidden="true">
      {frame.flashes.map((f, node) => {
        const at = layout.positions[node];
        if (at === undefined) return null;
        const ble = f.bleRoundAgeUs === null ? null : f.bleRoundAgeUs / bleFlashUs;
        const sync = f.syncAgeUs === null ? null : f.syncAgeUs / syncFlashUs;
        const refusal = f.refusal === null ? null : f.refusal.ageUs / refusalFlashUs;
        return (
          <g key={node} transform={`translate(${at.x},${at.y})`}>
            {part === 'rings' && ble !== null && <circle className="cmp-ble-pulse" r={r + 4 + 16 * ble} strokeWidth={3 * (1 - ble)} opacity={0.75 * (1 - ble)} />}
            {part === 'rings' && sync !== null && <circle className="cmp-sync-glow" r={r + 7} opacity={1 - sync * 0.7} />}
            {part === 'rings' && refusal !== null && <circle className="cmp-refusal-ring" r={r + 5} opacity={1 - refusal * 0.6} />}
            {part === 'labels' && refusal !== null && f.refusal !== null && (
              <g transform={`translate(0,${-r - 30})`}>
                <RefusalLabel reason={f.refusal.reason} fade={refusal} />
              </g>
            )}
          </g>
        );
      })}
    </g>
  );
}
