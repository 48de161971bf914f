/**
 * The key-value service's test kit: fault schedules drawn from a seed, the
 * linearizability verdict every run must reach, progress and size bounds,
 * and a failure report that names the family, the protocol and the seed with
 * everything needed to replay the run (the MIT 6.824 / 6.5840 kvraft tests,
 * over the deterministic simulator).
 *
 * Protocol-agnostic on purpose: it reads replicas only through the world's
 * generic views (`leader()`, `views()`, a machine's disk), so the same
 * families run over every registered protocol.
 * Pure TypeScript (no clocks, no ambient randomness), like the rest of the engine.
 */
import { deriveRng, nextIntInclusive, type Rng } from '../core/prng';
import type { CheckResult } from '../check/linearizability/checker';
import type { Action, LoggedAction } from '../sim/actions';
import type { WorldConfig } from '../sim/config';
import type { LinkSettings } from '../sim/network';
import { createWorld, type World } from '../sim/world';
import type { KvState } from './kv';

/**
 * The protocols every key-value family runs over. Add a protocol here once it
 * is registered (resolveProtocol); the families read replicas only through
 * generic views, so nothing else changes.
 */
export const kvTestProtocols: readonly string[] = ['raft', 'raft-pv-cq', 'omnipaxos'];

/** The simulator's default links: 5–15 ms, nothing lost. */
export const reliableLinks: LinkSettings = { latencyMinUs: 5_000, latencyMaxUs: 15_000, lossRatio: 0, duplicateRatio: 0 };

/** The 6.824 tester's unreliable network (0–26 ms, 10 % lost), with 5 % of messages also delivered twice. */
export const unreliableLinks: LinkSettings = { latencyMinUs: 1_000, latencyMaxUs: 26_000, lossRatio: 0.1, duplicateRatio: 0.05 };

/** Search steps the checker may spend on one history: a hard history gives `unknown` (a failure) instead of hanging. */
export const checkStepBudget = 5_000_000;

export function seedRange(count: number, first = 1): number[] {
  return Array.from({ length: count }, (_, i) => first + i);
}

export function at(atUs: number, action: Action): LoggedAction {
  return { atUs, action };
}

/** Merge schedules into one list in time order; at equal times the earlier list goes first. */
export function mergeScripts(...lists: readonly (readonly LoggedAction[])[]): LoggedAction[] {
  const tagged = lists.flatMap((list, l) => list.map((item, i) => ({ item, l, i })));
  tagged.sort((x, y) => x.item.atUs - y.item.atUs || x.l - y.l || x.i - y.i);
  return tagged.map((t) => t.item);
}

/** Test-side randomness for fault schedules, derived from the seed and never shared with the world. */
export function faultRng(seed: number, family: string): Rng {
  return deriveRng(seed, `kv-test:${family}`);
}

/** Two non-empty groups covering the nodes `0..nodeCount-1`, drawn from `rng` (6.824's random re-partitions). */
export function randomTwoGroups(rng: Rng, nodeCount: number): number[][] {
  const order = Array.from({ length: nodeCount }, (_, i) => i);
  for (let i = nodeCount - 1; i > 0; i--) {
    const j = nextIntInclusive(rng, 0, i);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const split = nextIntInclusive(rng, 1, nodeCount - 1);
  return [order.slice(0, split).sort((a, b) => a - b), order.slice(split).sort((a, b) => a - b)];
}

/** Re-partition at random every `periodUs` ± 20 % from `fromUs` until `toUs`, then heal every link at `toUs`. */
export function partitionStorm(rng: Rng, nodeCount: number, fromUs: number, toUs: number, periodUs: number): LoggedAction[] {
  const script: LoggedAction[] = [];
  for (let t = fromUs; t < toUs; t += nextIntInclusive(rng, Math.round(periodUs * 0.8), Math.round(periodUs * 1.2))) {
    script.push(at(t, { type: 'partition', groups: randomTwoGroups(rng, nodeCount) }));
  }
  script.push(at(toUs, { type: 'healAll' }));
  return script;
}

/**
 * Crash one live node at a time and restart it a little later: every
 * `periodUs` ± 20 % one node goes down for `downUs` ± 50 %. Never more than
 * `maxDown` nodes are down at once. Every node is up again by `toUs`.
 */
export function crashChurn(rng: Rng, nodeCount: number, fromUs: number, toUs: number, periodUs: number, downUs: number, maxDown = 1): LoggedAction[] {
  const script: LoggedAction[] = [];
  const downUntil = new Array<number>(nodeCount).fill(-1);
  for (let t = fromUs; t < toUs; t += nextIntInclusive(rng, Math.round(periodUs * 0.8), Math.round(periodUs * 1.2))) {
    const up = downUntil.map((until, node) => (until <= t ? node : -1)).filter((node) => node >= 0);
    if (nodeCount - up.length >= maxDown) continue;
    const node = up[nextIntInclusive(rng, 0, up.length - 1)];
    const back = Math.min(toUs, t + nextIntInclusive(rng, Math.round(downUs * 0.5), Math.round(downUs * 1.5)));
    downUntil[node] = back;
    script.push(at(t, { type: 'crash', node }), at(back, { type: 'restart', node }));
  }
  return mergeScripts(script);
}

/** 6.824's persistence test: every `periodUs` every server crashes at once and all restart `downUs` later. */
export function fullRestarts(nodeCount: number, fromUs: number, toUs: number, periodUs: number, downUs: number): LoggedAction[] {
  const script: LoggedAction[] = [];
  for (let t = fromUs; t + downUs <= toUs; t += periodUs) {
    for (let node = 0; node < nodeCount; node++) script.push(at(t, { type: 'crash', node }));
    for (let node = 0; node < nodeCount; node++) script.push(at(t + downUs, { type: 'restart', node }));
  }
  return script;
}

/** End of the fault phase: every link up, the network back to `network`, every node running. */
export function healEverything(nodeCount: number, atUs: number, network: LinkSettings): LoggedAction[] {
  const script: LoggedAction[] = [at(atUs, { type: 'healAll' }), at(atUs, { type: 'setNetwork', from: null, to: null, ...network })];
  for (let node = 0; node < nodeCount; node++) script.push(at(atUs, { type: 'restart', node }));
  return script;
}

/**
 * Make the link between clerk `client` and replica `node` lose everything
 * (both ways), or work again. Clerks are network endpoints after the replicas
 * (`nodeCount + client`); `cut`/`partition` take replica numbers only, so a
 * clerk is cut off with a loss ratio of 1 on its links (decided when a
 * message is sent; messages already in flight still arrive).
 */
export function clerkLink(nodeCount: number, client: number, node: number, working: boolean, baseLossRatio = 0): Action[] {
  const endpoint = nodeCount + client;
  const lossRatio = working ? baseLossRatio : 1;
  return [
    { type: 'setNetwork', from: endpoint, to: node, lossRatio },
    { type: 'setNetwork', from: node, to: endpoint, lossRatio },
  ];
}

/** Operations completed (returned) in the half-open window [fromUs, toUs). */
export function opsCompletedBetween(world: World, fromUs: number, toUs: number): number {
  let count = 0;
  for (const op of world.history()) if (op.returnUs !== null && op.returnUs >= fromUs && op.returnUs < toUs) count++;
  return count;
}

/** What a node keeps on disk: items over all durable lists (its log) and the size of its durable values (its snapshot). */
export function durableFootprint(world: World, node: number): { listItems: number; valueChars: number } {
  const disk = world.machine(node).disk;
  let listItems = 0;
  for (const key of Object.keys(disk.lists)) listItems += disk.lists[key].length;
  let valueChars = 0;
  for (const key of Object.keys(disk.values)) valueChars += JSON.stringify(disk.values[key] ?? null).length;
  return { listItems, valueChars };
}

function describeCheck(result: CheckResult): string {
  const failing = result.failingPartition;
  const where = failing === undefined ? '' : ` on key ${failing.key ?? '(whole history)'} (operations ${failing.operations.join(', ')})`;
  return `history of ${result.operations} operations is ${result.verdict}${where} after ${result.steps} search steps`;
}

/** Check the run's history; anything but `linearizable` (including `unknown`) is a failure. */
export function requireLinearizable(world: World): CheckResult {
  const result = world.checkHistory({ maxSteps: checkStepBudget });
  if (result.verdict !== 'linearizable') throw new Error(describeCheck(result));
  return result;
}

export function requireAtLeast(what: string, actual: number, minimum: number): void {
  if (!(actual >= minimum)) throw new Error(`${what}: ${actual}, expected at least ${minimum}`);
}

/** A started run: the world and what it was built from. */
export interface KvRun {
  readonly world: World;
  readonly config: WorldConfig;
  readonly script: readonly LoggedAction[];
}

export type StartRun = (config: WorldConfig, script?: readonly LoggedAction[]) => World;

function describeFailure(family: string, protocol: string, seed: number, run: KvRun | null, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const head = `${family} [${protocol}]: seed ${seed} failed`;
  if (run === null) return `${head} before the world was built\n${message}`;
  const w = run.world;
  const count = w.traceCount();
  const last = w
    .trace(Math.max(0, count - 20), 20)
    .map((r) => `  #${r.index} t=${(r.timeUs / 1000).toFixed(3)}ms ${r.kind} n${r.node + 1}${r.peer >= 0 ? ` peer n${r.peer + 1}` : ''} ${r.label} ${r.a} ${r.b}`)
    .join('\n');
  const config = JSON.stringify(run.config);
  return [
    `${head} at t=${(w.nowUs() / 1000).toFixed(3)}ms: ${message}`,
    `family: ${family}, protocol: ${protocol}, seed: ${seed}`,
    `replay: ${w.replayCommand()}`,
    `config: ${config}`,
    `in a test: createWorld(${config}, ${JSON.stringify(w.actions())}).runUntil(${w.nowUs()})`,
    `last trace records:\n${last}`,
  ].join('\n');
}

/**
 * Run `body` once per seed. Each world is built through `start`, with the
 * invariant checker on; the first failure is rethrown with the family, the
 * protocol, the seed, the configuration, the actions and a replay command.
 */
export function forKvSeeds(family: string, protocol: string, seeds: readonly number[], body: (seed: number, start: StartRun) => void): void {
  for (const seed of seeds) {
    let run: KvRun | null = null;
    const start: StartRun = (config, script = []) => {
      const full: WorldConfig = { ...config, checkInvariants: true };
      const world = createWorld(full, script);
      run = { world, config: full, script };
      return world;
    };
    try {
      body(seed, start);
    } catch (error) {
      throw new Error(describeFailure(family, protocol, seed, run, error), { cause: error });
    }
  }
}

/** One 6.824-style family: a world and fault schedule per seed, and what every run must show. */
export interface KvFamily {
  readonly name: string;
  /** The world and its fault schedule for one seed (the kit turns invariant checking on). */
  build(seed: number, protocol: string): { config: WorldConfig; script: LoggedAction[] };
  readonly untilUs: number;
  /** When every fault is over (the script heals and restarts everything then); null for a family without faults. */
  readonly healUs: number | null;
  /** Fewest operations completed over the whole run, so that no run passes by doing nothing. */
  readonly minOps: number;
  /** Fewest operations completed between `healUs` and `untilUs`: the service recovers. */
  readonly minOpsAfterHeal?: number;
  /** Checked every `checkEveryUs` while the run goes (bounds on state size, …); throws on failure. */
  readonly during?: (world: World) => void;
  readonly checkEveryUs?: number;
  /**
   * The faults make clerks retry requests that were already applied (or the
   * network delivers a request twice): over all seeds, the exactly-once table
   * must have answered some committed duplicate, or the family never
   * exercised it.
   */
  readonly exercisesExactlyOnce?: boolean;
}

export interface KvFamilyStats {
  /** Operations completed, per seed. */
  readonly ops: number[];
  /**
   * Per seed, the most committed duplicates any replica answered from its
   * exactly-once table instead of applying them again (retries and
   * duplicated messages whose first copy was already applied).
   */
  readonly duplicatesAnswered: number[];
}

/** Run a family over `seeds`: every history linearizable, invariants on, progress above the family's minimum. */
export function runKvFamily(family: KvFamily, protocol: string, seeds: readonly number[]): KvFamilyStats {
  const ops: number[] = [];
  const duplicatesAnswered: number[] = [];
  forKvSeeds(family.name, protocol, seeds, (seed, start) => {
    const { config, script } = family.build(seed, protocol);
    const world = start(config, script);
    const step = family.checkEveryUs ?? family.untilUs;
    for (let t = Math.min(step, family.untilUs); ; t = Math.min(t + step, family.untilUs)) {
      world.runUntil(t);
      family.during?.(world);
      if (t >= family.untilUs) break;
    }
    requireLinearizable(world);
    requireAtLeast('operations completed', world.stats().opsCompleted, family.minOps);
    if (family.healUs !== null && family.minOpsAfterHeal !== undefined) {
      requireAtLeast(`operations completed after the heal at ${family.healUs / 1000} ms`, opsCompletedBetween(world, family.healUs, family.untilUs), family.minOpsAfterHeal);
    }
    ops.push(world.stats().opsCompleted);
    let duplicates = 0;
    for (let node = 0; node < world.config.nodeCount; node++) duplicates = Math.max(duplicates, (world.serviceState(node) as KvState).duplicates);
    duplicatesAnswered.push(duplicates);
  });
  return { ops, duplicatesAnswered };
}
