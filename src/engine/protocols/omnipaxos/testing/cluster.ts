/**
 * A tiny hand-rolled harness for OmniPaxos's unit tests: servers are driven
 * by calling `create`/`step` directly with a fake context that records every
 * effect. Messages wait in a FIFO outbox until the test delivers them; time
 * moves only when the test says so; a disk keeps only synced writes.
 * Test-only code; pure TypeScript so that it type-checks with the engine.
 */
import { assert, fail } from '../../../core/assert';
import { deriveRng, type Rng } from '../../../core/prng';
import type { Command, CommittedEntry, Durable, NodeId, ProtocolInput, StepContext } from '../../contract';
import { describeOmniPaxosMessage } from '../describe';
import { omniPaxosProtocol } from '../index';
import { TimerId, type OmniEntry, type OmniPaxosMessage, type OmniPaxosOptions, type OmniPaxosState } from '../types';

export interface Note {
  kind: string;
  a: number;
  b: number;
}

export interface TestNode {
  id: NodeId;
  state: OmniPaxosState | null;
  durableValues: Record<string, unknown>;
  durableLists: Record<string, unknown[]>;
  pendingDisk: (() => void)[];
  rng: Rng;
  /** Timer id → virtual time it fires. */
  timers: Record<number, number>;
  applied: CommittedEntry[];
  notes: Note[];
  proposals: { commandId: number; accepted: boolean; leaderHint: NodeId | null }[];
  restored: { index: number; term: number }[];
}

export interface Envelope {
  from: NodeId;
  to: NodeId;
  msg: OmniPaxosMessage;
}

export interface TestCluster {
  nodes: TestNode[];
  options: OmniPaxosOptions;
  nowUs: number;
  outbox: Envelope[];
  /** Links that drop messages, as `from->to`. */
  cut: Set<string>;
  /** Every message ever sent, described (`n1->n2 AcceptDecide n=4 seq=12 …`). */
  transcript: string[];
}

function makeCtx(c: TestCluster, node: TestNode): StepContext<OmniPaxosMessage> {
  const queue = (op: () => void) => node.pendingDisk.push(op);
  return {
    nowUs: c.nowUs,
    nodeId: node.id,
    rng: node.rng,
    send(to, msg) {
      // Persistence before replies: nothing leaves while a durable write is unsynced.
      if (!(node.pendingDisk.length === 0)) fail(`n${node.id + 1} sent ${describeOmniPaxosMessage(msg)} with ${node.pendingDisk.length} unsynced writes`);
      c.transcript.push(`n${node.id + 1}->n${to + 1} ${describeOmniPaxosMessage(msg)}`);
      if (!c.cut.has(`${node.id}->${to}`)) c.outbox.push({ from: node.id, to, msg });
    },
    setTimer(timerId, delayUs) {
      if (!(delayUs > 0)) fail(`timer delay must be positive, got ${delayUs}`);
      node.timers[timerId] = c.nowUs + delayUs;
    },
    cancelTimer(timerId) {
      delete node.timers[timerId];
    },
    write(key, value) {
      queue(() => (node.durableValues[key] = value));
    },
    append(key, items) {
      queue(() => (node.durableLists[key] ??= []).push(...items));
    },
    truncate(key, length) {
      queue(() => {
        const list = (node.durableLists[key] ??= []);
        list.length = Math.min(length, list.length);
      });
    },
    discardPrefix(key, count) {
      queue(() => (node.durableLists[key] ??= []).splice(0, count));
    },
    sync() {
      for (const op of node.pendingDisk) op();
      node.pendingDisk.length = 0;
    },
    commit(entry) {
      const last = node.applied.length === 0 ? (node.restored.at(-1)?.index ?? 0) : node.applied[node.applied.length - 1].index;
      if (!(entry.index === last + 1)) fail(`n${node.id + 1} applied ${entry.index} after ${last}`);
      node.applied.push(entry);
    },
    proposalResult(commandId, accepted, leaderHint) {
      node.proposals.push({ commandId, accepted, leaderHint });
    },
    restoreSnapshot(index, term) {
      node.applied = [];
      node.restored.push({ index, term });
    },
    note(kind, a, b) {
      node.notes.push({ kind, a, b });
    },
  };
}

export function createCluster(n: number, options: Partial<OmniPaxosOptions> = {}, seed = 1): TestCluster {
  const c: TestCluster = { nodes: [], options: { ...omniPaxosProtocol.defaultOptions(), ...options }, nowUs: 0, outbox: [], cut: new Set(), transcript: [] };
  for (let id = 0; id < n; id++) {
    c.nodes.push({ id, state: null, durableValues: {}, durableLists: {}, pendingDisk: [], rng: deriveRng(seed, `node:${id}`), timers: {}, applied: [], notes: [], proposals: [], restored: [] });
  }
  for (const node of c.nodes) boot(c, node.id, null);
  return c;
}

function boot(c: TestCluster, id: NodeId, durable: Durable | null): void {
  const node = c.nodes[id];
  node.timers = {};
  node.applied = [];
  node.restored = [];
  node.state = omniPaxosProtocol.create(id, c.nodes.length, c.options, durable, makeCtx(c, node));
  if (!(node.pendingDisk.length === 0)) fail(`n${id + 1} left unsynced writes after create`);
}

/** Power loss and restart: unsynced writes are lost; the server is rebuilt from its disk. */
export function crashAndRestart(c: TestCluster, id: NodeId): void {
  const node = c.nodes[id];
  node.pendingDisk.length = 0;
  c.outbox = c.outbox.filter((e) => e.to !== id && e.from !== id);
  const lists: Record<string, unknown[]> = {};
  for (const key of Object.keys(node.durableLists)) lists[key] = node.durableLists[key].slice();
  boot(c, id, { values: { ...node.durableValues }, lists });
}

/** Replace node `id` by one booted from this disk (as if it crashed and its disk held exactly this). */
export function restartWith(c: TestCluster, id: NodeId, values: Record<string, unknown>, log: readonly OmniEntry[]): void {
  const node = c.nodes[id];
  node.durableValues = { ...values };
  node.durableLists = { log: [...log] };
  node.pendingDisk.length = 0;
  c.outbox = c.outbox.filter((e) => e.to !== id && e.from !== id);
  boot(c, id, { values: { ...values }, lists: { log: [...log] } });
}

export function state(c: TestCluster, id: NodeId): OmniPaxosState {
  const s = c.nodes[id].state;
  if (!(s !== null)) fail(`n${id + 1} is down`);
  return s;
}

export function step(c: TestCluster, id: NodeId, input: ProtocolInput<OmniPaxosMessage>): void {
  const node = c.nodes[id];
  omniPaxosProtocol.step(state(c, id), input, makeCtx(c, node));
  if (!(node.pendingDisk.length === 0)) fail(`n${id + 1} left unsynced writes after a step`);
}

/** Run `body` with node `id`'s context (to call internal functions as a step would). */
export function withCtx(c: TestCluster, id: NodeId, body: (s: OmniPaxosState, ctx: StepContext<OmniPaxosMessage>) => void): void {
  const node = c.nodes[id];
  const ctx = makeCtx(c, node);
  body(state(c, id), ctx);
  ctx.sync();
}

/** Deliver queued messages in FIFO order (those `keep` accepts; the others are dropped), until none is left. */
export function deliverAll(c: TestCluster, keep: (e: Envelope) => boolean = () => true, maxMessages = 100_000): number {
  let count = 0;
  while (c.outbox.length > 0) {
    assert(count++ < maxMessages, 'deliverAll: too many messages (a loop?)');
    const e = c.outbox.shift() as Envelope;
    if (!keep(e) || c.nodes[e.to].state === null) continue;
    step(c, e.to, { kind: 'message', from: e.from, msg: e.msg });
  }
  return count;
}

/** Deliver only the messages `pick` selects, leaving the others queued in order. */
export function deliverSome(c: TestCluster, pick: (e: Envelope) => boolean): number {
  const picked = c.outbox.filter(pick);
  c.outbox = c.outbox.filter((e) => !pick(e));
  for (const e of picked) if (c.nodes[e.to].state !== null) step(c, e.to, { kind: 'message', from: e.from, msg: e.msg });
  return picked.length;
}

export function fireTimer(c: TestCluster, id: NodeId, timerId: number): void {
  const due = c.nodes[id].timers[timerId];
  if (due !== undefined) c.nowUs = Math.max(c.nowUs, due);
  step(c, id, { kind: 'timer', timerId });
}

/** One BLE round everywhere: deliver what is in flight (heartbeats and their replies), then end the round on every live server. */
export function bleRound(c: TestCluster): void {
  deliverAll(c);
  for (const node of c.nodes) if (node.state !== null && node.timers[TimerId.bleRound] !== undefined) fireTimer(c, node.id, TimerId.bleRound);
}

/** Rounds until some server leads in the accept phase; returns it. */
export function electLeader(c: TestCluster, maxRounds = 10): NodeId {
  for (let r = 0; r < maxRounds; r++) {
    bleRound(c);
    deliverAll(c);
    const leader = c.nodes.find((n) => n.state !== null && n.state.sp.role === 'leader' && n.state.sp.phase === 'accept');
    if (leader !== undefined) return leader.id;
  }
  throw new Error(`no leader after ${maxRounds} rounds`);
}

let nextCommandId = 1;

export function command(body = 'x'): Command {
  return Object.freeze({ id: nextCommandId++, body, bytes: 10 });
}

export function propose(c: TestCluster, id: NodeId, body = 'x'): Command {
  const cmd = command(body);
  step(c, id, { kind: 'propose', command: cmd });
  return cmd;
}

/** Entries with the given ballot numbers (commands numbered from `firstCommandId`). */
export function entries(ballotNs: readonly number[], firstCommandId = 1000): OmniEntry[] {
  return ballotNs.map((n, i) => Object.freeze({ n, command: Object.freeze({ id: firstCommandId + i, body: `c${firstCommandId + i}`, bytes: 10 }), stopSign: null }));
}

/** Command ids (or -1) of a server's log, for comparing logs. */
export function logIds(s: OmniPaxosState): number[] {
  return s.sp.log.map((e) => (e.command === null ? -1 : e.command.id));
}

export function notesOf(c: TestCluster, id: NodeId, kind: string): Note[] {
  return c.nodes[id].notes.filter((n) => n.kind === kind);
}
