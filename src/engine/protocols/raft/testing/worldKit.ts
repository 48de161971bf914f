/**
 * The MIT 6.824 tester's vocabulary (checkOneLeader, one, nCommitted,
 * connect/disconnect, crash/restart) over the deterministic simulator, for
 * Raft's family tests. Every world runs with the invariant checker after
 * every event. A failing seed is reported with its configuration, its action
 * log, a replay recipe and the last trace records.
 * Test-only code; pure TypeScript so that it type-checks with the engine.
 */
import { deriveRng, nextIntInclusive, type Rng } from '../../../core/prng';
import { createWorld, type World } from '../../../sim/world';
import type { WorldConfig } from '../../../sim/config';
import type { RaftState } from '../types';

export interface Harness {
  readonly w: World;
  readonly config: WorldConfig;
  readonly n: number;
  /** Test-side randomness, derived from the seed (never shared with the world). */
  readonly rng: Rng;
  /** Nodes the test considers connected to each other (as 6.824's `connected`). */
  readonly connected: boolean[];
  readonly up: boolean[];
}

export type Start = (config: Omit<WorldConfig, 'checkInvariants'>) => Harness;

/** The 6.824 tester's unreliable network: 0–26 ms delay, 10 % of messages lost. */
export const unreliableNetwork = { latencyMinUs: 1_000, latencyMaxUs: 26_000, lossRatio: 0.1, duplicateRatio: 0 };
export const reliableNetwork = { latencyMinUs: 5_000, latencyMaxUs: 15_000, lossRatio: 0, duplicateRatio: 0 };

export function seeds(count: number, first = 1): number[] {
  return Array.from({ length: count }, (_, i) => first + i);
}

function describeFailure(family: string, seed: number, h: Harness | null, error: unknown): string {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  if (h === null) return `${family}: seed ${seed} failed before the world was built\n${message}`;
  const w = h.w;
  const count = w.traceCount();
  const last = w
    .trace(Math.max(0, count - 25), 25)
    .map((r) => `  #${r.index} t=${(r.timeUs / 1000).toFixed(3)}ms ${r.kind} n${r.node + 1}${r.peer >= 0 ? ` peer n${r.peer + 1}` : ''} ${r.label} ${r.a} ${r.b}`)
    .join('\n');
  const config = JSON.stringify({ ...h.config, checkInvariants: true });
  return [
    `${family}: seed ${seed} failed at t=${(w.nowUs() / 1000).toFixed(3)}ms`,
    `config: ${config}`,
    `replay: ${w.replayCommand()}`,
    `or in a test: createWorld(${config}, <the --actions list above>).runUntil(${w.nowUs()})`,
    `last trace records:\n${last}`,
    message,
  ].join('\n');
}

/** Run `body` once per seed; a failure names the seed and how to replay it. */
export function forSeeds(family: string, seedList: readonly number[], body: (seed: number, start: Start) => void): void {
  for (const seed of seedList) {
    let harness: Harness | null = null;
    const start: Start = (config) => {
      const w = createWorld({ ...config, checkInvariants: true });
      harness = {
        w,
        config,
        n: config.nodeCount,
        rng: deriveRng(seed, 'test'),
        connected: new Array<boolean>(config.nodeCount).fill(true),
        up: new Array<boolean>(config.nodeCount).fill(true),
      };
      return harness;
    };
    try {
      body(seed, start);
    } catch (error) {
      throw new Error(describeFailure(family, seed, harness, error), { cause: error });
    }
  }
}

export function fail(message: string): never {
  throw new Error(message);
}

export function raftState(h: Harness, node: number): RaftState {
  return h.w.replicaState(node) as RaftState;
}

export function lastIndexOf(h: Harness, node: number): number {
  const s = raftState(h, node);
  return s.snapshotIndex + s.log.length;
}

export function randomInt(h: Harness, min: number, max: number): number {
  return nextIntInclusive(h.rng, min, max);
}

export function disconnect(h: Harness, node: number): void {
  h.connected[node] = false;
  h.w.act({ type: 'isolate', node });
}

/** Reconnect `node` to every connected node (links to still-disconnected nodes stay down). */
export function connect(h: Harness, node: number): void {
  h.connected[node] = true;
  for (let other = 0; other < h.n; other++) {
    if (other !== node && h.connected[other]) h.w.act({ type: 'heal', from: node, to: other, bothWays: true });
  }
}

export function crash(h: Harness, node: number): void {
  h.up[node] = false;
  h.w.act({ type: 'crash', node });
}

export function restart(h: Harness, node: number): void {
  h.up[node] = true;
  h.w.act({ type: 'restart', node });
}

function reachable(h: Harness, node: number): boolean {
  return h.connected[node] && h.up[node];
}

/** The leaders among connected nodes, by term; fails on two leaders of one term. */
function leadersByTerm(h: Harness): Map<number, number[]> {
  const byTerm = new Map<number, number[]>();
  const views = h.w.views();
  for (let i = 0; i < h.n; i++) {
    const v = views[i];
    if (v === null || !reachable(h, i) || v.role !== 'leader') continue;
    const list = byTerm.get(v.term) ?? [];
    list.push(i);
    byTerm.set(v.term, list);
  }
  for (const [term, list] of byTerm) if (list.length > 1) fail(`term ${term} has ${list.length} leaders: ${list.map((i) => `n${i + 1}`).join(', ')}`);
  return byTerm;
}

/** 6.824 checkOneLeader: within about 5 s, exactly one connected leader in the newest term. */
export function checkOneLeader(h: Harness): number {
  for (let iteration = 0; iteration < 10; iteration++) {
    h.w.runFor(randomInt(h, 450_000, 550_000));
    const byTerm = leadersByTerm(h);
    let bestTerm = -1;
    for (const term of byTerm.keys()) bestTerm = Math.max(bestTerm, term);
    if (bestTerm >= 0) return byTerm.get(bestTerm)![0];
  }
  return fail('expected one leader, got none');
}

export function checkNoLeader(h: Harness): void {
  const views = h.w.views();
  for (let i = 0; i < h.n; i++) {
    const v = views[i];
    if (v !== null && reachable(h, i) && v.role === 'leader') fail(`expected no leader among connected servers, but n${i + 1} claims to be one`);
  }
}

/** All connected servers agree on the term; returns it. */
export function checkTerms(h: Harness): number {
  let term = -1;
  const views = h.w.views();
  for (let i = 0; i < h.n; i++) {
    const v = views[i];
    if (v === null || !reachable(h, i)) continue;
    if (term === -1) term = v.term;
    else if (term !== v.term) fail(`servers disagree on term: ${term} vs n${i + 1}'s ${v.term}`);
  }
  return term;
}

/** How many live servers have applied `index` (the simulator checks that they agree on it). */
export function nApplied(h: Harness, index: number): number {
  let count = 0;
  for (let i = 0; i < h.n; i++) if (h.up[i] && raftState(h, i).lastApplied >= index) count++;
  return count;
}

export interface Proposal {
  accepted: boolean;
  commandId: number;
  /** Index the leader put it at (when accepted). */
  index: number;
  term: number;
}

/** Start a command at `node` (6.824's rf.Start). */
export function propose(h: Harness, node: number, bytes = 8): Proposal {
  h.w.act({ type: 'propose', node, body: 'cmd', bytes });
  const p = h.w.lastProposal();
  if (p === null) return fail('proposal not recorded');
  const accepted = p.accepted === true;
  const s = accepted ? raftState(h, node) : null;
  return { accepted, commandId: p.commandId, index: s === null ? -1 : lastIndexOf(h, node), term: s === null ? -1 : s.currentTerm };
}

/**
 * 6.824 `one`: submit a command to whichever connected server accepts it, and
 * wait until `expectedServers` have applied it at the index it was given.
 * With `retry`, resubmit after a leader failure; fail after 10 s.
 */
export function one(h: Harness, expectedServers: number, retry: boolean, bytes = 8): Proposal {
  const t0 = h.w.nowUs();
  let next = 0;
  while (h.w.nowUs() - t0 < 10_000_000) {
    let proposal: Proposal | null = null;
    for (let k = 0; k < h.n && proposal === null; k++) {
      next = (next + 1) % h.n;
      if (!reachable(h, next)) continue;
      const p = propose(h, next, bytes);
      if (p.accepted) proposal = p;
    }
    if (proposal !== null) {
      const t1 = h.w.nowUs();
      while (h.w.nowUs() - t1 < 2_000_000) {
        if (nApplied(h, proposal.index) >= expectedServers && h.w.committedCommandAt(proposal.index) === proposal.commandId) return proposal;
        h.w.runFor(20_000);
      }
      if (!retry) fail(`one(${proposal.commandId}) failed to reach agreement at index ${proposal.index}`);
    } else {
      h.w.runFor(50_000);
    }
  }
  return fail(`one() failed to reach agreement within 10 s`);
}

/** Wait until `count` servers applied `index`, or fail. */
export function waitApplied(h: Harness, index: number, count: number, withinUs = 5_000_000): void {
  const t0 = h.w.nowUs();
  while (nApplied(h, index) < count) {
    if (h.w.nowUs() - t0 > withinUs) fail(`only ${nApplied(h, index)} servers applied index ${index}, expected ${count}`);
    h.w.runFor(20_000);
  }
}

export function restoreAll(h: Harness): void {
  for (let i = 0; i < h.n; i++) if (!h.up[i]) restart(h, i);
  h.w.act({ type: 'healAll' });
  h.connected.fill(true);
}

/** How many messages of a type were delivered or sent, read from the trace. */
export function countTrace(h: Harness, kind: 'send' | 'deliver', label: string): number {
  let count = 0;
  const total = h.w.traceCount();
  for (let from = 0; from < total; from += 10_000) {
    for (const r of h.w.trace(from, 10_000)) if (r.kind === kind && r.label === label) count++;
  }
  return count;
}
