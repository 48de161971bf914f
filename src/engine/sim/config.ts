/**
 * A world's configuration: with the seed and the action log it determines the
 * whole run. `normalizeConfig` fills defaults and rejects values that would
 * make the run meaningless, with messages that name the field.
 */
import type { ProtocolEntry } from '../protocols/entry';
import { defaultLinkSettings, validateLinkSettings, type LinkSettings } from './network';
import { defaultClientSettings, type ClientSettings } from '../clients/clerk';
import { keyDistributions } from '../clients/workload';
import { bugNames, isBugName, type BugName } from './bugs';
import { validateCpu, type CpuSettings } from './cpu';
import { protocolNames } from '../protocols/registry';
import { defaultShardSettings, shardGroupLayouts, totalReplicas, type GroupLayout, type ShardSettings } from './topology';

export interface WorldConfig {
  seed: number;
  /** A registered protocol name (`raft`, `raft-pv-cq`, …) or an entry (tests). */
  protocol: string | ProtocolEntry;
  /** Replicas in a one-group world; a sharded world counts its own (pass 0 or the total). */
  nodeCount: number;
  /** The CPU service-time model (cpu.ts); all costs 0 or absent: CPUs are infinitely fast. */
  cpu?: Partial<CpuSettings>;
  /** A sharded world: a controller group and key-value replica groups (topology.ts). */
  shards?: Partial<ShardSettings>;
  /** Protocol options on top of the protocol's defaults and preset. */
  options?: Record<string, unknown>;
  /** Steady client load: commands sent to the current leader at a fixed rate. */
  load?: Partial<LoadSettings>;
  /** Settings of every link at the start. */
  network?: Partial<LinkSettings>;
  /** Closed-loop clerks of the key-value service (their presence makes the service `kv`). */
  clients?: Partial<ClientSettings>;
  /** The state machine on top of the log; `kv` when there are clients, else `command-log`. */
  service?: ServiceName;
  /** Rules broken on purpose (see bugs.ts). */
  bugs?: string[];
  /** The service snapshots every this many applied entries (0: never). */
  snapshotEveryEntries?: number;
  /** Check the protocol's safety invariants over all replicas after every event (tests, dev builds). */
  checkInvariants?: boolean;
  /** How many recent trace records are kept for reading. */
  traceCapacity?: number;
  /** Fewest events between checkpoints, and how many are kept before thinning. */
  checkpointMinEvents?: number;
  checkpointMaxKept?: number;
}

export interface LoadSettings {
  /** Client commands per virtual second (0: no load). */
  proposalsPerSecond: number;
  /** Payload size of each command in bytes. */
  commandBytes: number;
}

export type ServiceName = 'command-log' | 'kv' | 'shardkv';

export interface ResolvedWorldConfig {
  load: LoadSettings;
  clients: ClientSettings;
  service: ServiceName;
  bugs: BugName[];
  seed: number;
  nodeCount: number;
  /** Sharded worlds: the topology; null for a one-group world. */
  shards: ShardSettings | null;
  cpu: CpuSettings;
  /** The replica groups: one for a plain world; the controller and the key-value groups for a sharded one. */
  groups: GroupLayout[];
  options: Record<string, unknown>;
  network: LinkSettings;
  snapshotEveryEntries: number;
  checkInvariants: boolean;
  traceCapacity: number;
  checkpointMinEvents: number;
  checkpointMaxKept: number;
}

export const maxNodeCount = 15;
/** A sharded world's replicas, all groups together. */
export const maxShardedNodeCount = 64;

function resolveShards(config: WorldConfig, problems: string[]): ShardSettings | null {
  if (config.shards === undefined) return null;
  const groupSizes = [...(config.shards.groupSizes ?? defaultShardSettings.groupSizes)];
  // Unless told otherwise, every group joins at the start.
  const s: ShardSettings = { ...defaultShardSettings, initialGroups: groupSizes.length, ...config.shards, groupSizes, groupProtocols: [...(config.shards.groupProtocols ?? [])] };
  const whole = (v: unknown, min: number, max: number) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
  if (!whole(s.controllerServers, 1, maxNodeCount)) problems.push(`shards.controllerServers: must be a whole number from 1 to ${maxNodeCount}`);
  if (!Array.isArray(s.groupSizes) || s.groupSizes.length < 1 || s.groupSizes.length > 12) problems.push('shards.groupSizes: must list 1 to 12 group sizes');
  else s.groupSizes.forEach((n, i) => whole(n, 1, maxNodeCount) || problems.push(`shards.groupSizes[${i}]: must be a whole number from 1 to ${maxNodeCount}`));
  if (!whole(s.initialGroups, 0, Array.isArray(s.groupSizes) ? s.groupSizes.length : 0)) problems.push('shards.initialGroups: must be a whole number from 0 to the number of groups');
  if (!whole(s.shardCount, 1, 256)) problems.push('shards.shardCount: must be a whole number from 1 to 256');
  if (!whole(s.pollIntervalUs, 1000, 10_000_000)) problems.push('shards.pollIntervalUs: must be a whole number of microseconds from 1000 to 10000000');
  if (!Array.isArray(s.groupProtocols) || (s.groupProtocols.length > 0 && Array.isArray(s.groupSizes) && s.groupProtocols.length !== s.groupSizes.length + 1)) {
    problems.push('shards.groupProtocols: must name one protocol per group, the controller first');
  } else {
    s.groupProtocols.forEach((name, i) => {
      if (!protocolNames().includes(name)) problems.push(`shards.groupProtocols[${i}]: "${name}" is not a protocol of this lab (${protocolNames().join(', ')})`);
    });
  }
  return s;
}

export function normalizeConfig(config: WorldConfig): ResolvedWorldConfig {
  const problems: string[] = [];
  if (!Number.isSafeInteger(config.seed) || config.seed < 0) problems.push('seed: must be a whole number ≥ 0');
  const shards = resolveShards(config, problems);
  let nodeCount = config.nodeCount;
  let groups: GroupLayout[] = [];
  if (shards !== null && problems.length === 0) {
    groups = shardGroupLayouts(shards);
    const total = totalReplicas(groups);
    if (config.nodeCount !== 0 && config.nodeCount !== total) problems.push(`nodeCount: a sharded world of these groups has ${total} replicas, not ${config.nodeCount}`);
    if (total > maxShardedNodeCount) problems.push(`shards: at most ${maxShardedNodeCount} replicas in all`);
    nodeCount = total;
  } else if (shards === null) {
    if (!Number.isInteger(nodeCount) || nodeCount < 1 || nodeCount > maxNodeCount) problems.push(`nodeCount: must be a whole number from 1 to ${maxNodeCount}`);
  }
  const network: LinkSettings = { ...defaultLinkSettings, ...(config.network ?? {}) };
  problems.push(...validateLinkSettings(network).map((p) => `network.${p}`));
  const snapshotEveryEntries = config.snapshotEveryEntries ?? 0;
  if (!Number.isInteger(snapshotEveryEntries) || snapshotEveryEntries < 0) problems.push('snapshotEveryEntries: must be a whole number ≥ 0');
  const load: LoadSettings = { proposalsPerSecond: 0, commandBytes: 64, ...(config.load ?? {}) };
  if (!(load.proposalsPerSecond >= 0 && load.proposalsPerSecond <= 100_000)) problems.push('load.proposalsPerSecond: must be between 0 and 100000');
  if (!Number.isInteger(load.commandBytes) || load.commandBytes < 0) problems.push('load.commandBytes: must be a whole number ≥ 0');
  const clients: ClientSettings = { ...defaultClientSettings, ...(config.clients ?? {}) };
  const whole = (v: number, min: number, max: number) => Number.isInteger(v) && v >= min && v <= max;
  if (!whole(clients.count, 0, 500)) problems.push('clients.count: must be a whole number from 0 to 500');
  if (!whole(clients.keys, 1, 1_000_000)) problems.push('clients.keys: must be a whole number from 1 to 1000000');
  if (!keyDistributions.includes(clients.keyDistribution)) problems.push(`clients.keyDistribution: must be one of ${keyDistributions.join(', ')}`);
  if (!(clients.zipfSkew >= 0 && clients.zipfSkew <= 10)) problems.push('clients.zipfSkew: must be between 0 and 10');
  if (!(clients.hotFraction >= 0 && clients.hotFraction <= 1)) problems.push('clients.hotFraction: must be between 0 and 1');
  if (!Array.isArray(clients.hotShards) || !clients.hotShards.every((x) => whole(x, 0, 255))) problems.push('clients.hotShards: must list shard numbers');
  if (!whole(clients.valueBytes, 0, 1_000_000)) problems.push('clients.valueBytes: must be a whole number from 0 to 1000000');
  if (!(clients.openLoopOpsPerSecond >= 0 && clients.openLoopOpsPerSecond <= 1_000_000)) problems.push('clients.openLoopOpsPerSecond: must be between 0 and 1000000');
  if (!(clients.readRatio >= 0 && clients.readRatio <= 1)) problems.push('clients.readRatio: must be between 0 and 1');
  if (!(clients.appendRatio >= 0 && clients.appendRatio <= 1)) problems.push('clients.appendRatio: must be between 0 and 1');
  if (!whole(clients.thinkTimeUs, 0, 1e9)) problems.push('clients.thinkTimeUs: must be a whole number ≥ 0');
  if (!whole(clients.requestTimeoutUs, 1000, 1e9)) problems.push('clients.requestTimeoutUs: must be a whole number ≥ 1000');
  if (!whole(clients.opsPerClient, 0, 1e9)) problems.push('clients.opsPerClient: must be a whole number ≥ 0');
  const service: ServiceName = config.service ?? (shards !== null ? 'shardkv' : clients.count > 0 ? 'kv' : 'command-log');
  if (service !== 'kv' && service !== 'command-log' && service !== 'shardkv') problems.push('service: must be "kv", "command-log" or "shardkv"');
  if ((service === 'shardkv') !== (shards !== null)) problems.push('service: "shardkv" goes with a `shards` topology, and a `shards` topology with "shardkv"');
  else if (clients.count > 0 && service === 'command-log') problems.push('service: clients need the "kv" or "shardkv" service');
  if (shards !== null && (config.load?.proposalsPerSecond ?? 0) > 0) problems.push('load.proposalsPerSecond: a sharded world takes its load from clients, not from proposals');
  problems.push(...validateCpu(config.cpu));
  const bugs = config.bugs ?? [];
  bugs.forEach((bug, i) => {
    if (!isBugName(bug)) problems.push(`bugs[${i}]: "${bug}" is not a bug toggle; known: ${bugNames.join(', ')}`);
  });
  if (problems.length > 0) throw new ConfigError(problems);
  if (shards === null) groups = [{ index: 0, base: 0, size: nodeCount, service: service === 'kv' ? 'kv' : 'command-log', protocol: null }];
  return {
    seed: config.seed,
    nodeCount,
    shards,
    groups,
    cpu: { messageUs: config.cpu?.messageUs ?? 0, applyUs: config.cpu?.applyUs ?? 0, clientOpUs: config.cpu?.clientOpUs ?? 0 },
    options: { ...(config.options ?? {}) },
    network,
    load,
    clients,
    service,
    bugs: [...new Set(bugs as BugName[])].sort(),
    snapshotEveryEntries,
    checkInvariants: config.checkInvariants ?? false,
    traceCapacity: config.traceCapacity ?? 1 << 15,
    checkpointMinEvents: config.checkpointMinEvents ?? 20_000,
    checkpointMaxKept: config.checkpointMaxKept ?? 256,
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}
