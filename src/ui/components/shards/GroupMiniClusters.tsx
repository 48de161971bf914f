/**
 * Every replica group as a mini cluster: its gid, its servers (up, down,
 * leader), term (Raft) or ballot (OmniPaxos), the configuration it has
 * applied and the keys it holds. The controller (g0) comes first. Click,
 * Enter or Space opens the group in the cluster view (the ring, showing that
 * group's servers only).
 */
import { memo, type KeyboardEvent } from 'react';
import { openGroup } from '../../labActions';
import type { ShardGroupVM } from '../../model/types';
import { useLabStore } from '../../store/labStore';
import { groupStyle, roleStyles } from '../../view/palette';
import type { Box } from '../../view/shardLayout';
import { groupLabel, termWord } from '../../view/shardLabels';

const serverRadius = 12;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function ServerDot({ x, y, name, up, leader, color }: { x: number; y: number; name: string; up: boolean; leader: boolean; color: string }) {
  const style = !up ? roleStyles.crashed : leader ? { ...roleStyles.leader, stroke: color } : roleStyles.follower;
  return (
    <g transform={`translate(${x},${y})`}>
      {leader && up && <circle r={serverRadius + 4} fill={color} opacity={0.15} />}
      <circle r={serverRadius} fill={up ? '#fff' : style.fill} stroke={style.stroke} strokeWidth={leader && up ? 3 : 1.5} />
      {!up && <path d={`M -6 -6 L 6 6 M 6 -6 L -6 6`} stroke={style.stroke} strokeWidth={1.6} strokeLinecap="round" />}
      <text className="mini-server-name" y={serverRadius + 12} textAnchor="middle">
        {name}
      </text>
      {up && (
        <text className="mini-server-role" y={4} textAnchor="middle" fill={leader ? color : roleStyles.follower.ink}>
          {leader ? 'L' : ''}
        </text>
      )}
    </g>
  );
}

const MiniCluster = memo(function MiniCluster({ group, box, open, term }: { group: ShardGroupVM; box: Box; open: boolean; term: 'term' | 'ballot' }) {
  const style = groupStyle(group.gid);
  const onKeyDown = (event: KeyboardEvent<SVGGElement>) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    openGroup(open ? null : group.gid);
  };
  const spacing = Math.min(40, (box.width - 24) / Math.max(1, group.servers.length));
  const serversLeft = box.x + box.width / 2 - (spacing * (group.servers.length - 1)) / 2;
  const faded = !group.member;
  const facts = group.controller ? [`controller · ${term} ${group.term}`, `${plural(group.configNum + 1, 'config')} so far`] : [`${term} ${group.term} · ${plural(group.keysHeld, 'key')}`, group.member ? `${plural(group.serving, 'shard')} served` : 'not a member'];
  return (
    <g
      className={`mini-cluster${open ? ' mini-cluster-open' : ''}${faded ? ' mini-cluster-out' : ''}`}
      role="button"
      tabIndex={0}
      aria-label={groupLabel(group, term)}
      aria-pressed={open}
      data-gid={group.gid}
      onClick={() => openGroup(open ? null : group.gid)}
      onKeyDown={onKeyDown}
    >
      <title>{open ? 'Show every server in the cluster view' : `Show ${group.controller ? 'the controller' : `g${group.gid}`}'s servers in the cluster view`}</title>
      <rect className="mini-focus" x={box.x - 4} y={box.y - 4} width={box.width + 8} height={box.height + 8} rx={14} />
      <rect x={box.x} y={box.y} width={box.width} height={box.height} rx={11} fill={faded ? '#fafbfc' : style.soft} stroke={style.color} strokeWidth={open ? 3 : 1.5} strokeDasharray={faded ? '5 4' : undefined} />
      <text className="mini-title" x={box.x + 12} y={box.y + 20} fill={style.ink}>
        g{group.gid}
      </text>
      <text className="mini-config" x={box.x + box.width - 12} y={box.y + 20} textAnchor="end" fill={style.ink}>
        config {group.configNum}
      </text>
      {group.servers.map((server, i) => (
        <ServerDot key={server.id} x={serversLeft + i * spacing} y={box.y + 46} name={server.name} up={server.up} leader={server.leader} color={style.color} />
      ))}
      {facts.map((line, i) => (
        <text key={i} className="mini-facts" x={box.x + box.width / 2} y={box.y + box.height - 22 + i * 14} textAnchor="middle">
          {line}
        </text>
      ))}
    </g>
  );
});

export function GroupMiniClusters({ cards }: { cards: readonly Box[] }) {
  const groups = useLabStore((s) => s.shards?.groups);
  const open = useLabStore((s) => s.clusterGroup);
  const term = useLabStore((s) => termWord(s.config.protocol));
  if (groups === undefined) return null;
  return (
    <g className="layer-mini-clusters">
      {groups.map((group, i) => (cards[i] === undefined ? null : <MiniCluster key={group.gid} group={group} box={cards[i]} open={open === group.gid} term={term} />))}
    </g>
  );
}
