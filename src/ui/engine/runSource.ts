/**
 * Where a run comes from when it is not the lab's own settings: a scenario
 * (its world config and timeline) or a run file / permalink (a world config
 * and an action log). The session runs the world config as given; the lab
 * config derived here only tells the page what to draw (nodes, clients).
 */
import { createWorld, resolveNode, type LoggedAction, type Scenario, type TimelineStep, type WorldConfig } from '../../engine/index';
import type { BugName } from '../../engine/sim/bugs';
import { defaultShardSettings } from '../../engine/sim/topology';
import { reliableSettings } from '../model/linkSettings';
import type { LabConfig } from '../model/types';

export interface RunSource {
  /** The world config as given (it names its protocol). */
  worldConfig: WorldConfig;
  /** Actions to replay at their times (a run file's log). */
  log: LoggedAction[];
  /** The scenario whose timeline is applied and whose narration is shown, if any. */
  scenario: Scenario | null;
  /** Where to stop, paused, once started (a permalink's moment); null: play from zero. */
  atUs: number | null;
}

/** The lab config the page draws for a world config it did not make. */
export function labConfigOfWorld(config: WorldConfig, speed: number): LabConfig {
  const options = (config.options ?? {}) as Record<string, unknown>;
  const net = config.network ?? {};
  const shards = config.shards;
  return {
    seed: config.seed,
    nodeCount: shards === undefined ? config.nodeCount : shardedServers(shards),
    host: 'inprocess',
    protocol: protocolNameOf(config),
    preVote: options.preVote === true,
    checkQuorum: options.checkQuorum === true,
    clients: config.clients?.count ?? 0,
    bug: (config.bugs?.[0] as BugName | undefined) ?? null,
    network: {
      latencyMinUs: net.latencyMinUs ?? reliableSettings.latencyMinUs,
      latencyMaxUs: net.latencyMaxUs ?? reliableSettings.latencyMaxUs,
      lossRatio: net.lossRatio ?? 0,
      duplicateRatio: net.duplicateRatio ?? 0,
    },
    snapshotEveryEntries: config.snapshotEveryEntries ?? 0,
    speed,
    shards: shards === undefined ? null : { groups: groupSizesOf(shards).length, initialGroups: shards.initialGroups ?? groupSizesOf(shards).length },
  };
}

function groupSizesOf(shards: NonNullable<WorldConfig['shards']>): readonly number[] {
  return shards.groupSizes ?? defaultShardSettings.groupSizes;
}

/** Servers of a sharded world config, controller and groups together (its `nodeCount` is 0). */
function shardedServers(shards: NonNullable<WorldConfig['shards']>): number {
  return (shards.controllerServers ?? defaultShardSettings.controllerServers) + groupSizesOf(shards).reduce((sum, size) => sum + size, 0);
}

/** The registered name of a world config's protocol. */
export function protocolNameOf(config: WorldConfig): string {
  const protocol = config.protocol ?? 'raft';
  return typeof protocol === 'string' ? protocol : protocol.name;
}

/** Virtual time of a timeline step, µs. */
export function stepAtUs(step: TimelineStep): number {
  return Math.round(step.at * 1000);
}

/**
 * The names a scenario's first `count` steps bound (`$L`, `$A`), for a run
 * opened from a file whose log already holds those steps' actions. The log is
 * replayed on a scratch world, stopping at each binding step's time before
 * that instant's actions, exactly where the step resolved its names.
 */
export function recoverBindings(worldConfig: WorldConfig, log: readonly LoggedAction[], timeline: readonly TimelineStep[], count: number): Record<string, number> {
  const bindings: Record<string, number> = {};
  const binding = timeline.slice(0, count).filter((s) => s.bind !== undefined && Object.keys(s.bind).length > 0);
  if (binding.length === 0) return bindings;
  const world = createWorld({ ...worldConfig, checkInvariants: false });
  let next = 0;
  const resolveAt = (limitUs: number) => {
    while (next < binding.length && stepAtUs(binding[next]) <= limitUs) {
      world.runUntil(stepAtUs(binding[next]));
      for (const [name, ref] of Object.entries(binding[next].bind ?? {})) {
        try {
          bindings[name] = resolveNode(world, ref, bindings);
        } catch {
          // The original run could not resolve it either; the narration shows the placeholder.
        }
      }
      next++;
    }
  };
  for (const logged of log) {
    resolveAt(logged.atUs);
    world.runUntil(logged.atUs);
    world.act(logged.action);
  }
  resolveAt(Infinity);
  return bindings;
}
