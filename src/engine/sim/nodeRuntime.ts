/**
 * Everything that lives on one simulated machine: the replica, the service on
 * top of its log, its disk, its PRNG stream and its timers. The same code runs
 * inside the in-process host and inside each node's Web Worker; only the
 * runtime's `NodeMachine` (plain data) is checkpointed.
 */
import { assert } from '../core/assert';
import { deriveRng, type Rng } from '../core/prng';
import type { AnyProtocol, Command, CommittedEntry, ProtocolInput, ReplicaView, StepContext } from '../protocols/contract';
import type { AnyService } from '../services/contract';
import { createDisk, crashDisk, readDurable, syncDisk, type DiskState } from './disk';
import type { Effects } from './effects';

/** The checkpointable part of a node. */
export interface NodeMachine {
  nodeId: number;
  up: boolean;
  replica: unknown;
  service: unknown;
  disk: DiskState;
  rng: Rng;
  /** Generation of each timer id; a firing whose generation is older is stale. */
  timerGens: number[];
  lastApplied: number;
  /** Entries applied since the last snapshot the service took. */
  appliedSinceSnapshot: number;
  lifetimes: number;
}

export interface NodeSetup {
  protocol: AnyProtocol;
  service: AnyService;
  nodeId: number;
  nodeCount: number;
  options: unknown;
  seed: number;
  /** The service snapshots every this many applied entries; 0 disables snapshots. */
  snapshotEveryEntries: number;
}

export type NodeInput =
  | ProtocolInput<unknown>
  | { readonly kind: 'timer-gen'; readonly timerId: number; readonly gen: number };

export interface NodeRuntime {
  readonly setup: NodeSetup;
  machine: NodeMachine;
  /** The buffer the current step writes into. */
  effects: Effects | null;
  /** A snapshot the service took during this step; handed to the replica once the step returns. */
  pendingSnapshot: { index: number; data: unknown } | null;
  readonly ctx: StepContext<unknown> & { nowUs: number };
}

export function createNodeRuntime(setup: NodeSetup): NodeRuntime {
  const machine: NodeMachine = {
    nodeId: setup.nodeId,
    up: false,
    replica: null,
    service: setup.service.create(),
    disk: createDisk(),
    rng: deriveRng(setup.seed, `node:${setup.nodeId}`),
    timerGens: [],
    lastApplied: 0,
    appliedSinceSnapshot: 0,
    lifetimes: 0,
  };
  const rt: NodeRuntime = { setup, machine, effects: null, pendingSnapshot: null, ctx: null as unknown as NodeRuntime['ctx'] };
  (rt as { ctx: NodeRuntime['ctx'] }).ctx = makeContext(rt);
  return rt;
}

function out(rt: NodeRuntime): Effects {
  assert(rt.effects !== null, `node n${rt.setup.nodeId + 1} produced an effect outside a step`);
  return rt.effects;
}

function makeContext(rt: NodeRuntime): NodeRuntime['ctx'] {
  const ctx = {
    nowUs: 0,
    nodeId: rt.setup.nodeId,
    get rng() {
      return rt.machine.rng;
    },
    send(to: number, msg: unknown) {
      const e = out(rt);
      e.sendTo.push(to);
      e.sendMsg.push(msg);
    },
    setTimer(timerId: number, delayUs: number) {
      assert(delayUs > 0 && Number.isFinite(delayUs), `timer ${timerId} delay must be positive, got ${delayUs}`);
      const gens = rt.machine.timerGens;
      const gen = (gens[timerId] ?? 0) + 1;
      gens[timerId] = gen;
      const e = out(rt);
      e.timerIds.push(timerId);
      e.timerDelaysUs.push(Math.round(delayUs));
      e.timerGens.push(gen);
    },
    cancelTimer(timerId: number) {
      const gens = rt.machine.timerGens;
      gens[timerId] = (gens[timerId] ?? 0) + 1;
    },
    write(key: string, value: unknown) {
      rt.machine.disk.pending.push({ op: 'write', key, value });
    },
    append(key: string, items: readonly unknown[]) {
      if (items.length > 0) rt.machine.disk.pending.push({ op: 'append', key, items });
    },
    truncate(key: string, length: number) {
      rt.machine.disk.pending.push({ op: 'truncate', key, length });
    },
    discardPrefix(key: string, count: number) {
      if (count > 0) rt.machine.disk.pending.push({ op: 'discardPrefix', key, count });
    },
    sync() {
      syncDisk(rt.machine.disk);
    },
    commit(entry: CommittedEntry) {
      applyCommitted(rt, entry);
    },
    proposalResult(commandId: number, accepted: boolean, leaderHint: number | null) {
      const e = out(rt);
      e.proposalIds.push(commandId);
      e.proposalAccepted.push(accepted);
      e.proposalLeaderHint.push(leaderHint ?? -1);
    },
    restoreSnapshot(index: number, _term: number, data: unknown) {
      rt.machine.service = rt.setup.service.restore(data);
      rt.machine.lastApplied = index;
      rt.machine.appliedSinceSnapshot = 0;
    },
    note(kind: string, a: number, b: number) {
      const e = out(rt);
      e.noteKinds.push(kind);
      e.noteA.push(a);
      e.noteB.push(b);
    },
  };
  return ctx;
}

function applyCommitted(rt: NodeRuntime, entry: CommittedEntry): void {
  const m = rt.machine;
  assert(entry.index === m.lastApplied + 1, `n${m.nodeId + 1} applied index ${entry.index} after ${m.lastApplied}`);
  m.lastApplied = entry.index;
  rt.setup.service.apply(m.service, entry);
  const e = out(rt);
  e.commitIndex.push(entry.index);
  e.commitTerm.push(entry.term);
  e.commitCommand.push(entry.command === null ? -1 : entry.command.id);
  m.appliedSinceSnapshot++;
  const every = rt.setup.snapshotEveryEntries;
  if (every > 0 && m.appliedSinceSnapshot >= every) {
    m.appliedSinceSnapshot = 0;
    // Compaction waits until the replica's step returns, so that the replica
    // never sees its log change under it in the middle of applying entries.
    rt.pendingSnapshot = { index: entry.index, data: rt.setup.service.snapshot(m.service) };
  }
}

function end(rt: NodeRuntime): void {
  const pending = rt.pendingSnapshot;
  if (pending !== null && rt.machine.up) {
    rt.pendingSnapshot = null;
    rt.setup.protocol.compact(rt.machine.replica, pending.index, pending.data, rt.ctx);
  }
  rt.pendingSnapshot = null;
  rt.effects = null;
}

function begin(rt: NodeRuntime, nowUs: number, effects: Effects): void {
  rt.ctx.nowUs = nowUs;
  rt.effects = effects;
}

/** First boot, or restart after a crash: rebuild the replica from what was durable. */
export function bootNode(rt: NodeRuntime, nowUs: number, effects: Effects): void {
  const m = rt.machine;
  assert(!m.up, `n${m.nodeId + 1} booted while up`);
  begin(rt, nowUs, effects);
  m.up = true;
  m.lifetimes++;
  m.service = rt.setup.service.create();
  m.lastApplied = 0;
  m.appliedSinceSnapshot = 0;
  const durable = m.lifetimes === 1 ? null : readDurable(m.disk);
  const { protocol, nodeId, nodeCount, options } = rt.setup;
  m.replica = protocol.create(nodeId, nodeCount, options, durable, rt.ctx);
  end(rt);
}

/** Power loss: volatile state and unsynced writes are gone; pending timers are void. */
export function crashNode(rt: NodeRuntime): void {
  const m = rt.machine;
  m.up = false;
  m.replica = null;
  crashDisk(m.disk);
  for (let i = 0; i < m.timerGens.length; i++) m.timerGens[i] = (m.timerGens[i] ?? 0) + 1;
}

export function stepNode(rt: NodeRuntime, nowUs: number, input: NodeInput, effects: Effects): void {
  const m = rt.machine;
  assert(m.up, `input delivered to crashed node n${m.nodeId + 1}`);
  if (input.kind === 'timer-gen') {
    if ((m.timerGens[input.timerId] ?? 0) !== input.gen) {
      effects.skipped = true;
      return;
    }
    begin(rt, nowUs, effects);
    rt.setup.protocol.step(m.replica, { kind: 'timer', timerId: input.timerId }, rt.ctx);
  } else {
    begin(rt, nowUs, effects);
    rt.setup.protocol.step(m.replica, input, rt.ctx);
  }
  end(rt);
}

export function viewNode(rt: NodeRuntime, logTail: number): ReplicaView | null {
  return rt.machine.up ? rt.setup.protocol.view(rt.machine.replica, logTail) : null;
}

export function proposeInput(command: Command): NodeInput {
  return { kind: 'propose', command };
}
