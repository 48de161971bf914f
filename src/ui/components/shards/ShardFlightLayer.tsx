/**
 * Shards in flight between groups. The arcs (from the mini cluster a shard
 * leaves to the one that receives it) are static and change only with the
 * shards; the markers ride them every frame, as far along as the shard's
 * ShardPush on the wire, and wait at the sender while none is. Like the
 * ring's MessageLayer, only the marker layer re-renders every frame.
 */
import { useMemo } from 'react';
import { shardFlights } from '../../engine/shardProjection';
import type { ShardCellVM } from '../../model/types';
import { useLabStore } from '../../store/labStore';
import { groupStyle } from '../../view/palette';
import { arcPath, flightArc, pointOnArc, type Arc, type ShardLayout } from '../../view/shardLayout';

/** Each in-flight shard's arc, laned apart from others between the same two groups. */
function arcsOf(layout: ShardLayout, cells: readonly ShardCellVM[]): Map<number, Arc> {
  const arcs = new Map<number, Arc>();
  const lanes = new Map<string, number>();
  for (const cell of cells) {
    if (!cell.inFlight || cell.from === null) continue;
    const pair = `${cell.from}-${cell.owner}`;
    const lane = lanes.get(pair) ?? 0;
    lanes.set(pair, lane + 1);
    if (layout.cards[cell.from] === undefined || layout.cards[cell.owner] === undefined) continue;
    arcs.set(cell.shard, flightArc(layout, cell.from, cell.owner, lane));
  }
  return arcs;
}

function useArcs(layout: ShardLayout): { cells: readonly ShardCellVM[]; arcs: Map<number, Arc> } {
  const cells = useLabStore((s) => s.shards?.cells);
  return useMemo(() => ({ cells: cells ?? [], arcs: arcsOf(layout, cells ?? []) }), [layout, cells]);
}

/** The static part: one dashed arc per shard in flight. */
export function ShardFlightPaths({ layout }: { layout: ShardLayout }) {
  const { cells, arcs } = useArcs(layout);
  return (
    <g className="layer-flight-paths" aria-hidden="true">
      {cells.map((cell) => {
        const arc = arcs.get(cell.shard);
        return arc === undefined ? null : <path key={cell.shard} d={arcPath(arc)} fill="none" stroke={groupStyle(cell.owner).color} strokeWidth={1.5} strokeDasharray="4 4" opacity={0.7} />;
      })}
    </g>
  );
}

/** The moving part: a labelled marker per shard in flight. */
export function ShardFlightLayer({ layout }: { layout: ShardLayout }) {
  const frame = useLabStore((s) => s.frame);
  const { cells, arcs } = useArcs(layout);
  const flights = shardFlights(cells, frame.messages, frame.nowUs);
  return (
    <g className="layer-flights" aria-hidden="true">
      {flights.map((f) => {
        const arc = arcs.get(f.shard);
        if (arc === undefined) return null;
        const at = pointOnArc(arc, f.progress);
        const style = groupStyle(f.to);
        return (
          <g key={f.shard} className="shard-flight" data-shard={f.shard} transform={`translate(${at.x},${at.y})`}>
            <rect x={-15} y={-10} width={30} height={20} rx={5} fill={style.color} stroke="#fff" strokeWidth={1.5} />
            <text y={4} textAnchor="middle" className="shard-flight-label">
              s{f.shard}
            </text>
          </g>
        );
      })}
    </g>
  );
}
