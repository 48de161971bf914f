/**
 * The sharded store's administrator: Join, Leave and Move go to the shard
 * controller as `shardctl` actions through the same path as a crash or a cut,
 * so they enter the action log, replay, fork branches when taken in the past,
 * and travel in run files. Also which group the cluster view shows.
 */
import { startRun, store, act } from './currentRun';
import { defaultHost, defaultNodeCount, defaultShardClients, withShards } from '../params/labParams';

export function joinGroup(gid: number): void {
  act({ type: 'shardctl', op: 'join', gids: [gid] });
}

export function leaveGroup(gid: number): void {
  act({ type: 'shardctl', op: 'leave', gids: [gid] });
}

/** Hand `shard` to group `gid`, exactly as asked (the controller does not rebalance a Move). */
export function moveShard(shard: number, gid: number): void {
  act({ type: 'shardctl', op: 'move', gids: [gid], shard });
}

/** What the Move control holds (a shard cell pressed, a select changed). */
export function chooseShardMove(move: { shard?: number; gid?: number }): void {
  const current = store().shardMove;
  store().setShardMove({ shard: move.shard ?? current.shard, gid: move.gid ?? current.gid });
}

/** Show one group's servers in the cluster view (gid 0: the controller), or every server (null). */
export function openGroup(gid: number | null): void {
  store().setClusterGroup(gid);
  if (gid !== null) {
    const group = store().shards?.groups.find((g) => g.gid === gid);
    if (group !== undefined && group.servers.length > 0) store().selectNode(group.servers[0].id);
  }
}

/**
 * Start a sharded run of `groups` groups with the same seed and protocol (as
 * many joined at the start as before, or all), or one replicated group again (null).
 */
export function setShardGroups(groups: number | null): void {
  const config = store().config;
  if (groups === null) {
    startRun({ ...config, shards: null, nodeCount: defaultNodeCount, host: defaultHost });
    return;
  }
  const initial = config.shards === null ? groups : Math.min(config.shards.initialGroups, groups);
  startRun(withShards({ ...config, clients: config.shards === null && config.clients === 0 ? defaultShardClients : config.clients }, groups, initial));
}
