/**
 * A tiny hand-rolled harness for Raft's unit tests (etcd's interaction tests
 * in spirit): replicas are driven by calling `create`/`step` directly with a
 * fake context that records every effect in order. Messages wait in an
 * outbox until the test delivers them; time moves only when the test says so.
 * Test-only code; pure TypeScript so that it type-checks with the engine.
 */
import { fail } from '../../../core/assert';
import { deriveRng, type Rng } from '../../../core/prng';
import type { Command, CommittedEntry, Durable, NodeId, ProtocolInput, StepContext } from '../../contract';
import { describeRaftMessage } from '../describe';
import { raftProtocol } from '../index';
import { TimerId, type RaftEntry, type RaftMessage, type RaftOptions, type RaftState } from '../types';

export type Effect =
  | { kind: 'send'; to: NodeId; msg: RaftMessage }
  | { kind: 'setTimer'; timerId: number; delayUs: number }
  | { kind: 'cancelTimer'; timerId: number }
  | { kind: 'write'; key: string; value: unknown }
  | { kind: 'append'; key: string; items: readonly unknown[] }
  | { kind: 'truncate'; key: string; length: number }
  | { kind: 'discardPrefix'; key: string; count: number }
  | { kind: 'sync' }
  | { kind: 'commit'; entry: CommittedEntry }
  | { kind: 'proposal'; commandId: number; accepted: boolean; leaderHint: NodeId | null }
  | { kind: 'restore'; index: number; term: number; data: unknown }
  | { kind: 'note'; note: string; a: number; b: number };

type DiskOp = Exclude<Effect, { kind: 'send' | 'setTimer' | 'cancelTimer' | 'sync' | 'commit' | 'proposal' | 'restore' | 'note' }>;

export interface TestNode {
  id: NodeId;
  state: RaftState | null;
  /** Every effect since the node was created or `clearEffects` was called. */
  effects: Effect[];
  durableValues: Record<string, unknown>;
  durableLists: Record<string, unknown[]>;
  pendingDisk: DiskOp[];
  rng: Rng;
  /** Timer id → virtual time it fires. */
  timers: Record<number, number>;
  applied: CommittedEntry[];
}

export interface Envelope {
  from: NodeId;
  to: NodeId;
  msg: RaftMessage;
}

export interface TestCluster {
  nodes: TestNode[];
  options: RaftOptions;
  nowUs: number;
  outbox: Envelope[];
  /** Links that drop messages, as `from->to`. */
  cut: Set<string>;
}

function makeCtx(c: TestCluster, node: TestNode): StepContext<RaftMessage> {
  const record = (e: Effect) => node.effects.push(e);
  return {
    nowUs: c.nowUs,
    nodeId: node.id,
    rng: node.rng,
    send(to, msg) {
      // Persistence before replies: nothing leaves while a durable write is unsynced.
      if (!(node.pendingDisk.length === 0)) fail(`n${node.id + 1} sent ${describeRaftMessage(msg)} with ${node.pendingDisk.length} unsynced writes`);
      record({ kind: 'send', to, msg });
      if (!c.cut.has(`${node.id}->${to}`)) c.outbox.push({ from: node.id, to, msg });
    },
    setTimer(timerId, delayUs) {
      if (!(delayUs > 0)) fail(`timer delay must be positive, got ${delayUs}`);
      // The worker host's lookahead relies on this bound.
      if (!(delayUs >= raftProtocol.minTimerDelayUs(c.options))) fail(`timer delay ${delayUs}us below minTimerDelayUs`);
      record({ kind: 'setTimer', timerId, delayUs });
      node.timers[timerId] = c.nowUs + delayUs;
    },
    cancelTimer(timerId) {
      record({ kind: 'cancelTimer', timerId });
      delete node.timers[timerId];
    },
    write(key, value) {
      const e: DiskOp = { kind: 'write', key, value };
      record(e);
      node.pendingDisk.push(e);
    },
    append(key, items) {
      const e: DiskOp = { kind: 'append', key, items };
      record(e);
      node.pendingDisk.push(e);
    },
    truncate(key, length) {
      const e: DiskOp = { kind: 'truncate', key, length };
      record(e);
      node.pendingDisk.push(e);
    },
    discardPrefix(key, count) {
      const e: DiskOp = { kind: 'discardPrefix', key, count };
      record(e);
      node.pendingDisk.push(e);
    },
    sync() {
      record({ kind: 'sync' });
      for (const op of node.pendingDisk) {
        if (op.kind === 'write') node.durableValues[op.key] = op.value;
        else if (op.kind === 'append') (node.durableLists[op.key] ??= []).push(...op.items);
        else if (op.kind === 'truncate') (node.durableLists[op.key] ??= []).length = Math.min(op.length, node.durableLists[op.key].length);
        else (node.durableLists[op.key] ??= []).splice(0, op.count);
      }
      node.pendingDisk.length = 0;
    },
    commit(entry) {
      record({ kind: 'commit', entry });
      node.applied.push(entry);
    },
    proposalResult(commandId, accepted, leaderHint) {
      record({ kind: 'proposal', commandId, accepted, leaderHint });
    },
    restoreSnapshot(index, term, data) {
      record({ kind: 'restore', index, term, data });
    },
    note(kind, a, b) {
      record({ kind: 'note', note: kind, a, b });
    },
  };
}

/** Build `n` replicas; `logs[i]` optionally seeds node i's durable log (terms, as no-op entries) and term. */
export function createCluster(n: number, options: Partial<RaftOptions> = {}, seed = 1): TestCluster {
  const c: TestCluster = { nodes: [], options: { ...raftProtocol.defaultOptions(), ...options }, nowUs: 0, outbox: [], cut: new Set() };
  for (let id = 0; id < n; id++) {
    c.nodes.push({
      id,
      state: null,
      effects: [],
      durableValues: {},
      durableLists: {},
      pendingDisk: [],
      rng: deriveRng(seed, `node:${id}`),
      timers: {},
      applied: [],
    });
  }
  for (const node of c.nodes) boot(c, node.id, null);
  return c;
}

function boot(c: TestCluster, id: NodeId, durable: Durable | null): void {
  const node = c.nodes[id];
  node.timers = {};
  node.state = raftProtocol.create(id, c.nodes.length, c.options, durable, makeCtx(c, node));
  node.pendingDisk.length = 0;
}

/** Entries with the given terms (commands numbered from `firstCommandId`). */
export function entries(terms: readonly number[], firstCommandId = 1000): RaftEntry[] {
  return terms.map((term, i) => Object.freeze({ term, command: Object.freeze({ id: firstCommandId + i, body: `c${firstCommandId + i}`, bytes: 10 }) }));
}

/** Replace node `id` by one restarted from this durable state (a crash, then a restart with a given disk). */
export function restartWith(c: TestCluster, id: NodeId, disk: { term?: number; vote?: NodeId | null; log?: RaftEntry[]; snapshot?: unknown }): void {
  const node = c.nodes[id];
  node.durableValues = { term: disk.term ?? 0, vote: disk.vote ?? null };
  if (disk.snapshot !== undefined) node.durableValues.snapshot = disk.snapshot;
  node.durableLists = { log: [...(disk.log ?? [])] };
  node.pendingDisk.length = 0;
  node.applied = [];
  boot(c, id, { values: { ...node.durableValues }, lists: { log: [...node.durableLists.log] } });
}

/** Power loss and restart: unsynced writes are lost; the replica is rebuilt from the disk. */
export function crashAndRestart(c: TestCluster, id: NodeId): void {
  const node = c.nodes[id];
  node.pendingDisk.length = 0;
  node.applied = [];
  const lists: Record<string, unknown[]> = {};
  for (const key of Object.keys(node.durableLists)) lists[key] = node.durableLists[key].slice();
  boot(c, id, { values: { ...node.durableValues }, lists });
  c.outbox = c.outbox.filter((e) => e.to !== id && e.from !== id);
}

export function state(c: TestCluster, id: NodeId): RaftState {
  const s = c.nodes[id].state;
  if (!(s !== null)) fail(`n${id + 1} is down`);
  return s;
}

export function step(c: TestCluster, id: NodeId, input: ProtocolInput<RaftMessage>): void {
  raftProtocol.step(state(c, id), input, makeCtx(c, c.nodes[id]));
}

/** Let node `id`'s election timer run out (time jumps to its deadline) and fire it. */
export function timeout(c: TestCluster, id: NodeId): void {
  c.nowUs = Math.max(c.nowUs, state(c, id).electionDeadlineUs);
  step(c, id, { kind: 'timer', timerId: TimerId.election });
}

export function heartbeat(c: TestCluster, id: NodeId): void {
  step(c, id, { kind: 'timer', timerId: TimerId.heartbeat });
}

export function propose(c: TestCluster, id: NodeId, commandId: number, bytes = 10): void {
  const command: Command = Object.freeze({ id: commandId, body: `c${commandId}`, bytes });
  step(c, id, { kind: 'propose', command });
}

/** Deliver the oldest pending message; returns it (or null if none). */
export function deliverOne(c: TestCluster, filter: (e: Envelope) => boolean = () => true): Envelope | null {
  const i = c.outbox.findIndex(filter);
  if (i < 0) return null;
  const [e] = c.outbox.splice(i, 1);
  if (c.nodes[e.to].state !== null) step(c, e.to, { kind: 'message', from: e.from, msg: e.msg });
  return e;
}

/** Deliver messages until none are left (etcd's `stabilize`); returns the transcript. */
export function stabilize(c: TestCluster, maxMessages = 10_000): string[] {
  const transcript: string[] = [];
  for (let i = 0; i < maxMessages; i++) {
    const e = deliverOne(c);
    if (e === null) return transcript;
    transcript.push(`${e.from + 1}->${e.to + 1} ${describeRaftMessage(e.msg)}`);
  }
  throw new Error(`no quiescence after ${maxMessages} messages`);
}

/** Drop every pending message (a lossy moment). */
export function dropAll(c: TestCluster): Envelope[] {
  const dropped = c.outbox;
  c.outbox = [];
  return dropped;
}

export function isolate(c: TestCluster, id: NodeId): void {
  for (let peer = 0; peer < c.nodes.length; peer++) {
    if (peer === id) continue;
    c.cut.add(`${id}->${peer}`);
    c.cut.add(`${peer}->${id}`);
  }
}

export function healAll(c: TestCluster): void {
  c.cut.clear();
}

export function notes(node: TestNode, kind: string): { a: number; b: number }[] {
  const out: { a: number; b: number }[] = [];
  for (const e of node.effects) if (e.kind === 'note' && e.note === kind) out.push({ a: e.a, b: e.b });
  return out;
}

export function sends(node: TestNode, type?: RaftMessage['type']): { to: NodeId; msg: RaftMessage }[] {
  const out: { to: NodeId; msg: RaftMessage }[] = [];
  for (const e of node.effects) if (e.kind === 'send' && (type === undefined || e.msg.type === type)) out.push({ to: e.to, msg: e.msg });
  return out;
}

export function clearEffects(c: TestCluster): void {
  for (const node of c.nodes) node.effects = [];
}

/** Elect `id` in a healthy cluster and let everything settle. */
export function elect(c: TestCluster, id: NodeId): void {
  timeout(c, id);
  stabilize(c);
}

/** The service snapshotted node `id` through `index`. */
export function compact(c: TestCluster, id: NodeId, index: number, data: unknown): void {
  raftProtocol.compact(state(c, id), index, data, makeCtx(c, c.nodes[id]));
}

/** Terms of node `id`'s whole log after its snapshot. */
export function logTerms(c: TestCluster, id: NodeId): number[] {
  return state(c, id).log.map((e) => e.term);
}
