/**
 * The sharded store for the Shards view: the engine's `ShardWorldView` (the
 * controller's configuration history and every group's phases) read into
 * plain view models. Pure functions, so that the tests drive them with
 * hand-made views; the session calls `projectShards` on every publish.
 *
 * A shard is drawn as its owner in the newest configuration sees it. A shard
 * is in flight while the group that owned it before still holds it (phase
 * `sending`, or `parked` after every group left) and the new owner has not
 * installed it yet (phase `receiving`, or not yet aware of the configuration).
 */
import type { TraceMark } from '../../engine/index';
import { key2shard } from '../../engine/services/shardctrler/key2shard';
import type { Config } from '../../engine/services/shardctrler/types';
import type { ShardWorldView } from '../../engine/sim/shardView';
import { serverEndpoint, serverName } from '../../engine/sim/topology';
import type { ConfigTickVM, GroupServerVM, KeyRouteVM, MessageVM, ShardCellVM, ShardGroupVM, ShardStateVM, ShardsVM } from '../model/types';

/** When each configuration was announced, and by which request: read from the trace's marks. */
export interface ConfigMark {
  atUs: number;
  label: string;
}

/** The suffix of the administrator's mark for a request that made a configuration (clients.ts). */
const configMarkSuffix = ' → config';

/**
 * Reads the administrator's marks (`Join(g3) → config`, a = the number) as
 * they arrive. Marks are rewritten in place when the world travels back, so
 * after a rewind it reads them all again.
 */
export class ConfigMarkReader {
  private cursor = 0;
  readonly marks = new Map<number, ConfigMark>();

  observe(marks: readonly TraceMark[]): void {
    if (marks.length < this.cursor) this.reset();
    for (; this.cursor < marks.length; this.cursor++) {
      const m = marks[this.cursor];
      if (m.kind !== 'note' || m.a < 0 || !m.label.endsWith(configMarkSuffix)) continue;
      this.marks.set(m.a, { atUs: m.timeUs, label: m.label.slice(0, -configMarkSuffix.length) });
    }
  }

  reset(): void {
    this.cursor = 0;
    this.marks.clear();
  }
}

function gidsOf(config: Config | undefined): number[] {
  return config === undefined
    ? []
    : Object.keys(config.groups)
        .map(Number)
        .sort((a, b) => a - b);
}

/** One tick per configuration: what joined, what left and which shards moved since the one before. */
export function configTicks(configs: readonly Config[], marks: ReadonlyMap<number, ConfigMark>): ConfigTickVM[] {
  return configs.map((config, i) => {
    const before = i > 0 ? configs[i - 1] : undefined;
    const was = new Set(gidsOf(before));
    const now = gidsOf(config);
    const moved: ConfigTickVM['moved'] = [];
    config.shards.forEach((to, shard) => {
      const from = before?.shards[shard] ?? 0;
      if (from !== to) moved.push({ shard, from, to });
    });
    const mark = marks.get(config.num);
    return {
      num: config.num,
      // Configuration 0 (no groups) is there from the start.
      atUs: mark?.atUs ?? (config.num === 0 ? 0 : null),
      label: mark?.label ?? null,
      joined: now.filter((g) => !was.has(g)),
      left: [...was].filter((g) => !now.includes(g)).sort((a, b) => a - b),
      moved,
    };
  });
}

/** Every shard as its newest owner sees it, and where it is coming from. */
export function shardCells(view: ShardWorldView): ShardCellVM[] {
  const newest = view.configs[view.configs.length - 1];
  const cells: ShardCellVM[] = [];
  for (let shard = 0; shard < view.shardCount; shard++) {
    const owner = newest?.shards[shard] ?? 0;
    const ownerView = owner === 0 ? undefined : view.groups.find((g) => g.gid === owner);
    const ownerPhase = ownerView?.phases[shard] ?? 'absent';
    // The group the shard is leaving: not its owner, and holding it (pushing it, parked there, or still
    // serving it under an older configuration while the new owner waits).
    const others = view.groups.filter((g) => g.gid !== owner);
    const source = others.find((g) => g.phases[shard] === 'sending' || g.phases[shard] === 'parked') ?? (ownerPhase === 'serving' ? undefined : others.find((g) => g.phases[shard] === 'serving'));
    let state: ShardStateVM;
    if (owner === 0) state = view.groups.some((g) => g.phases[shard] === 'parked') ? 'parked' : 'absent';
    else if (ownerPhase !== 'absent') state = ownerPhase;
    else state = source?.phases[shard] === 'sending' ? 'sending' : 'absent';
    const from = owner === 0 || source === undefined || ownerPhase === 'serving' ? null : source.gid;
    const inFlight = from !== null && (state === 'receiving' || state === 'sending');
    const keys = ownerPhase === 'serving' || source === undefined ? (ownerView?.keys[shard] ?? 0) : source.keys[shard];
    cells.push({ shard, owner, state, from, inFlight, keys });
  }
  return cells;
}

function servers(nodes: readonly number[], up: readonly boolean[], leader: number | null): GroupServerVM[] {
  return nodes.map((id, i) => ({ id, name: serverName(id), up: up[i], leader: id === leader }));
}

/** The controller (gid 0) and every key-value group as mini clusters. */
export function groupVMs(view: ShardWorldView): ShardGroupVM[] {
  const newest = view.configs[view.configs.length - 1];
  const controller: ShardGroupVM = {
    gid: 0,
    controller: true,
    servers: servers(view.controller.nodes, view.controller.up, view.controller.leader),
    leader: view.controller.leader,
    term: view.controller.term,
    configNum: newest?.num ?? 0,
    keysHeld: 0,
    member: true,
    serving: 0,
  };
  return [
    controller,
    ...view.groups.map((g) => ({
      gid: g.gid,
      controller: false,
      servers: servers(g.nodes, g.up, g.leader),
      leader: g.leader,
      term: g.term,
      configNum: g.configNum,
      keysHeld: g.keysHeld,
      member: g.member,
      serving: g.phases.filter((p) => p === 'serving').length,
    })),
  ];
}

/** The whole Shards view. `marks`: when each configuration was announced (ConfigMarkReader). */
export function projectShards(view: ShardWorldView, marks: ReadonlyMap<number, ConfigMark>): ShardsVM {
  const newest = view.configs[view.configs.length - 1];
  const serversByGid: Record<number, string[]> = {};
  for (const gid of gidsOf(newest)) serversByGid[gid] = [...(newest as Config).groups[gid]];
  return {
    shardCount: view.shardCount,
    configNum: newest?.num ?? 0,
    cells: shardCells(view),
    groups: groupVMs(view),
    configs: configTicks(view.configs, marks),
    servers: serversByGid,
  };
}

/**
 * Where `key` lives now: its shard (key2shard, as the clerks compute it),
 * the shard's owner in the newest configuration and that group's servers,
 * up or down, with its leader. Null for an empty key.
 */
export function routeKey(key: string, shards: ShardsVM): KeyRouteVM | null {
  if (key === '') return null;
  const shard = key2shard(key, shards.shardCount);
  const cell = shards.cells[shard];
  const owner = cell?.owner ?? 0;
  const group = shards.groups.find((g) => g.gid === owner && !g.controller);
  const names = shards.servers[owner] ?? [];
  const route = names.map((name) => {
    const id = serverEndpoint(name);
    return group?.servers.find((s) => s.id === id) ?? { id, name, up: false, leader: false };
  });
  return { key, shard, owner, state: cell?.state ?? 'absent', servers: route };
}

/** A shard travelling between two groups, and how far along (0 at the sender, 1 at the receiver). */
export interface ShardFlightVM {
  shard: number;
  from: number;
  to: number;
  progress: number;
}

/**
 * The shards in flight and where each marker is: as far along as the
 * furthest ShardPush of that shard on the wire, or at the sender while none
 * is (the sender has not pushed yet, or pushes again after a loss).
 */
export function shardFlights(cells: readonly ShardCellVM[], messages: readonly MessageVM[], nowUs: number): ShardFlightVM[] {
  const pushProgress = new Map<number, number>();
  for (const m of messages) {
    const shard = m.shard;
    if (shard === null) continue;
    const t = m.deliverUs <= m.sentUs ? 1 : Math.min(1, Math.max(0, (nowUs - m.sentUs) / (m.deliverUs - m.sentUs)));
    pushProgress.set(shard, Math.max(pushProgress.get(shard) ?? 0, t));
  }
  return cells.filter((c) => c.inFlight && c.from !== null).map((c) => ({ shard: c.shard, from: c.from as number, to: c.owner, progress: pushProgress.get(c.shard) ?? 0 }));
}

/** Equal for drawing: the store keeps the old view model when this holds. */
export function sameShards(a: ShardsVM | null, b: ShardsVM | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
