/**
 * Accessible names of the Shards view. Screen readers and the browser tests
 * find shards and groups by these, so they are stable:
 * "shard 4, owned by g3, receiving from g1", "g2, 3 of 3 servers up, leader n8, …".
 */
import type { ConfigTickVM, KeyRouteVM, ShardCellVM, ShardGroupVM } from '../model/types';
import { formatMs } from './format';

const g = (gid: number) => `g${gid}`;

export function shardCellLabel(cell: ShardCellVM): string {
  if (cell.owner === 0) return `shard ${cell.shard}, unassigned, ${cell.state === 'parked' ? 'parked' : 'absent'}`;
  const from = cell.from === null ? '' : cell.state === 'absent' ? `, still at ${g(cell.from)}` : ` from ${g(cell.from)}`;
  return `shard ${cell.shard}, owned by ${g(cell.owner)}, ${cell.state}${from}`;
}

/** The state word under a cell (short: the cell is small): an owner still waiting says where the shard is. */
export function shardStateWord(cell: ShardCellVM): string {
  return cell.state === 'absent' && cell.owner !== 0 && cell.from !== null ? `still at ${g(cell.from)}` : cell.state;
}

export function groupName(group: ShardGroupVM): string {
  return group.controller ? 'g0 controller' : g(group.gid);
}

/** What the protocol calls the number a leader leads under: Raft's term, OmniPaxos's ballot. */
export function termWord(protocol: string): 'term' | 'ballot' {
  return protocol === 'omnipaxos' ? 'ballot' : 'term';
}

export function groupLabel(group: ShardGroupVM, term: 'term' | 'ballot' = 'term'): string {
  const up = group.servers.filter((s) => s.up).length;
  const leader = group.leader === null ? 'no leader' : `leader n${group.leader + 1}`;
  const parts = [groupName(group), `${up} of ${group.servers.length} servers up`, leader, `${term} ${group.term}`, `configuration ${group.configNum}`];
  if (!group.controller) {
    parts.push(`${group.keysHeld} ${group.keysHeld === 1 ? 'key' : 'keys'}`, `serving ${group.serving} ${group.serving === 1 ? 'shard' : 'shards'}`);
    if (!group.member) parts.push('not a member');
  }
  return parts.join(', ');
}

function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** What changed in a configuration, in words: "g3 joined; shards 1, 4 and 7 moved to g3". */
export function configChangeText(tick: ConfigTickVM): string {
  const parts: string[] = [];
  if (tick.joined.length > 0) parts.push(`${list(tick.joined.map(g))} joined`);
  if (tick.left.length > 0) parts.push(`${list(tick.left.map(g))} left`);
  const byTarget = new Map<number, number[]>();
  for (const m of tick.moved) byTarget.set(m.to, [...(byTarget.get(m.to) ?? []), m.shard]);
  for (const [to, shards] of byTarget) {
    const what = shards.length === 1 ? `shard ${shards[0]}` : `shards ${list(shards.map(String))}`;
    parts.push(to === 0 ? `${what} left without an owner` : `${what} moved to ${g(to)}`);
  }
  return parts.length === 0 ? (tick.num === 0 ? 'no groups yet' : 'nothing moved') : parts.join('; ');
}

/** The tick's line of text (its moves are drawn as chips): who joined or left, else which shards moved. */
export function configTickText(tick: ConfigTickVM): string {
  const parts: string[] = [];
  if (tick.joined.length > 0) parts.push(`${list(tick.joined.map(g))} joined`);
  if (tick.left.length > 0) parts.push(`${list(tick.left.map(g))} left`);
  if (parts.length > 0) return parts.join('; ');
  if (tick.moved.length > 0) return `${tick.moved.length === 1 ? 'shard' : 'shards'} ${list(tick.moved.map((m) => String(m.shard)))} moved`;
  return tick.num === 0 ? 'no groups yet' : 'nothing moved';
}

export function configTickLabel(tick: ConfigTickVM, current: boolean): string {
  const why = tick.label === null ? '' : `, ${tick.label}`;
  const when = tick.atUs === null ? '' : `, at ${formatMs(tick.atUs)}`;
  return `configuration ${tick.num}${why}${when}: ${configChangeText(tick)}${current ? ' (current)' : ''}`;
}

/** "k7 → shard 3 → g2 → n7 (leader), n8, n9 (down)". */
export function keyRouteText(route: KeyRouteVM): string {
  const owner = route.owner === 0 ? 'no group (unassigned)' : g(route.owner);
  const servers = route.servers.map((s) => `${s.name}${s.leader ? ' (leader)' : ''}${s.up ? '' : ' (down)'}`).join(', ');
  return `${route.key} → shard ${route.shard} → ${owner}${servers === '' ? '' : ` → ${servers}`}`;
}
