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
import { createWorld } from './world';

export interface ChaosPlan {
  seed: number;
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
  ok: boolean;
  /** Why it failed: the invariant message, or the liveness failure. */
  failure: string | null;
  events: number;
  leaderTerms: number;
  committed: number;
  recoveryMs: number | null;
  replay: string;
  recipe: string;
}

const safetyPhaseUs = 15_000_000;
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

export function planChaos(seed: number, protocol: string): ChaosPlan {
  const rng = deriveRng(seed, 'faults');
  const nodeCount = chance(rng, 0.5) ? 3 : 5;
  const lossRatio = chance(rng, 0.5) ? Math.round(nextFloat(rng) * 20) / 100 : 0;
  const duplicateRatio = chance(rng, 0.3) ? Math.round(nextFloat(rng) * 10) / 100 : 0;
  const latencyMinUs = nextIntInclusive(rng, 1, 5) * 1000;
  const latencyMaxUs = latencyMinUs + nextIntInclusive(rng, 0, 25) * 1000;
  const snapshotEveryEntries = chance(rng, 0.5) ? nextIntInclusive(rng, 5, 40) : 0;
  const kinds = ['crash', 'restart', 'partition', 'one-way', 'isolate', 'heal', 'delays', 'loss'] as const;
  const proposalsPerSecond = nextIntInclusive(rng, 5, 100);
  // Short election timeouts make faults provoke more elections per second of virtual time.
  const electionTimeoutUs = nextIntInclusive(rng, 10, 30) * 10_000;
  const heartbeatIntervalUs = Math.max(20_000, Math.round(electionTimeoutUs / 4 / 1000) * 1000);
  const actions: LoggedAction[] = [];
  const used = new Set<string>();
  // Crashes pick a live node and restarts a crashed one, so that the cluster keeps changing.
  const down = new Set<number>();
  const pickNode = (wantDown: boolean): number | null => {
    const candidates = Array.from({ length: nodeCount }, (_, n) => n).filter((n) => down.has(n) === wantDown);
    return candidates.length === 0 ? null : pick(rng, candidates);
  };
  let t = nextIntInclusive(rng, 200, 1200) * 1000;
  while (t < safetyPhaseUs) {
    const kind = pick(rng, kinds);
    let action: Action;
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
    }
    used.add(kind);
    actions.push({ atUs: t, action });
    t += nextIntInclusive(rng, 50, 900) * 1000;
  }
  const healAtUs = safetyPhaseUs;
  actions.push({ atUs: healAtUs, action: { type: 'healAll' } });
  actions.push({ atUs: healAtUs, action: { type: 'setNetwork', from: null, to: null, latencyMinUs, latencyMaxUs, lossRatio: 0, duplicateRatio: 0 } });
  for (let node = 0; node < nodeCount; node++) actions.push({ atUs: healAtUs, action: { type: 'restart', node } });
  const config: WorldConfig = {
    seed,
    protocol,
    nodeCount,
    network: { latencyMinUs, latencyMaxUs, lossRatio, duplicateRatio },
    options: { electionTimeoutUs, heartbeatIntervalUs },
    snapshotEveryEntries,
    load: { proposalsPerSecond, commandBytes: 16 },
    checkInvariants: true,
  };
  const recipe =
    `${nodeCount} nodes, election timeout ${electionTimeoutUs / 1000} ms, ${proposalsPerSecond} commands/s, latency ${latencyMinUs / 1000}–${latencyMaxUs / 1000} ms, loss ${lossRatio}, dup ${duplicateRatio}, ` +
    `snapshots ${snapshotEveryEntries || 'off'}, ${actions.length - nodeCount - 2} faults (${[...used].sort().join(', ')})`;
  return { seed, config, actions, healAtUs, deadlineUs: healAtUs + livenessBoundUs, recipe };
}

/** Run one chaos seed; never throws for a protocol failure, reports it. */
export function runChaos(seed: number, protocol: string): ChaosResult {
  const plan = planChaos(seed, protocol);
  const world = createWorld(plan.config, plan.actions);
  const replay = `npm run chaos -- --protocol ${protocol} --seeds ${seed}`;
  const result = (ok: boolean, failure: string | null, recoveryMs: number | null): ChaosResult => ({
    seed,
    protocol,
    ok,
    failure,
    events: world.stats().events,
    leaderTerms: Object.keys(world.leadersByTerm()).length,
    committed: world.committedCount(),
    recoveryMs,
    replay,
    recipe: plan.recipe,
  });
  try {
    world.runUntil(plan.healAtUs);
    // Liveness: once healed, a command proposed after the heal must be applied by a majority.
    // Like a real client, the probe is re-sent every second: a stale leader may have swallowed it.
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
      if (probes.some((id) => world.appliedByCount(id) >= majority)) return result(true, null, (world.nowUs() - plan.healAtUs) / 1000);
    }
    const leader = world.leader();
    return result(false, `liveness: no command committed within ${livenessBoundUs / 1e6} s of healing (leader: ${leader === null ? 'none' : nodeName(leader)})`, null);
  } catch (error) {
    if (error instanceof InvariantViolation) return result(false, error.message, null);
    return result(false, `crash: ${error instanceof Error ? error.message : String(error)}`, null);
  }
}
