/**
 * The lab's world adapter (labWorld.ts) and its in-process half: the world
 * config a lab config describes, and the in-process `World` behind the
 * adapter. Nothing here needs a browser, so tests use it directly.
 */
import { World, type Action, type LoggedAction, type ReplicaView, type WorldBase, type WorldConfig } from '../../engine/index';
import { bugWorldExtras } from '../model/bugSetups';
import { isReliable } from '../model/linkSettings';
import { raftWorldOptions } from '../model/raftOptions';
import type { HostKind, LabConfig, ShardLabSettings } from '../model/types';
import { shardGroupServers } from '../params/labParams';

/** The part of the lab's config that determines the run (speed and host do not). */
export type RunConfig = Omit<LabConfig, 'speed' | 'host'>;

/** How many of the newest log entries each node's view carries. */
export const viewLogTail = 40;

export interface LabWorld {
  readonly host: HostKind;
  /** Read-only access to the coordinator: clock, links, in-flight messages, trace, stats. */
  readonly base: WorldBase;
  runUntil(tUs: number): Promise<void>;
  stepEvent(): Promise<boolean>;
  act(action: Action): Promise<void>;
  views(): (ReplicaView | null)[];
  /** Time travel in this world, or null when the host cannot (the session rebuilds the world instead). */
  readonly seek: ((tUs: number) => Promise<void>) | null;
  /** The in-process world itself (scenario steps resolve `leader` and act on it), or null on workers. */
  readonly world: World | null;
  close(): void;
}

/**
 * The run a lab config describes: the same on both hosts, so both give the
 * same trace hash. A bug brings its scenario's clerk settings and protocol
 * options, and invariants checked after every event (in-process), so that a
 * broken rule that breaks safety stops the run and says which invariant.
 */
export function worldConfigOf(config: RunConfig): WorldConfig {
  const extras = config.bug === null ? null : bugWorldExtras(config.bug);
  const toggles = raftWorldOptions(config);
  const options = extras?.options !== undefined || toggles !== undefined ? { ...(extras?.options ?? {}), ...(toggles ?? {}) } : undefined;
  return {
    seed: config.seed,
    // A sharded world counts its own servers.
    nodeCount: config.shards === null ? config.nodeCount : 0,
    protocol: config.protocol,
    snapshotEveryEntries: config.snapshotEveryEntries,
    ...(options !== undefined ? { options } : {}),
    ...(isReliable(config.network) ? {} : { network: { ...config.network } }),
    ...(config.clients > 0 ? { clients: { ...(extras?.clients ?? {}), ...(config.shards !== null ? shardClerkSettings : {}), count: config.clients } } : {}),
    ...(config.bug !== null ? { bugs: [config.bug], checkInvariants: extras?.checkInvariants ?? true } : {}),
    ...(config.shards !== null ? { shards: shardSettingsOf(config.shards) } : {}),
  };
}

/** Shard clerks spread over enough keys that every shard holds some (the built-in shard scenarios' setting). */
const shardClerkSettings = { keys: 40 } as const;

/** The engine's topology for the page's sharded settings: groups of three behind a three-server controller, ten shards. */
export function shardSettingsOf(shards: ShardLabSettings): NonNullable<WorldConfig['shards']> {
  return { controllerServers: shardGroupServers, groupSizes: new Array<number>(shards.groups).fill(shardGroupServers), initialGroups: shards.initialGroups, shardCount: 10 };
}

/** The in-process host behind the lab's adapter. */
export function inProcessLabWorld(config: RunConfig, scheduled: readonly LoggedAction[] = []): LabWorld {
  return inProcessWorldOf(worldConfigOf(config), scheduled);
}

/** The in-process host for a world config given as is (a scenario's, a run file's). */
export function inProcessWorldOf(config: WorldConfig, scheduled: readonly LoggedAction[] = []): LabWorld {
  const world = new World(config, scheduled);
  return {
    host: 'inprocess',
    base: world,
    runUntil: async (tUs) => world.runUntil(tUs),
    stepEvent: async () => world.stepEvent(),
    act: async (action) => world.act(action),
    views: () => world.views(viewLogTail),
    seek: async (tUs) => world.seek(tUs),
    world,
    close: () => undefined,
  };
}

