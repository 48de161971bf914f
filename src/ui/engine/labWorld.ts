/**
 * One shape for both hosts. The in-process `World` answers at once and the
 * worker host's `WorkerWorld` answers with promises; the session drives either
 * through this adapter and reads both through what they share (`WorldBase`).
 * The in-process half lives in inProcessWorld.ts, which needs no browser.
 */
import { WorkerWorld, type LoggedAction, type NodeChannel, type NodeChannelFactory, type WorldConfig } from '../../engine/index';
import type { HostKind } from '../model/types';
import { browserChannelFactory } from './browserChannels';
import { inProcessWorldOf, viewLogTail, worldConfigOf, type LabWorld, type RunConfig } from './inProcessWorld';

export { viewLogTail, worldConfigOf, type LabWorld, type RunConfig };

function onWorkers(world: WorkerWorld): LabWorld {
  return {
    host: 'worker',
    base: world,
    runUntil: (tUs) => world.runUntil(tUs),
    stepEvent: () => world.stepEvent(),
    act: (action) => world.act(action),
    views: () => world.views(),
    seek: null,
    world: null,
    close: () => world.close(),
  };
}

/** Start a fresh world on the chosen host; `scheduled` actions replay at their times (a rebuilt world's log). */
export async function openLabWorld(config: RunConfig, host: HostKind, logTail = viewLogTail, scheduled: readonly LoggedAction[] = []): Promise<LabWorld> {
  return openWorld(worldConfigOf(config), host, logTail, scheduled);
}

/** Start a world for a world config given as is (a lab config's, a scenario's, a run file's). */
export async function openWorld(config: WorldConfig, host: HostKind, logTail = viewLogTail, scheduled: readonly LoggedAction[] = []): Promise<LabWorld> {
  if (host === 'inprocess') return inProcessWorldOf(config, scheduled);
  // Keep the channels, so that the workers already started are closed if another fails to start.
  const opened: NodeChannel[] = [];
  const factory = browserChannelFactory();
  const tracked: NodeChannelFactory = (nodeId) => {
    const channel = factory(nodeId);
    opened.push(channel);
    return channel;
  };
  try {
    return onWorkers(await WorkerWorld.create(config, tracked, scheduled, { logTail }));
  } catch (error) {
    for (const channel of opened) channel.close();
    throw error;
  }
}
