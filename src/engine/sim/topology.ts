/**
 * How a world's replicas are arranged in replica groups. A plain world has
 * one group: every replica runs the same log and the same service. A sharded
 * world (`WorldConfig.shards`) has a shard-controller group (group 0, the
 * first `controllerServers` replicas) followed by key-value replica groups
 * with gids 1, 2, … in order; a group's index is its gid. Each group runs its
 * own instance of the protocol over its own replicas, which it numbers from
 * 0 (its local ids); on the network every replica has one global endpoint.
 */

/** The state machine a group runs on top of its log. */
export type GroupService = 'command-log' | 'kv' | 'shardctrler' | 'shardkv';

export interface GroupLayout {
  /** Group index; for a sharded world also the gid (0 is the controller). */
  index: number;
  /** Global endpoint of the group's local replica 0. */
  base: number;
  size: number;
  service: GroupService;
  /** The group's protocol, when it differs from the world's (sharded worlds: `shards.groupProtocols`); null: the world's. */
  protocol: string | null;
}

export interface ShardSettings {
  /** Replicas of the shard controller (group 0). */
  controllerServers: number;
  /** Replicas of each key-value group; group gid i+1 has groupSizes[i] replicas. */
  groupSizes: number[];
  /** How many groups (gids 1 … initialGroups) join at the start, in one Join (default: all). */
  initialGroups: number;
  /** Fixed number of shards (10 in the labs). */
  shardCount: number;
  /** How often a group's leader polls the controller and resends shards in flight. */
  pollIntervalUs: number;
  /**
   * A protocol per group, the controller first (`['raft', 'omnipaxos', 'raft']`):
   * any group may run either. Empty: every group runs the world's protocol.
   */
  groupProtocols: string[];
}

export const defaultShardSettings: Readonly<ShardSettings> = Object.freeze({
  controllerServers: 3,
  groupSizes: [3, 3, 3],
  initialGroups: 3,
  shardCount: 10,
  pollIntervalUs: 100_000,
  groupProtocols: [],
});

export function shardGroupLayouts(s: ShardSettings): GroupLayout[] {
  const protocol = (g: number): string | null => s.groupProtocols[g] ?? null;
  const groups: GroupLayout[] = [{ index: 0, base: 0, size: s.controllerServers, service: 'shardctrler', protocol: protocol(0) }];
  let base = s.controllerServers;
  s.groupSizes.forEach((size, i) => {
    groups.push({ index: i + 1, base, size, service: 'shardkv', protocol: protocol(i + 1) });
    base += size;
  });
  return groups;
}

export function totalReplicas(groups: readonly GroupLayout[]): number {
  return groups.reduce((sum, g) => sum + g.size, 0);
}

/** node → group index, for every replica of the world. */
export function groupIndexByNode(groups: readonly GroupLayout[]): number[] {
  const out: number[] = [];
  for (const g of groups) for (let i = 0; i < g.size; i++) out.push(g.index);
  return out;
}

/** A replica's name on the page and in configurations: n1, n2, … by global endpoint. */
export function serverName(node: number): string {
  return `n${node + 1}`;
}

/** The global endpoint a server name stands for, or −1. */
export function serverEndpoint(name: string): number {
  const m = /^n([1-9][0-9]*)$/.exec(name);
  return m === null ? -1 : Number(m[1]) - 1;
}

/** The endpoints of a group's servers, as a configuration names them (none for a group it does not list). */
export function serverEndpoints(names: readonly string[] | undefined): number[] {
  return (names ?? []).map(serverEndpoint).filter((e) => e >= 0);
}
