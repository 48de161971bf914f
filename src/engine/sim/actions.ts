/**
 * Operator actions: everything a user, a scenario or a test does to a running
 * world. Each becomes an entry of the action log at the virtual time it was
 * applied; replaying (config, seed, action log) reproduces the run exactly.
 *
 * An action at time t takes effect after every event at times ≤ t and before
 * any event later than t, both live and in replay.
 */
import type { LinkSettings } from './network';

export type Action =
  | { type: 'crash'; node: number }
  | { type: 'restart'; node: number }
  | { type: 'cut'; from: number; to: number; bothWays: boolean }
  | { type: 'heal'; from: number; to: number; bothWays: boolean }
  | { type: 'isolate'; node: number }
  | { type: 'partition'; groups: number[][] }
  | { type: 'healAll' }
  | ({ type: 'setNetwork'; from: number | null; to: number | null } & Partial<LinkSettings>)
  /** A client command; `node: null` sends it to the current leader. */
  | { type: 'propose'; node: number | null; body: string; bytes: number }
  | { type: 'control'; node: number; action: string; target: number | null }
  /**
   * Sharded worlds: an administrator's request to the shard controller. Join
   * and Leave name groups by gid (a joining group brings its servers); Move
   * hands `shard` to `gids[0]`.
   */
  | { type: 'shardctl'; op: 'join' | 'leave' | 'move'; gids: number[]; shard?: number };

export type ActionType = Action['type'];

export interface LoggedAction {
  atUs: number;
  action: Action;
}

/**
 * Describe an action for the trace and the page. Endpoints past the replicas
 * are clerks, named c1, c2, …
 */
export function describeAction(action: Action, nodeCount = Infinity): string {
  const n = (id: number) => (id < nodeCount ? `n${id + 1}` : `c${id - nodeCount + 1}`);
  switch (action.type) {
    case 'crash':
      return `crash ${n(action.node)}`;
    case 'restart':
      return `restart ${n(action.node)}`;
    case 'cut':
      return `cut ${n(action.from)}${action.bothWays ? '↔' : '→'}${n(action.to)}`;
    case 'heal':
      return `heal ${n(action.from)}${action.bothWays ? '↔' : '→'}${n(action.to)}`;
    case 'isolate':
      return `isolate ${n(action.node)}`;
    case 'partition':
      return `partition ${action.groups.map((g) => '{' + g.map(n).join(',') + '}').join(' ')}`;
    case 'healAll':
      return 'heal all links';
    case 'setNetwork':
      return `network ${action.from === null ? '*' : n(action.from)}→${action.to === null ? '*' : n(action.to)}`;
    case 'propose':
      return `propose "${action.body}" to ${action.node === null ? 'the leader' : n(action.node)}`;
    case 'control':
      return `${action.action} at ${n(action.node)}${action.target === null ? '' : ' → ' + n(action.target)}`;
    case 'shardctl':
      return action.op === 'move' ? `Move(s${action.shard} → g${action.gids[0]})` : `${action.op === 'join' ? 'Join' : 'Leave'}(${action.gids.map((g) => `g${g}`).join(', ')})`;
  }
}

/** What a sharded world's `shardctl` actions are checked against. */
export interface ShardShape {
  /** Key-value groups (gids 1 … groupCount). */
  groupCount: number;
  shardCount: number;
}

/**
 * Problems with an action for a world of `nodeCount` replicas and
 * `endpointCount` network endpoints (replicas, then clerks); empty when valid.
 * Link actions (cut, heal, partition, setNetwork) may name clerks too.
 */
export function validateAction(action: Action, nodeCount: number, endpointCount = nodeCount, shards: ShardShape | null = null): string[] {
  const problems: string[] = [];
  const inRange = (field: string, v: unknown, limit: number, what: string) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= limit) problems.push(`${field}: must be ${what} from 0 to ${limit - 1}`);
  };
  const node = (field: string, v: unknown) => inRange(field, v, nodeCount, 'a node number');
  const endpoint = (field: string, v: unknown) => inRange(field, v, endpointCount, endpointCount > nodeCount ? 'a node or client endpoint' : 'a node number');
  const ratio = (field: string, v: unknown) => {
    if (v !== undefined && !(typeof v === 'number' && v >= 0 && v <= 1)) problems.push(`${field}: must be between 0 and 1`);
  };
  const micros = (field: string, v: unknown) => {
    if (v !== undefined && !(typeof v === 'number' && Number.isInteger(v) && v >= 0)) problems.push(`${field}: must be a whole number of microseconds ≥ 0`);
  };
  switch (action.type) {
    case 'crash':
    case 'restart':
    case 'isolate':
      node('node', action.node);
      break;
    case 'cut':
    case 'heal':
      endpoint('from', action.from);
      endpoint('to', action.to);
      if (action.from === action.to) problems.push('to: must differ from from');
      break;
    case 'partition':
      if (!Array.isArray(action.groups) || action.groups.length < 2) problems.push('groups: must list at least two groups');
      else action.groups.forEach((g, i) => (Array.isArray(g) ? g.forEach((v, j) => endpoint(`groups[${i}][${j}]`, v)) : problems.push(`groups[${i}]: must be a list of nodes`)));
      break;
    case 'propose':
      if (action.node !== null) node('node', action.node);
      break;
    case 'control':
      node('node', action.node);
      if (action.target !== null) node('target', action.target);
      break;
    case 'setNetwork':
      if (action.from !== null) endpoint('from', action.from);
      if (action.to !== null) endpoint('to', action.to);
      micros('latencyMinUs', action.latencyMinUs);
      micros('latencyMaxUs', action.latencyMaxUs);
      if (action.latencyMinUs !== undefined && action.latencyMaxUs !== undefined && action.latencyMaxUs < action.latencyMinUs) problems.push('latencyMaxUs: must be ≥ latencyMinUs');
      ratio('lossRatio', action.lossRatio);
      ratio('duplicateRatio', action.duplicateRatio);
      break;
    case 'healAll':
      break;
    case 'shardctl': {
      if (shards === null) {
        problems.push('type: shardctl needs a sharded world');
        break;
      }
      if (action.op !== 'join' && action.op !== 'leave' && action.op !== 'move') problems.push('op: must be "join", "leave" or "move"');
      if (!Array.isArray(action.gids) || action.gids.length === 0) problems.push('gids: must list at least one group');
      else {
        action.gids.forEach((gid, i) => inRange(`gids[${i}]`, gid, shards.groupCount + 1, 'a gid'));
        if (action.gids.includes(0)) problems.push('gids: gid 0 means "no group"; groups are 1 … ' + shards.groupCount);
        if (new Set(action.gids).size !== action.gids.length) problems.push('gids: must not repeat a group');
      }
      if (action.op === 'move') {
        inRange('shard', action.shard, shards.shardCount, 'a shard number');
        if (Array.isArray(action.gids) && action.gids.length !== 1) problems.push('gids: Move names exactly one group');
      }
      break;
    }
  }
  return problems;
}
