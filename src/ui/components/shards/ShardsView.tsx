/**
 * The Shards view of a sharded run: the groups as mini clusters over the
 * shard grid, with shards in flight travelling between them; the
 * administrator's controls, a key router, and the configuration timeline.
 * Layers as on the ring: static cards and cells, then the static flight arcs,
 * then the markers, the only layer that changes every frame.
 */
import { useMemo } from 'react';
import { useLabStore } from '../../store/labStore';
import { shardLayout } from '../../view/shardLayout';
import { ConfigTimeline } from './ConfigTimeline';
import { GroupMiniClusters } from './GroupMiniClusters';
import { KeyRouter } from './KeyRouter';
import { ShardControls } from './ShardControls';
import { ShardFlightLayer, ShardFlightPaths } from './ShardFlightLayer';
import { ParkedHatch, ShardGrid } from './ShardGrid';

const width = 900;

export function ShardsView() {
  const groupCount = useLabStore((s) => s.shards?.groups.length ?? 0);
  const shardCount = useLabStore((s) => s.shards?.shardCount ?? 0);
  const configNum = useLabStore((s) => s.shards?.configNum ?? 0);
  const layout = useMemo(() => shardLayout(groupCount, shardCount, width), [groupCount, shardCount]);
  if (groupCount === 0) return null;
  return (
    <section className="shards-view" aria-labelledby="shards-title">
      <header className="panel-head">
        <h2 id="shards-title">Shards</h2>
        <span className="muted" data-testid="shard-config">
          configuration {configNum} · {shardCount} shards · {groupCount - 1} groups
        </span>
      </header>
      <svg className="shard-map" viewBox={`0 0 ${layout.width} ${layout.height}`} role="group" aria-label="Shard map" preserveAspectRatio="xMidYMid meet">
        <defs>
          <ParkedHatch />
        </defs>
        <GroupMiniClusters cards={layout.cards} />
        <ShardFlightPaths layout={layout} />
        <ShardGrid cells={layout.cells} />
        <ShardFlightLayer layout={layout} />
      </svg>
      <div className="shard-tools">
        <ShardControls />
        <KeyRouter />
      </div>
      <ConfigTimeline />
    </section>
  );
}
