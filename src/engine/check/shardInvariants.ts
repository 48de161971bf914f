/**
 * Safety of a sharded world, over the service states of every live replica
 * (group 0: the controller; groups 1 …: key-value groups, gid = index),
 * checked after every event in tests and the CLI's checked runs:
 * - every configuration a controller replica holds is well formed: each
 *   shard owned by exactly one group of that configuration;
 * - a replica serves a shard only if its own configuration gives the shard
 *   to its group, and never two groups serve one shard in the same
 *   configuration;
 * - a shard a group has deleted is never served there again in that
 *   configuration or an earlier one, and a group holds data only for shards
 *   it serves, sends or keeps parked (deleted shards hold nothing).
 */
import { InvariantViolation } from '../core/assert';
import { configProblems } from '../services/shardctrler/checks';
import type { ShardCtrlerState } from '../services/shardctrler/service';
import type { ShardKvState } from '../services/shardkv/state';
import type { Journal } from '../sim/trace';

export function checkShardInvariants(servicesByGroup: readonly (readonly unknown[])[], _journal: Journal, nowUs: number): void {
  const fail = (invariant: string, detail: string) => {
    throw new InvariantViolation(invariant, detail, null, null, nowUs);
  };
  for (const state of servicesByGroup[0] as readonly (ShardCtrlerState | null)[]) {
    if (state === null) continue;
    const latest = state.configs[state.configs.length - 1];
    const problems = configProblems(latest, state.shardCount);
    if (problems.length > 0) fail('each shard owned by exactly one group per configuration', problems.join('; '));
  }
  /** `${shard}@${num}` → the gid seen serving it. */
  const servedBy = new Map<string, number>();
  for (let gid = 1; gid < servicesByGroup.length; gid++) {
    for (const raw of servicesByGroup[gid]) {
      const state = raw as ShardKvState | null;
      if (state === null) continue;
      state.shards.forEach((slot, shard) => {
        if (slot.phase === 'absent' && (slot.data !== null || slot.sessions !== null)) fail('a deleted shard holds no data', `g${gid} keeps data of absent shard ${shard}`);
        if (slot.phase !== 'serving') return;
        if (state.config.shards[shard] !== gid) fail('a group serves only shards it owns', `g${gid} serves shard ${shard} but config ${state.config.num} gives it to g${state.config.shards[shard]}`);
        if (slot.num <= state.deletedNum[shard]) fail('a deleted shard is never served', `g${gid} serves shard ${shard} from config ${slot.num} after deleting it in config ${state.deletedNum[shard]}`);
        const key = `${shard}@${state.config.num}`;
        const other = servedBy.get(key);
        if (other !== undefined && other !== gid) fail('one group serves a shard per configuration', `shard ${shard} served by g${other} and g${gid} in config ${state.config.num}`);
        servedBy.set(key, gid);
      });
    }
  }
}
