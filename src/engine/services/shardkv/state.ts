/**
 * The state machine of one sharded key-value replica group: the
 * configuration it has reached, the phase and data of every shard, and how
 * a committed command changes them. Every replica of the group applies the
 * same commands in the same order, so they agree on all of it.
 *
 * Rules (README, "Handoff"):
 * - Configurations are applied one at a time, in order, and only when no
 *   shard is `sending` or `receiving` (the previous change is complete).
 * - A client operation is applied only to a shard that is `serving`;
 *   otherwise it is answered `wrong-group` (not owned) or `not-ready`
 *   (owned, data not here yet) and changes nothing.
 * - `install` takes a shard from `receiving` to `serving` with the data and
 *   exactly-once table it carries, only for the configuration it was sent in.
 * - `delete` drops a `sending` shard once its new owner has installed it.
 */
import { applyKvOp, type KvSession } from '../kv';
import { key2shard } from '../shardctrler/key2shard';
import { initialConfig } from '../shardctrler/service';
import { noGroup, type Config, type Gid } from '../shardctrler/types';
import type { ShardKvCommand, ShardOpResult, ShardSlot } from './types';

export interface ShardKvState {
  gid: Gid;
  shardCount: number;
  /** The newest configuration applied (frozen, shared with the controller's). */
  config: Config;
  shards: ShardSlot[];
  /** shard → the last group that owned it in any configuration applied so far (0: never owned). */
  lastOwner: Gid[];
  /** shard → the configuration in which this group last deleted it (−1: never). */
  deletedNum: number[];
  appliedOps: number;
  duplicates: number;
  wrongGroup: number;
  notReady: number;
  installs: number;
  deletes: number;
}

export function createShardKvState(gid: Gid, shardCount: number): ShardKvState {
  return {
    gid,
    shardCount,
    config: initialConfig(shardCount),
    shards: Array.from({ length: shardCount }, () => ({ phase: 'absent' as const, num: 0, data: null, sessions: null })),
    lastOwner: new Array<Gid>(shardCount).fill(noGroup),
    deletedNum: new Array<number>(shardCount).fill(-1),
    appliedOps: 0,
    duplicates: 0,
    wrongGroup: 0,
    notReady: 0,
    installs: 0,
    deletes: 0,
  };
}

/** No shard of the current configuration is still in flight: the next configuration may be applied. */
export function settled(state: ShardKvState): boolean {
  for (const slot of state.shards) if (slot.phase === 'sending' || slot.phase === 'receiving') return false;
  return true;
}

function serving(slot: ShardSlot, num: number, data: Record<string, string>, sessions: Record<number, KvSession>): void {
  slot.phase = 'serving';
  slot.num = num;
  slot.data = data;
  slot.sessions = sessions;
}

/** Move every shard to its phase in `next` (which must be config.num + 1, applied while settled). */
function applyConfig(state: ShardKvState, next: Config): void {
  const g = state.gid;
  for (let s = 0; s < state.shardCount; s++) {
    const slot = state.shards[s];
    const before = state.config.shards[s];
    const after = next.shards[s];
    if (after === g) {
      if (slot.phase === 'serving') continue;
      if (slot.phase === 'parked') serving(slot, next.num, slot.data ?? {}, slot.sessions ?? {});
      else if (before === noGroup && state.lastOwner[s] === noGroup) serving(slot, next.num, {}, {}); // a shard nobody ever held starts empty
      else {
        slot.phase = 'receiving';
        slot.num = next.num;
      }
    } else if (slot.phase === 'serving' || slot.phase === 'parked') {
      if (after === noGroup) {
        slot.phase = 'parked';
      } else {
        slot.phase = 'sending';
        slot.num = next.num;
      }
    }
    if (after !== noGroup) state.lastOwner[s] = after;
  }
  state.config = next;
}

function applyOp(state: ShardKvState, cmd: Extract<ShardKvCommand, { type: 'op' }>): ShardOpResult {
  const shard = key2shard(cmd.op.key, state.shardCount);
  const num = state.config.num;
  const result = (status: ShardOpResult['status'], value: string | null): ShardOpResult => ({ client: cmd.client, seq: cmd.seq, status, value, shard, num });
  if (state.config.shards[shard] !== state.gid) {
    state.wrongGroup++;
    return result('wrong-group', null);
  }
  const slot = state.shards[shard];
  if (slot.phase !== 'serving') {
    state.notReady++;
    return result('not-ready', null);
  }
  const sessions = slot.sessions as Record<number, KvSession>;
  const session = sessions[cmd.client];
  if (session !== undefined && cmd.seq <= session.seq) {
    state.duplicates++;
    return result('ok', cmd.seq === session.seq ? session.reply : null);
  }
  const value = applyKvOp(slot.data as Record<string, string>, cmd.op);
  sessions[cmd.client] = Object.freeze({ seq: cmd.seq, reply: value });
  state.appliedOps++;
  return result('ok', value);
}

/** Apply one committed command; returns the result of a client operation, else null. */
export function applyShardKvCommand(state: ShardKvState, cmd: ShardKvCommand): ShardOpResult | null {
  switch (cmd.type) {
    case 'op':
      return applyOp(state, cmd);
    case 'config':
      // Duplicates and configurations proposed out of turn (a stale leader's) change nothing.
      if (cmd.config.num === state.config.num + 1 && settled(state)) applyConfig(state, cmd.config);
      return null;
    case 'install': {
      const slot = state.shards[cmd.shard];
      if (state.config.num === cmd.num && slot !== undefined && slot.phase === 'receiving' && slot.num === cmd.num) {
        serving(slot, cmd.num, { ...cmd.data }, { ...cmd.sessions });
        state.installs++;
      }
      return null;
    }
    case 'delete': {
      const slot = state.shards[cmd.shard];
      if (state.config.num === cmd.num && slot !== undefined && slot.phase === 'sending' && slot.num === cmd.num) {
        slot.phase = 'absent';
        slot.data = null;
        slot.sessions = null;
        state.deletedNum[cmd.shard] = cmd.num;
        state.deletes++;
      }
      return null;
    }
  }
}

/** Whether the group has the shard's data installed for configuration `num` (or has moved past it). */
export function hasInstalled(state: ShardKvState, shard: number, num: number): boolean {
  if (state.config.num > num) return true;
  if (state.config.num < num) return false;
  const slot = state.shards[shard];
  return slot.phase !== 'receiving' && state.config.shards[shard] === state.gid;
}

export function isShardKvCommand(body: unknown): body is ShardKvCommand {
  const type = (body as { type?: unknown } | null)?.type;
  return type === 'op' || type === 'config' || type === 'install' || type === 'delete';
}

/** Keys held by this group (all phases), the figure behind "memory stays bounded". */
export function keysHeld(state: ShardKvState): number {
  let keys = 0;
  for (const slot of state.shards) if (slot.data !== null) keys += Object.keys(slot.data).length;
  return keys;
}
