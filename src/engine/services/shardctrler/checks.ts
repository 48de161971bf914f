/**
 * Invariants of the controller's configurations, as lists of problems (empty
 * when all is well), for tests, run checks and the page. The shard-movement
 * check compares against the brute-force minimum of the dumb twin, not
 * against the rebalancer's own reasoning.
 */
import { countMoves, imbalance } from './rebalance';
import { minimumMoves } from './rebalanceTwin';
import { describeCtrlerOp, describeShards, noGroup, sortedGids, type Config, type CtrlerOp, type Gid } from './types';

/**
 * Structure every configuration has: `shardCount` shards, each owned by
 * exactly one group of the configuration, or all by 0 when there is none.
 */
export function configProblems(config: Config, shardCount: number): string[] {
  const problems: string[] = [];
  const gids = sortedGids(config.groups);
  if (config.shards.length !== shardCount) problems.push(`config ${config.num} has ${config.shards.length} shards, not ${shardCount}`);
  config.shards.forEach((gid, shard) => {
    const ok = gids.length === 0 ? gid === noGroup : config.groups[gid] !== undefined;
    if (!ok) problems.push(`config ${config.num}: shard ${shard} owned by g${gid}, not a group of the configuration {${gids.join(', ')}}`);
  });
  for (const gid of gids) if (gid <= 0 || config.groups[gid].length === 0) problems.push(`config ${config.num}: group g${gid} is not a valid group`);
  return problems;
}

function sameGroups(a: Readonly<Record<Gid, readonly string[]>>, b: Readonly<Record<Gid, readonly string[]>>): boolean {
  const ga = sortedGids(a);
  const gb = sortedGids(b);
  return ga.join() === gb.join() && ga.every((gid) => a[gid].join('\u0000') === b[gid].join('\u0000'));
}

/**
 * What one accepted Join, Leave or Move must have done to the configuration
 * before it: the right members, then either balanced with the fewest moves
 * (Join, Leave) or exactly the one shard moved (Move).
 */
export function transitionProblems(prev: Config, next: Config, op: CtrlerOp): string[] {
  const problems: string[] = [];
  const say = (what: string) => problems.push(`${describeCtrlerOp(op)}: config ${prev.num} ${describeShards(prev.shards)} → ${next.num} ${describeShards(next.shards)}: ${what}`);
  if (next.num !== prev.num + 1) say('not numbered one after the previous configuration');
  const expected: Record<Gid, readonly string[]> = { ...prev.groups };
  switch (op.kind) {
    case 'join':
      for (const gid of sortedGids(op.servers)) expected[gid] = op.servers[gid];
      break;
    case 'leave':
      for (const gid of op.gids) delete expected[gid];
      break;
    case 'move': {
      const wanted = prev.shards.slice();
      wanted[op.shard] = op.gid;
      if (describeShards(wanted) !== describeShards(next.shards)) say(`a Move must change exactly shard ${op.shard}, to g${op.gid}`);
      break;
    }
    case 'query':
      say('a Query created a configuration');
      return problems;
  }
  if (!sameGroups(expected, next.groups)) say(`groups {${sortedGids(next.groups).join(', ')}}, expected {${sortedGids(expected).join(', ')}}`);
  if (op.kind === 'join' || op.kind === 'leave') {
    const live = sortedGids(next.groups);
    if (imbalance(next.shards, live) > 1) say('not balanced (max − min > 1)');
    const moves = countMoves(prev.shards, next.shards);
    const minimum = minimumMoves(prev.shards, live);
    if (moves !== minimum) say(`moved ${moves} shards where ${minimum} suffice`);
  }
  return problems;
}
