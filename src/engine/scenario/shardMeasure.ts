/**
 * What a sharded run is measured by (the CLI's `--json`, scenario
 * expectations, the tests):
 * - `configs`: the newest configuration every member group has applied;
 * - `shardMoves`: shard handoffs between groups over the configurations
 *   (a first assignment from "no group" is not a move);
 * - `opsCompleted` and whether the history is linearizable;
 * - `unaffectedDowntimeMs`: over the shards that never changed owner, the
 *   longest time an operation on one of them waited after a group refused it
 *   (`wrong-group` or `not-ready`) until it completed (or the run ended). A
 *   design that stops every shard during a reconfiguration refuses them;
 *   one that keeps unaffected shards serving never does, which gives 0.
 */
import type { Config } from '../services/shardctrler/types';
import type { ClientOperationRecord } from '../sim/trace';
import type { ShardWorldView } from '../sim/shardView';

export interface ShardMeasurements {
  configs: number;
  shardMoves: number;
  opsCompleted: number;
  linearizable: boolean | null;
  unaffectedDowntimeMs: number;
  /** The shards that never changed owner after their first assignment. */
  unaffectedShards: number[];
  /** Keys each group still holds (all phases), by gid. */
  keysHeld: Record<number, number>;
}

export function shardMoves(configs: readonly Config[]): number {
  let moves = 0;
  for (let i = 1; i < configs.length; i++) {
    configs[i].shards.forEach((gid, s) => {
      const before = configs[i - 1].shards[s];
      if (before !== 0 && gid !== before) moves++;
    });
  }
  return moves;
}

export function unaffectedShards(configs: readonly Config[], shardCount: number): number[] {
  const out: number[] = [];
  for (let s = 0; s < shardCount; s++) {
    const owners = new Set(configs.map((c) => c.shards[s]).filter((gid) => gid !== 0));
    if (owners.size <= 1) out.push(s);
  }
  return out;
}

export function unaffectedDowntimeUs(history: readonly ClientOperationRecord[], unaffected: readonly number[], endUs: number): number {
  const set = new Set(unaffected);
  let worst = 0;
  for (const op of history) {
    if (op.shard === undefined || !set.has(op.shard) || op.refusedAtUs === undefined) continue;
    worst = Math.max(worst, (op.returnUs ?? endUs) - op.refusedAtUs);
  }
  return worst;
}

/**
 * `changesFromUs`: when the first configuration change after the start-up
 * Join was asked for. Refusals before it belong to the start (clerks that
 * learn configuration 1 before the groups have applied it), not to a change.
 */
export function measureShards(view: ShardWorldView, history: readonly ClientOperationRecord[], endUs: number, linearizable: boolean | null, changesFromUs: number): ShardMeasurements {
  // Groups with every server down cannot apply anything; they do not hold the figure back.
  const members = view.groups.filter((g) => g.member && g.up.some(Boolean));
  const unaffected = unaffectedShards(view.configs, view.shardCount);
  const afterChanges = history.filter((op) => op.refusedAtUs === undefined || op.refusedAtUs >= changesFromUs);
  return {
    configs: members.length === 0 ? 0 : Math.min(...members.map((g) => g.configNum)),
    shardMoves: shardMoves(view.configs),
    opsCompleted: history.filter((op) => op.returnUs !== null).length,
    linearizable,
    unaffectedDowntimeMs: Math.round(unaffectedDowntimeUs(afterChanges, unaffected, endUs) / 100) / 10,
    unaffectedShards: unaffected,
    keysHeld: Object.fromEntries(view.groups.map((g) => [g.gid, g.keysHeld])),
  };
}

/**
 * Whether the shards `gid` owned at `startUs` (by the configuration in force
 * then) were served after it: every such shard with operations invoked
 * after `startUs` saw one complete (served), or none of them completed one
 * (not served). Returns the verdict and a sentence.
 */
export function shardsServedAfter(configs: readonly Config[], configNumAtStart: number, gid: number, history: readonly ClientOperationRecord[], startUs: number): { served: boolean | null; detail: string } {
  const config = configs[Math.min(configNumAtStart, configs.length - 1)];
  const shards = config === undefined ? [] : config.shards.map((g, s) => (g === gid ? s : -1)).filter((s) => s >= 0);
  if (shards.length === 0) return { served: null, detail: `g${gid} owned no shard when the fault started` };
  const completed = new Map<number, number>();
  const tried = new Set<number>();
  for (const op of history) {
    if (op.shard === undefined || !shards.includes(op.shard) || op.invokeUs < startUs) continue;
    tried.add(op.shard);
    if (op.returnUs !== null) completed.set(op.shard, (completed.get(op.shard) ?? 0) + 1);
  }
  const servedShards = [...tried].filter((s) => completed.has(s));
  const detail = `shards ${shards.join(', ')} of g${gid}: ${servedShards.length} of ${tried.size} with operations were served after the fault started`;
  if (tried.size === 0) return { served: null, detail };
  if (servedShards.length === tried.size) return { served: true, detail };
  if (servedShards.length === 0) return { served: false, detail };
  return { served: null, detail };
}
