/**
 * What a sharded world looks like right now, for the page, the CLI and
 * tests: the controller's configuration history, and for every key-value
 * group its replicas, leader, configuration and the phase and size of every
 * shard. Read from the replicas' service states (in-process host).
 */
import type { Config } from '../services/shardctrler/types';
import type { ShardCtrlerState } from '../services/shardctrler/service';
import type { ShardKvState } from '../services/shardkv/state';
import type { ShardPhase } from '../services/shardkv/types';
import type { GroupLayout } from './topology';

export interface ShardGroupView {
  gid: number;
  /** Global endpoints of the group's replicas. */
  nodes: number[];
  up: boolean[];
  leader: number | null;
  /** Term (Raft) or ballot (OmniPaxos) of the leader, or the highest seen. */
  term: number;
  /** The configuration the group's leader (else its most advanced live replica) has applied. */
  configNum: number;
  /** Per shard, as that replica sees it. */
  phases: ShardPhase[];
  /** Per shard, keys held (0 when none). */
  keys: number[];
  /** Keys held in all, every phase: zero once every shard has moved away and been deleted. */
  keysHeld: number;
  /** Is the group a member of the newest configuration? */
  member: boolean;
}

export interface ShardWorldView {
  shardCount: number;
  /** The controller's configuration history (from its most advanced live replica). */
  configs: readonly Config[];
  controller: { nodes: number[]; up: boolean[]; leader: number | null; term: number };
  groups: ShardGroupView[];
}

export interface ShardViewSource {
  groups: readonly GroupLayout[];
  shardCount: number;
  isUp(node: number): boolean;
  leader(group: number): number | null;
  term(node: number): number;
  serviceState(node: number): unknown;
}

function nodesOf(g: GroupLayout): number[] {
  return Array.from({ length: g.size }, (_, i) => g.base + i);
}

export function shardWorldView(src: ShardViewSource): ShardWorldView {
  const [ctrlLayout, ...kvLayouts] = src.groups;
  const ctrlNodes = nodesOf(ctrlLayout);
  let configs: readonly Config[] = [];
  for (const n of ctrlNodes) {
    if (!src.isUp(n)) continue;
    const s = src.serviceState(n) as ShardCtrlerState;
    if (s.configs.length > configs.length) configs = s.configs;
  }
  const latest = configs[configs.length - 1];
  const ctrlLeader = src.leader(0);
  return {
    shardCount: src.shardCount,
    configs,
    controller: { nodes: ctrlNodes, up: ctrlNodes.map((n) => src.isUp(n)), leader: ctrlLeader, term: Math.max(0, ...ctrlNodes.map((n) => src.term(n))) },
    groups: kvLayouts.map((g) => {
      const nodes = nodesOf(g);
      const leader = src.leader(g.index);
      let best: ShardKvState | null = leader !== null ? (src.serviceState(leader) as ShardKvState) : null;
      if (best === null) {
        for (const n of nodes) {
          if (!src.isUp(n)) continue;
          const s = src.serviceState(n) as ShardKvState;
          if (best === null || s.config.num > best.config.num) best = s;
        }
      }
      const phases: ShardPhase[] = best === null ? new Array<ShardPhase>(src.shardCount).fill('absent') : best.shards.map((slot) => slot.phase);
      const keys = best === null ? new Array<number>(src.shardCount).fill(0) : best.shards.map((slot) => (slot.data === null ? 0 : Object.keys(slot.data).length));
      return {
        gid: g.index,
        nodes,
        up: nodes.map((n) => src.isUp(n)),
        leader,
        term: Math.max(0, ...nodes.map((n) => src.term(n))),
        configNum: best === null ? 0 : best.config.num,
        phases,
        keys,
        keysHeld: keys.reduce((a, b) => a + b, 0),
        member: latest !== undefined && latest.groups[g.index] !== undefined,
      };
    }),
  };
}
