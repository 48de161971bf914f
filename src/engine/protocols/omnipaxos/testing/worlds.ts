/**
 * Simulation-test vocabulary for OmniPaxos: build worlds with the invariant
 * checker on after every event, find the leader that can decide, propose and
 * wait for decisions, and report a failing seed with its configuration, its
 * action log, the replay command and the last trace records.
 * Test-only code; pure TypeScript so that it type-checks with the engine.
 */
import { deriveRng, nextIntInclusive, type Rng } from '../../../core/prng';
import type { WorldConfig } from '../../../sim/config';
import { createWorld, type World } from '../../../sim/world';
import { sameBallot } from '../ballot';
import { omniPaxosEntry } from '../index';
import type { OmniPaxosState } from '../types';

/** The election timeout (one BLE round) of every test world. */
export const T = 300_000;

export const reliableNetwork = { latencyMinUs: 5_000, latencyMaxUs: 15_000, lossRatio: 0, duplicateRatio: 0 };
/** The 6.824 tester's unreliable network: 1–26 ms delay, 10 % of messages lost. */
export const unreliableNetwork = { latencyMinUs: 1_000, latencyMaxUs: 26_000, lossRatio: 0.1, duplicateRatio: 0 };

export interface OpWorld {
  readonly w: World;
  readonly config: WorldConfig;
  readonly seed: number;
  /** Test-side randomness, derived from the seed (never shared with the world). */
  readonly rng: Rng;
  readonly n: number;
}

export type Start = (config: Omit<WorldConfig, 'checkInvariants' | 'protocol' | 'seed'>) => OpWorld;

export function seeds(count: number, first = 1): number[] {
  return Array.from({ length: count }, (_, i) => first + i);
}

export function fail(message: string): never {
  throw new Error(message);
}

function describeFailure(family: string, seed: number, h: OpWorld | null, error: unknown): string {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  if (h === null) return `${family}: seed ${seed} failed before the world was built\n${message}`;
  const w = h.w;
  const count = w.traceCount();
  const last = w
    .trace(Math.max(0, count - 30), 30)
    .map((r) => `  #${r.index} t=${(r.timeUs / 1000).toFixed(3)}ms ${r.kind} n${r.node + 1}${r.peer >= 0 ? ` peer n${r.peer + 1}` : ''} ${r.label} ${r.a} ${r.b}`)
    .join('\n');
  const config = JSON.stringify({ ...h.config, protocol: 'omnipaxos', seed, checkInvariants: true });
  return [
    `${family}: seed ${seed} failed at t=${(w.nowUs() / 1000).toFixed(3)}ms`,
    `config: ${config}`,
    `replay in a test: createWorld({ ...${config}, protocol: omniPaxosEntry }, ${JSON.stringify(w.actions())}).runUntil(${w.nowUs()})`,
    `replay from the CLI: ${w.replayCommand()}`,
    `last trace records:\n${last}`,
    message,
  ].join('\n');
}

/** Run `body` once per seed; a failure names the seed and how to replay it. */
export function forSeeds(family: string, seedList: readonly number[], body: (seed: number, start: Start) => void): void {
  for (const seed of seedList) {
    let world: OpWorld | null = null;
    const start: Start = (config) => {
      const full: WorldConfig = { ...config, seed, protocol: omniPaxosEntry, checkInvariants: true };
      world = { w: createWorld(full), config: full, seed, rng: deriveRng(seed, 'test'), n: config.nodeCount };
      return world;
    };
    try {
      body(seed, start);
    } catch (error) {
      throw new Error(describeFailure(family, seed, world, error), { cause: error });
    }
  }
}

export function randomInt(h: OpWorld, min: number, max: number): number {
  return nextIntInclusive(h.rng, min, max);
}

export function opState(h: OpWorld, node: number): OmniPaxosState {
  return h.w.replicaState(node) as OmniPaxosState;
}

/**
 * The server that can decide now: up, leading in the accept phase, and
 * followed (promised and accepting, or itself) by a majority of its
 * configuration among the servers that are up.
 */
export function decidingLeader(h: OpWorld): number | null {
  for (let node = 0; node < h.n; node++) {
    if (!h.w.isUp(node)) continue;
    const s = opState(h, node);
    if (s.mode !== 'active' || s.sp.role !== 'leader' || s.sp.phase !== 'accept') continue;
    let promised = 0;
    for (const member of s.config.nodes) {
      if (!h.w.isUp(member)) continue;
      const m = opState(h, member);
      if (m.config.id === s.config.id && sameBallot(m.sp.promise, s.sp.leaderBallot) && m.sp.phase === 'accept') promised++;
    }
    if (promised * 2 > s.config.nodes.length) return node;
  }
  return null;
}

/** Run in small steps until a deciding leader exists; fail after `withinUs`. Returns it. */
export function waitForLeader(h: OpWorld, withinUs: number): number {
  const deadline = h.w.nowUs() + withinUs;
  for (;;) {
    const leader = decidingLeader(h);
    if (leader !== null) return leader;
    if (h.w.nowUs() >= deadline) return fail(`no deciding leader within ${withinUs / 1000} ms`);
    h.w.runFor(5_000);
  }
}

/**
 * Run until a deciding leader has held on, with no role or ballot change
 * anywhere, for `quietUs`; fail after `withinUs`. Returns it. (After a lossy
 * spell BLE's QC flags lag by a round, and servers may still compete once.)
 */
export function waitStable(h: OpWorld, quietUs: number, withinUs: number): number {
  const deadline = h.w.nowUs() + withinUs;
  for (;;) {
    const leader = waitForLeader(h, Math.max(1, deadline - h.w.nowUs()));
    const marks = h.w.marks().length;
    h.w.runFor(quietUs);
    const changed = h.w.marks().slice(marks).some((m) => m.kind === 'note' && (m.label === 'role' || m.label === 'term'));
    if (!changed && decidingLeader(h) === leader) return leader;
    if (h.w.nowUs() >= deadline) return fail(`no stable leader within ${withinUs / 1000} ms`);
  }
}

/** Propose a command through the simulator (to `node`, or to the current leader); returns its command id. */
export function proposeTo(h: OpWorld, node: number | null, body = 'cmd', bytes = 16): { commandId: number; accepted: boolean | null } {
  h.w.act({ type: 'propose', node, body, bytes });
  const p = h.w.lastProposal();
  if (p === null) return fail('proposal not recorded');
  return { commandId: p.commandId, accepted: p.accepted };
}

/** Run until command `commandId` is decided (applied somewhere); fail after `withinUs`. Returns its index. */
export function waitDecided(h: OpWorld, commandId: number, withinUs: number): number {
  const deadline = h.w.nowUs() + withinUs;
  for (;;) {
    const index = h.w.indexOfCommand(commandId);
    if (index !== null) return index;
    if (h.w.nowUs() >= deadline) return fail(`command ${commandId} not decided within ${withinUs / 1000} ms`);
    h.w.runFor(5_000);
  }
}

/**
 * Run until every live server of the newest configuration has decided and
 * applied at least `atLeast` entries (by default: the most any of them has
 * decided now); fail after `withinUs`. Returns the smallest decided index
 * then. (Under a steady load followers trail the leader by a round trip, so
 * "the same prefix" means "at least this prefix".)
 */
export function waitConverged(h: OpWorld, withinUs: number, atLeast = -1): number {
  const deadline = h.w.nowUs() + withinUs;
  const members = (): number[] => {
    let configId = 0;
    for (let node = 0; node < h.n; node++) if (h.w.isUp(node)) configId = Math.max(configId, opState(h, node).config.id);
    const out: number[] = [];
    for (let node = 0; node < h.n; node++) {
      if (!h.w.isUp(node)) continue;
      const s = opState(h, node);
      if (s.config.id === configId && s.config.nodes.includes(node)) out.push(node);
    }
    return out;
  };
  const target = atLeast >= 0 ? atLeast : Math.max(0, ...members().map((node) => opState(h, node).sp.decidedIdx));
  for (;;) {
    const nodes = members();
    let lo = Infinity;
    for (const node of nodes) lo = Math.min(lo, opState(h, node).sp.decidedIdx, h.w.machine(node).lastApplied);
    if (nodes.length > 0 && lo >= target) return lo;
    if (h.w.nowUs() >= deadline) return fail(`servers did not all decide ${target} entries within ${withinUs / 1000} ms (the slowest has ${lo})`);
    h.w.runFor(10_000);
  }
}

/** Commands proposed so far and not yet decided, among ids in (after, upTo]. */
export function undecidedAmong(h: OpWorld, after: number, upTo: number): number[] {
  const out: number[] = [];
  for (let id = after + 1; id <= upTo; id++) if (h.w.indexOfCommand(id) === null) out.push(id);
  return out;
}

/** The last command id issued so far (0 if none). */
export function lastCommandId(h: OpWorld): number {
  return h.w.lastProposal()?.commandId ?? 0;
}

/** Time from `sinceUs` until the first command proposed after `afterCommandId` is decided, by scanning in steps; -1 if not within `withinUs`. */
export function downTimeUs(h: OpWorld, sinceUs: number, afterCommandId: number, withinUs: number): number {
  const deadline = sinceUs + withinUs;
  while (h.w.nowUs() < deadline) {
    h.w.runFor(5_000);
    const upTo = lastCommandId(h);
    for (let id = afterCommandId + 1; id <= upTo; id++) if (h.w.indexOfCommand(id) !== null) return h.w.nowUs() - sinceUs;
  }
  return -1;
}

export function cut(h: OpWorld, a: number, b: number): void {
  h.w.act({ type: 'cut', from: a, to: b, bothWays: true });
}

export function noteCount(h: OpWorld, label: string): number {
  let count = 0;
  for (const m of h.w.marks()) if (m.kind === 'note' && m.label === label) count++;
  return count;
}
