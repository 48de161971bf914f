/**
 * The shards as a grid, each cell in the colour of its owner in the newest
 * configuration, its outline and word telling its state: solid and filled
 * while served, dashed while the owner waits for it (receiving), dotted while
 * the old owner pushes it (sending), hatched grey when parked with no owner,
 * faint when absent. Click, Enter or Space chooses the shard for Move.
 */
import { memo, type KeyboardEvent } from 'react';
import { chooseShardMove } from '../../labActions';
import type { ShardCellVM } from '../../model/types';
import { useLabStore } from '../../store/labStore';
import { groupStyle, shardStateDash, unownedStyle } from '../../view/palette';
import type { Box } from '../../view/shardLayout';
import { shardCellLabel, shardStateWord } from '../../view/shardLabels';

const ShardCell = memo(function ShardCell({ cell, box, chosen }: { cell: ShardCellVM; box: Box; chosen: boolean }) {
  const style = cell.owner === 0 ? unownedStyle : groupStyle(cell.owner);
  const served = cell.state === 'serving';
  const fill = cell.state === 'parked' ? 'url(#shard-parked)' : served ? style.soft : '#fff';
  const onKeyDown = (event: KeyboardEvent<SVGGElement>) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    chooseShardMove({ shard: cell.shard });
  };
  const cx = box.x + box.width / 2;
  return (
    <g
      className={`shard-cell shard-${cell.state}${chosen ? ' shard-chosen' : ''}`}
      role="button"
      tabIndex={0}
      aria-label={shardCellLabel(cell)}
      aria-pressed={chosen}
      data-shard={cell.shard}
      data-owner={cell.owner}
      data-state={cell.state}
      onClick={() => chooseShardMove({ shard: cell.shard })}
      onKeyDown={onKeyDown}
    >
      <title>{`${cell.keys} ${cell.keys === 1 ? 'key' : 'keys'} · choose shard ${cell.shard} for Move`}</title>
      <rect className="shard-focus" x={box.x - 4} y={box.y - 4} width={box.width + 8} height={box.height + 8} rx={11} />
      <rect x={box.x} y={box.y} width={box.width} height={box.height} rx={8} fill={fill} stroke={style.color} strokeWidth={served ? 2.5 : 2} strokeDasharray={shardStateDash[cell.state] || undefined} />
      <text className="shard-num" x={box.x + 7} y={box.y + 14} fill={style.ink}>
        s{cell.shard}
      </text>
      {cell.keys > 0 && (
        <text className="shard-keys" x={box.x + box.width - 7} y={box.y + 14} textAnchor="end" fill={style.ink}>
          {cell.keys}k
        </text>
      )}
      <text className="shard-owner" x={cx} y={box.y + box.height / 2 + 6} textAnchor="middle" fill={style.ink}>
        {cell.owner === 0 ? '—' : `g${cell.owner}`}
      </text>
      <text className="shard-state" x={cx} y={box.y + box.height - 8} textAnchor="middle" fill={style.ink}>
        {shardStateWord(cell)}
      </text>
    </g>
  );
});

export function ShardGrid({ cells: boxes }: { cells: readonly Box[] }) {
  const cells = useLabStore((s) => s.shards?.cells);
  const chosen = useLabStore((s) => s.shardMove.shard);
  if (cells === undefined) return null;
  return (
    <g className="layer-shards" role="list" aria-label="Shards by owner">
      {cells.map((cell) =>
        boxes[cell.shard] === undefined ? null : (
          <g key={cell.shard} role="listitem">
            <ShardCell cell={cell} box={boxes[cell.shard]} chosen={chosen === cell.shard} />
          </g>
        ),
      )}
    </g>
  );
}

/** The hatch a parked shard is filled with; one per SVG that draws shards. */
export function ParkedHatch() {
  return (
    <pattern id="shard-parked" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <rect width="6" height="6" fill="#f3f3f3" />
      <line x1="0" y1="0" x2="0" y2="6" stroke="#b9c1cb" strokeWidth="2" />
    </pattern>
  );
}
