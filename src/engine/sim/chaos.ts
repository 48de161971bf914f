/**
 * Seeded chaos: each seed draws its own mix of faults (crashes, restarts,
 * partitions, one-way cuts, loss, duplication, long delays) for a safety
 * phase with invariants checked after every event, then heals everything for
 * a liveness phase in which a new command must commit within a bound.
 * Everything is drawn from the seed's `faults` stream, so a seed is a
 * complete reproduction.
 */
import { InvariantViolation, nodeName } from '../core/assert';
import { chance, deriveRng, nextFloat, nextIntInclusive, type Rng } from '../core/prng';
import type { Action, LoggedAction } from './actions';
import type { WorldConfig } from './config';
import { createWorld, type World } from './world';
import { protocolNames } from '../protocols/registry';

export interface ChaosPlan {
  seed: number;
  store: ChaosStore;
  config: WorldConfig;
  actions: LoggedAction[];
  /** When every fault is healed and the liveness phase starts. */
  healAtUs: number;
  /** The new command must be committed by then. */
  deadlineUs: number;
  /** A one-line description of the faults drawn, for the report. */
  recipe: string;
}

export interface ChaosResult {
  seed: number;
  protocol: string;
  store: ChaosStore;
  ok: boolean;
  /** Why it failed: the invariant message, or the liveness failure. */
  failure: string | null;
  events: number;
  leaderTerms: number;
  committed: number;
  /** Client operations completed (`kv`, `shards`). */
  opsCompleted: number;
  recoveryMs: number | null;
  replay: string;
  recipe: string;
}

const safetyPhaseUs = 15_000_000;
/** Key-value seeds keep their histories small enough to check exhaustively. */
const storeSafetyPhaseUs = 8_000_000;
const livenessBoundUs = 12_000_000;

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[nextIntInclusive(rng, 0, items.length - 1)];
}

/** Two or three non-empty groups covering every node. */
function randomGroups(rng: Rng, n: number): number[][] {
  const groupCount = nextIntInclusive(rng, 2, Math.min(3, n));
  const groups: number[][] = Array.from({ length: groupCount }, () => []);
  // The first `groupCount` nodes of a random rotation seed the groups, so none is empty.
  const offset = nextIntInclusive(rng, 0, n - 1);
  for (let k = 0; k < n; k++) {
    const node = (offset + k) % n;
    groups[k < groupCount ? k : nextIntInclusive(rng, 0, groupCount - 1)].push(node);
  }
  return groups;
}

/**
 * What a chaos seed runs on top of the log:
 * - `log`: steady proposals; liveness is a new command committed after healing.
 * - `kv`: the key-value store under closed-loop clerks; liveness is every clerk
 *   completing an operation after healing, and the whole client history must
 *   be linearizable.
 * - `shards`: the sharded store (a controller group and two or three key-value
 *   groups) under clerks, with groups joining and leaving and shards moved
 *   while the faults go on; liveness and linearizability as for `kv`. With
 *   the protocol `mixed`, each group draws its own protocol.
 */
export type ChaosStore = 'log' | 'kv' | 'shards';

/** For `shards`, a protocol name that lets each group draw its own protocol. */
export const mixedProtocols = 'mixed';
export const chaosStores: readonly ChaosStore[] = ['log', 'kv', 'shards'];

const faultKinds = ['crash', 'restart', 'partition', 'one-way', 'isolate', 'heal', 'delays', 'loss'] as const;
type FaultKind = (typeof faultKinds)[number] | 'shardctl';

/** The shard administrator's moves during a `shards` seed: which groups are in, so that joins and leaves stay meaningful. */
interface AdminDraw {
  groupCount: number;
  shardCount: number;
  joined: Set<number>;
}

function drawAdmin(rng: Rng, a: AdminDraw): Action | null {
  const inGroups = [...a.joined].sort((x, y) => x - y);
  const outGroups = Array.from({ length: a.groupCount }, (_, i) => i + 1).filter((g) => !a.joined.has(g));
  const choice = nextIntInclusive(rng, 0, 2);
  if (choice === 0 && outGroups.length > 0) {
    const gid = pick(rng, outGroups);
    a.joined.add(gid);
    return { type: 'shardctl', op: 'join', gids: [gid] };
  }
  if (choice === 1 && inGroups.length > 0) {
    const gid = pick(rng, inGroups);
    a.joined.delete(gid);
    return { type: 'shardctl', op: 'leave', gids: [gid] };
  }
  if (inGroups.length === 0) return null;
  return { type: 'shardctl', op: 'move', gids: [pick(rng, inGroups)], shard: nextIntInclusive(rng, 0, a.shardCount - 1) };
}

/** The faults of the safety phase, drawn from `rng` until `untilUs`; `admin` adds the shard administrator's moves. */
function drawFaults(rng: Rng, nodeCount: number, latencyMinUs: number, untilUs: number, admin: AdminDraw | null): { actions: LoggedAction[]; used: Set<string> } {
  const kinds: readonly FaultKind[] = admin === null ? faultKinds : [...faultKinds, 'shardctl', 'shardctl'];
  const actions: LoggedAction[] = [];
  const used = new Set<string>();
  // Crashes pick a live node and restarts a crashed one, so that the cluster keeps changing.
  const down = new Set<number>();
  const pickNode = (wantDown: boolean): number | null => {
    const candidates = Array.from({ length: nodeCount }, (_, n) => n).filter((n) => down.has(n) === wantDown);
    return candidates.length === 0 ? null : pick(rng, candidates);
  };
  let t = nextIntInclusive(rng, 200, 1200) * 1000;
  while (t < untilUs) {
    const kind = pick(rng, kinds);
    let action: Action | null;
    switch (kind) {
      case 'crash':
      case 'restart': {
        const node = pickNode(kind === 'restart');
        if (node === null) {
          t += 10_000;
          continue;
        }
        if (kind === 'crash') down.add(node);
        else down.delete(node);
        action = { type: kind, node };
        break;
      }
      case 'partition':
        action = { type: 'partition', groups: randomGroups(rng, nodeCount) };
        break;
      case 'one-way': {
        const from = nextIntInclusive(rng, 0, nodeCount - 1);
        const to = (from + nextIntInclusive(rng, 1, nodeCount - 1)) % nodeCount;
        action = { type: 'cut', from, to, bothWays: false };
        break;
      }
      case 'isolate':
        action = { type: 'isolate', node: nextIntInclusive(rng, 0, nodeCount - 1) };
        break;
      case 'heal':
        action = { type: 'healAll' };
        break;
      case 'delays':
        action = { type: 'setNetwork', from: null, to: null, latencyMinUs, latencyMaxUs: latencyMinUs + nextIntInclusive(rng, 20, 400) * 1000 };
        break;
      case 'loss':
        action = { type: 'setNetwork', from: null, to: null, lossRatio: Math.round(nextFloat(rng) * 40) / 100, duplicateRatio: Math.round(nextFloat(rng) * 20) / 100 };
        break;
      case 'shardctl':
        action = drawAdmin(rng, admin as AdminDraw);
        break;
    }
    if (action !== null) {
      used.add(action.type === 'shardctl' ? action.op : kind);
      actions.push({ atUs: t, action });
    }
    t += nextIntInclusive(rng, 50, 900) * 1000;
  }
  return { actions, used };
}

/** `bugs`: rules broken on purpose (bugs.ts), to watch a sweep catch them. */
export function planChaos(seed: number, protocol: string, store: ChaosStore = 'log', bugs: readonly string[] = []): ChaosPlan {
  // `log` keeps the stream its seeds have always drawn from, so that old replay commands still hold.
  const rng = deriveRng(seed, store === 'log' ? 'faults' : `faults:${store}`);
  const shards =
    store === 'shards'
      ? { controllerServers: 3, groupSizes: chance(rng, 0.5) ? [3, 3] : [3, 3, 3], initialGroups: 0, shardCount: 10 }
      : null;
  if (shards !== null) shards.initialGroups = nextIntInclusive(rng, 1, shards.groupSizes.length);
  // `mixed`: every group, the controller's included, draws its own protocol, so that shards move between protocols.
  const groupProtocols = shards !== null && protocol === mixedProtocols ? Array.from({ length: shards.groupSizes.length + 1 }, () => pick(rng, protocolNames())) : null;
  const nodeCount = shards !== null ? shards.controllerServers + shards.groupSizes.reduce((a, b) => a + b, 0) : chance(rng, 0.5) ? 3 : 5;
  const lossRatio = chance(rng, 0.5) ? Math.round(nextFloat(rng) * 20) / 100 : 0;
  const duplicateRatio = chance(rng, 0.3) ? Math.round(nextFloat(rng) * 10) / 100 : 0;
  const latencyMinUs = nextIntInclusive(rng, 1, 5) * 1000;
  const latencyMaxUs = latencyMinUs + nextIntInclusive(rng, 0, 25) * 1000;
  const snapshotEveryEntries = chance(rng, 0.5) ? nextIntInclusive(rng, 5, 40) : 0;
  const proposalsPerSecond = nextIntInclusive(rng, 5, 100);
  // Short election timeouts make faults provoke more elections per second of virtual time.
  const electionTimeoutUs = nextIntInclusive(rng, 10, 30) * 10_000;
  const heartbeatIntervalUs = Math.max(20_000, Math.round(electionTimeoutUs / 4 / 1000) * 1000);
  const clients =
    store === 'log'
      ? null
      : { count: nextIntInclusive(rng, 3, 6), keys: store === 'kv' ? nextIntInclusive(rng, 2, 8) : nextIntInclusive(rng, 10, 30), thinkTimeUs: nextIntInclusive(rng, 0, 30) * 1000 };
  const admin: AdminDraw | null =
    shards === null ? null : { groupCount: shards.groupSizes.length, shardCount: shards.shardCount, joined: new Set(Array.from({ length: shards.initialGroups }, (_, i) => i + 1)) };
  const safetyUs = store === 'log' ? safetyPhaseUs : storeSafetyPhaseUs;
  const { actions, used } = drawFaults(rng, nodeCount, latencyMinUs, safetyUs, admin);
  const healAtUs = safetyUs;
  actions.push({ atUs: healAtUs, action: { type: 'healAll' } });
  actions.push({ atUs: healAtUs, action: { type: 'setNetwork', from: null, to: null, latencyMinUs, latencyMaxUs, lossRatio: 0, duplicateRatio: 0 } });
  for (let node = 0; node < nodeCount; node++) actions.push({ atUs: healAtUs, action: { type: 'restart', node } });
  // Clerks of the sharded store need a group to serve them once healed.
  if (admin !== null && admin.joined.size === 0) actions.push({ atUs: healAtUs, action: { type: 'shardctl', op: 'join', gids: [1] } });
  const config: WorldConfig = {
    seed,
    protocol: groupProtocols === null ? protocol : groupProtocols[0],
    nodeCount: shards !== null ? 0 : nodeCount,
    network: { latencyMinUs, latencyMaxUs, lossRatio, duplicateRatio },
    options: { electionTimeoutUs, heartbeatIntervalUs },
    snapshotEveryEntries,
    ...(clients === null ? { load: { proposalsPerSecond, commandBytes: 16 } } : { clients }),
    ...(shards !== null ? { shards: groupProtocols === null ? shards : { ...shards, groupProtocols } } : {}),
    checkInvariants: true,
    ...(bugs.length > 0 ? { bugs: [...bugs] } : {}),
  };
  const what =
    clients === null
      ? `${proposalsPerSecond} commands/s`
      : `${clients.count} clerks on ${clients.keys} keys${shards !== null ? `, groups ${shards.groupSizes.join('+')} (${shards.initialGroups} joined at first)` : ''}` +
        (groupProtocols === null ? '' : `, protocols ${groupProtocols.join('/')} (controller first)`);
  const faults = actions.filter((a) => a.atUs < healAtUs).length;
  const recipe =
    `${nodeCount} nodes, election timeout ${electionTimeoutUs / 1000} ms, ${what}, latency ${latencyMinUs / 1000}–${latencyMaxUs / 1000} ms, loss ${lossRatio}, dup ${duplicateRatio}, ` +
    `snapshots ${snapshotEveryEntries || 'off'}, ${faults} faults (${[...used].sort().join(', ')})`;
  return { seed, store, config, actions, healAtUs, deadlineUs: healAtUs + livenessBoundUs, recipe };
}

/** Run one chaos seed; never throws for a protocol failure, reports it. */
export function runChaos(seed: number, protocol: string, store: ChaosStore = 'log', bugs: readonly string[] = []): ChaosResult {
  const plan = planChaos(seed, protocol, store, bugs);
  const world = createWorld(plan.config, plan.actions);
  const replay = `npm run chaos -- --protocol ${protocol}${store === 'log' ? '' : ` --store ${store}`}${bugs.length > 0 ? ` --bug ${bugs.join(',')}` : ''} --seeds ${seed}`;
  const result = (ok: boolean, failure: string | null, recoveryMs: number | null): ChaosResult => ({
    seed,
    protocol,
    store,
    ok,
    failure,
    events: world.stats().events,
    leaderTerms: Object.keys(world.leadersByTerm()).length,
    committed: world.committedCount(),
    opsCompleted: world.stats().opsCompleted,
    recoveryMs,
    replay,
    recipe: plan.recipe,
  });
  try {
    world.runUntil(plan.healAtUs);
    const recoveredAtUs = store === 'log' ? logLiveness(world, plan) : clerkLiveness(world, plan);
    if (recoveredAtUs === null) {
      const leader = world.leader();
      const what = store === 'log' ? 'no command committed' : 'not every clerk completed an operation';
      return result(false, `liveness: ${what} within ${livenessBoundUs / 1e6} s of healing (leader: ${leader === null ? 'none' : nodeName(leader)})`, null);
    }
    if (store !== 'log') {
      // Safety of what the clerks saw: the whole history, faults included.
      const verdict = world.checkHistory({ maxSteps: historyCheckSteps }).verdict;
      if (verdict !== 'linearizable') return result(false, `client history ${verdict === 'unknown' ? 'could not be checked within the step budget' : 'not linearizable'}`, null);
    }
    return result(true, null, (recoveredAtUs - plan.healAtUs) / 1000);
  } catch (error) {
    if (error instanceof InvariantViolation) return result(false, error.message, null);
    return result(false, `crash: ${error instanceof Error ? error.message : String(error)}`, null);
  }
}

/** The linearizability checker's budget per seed: far above what a seed's history needs. */
const historyCheckSteps = 50_000_000;

/**
 * `log`: once healed, a command proposed after the heal must be applied by a
 * majority. Like a real client, the probe is re-sent every second: a stale
 * leader may have swallowed it. Returns when that happened, or null.
 */
function logLiveness(world: World, plan: ChaosPlan): number | null {
  const majority = Math.floor(plan.config.nodeCount / 2) + 1;
  const probes: number[] = [];
  let nextProbeUs = world.nowUs();
  while (world.nowUs() < plan.deadlineUs) {
    if (world.nowUs() >= nextProbeUs) {
      world.act({ type: 'propose', node: null, body: 'liveness-probe', bytes: 16 });
      const proposal = world.lastProposal();
      if (proposal !== null && proposal.accepted === true) probes.push(proposal.commandId);
      nextProbeUs = world.nowUs() + (proposal?.accepted === true ? 1_000_000 : 50_000);
    }
    world.runFor(50_000);
    if (probes.some((id) => world.appliedByCount(id) >= majority)) return world.nowUs();
  }
  return null;
}

/** `kv`, `shards`: once healed, every clerk must complete an operation (its answer after the heal). Returns when the last did, or null. */
function clerkLiveness(world: World, plan: ChaosPlan): number | null {
  const clerks = plan.config.clients?.count ?? 0;
  const served = new Set<number>();
  // Operations invoked before the heal may still be waiting; scan from the oldest that has not returned.
  let from = 0;
  while (world.nowUs() < plan.deadlineUs) {
    world.runFor(50_000);
    const ops = world.history(from);
    let firstOpen = -1;
    ops.forEach((op, i) => {
      if (op.returnUs === null) {
        if (firstOpen < 0) firstOpen = i;
      } else if (op.returnUs > plan.healAtUs) served.add(op.client);
    });
    from += firstOpen < 0 ? ops.length : firstOpen;
    if (served.size >= clerks) return world.nowUs();
  }
  return null;
}
