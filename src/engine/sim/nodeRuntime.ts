/**
 * Everything that lives on one simulated machine: the replica, the service on
 * top of its log, its disk, its PRNG stream and its timers. The same code runs
 * inside the in-process host and inside each node's Web Worker; only the
 * runtime's `NodeMachine` (plain data) is checkpointed.
 */
import { fail } from '../core/assert';
import { deriveRng, type Rng } from '../core/prng';
import type { AnyProtocol, Command, CommittedEntry, ProtocolInput, ReplicaView, StepContext } from '../protocols/contract';
import type { AnyService, ServiceHost } from '../services/contract';
import { createDisk, crashDisk, readDurable, syncDisk, type DiskState } from './disk';
import { pushCommit, pushNote, pushProposal, pushSend, pushTimer, type Effects } from './effects';
import type { BugName } from './bugs';
import type { ClientRequest } from '../clients/messages';
import { createKvService } from '../services/kv';
import { createPendingReplies, type PendingReplies } from '../services/pendingReplies';
import { answerKvRequest, onKvRequest } from './kvRequests';
import { commandLogService } from '../services/commandLog';
import type { ProtocolEntry } from '../protocols/entry';
import { resolveProtocol } from '../protocols/registry';
import type { ServiceName } from './config';
import type { GroupLayout, GroupService } from './topology';
import { createShardCtrlerService } from '../services/shardctrler/service';
import { createShardKvService } from '../services/shardkv/service';

/** The checkpointable part of a node. */
export interface NodeMachine {
  /** The replica's id inside its group (what the protocol calls its node id). */
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
  /** Client commands this node has proposed (for unique command ids). */
  proposalCounter: number;
  /** command id → the clerk waiting for its result. Volatile: lost on a crash. */
  pendingReplies: PendingReplies<PendingReply>;
  /** The service's volatile node state (services with node behaviour); reset on boot. */
  serviceVolatile: unknown;
}

export interface PendingReply {
  endpoint: number;
  client: number;
  seq: number;
}

/** Command ids of client requests start here, above the ids the coordinator gives its own proposals. */
const clientCommandIdBase = 2 ** 30;

export interface NodeSetup {
  protocol: AnyProtocol;
  service: AnyService;
  /** Index inside the group; the protocol sees ids 0 … nodeCount−1. */
  nodeId: number;
  /** Replicas in the group. */
  nodeCount: number;
  /** Global endpoint of the group's replica 0 (0 in a one-group world). */
  groupBase: number;
  options: unknown;
  seed: number;
  /** The service snapshots every this many applied entries; 0 disables snapshots. */
  snapshotEveryEntries: number;
  bugs: readonly BugName[];
}

/** What every node of a world shares: enough to build any node's runtime, in this thread or a worker. */
export interface NodeWorldSetup {
  nodeCount: number;
  /** The replica groups (one for a plain world). */
  groups: GroupLayout[];
  /** Sharded worlds: shard count, poll interval and the controller's endpoints. */
  shardCount: number;
  pollIntervalUs: number;
  /** Protocol options with defaults, the entry's preset and the config applied. */
  options: Record<string, unknown>;
  /** Per group, when groups run different protocols: each group's options (else `options`). */
  groupOptions?: Record<string, unknown>[];
  seed: number;
  snapshotEveryEntries: number;
  service: ServiceName;
  bugs: BugName[];
}

export function serviceFor(name: ServiceName | GroupService, bugs: readonly BugName[], world?: NodeWorldSetup, group?: GroupLayout): AnyService {
  switch (name) {
    case 'kv':
      return createKvService({ forgetSessionsInSnapshots: bugs.includes('forget-sessions') }) as AnyService;
    case 'shardctrler':
      return createShardCtrlerService({ shardCount: world?.shardCount ?? 10 }) as AnyService;
    case 'shardkv': {
      if (world === undefined || group === undefined) throw new Error('the shardkv service needs the world layout');
      const ctrl = world.groups[0];
      return createShardKvService({
        gid: group.index,
        shardCount: world.shardCount,
        pollIntervalUs: world.pollIntervalUs,
        controllers: Array.from({ length: ctrl.size }, (_, i) => ctrl.base + i),
        groupBase: group.base,
      }) as AnyService;
    }
    default:
      return commandLogService as AnyService;
  }
}

/** The group a replica belongs to. */
export function groupOfNode(world: NodeWorldSetup, node: number): GroupLayout {
  for (const g of world.groups) if (node >= g.base && node < g.base + g.size) return g;
  throw new Error(`n${node + 1} is in no replica group`);
}

/** The runtime of replica `node`; `entry` is the world's protocol, replaced by the group's own when it has one. */
export function createNodeRuntimeFor(entry: ProtocolEntry, world: NodeWorldSetup, node: number): NodeRuntime {
  const group = groupOfNode(world, node);
  const protocol = group.protocol === null ? entry : resolveProtocol(group.protocol);
  return createNodeRuntime({
    protocol: protocol.protocol,
    service: serviceFor(group.service, world.bugs, world, group),
    nodeId: node - group.base,
    nodeCount: group.size,
    groupBase: group.base,
    options: world.groupOptions?.[group.index] ?? world.options,
    seed: world.seed,
    snapshotEveryEntries: world.snapshotEveryEntries,
    bugs: world.bugs,
  });
}

export type NodeInput =
  | ProtocolInput<unknown>
  | { readonly kind: 'timer-gen'; readonly timerId: number; readonly gen: number };

interface ProposalAnswer {
  commandId: number;
  accepted: boolean;
  leaderHint: number;
}

export interface NodeRuntime {
  readonly setup: NodeSetup;
  machine: NodeMachine;
  /** The buffer the current step writes into. */
  effects: Effects | null;
  /** A snapshot the service took during this step; handed to the replica once the step returns. */
  pendingSnapshot: { index: number; data: unknown } | null;
  /** The answer to the client proposal being made right now, caught from `ctx.proposalResult` (null between proposals). */
  proposalAnswer: ProposalAnswer | null;
  /** Reused for every proposal, so that a client request allocates no bookkeeping of its own. */
  readonly proposalScratch: ProposalAnswer;
  readonly proposeInput: { kind: 'propose'; command: Command | null };
  readonly ctx: StepContext<unknown> & { nowUs: number };
  /** What the service's node behaviour may do (services with `node`). */
  readonly host: ServiceHost & { nowUs: number };
}

export function createNodeRuntime(setup: NodeSetup): NodeRuntime {
  const machine: NodeMachine = {
    nodeId: setup.nodeId,
    up: false,
    replica: null,
    service: setup.service.create(),
    disk: createDisk(),
    rng: deriveRng(setup.seed, `node:${setup.groupBase + setup.nodeId}`),
    timerGens: [],
    lastApplied: 0,
    appliedSinceSnapshot: 0,
    lifetimes: 0,
    proposalCounter: 0,
    pendingReplies: createPendingReplies(),
    serviceVolatile: null,
  };
  const rt: NodeRuntime = {
    setup,
    machine,
    effects: null,
    pendingSnapshot: null,
    proposalAnswer: null,
    proposalScratch: { commandId: 0, accepted: false, leaderHint: -1 },
    proposeInput: { kind: 'propose', command: null },
    ctx: null as unknown as NodeRuntime['ctx'],
    host: null as unknown as ServiceHost & { nowUs: number },
  };
  (rt as { ctx: NodeRuntime['ctx'] }).ctx = makeContext(rt);
  (rt as { host: NodeRuntime['host'] }).host = makeServiceHost(rt);
  return rt;
}

/** The timer id a service's node behaviour uses (protocols use small ids). */
export const serviceTimerId = 63;

export function out(rt: NodeRuntime): Effects {
  if (!(rt.effects !== null)) fail(`node n${rt.setup.nodeId + 1} produced an effect outside a step`);
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
      pushSend(out(rt), to + rt.setup.groupBase, msg);
    },
    setTimer(timerId: number, delayUs: number) {
      if (!(delayUs > 0 && Number.isFinite(delayUs))) fail(`timer ${timerId} delay must be positive, got ${delayUs}`);
      const gens = rt.machine.timerGens;
      const gen = (gens[timerId] ?? 0) + 1;
      gens[timerId] = gen;
      pushTimer(out(rt), timerId, Math.round(delayUs), gen);
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
      const answer = rt.proposalAnswer;
      if (answer !== null && answer.commandId === commandId) {
        answer.accepted = accepted;
        answer.leaderHint = leaderHint ?? -1;
      }
      pushProposal(out(rt), commandId, accepted, leaderHint ?? -1);
    },
    restoreSnapshot(index: number, _term: number, data: unknown) {
      rt.machine.service = rt.setup.service.restore(data);
      rt.machine.lastApplied = index;
      rt.machine.appliedSinceSnapshot = 0;
      out(rt).restoredIndex = index;
    },
    note(kind: string, a: number, b: number) {
      pushNote(out(rt), kind, a, b);
    },
  };
  return ctx;
}

function makeServiceHost(rt: NodeRuntime): NodeRuntime['host'] {
  return {
    nowUs: 0,
    get localId() {
      return rt.setup.nodeId;
    },
    get endpoint() {
      return rt.setup.groupBase + rt.setup.nodeId;
    },
    get incarnation() {
      return rt.machine.lifetimes;
    },
    send(to: number, msg: unknown) {
      pushSend(out(rt), to, msg);
    },
    setTimer(delayUs: number) {
      rt.ctx.setTimer(serviceTimerId, delayUs);
    },
    propose(body: unknown, bytes: number) {
      const m = rt.machine;
      const commandId = clientCommandIdBase + ++m.proposalCounter * 16 + m.nodeId;
      // Not frozen: the log entry that holds it is, and checkpoints share frozen objects whole.
      const command: Command = { id: commandId, body, bytes };
      const answer = rt.proposalScratch;
      answer.commandId = commandId;
      answer.accepted = false;
      answer.leaderHint = -1;
      rt.proposalAnswer = answer;
      // One input object per runtime, refilled: a replica reads its input during the step and keeps only the command.
      const input = rt.proposeInput;
      input.command = command;
      rt.setup.protocol.step(m.replica, input as ProtocolInput<unknown>, rt.ctx);
      input.command = null;
      rt.proposalAnswer = null;
      return { accepted: answer.accepted, commandId, leaderHint: answer.leaderHint };
    },
    isLeader() {
      return rt.machine.up && rt.machine.replica !== null && rt.setup.protocol.view(rt.machine.replica, 0).role === 'leader';
    },
  };
}

function applyCommitted(rt: NodeRuntime, entry: CommittedEntry): void {
  const m = rt.machine;
  if (!(entry.index === m.lastApplied + 1)) fail(`n${m.nodeId + 1} applied index ${entry.index} after ${m.lastApplied}`);
  m.lastApplied = entry.index;
  const result = rt.setup.service.apply(m.service, entry);
  const e = out(rt);
  const node = rt.setup.service.node;
  if (node !== undefined) {
    if (node.onApplied !== undefined) node.onApplied(m.service, m.serviceVolatile, rt.host, entry, result);
  } else if (entry.command !== null) {
    answerKvRequest(rt, entry.command.id, result);
  }
  pushCommit(e, entry.index, entry.term, entry.command === null ? -1 : entry.command.id);
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
  rt.host.nowUs = nowUs;
  rt.effects = effects;
}

/** First boot, or restart after a crash: rebuild the replica from what was durable. */
export function bootNode(rt: NodeRuntime, nowUs: number, effects: Effects): void {
  const m = rt.machine;
  if (m.up) fail(`n${m.nodeId + 1} booted while up`);
  begin(rt, nowUs, effects);
  m.up = true;
  m.lifetimes++;
  m.service = rt.setup.service.create();
  m.lastApplied = 0;
  m.appliedSinceSnapshot = 0;
  const durable = m.lifetimes === 1 ? null : readDurable(m.disk);
  const { protocol, nodeId, nodeCount, options, service } = rt.setup;
  // The volatile part exists before the replica does: a replica may apply recovered entries while it is created.
  if (service.node !== undefined) m.serviceVolatile = service.node.createVolatile();
  m.replica = null;
  m.replica = protocol.create(nodeId, nodeCount, options, durable, rt.ctx);
  if (service.node?.onBoot !== undefined) service.node.onBoot(m.service, m.serviceVolatile, rt.host);
  end(rt);
}

/** Power loss: volatile state and unsynced writes are gone; pending timers are void. */
export function crashNode(rt: NodeRuntime): void {
  const m = rt.machine;
  m.up = false;
  m.replica = null;
  m.pendingReplies = createPendingReplies();
  m.serviceVolatile = null;
  crashDisk(m.disk);
  for (let i = 0; i < m.timerGens.length; i++) m.timerGens[i] = (m.timerGens[i] ?? 0) + 1;
}

export function stepNode(rt: NodeRuntime, nowUs: number, input: NodeInput, effects: Effects): void {
  const m = rt.machine;
  if (!m.up) fail(`input delivered to crashed node n${m.nodeId + 1}`);
  if (input.kind === 'timer-gen') {
    if ((m.timerGens[input.timerId] ?? 0) !== input.gen) {
      effects.skipped = true;
      return;
    }
    begin(rt, nowUs, effects);
    const serviceNode = rt.setup.service.node;
    if (input.timerId === serviceTimerId && serviceNode !== undefined) {
      if (serviceNode.onTimer !== undefined) serviceNode.onTimer(m.service, m.serviceVolatile, rt.host);
    } else {
      rt.setup.protocol.step(m.replica, { kind: 'timer', timerId: input.timerId }, rt.ctx);
    }
  } else if (input.kind === 'message') {
    begin(rt, nowUs, effects);
    const local = input.from - rt.setup.groupBase;
    if (local >= 0 && local < rt.setup.nodeCount) {
      // A message from the group's own replicas: the protocol's, with the sender as the protocol numbers it.
      rt.setup.protocol.step(m.replica, local === input.from ? input : { kind: 'message', from: local, msg: input.msg }, rt.ctx);
    } else if (rt.setup.service.node !== undefined) {
      rt.setup.service.node.onMessage(m.service, m.serviceVolatile, rt.host, input.from, input.msg);
    } else {
      onKvRequest(rt, input.from, input.msg as ClientRequest);
    }
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
