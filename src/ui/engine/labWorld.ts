/**
 * One shape for both hosts. The in-process `World` answers at once and the
 * worker host's `WorkerWorld` answers with promises; the session drives either
 * through this adapter and reads both through what they share (`WorldBase`).
 */
import { World, WorkerWorld, type Action, type NodeChannel, type NodeChannelFactory, type ReplicaView, type WorldBase, type WorldConfig } from '../../engine/index';
import type { HostKind, LabConfig } from '../model/types';
import { browserChannelFactory } from './browserChannels';

/** The part of the lab's config that determines the run (speed and host do not). */
export type RunConfig = Pick<LabConfig, 'seed' | 'nodeCount' | 'protocol' | 'snapshotEveryEntries'>;

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
  close(): void;
}

/** The run a lab config describes: the same on both hosts, so both give the same trace hash. */
export function worldConfigOf(config: RunConfig): WorldConfig {
  return { seed: config.seed, nodeCount: config.nodeCount, protocol: config.protocol, snapshotEveryEntries: config.snapshotEveryEntries };
}

function inProcess(world: World): LabWorld {
  return {
    host: 'inprocess',
    base: world,
    runUntil: async (tUs) => world.runUntil(tUs),
    stepEvent: async () => world.stepEvent(),
    act: async (action) => world.act(action),
    views: () => world.views(viewLogTail),
    close: () => undefined,
  };
}

function onWorkers(world: WorkerWorld): LabWorld {
  return {
    host: 'worker',
    base: world,
    runUntil: (tUs) => world.runUntil(tUs),
    stepEvent: () => world.stepEvent(),
    act: (action) => world.act(action),
    views: () => world.views(),
    close: () => world.close(),
  };
}

/** Start a fresh world on the chosen host. */
export async function openLabWorld(config: RunConfig, host: HostKind, logTail = viewLogTail): Promise<LabWorld> {
  if (host === 'inprocess') return inProcess(new World(worldConfigOf(config)));
  // Keep the channels, so that the workers already started are closed if another fails to start.
  const opened: NodeChannel[] = [];
  const factory = browserChannelFactory();
  const tracked: NodeChannelFactory = (nodeId) => {
    const channel = factory(nodeId);
    opened.push(channel);
    return channel;
  };
  try {
    return onWorkers(await WorkerWorld.create(worldConfigOf(config), tracked, [], { logTail }));
  } catch (error) {
    for (const channel of opened) channel.close();
    throw error;
  }
}
