/**
 * The coordinator: the one scheduler of a world. It owns the event queue, the
 * virtual clock, the network and the trace, and decides the order of
 * everything. Replicas run elsewhere (in this thread or in workers); the
 * coordinator hands each its inputs and merges the effects they report, in
 * event order, so that both hosts produce the same trace.
 */
import { InvariantViolation, fail } from '../core/assert';
import { chance, deriveRng, nextIntInclusive, type Rng } from '../core/prng';
import { heapPop, heapPush, slottedMoved, slottedPop, slottedPush, type Slotted } from '../core/heap';
import type { AnyProtocol } from '../protocols/contract';
import type { ProtocolEntry } from '../protocols/entry';
import { createClerk, type ClerkState } from '../clients/clerk';
import { createShardClerk, type ShardClerkState } from '../clients/shardClerk';
import { createCtrlerClerk, type CtrlerClerkState } from '../services/shardctrler/clerk';
import type { ResolvedWorldConfig } from './config';
import { chargeCpu, cpuModelOf, type CpuSettings } from './cpu';
import { groupIndexByNode } from './topology';
import { describeServiceMessage, messageShard, serviceMessageBytes, serviceMessageType } from '../services/messages';
import type { Effects } from './effects';
import { createNetwork, type NetworkState } from './network';
import { DropReason, TraceKind, appendCommitted, appendGroupCommitted, createTraceState, labelOf, record, recordLabelled, type Journal, type LabelInfo, type TraceState } from './trace';

export const EventKind = { deliver: 1, timer: 2 } as const;

/** One scheduled event. Every event has the same shape (one hidden class for V8). */
export interface SimEvent extends Slotted {
  timeUs: number;
  seq: number;
  kind: number;
  node: number;
  from: number;
  /** Message id (deliver) or timer id (timer). */
  id: number;
  /** Timer generation (timer) or send time (deliver). */
  extra: number;
  msg: unknown;
  /** Timers: endpoint × timerIdsPerEndpoint + timer id (see `timers`); deliveries: −1. */
  slot: number;
  /** Deliveries: the message's trace label, found once when it is sent; timers: null. */
  label: LabelInfo | null;
}

/** Timer ids of one endpoint are below this (replicas use a few small ids and the service's 63, clerks 0 and 1). */
export const timerIdsPerEndpoint = 64;

export const RoleCode = { follower: 0, precandidate: 1, candidate: 2, leader: 3 } as const;

export interface RunStats {
  events: number;
  sent: number;
  delivered: number;
  dropped: number;
  duplicated: number;
  bytesSent: number;
  timersFired: number;
  proposals: number;
  proposalsRefused: number;
  opsInvoked: number;
  opsCompleted: number;
  clientRetries: number;
}

/** The checkpointable state of the coordinator. */
export interface CoordinatorState {
  nodeCount: number;
  /** Replicas are endpoints 0..nodeCount-1 of the network, clerks the ones after (a sharded world's administrator last). */
  endpointCount: number;
  /** node → replica group (all 0 in a one-group world). */
  groupOf: number[];
  /** Key-value clerks of a one-group world. */
  clerks: ClerkState[];
  /** Sharded worlds: the shard clerks (endpoints after the replicas) and the administrator's controller clerk (the last endpoint). */
  shardClerks: ShardClerkState[];
  admin: CtrlerClerkState | null;
  nowUs: number;
  seq: number;
  messageCounter: number;
  /** Messages in flight, a heap by (time, seq). */
  queue: SimEvent[];
  /**
   * Pending timers, a heap by (time, seq) with at most one timer per
   * endpoint and timer id: setting a timer again supersedes the one before
   * (replicas and clerks number their timers' generations, so the older
   * firing would be ignored anyway), so it moves instead of piling up.
   */
  timers: SimEvent[];
  /** endpoint × timerIdsPerEndpoint + timer id → position in `timers`, or −1. */
  timerSlots: number[];
  network: NetworkState;
  /** Bumped by every action that changes the network, so checkpoints can share an unchanged network's copy. */
  networkVersion: number;
  networkRng: Rng;
  up: boolean[];
  role: number[];
  term: number[];
  /** Per group: term → node that was leader in it (election safety is checked as notes arrive). */
  leaderOfTerm: Record<number, number>[];
  /** Highest index each node has applied in its current lifetime. */
  appliedIndex: number[];
  commandCounter: number;
  /** Commands issued so far by the steady client load. */
  loadIssued: number;
  stats: RunStats;
  trace: TraceState;
  /** The CPU service-time model (cpu.ts), or null when CPUs are infinitely fast. */
  cpu: CpuSettings | null;
  /** Per replica: when its CPU has worked off everything handed to it so far. */
  busyUntilUs: number[];
  /** Per replica: CPU time spent in all (for utilisation figures). */
  cpuBusyUs: number[];
  /** Outcome of each proposal by command id: accepted (true), refused (false). */
  lastProposal: { commandId: number; node: number; accepted: boolean | null; leaderHint: number } | null;
}

export function createCoordinator(config: ResolvedWorldConfig): CoordinatorState {
  const { seed, nodeCount, network: link, shards, groups } = config;
  const clientCount = config.clients.count;
  const sharded = shards !== null;
  const endpointCount = nodeCount + clientCount + (sharded ? 1 : 0);
  const controllers = Array.from({ length: groups[0].size }, (_, i) => groups[0].base + i);
  return {
    nodeCount,
    endpointCount,
    groupOf: groupIndexByNode(groups),
    clerks: sharded ? [] : Array.from({ length: clientCount }, (_, client) => createClerk(seed, client, nodeCount, config.clients)),
    shardClerks: sharded ? Array.from({ length: clientCount }, (_, client) => createShardClerk(seed, client, nodeCount + client, controllers, config.clients)) : [],
    admin: sharded ? createCtrlerClerk(seed, adminCtrlerClient, endpointCount - 1, controllers) : null,
    nowUs: 0,
    seq: 0,
    messageCounter: 0,
    queue: [],
    timers: [],
    timerSlots: new Array<number>(endpointCount * timerIdsPerEndpoint).fill(-1),
    network: createNetwork(endpointCount, link),
    networkVersion: 0,
    networkRng: deriveRng(seed, 'network'),
    up: new Array<boolean>(nodeCount).fill(false),
    role: new Array<number>(nodeCount).fill(RoleCode.follower),
    term: new Array<number>(nodeCount).fill(0),
    leaderOfTerm: groups.map(() => ({})),
    cpu: cpuModelOf(config.cpu),
    busyUntilUs: new Array<number>(nodeCount).fill(0),
    cpuBusyUs: new Array<number>(nodeCount).fill(0),
    appliedIndex: new Array<number>(nodeCount).fill(0),
    commandCounter: 0,
    loadIssued: 0,
    stats: {
      events: 0,
      sent: 0,
      delivered: 0,
      dropped: 0,
      duplicated: 0,
      bytesSent: 0,
      timersFired: 0,
      proposals: 0,
      proposalsRefused: 0,
      opsInvoked: 0,
      opsCompleted: 0,
      clientRetries: 0,
    },
    trace: createTraceState(),
    lastProposal: null,
  };
}

/** The administrator's client id at the controller (shard clerks use 2_000_000 + their index, replica groups 1_000_000 + …). */
export const adminCtrlerClient = 1;

/**
 * Processed events, kept for reuse: the in-process host hands each event back
 * once it is fully handled, which spares the collector one object per
 * message. Reuse never changes behaviour (a recycled event is overwritten
 * whole), so one pool serves every world in the thread.
 */
const eventPool: SimEvent[] = [];
const eventPoolLimit = 4096;

export function releaseEvent(ev: SimEvent): void {
  if (eventPool.length < eventPoolLimit) {
    ev.msg = null;
    eventPool.push(ev);
  }
}

function newEvent(c: CoordinatorState, timeUs: number, kind: number, node: number, from: number, id: number, extra: number, msg: unknown, slot: number, label: LabelInfo | null): SimEvent {
  const ev = eventPool.pop();
  if (ev === undefined) return { timeUs, seq: c.seq++, kind, node, from, id, extra, msg, slot, label };
  ev.timeUs = timeUs;
  ev.seq = c.seq++;
  ev.kind = kind;
  ev.node = node;
  ev.from = from;
  ev.id = id;
  ev.extra = extra;
  ev.msg = msg;
  ev.slot = slot;
  ev.label = label;
  return ev;
}

/** The next event (earliest time, then earliest scheduled), message or timer, without taking it. */
export function peekEvent(c: CoordinatorState): SimEvent | undefined {
  const m = c.queue[0];
  const t = c.timers[0];
  if (m === undefined) return t;
  if (t === undefined) return m;
  return t.timeUs < m.timeUs || (t.timeUs === m.timeUs && t.seq < m.seq) ? t : m;
}

/** Take the next event; `next` is what `peekEvent` just returned. */
export function takeEvent(c: CoordinatorState, next: SimEvent): SimEvent {
  return (next.slot >= 0 ? slottedPop(c.timers, c.timerSlots) : heapPop(c.queue)) as SimEvent;
}

/** Time of the next event, or Infinity when nothing is scheduled. */
export function nextEventTimeUs(c: CoordinatorState): number {
  const next = peekEvent(c);
  return next === undefined ? Infinity : next.timeUs;
}

/** Admission of an event taken from the queue: it reaches its node, is dropped, or vanishes. */
export const Admission = { reach: 0, vanish: -1, client: -2 } as const;

/**
 * Decide whether an event reaches its node: a delivery to a crashed node or
 * over a link that went down while the message was in flight is dropped (the
 * result is the DropReason); a timer of a crashed node vanishes. Only actions
 * change what this reads, so a worker host may decide a whole window at once.
 */
export function admissionOf(c: CoordinatorState, ev: SimEvent): number {
  if (ev.node >= c.nodeCount) return Admission.client;
  if (ev.kind === EventKind.deliver) {
    if (!c.up[ev.node]) return DropReason.nodeDown;
    if (!c.network.up[ev.from * c.endpointCount + ev.node]) return DropReason.linkDown;
    return Admission.reach;
  }
  return c.up[ev.node] ? Admission.reach : Admission.vanish;
}

/** Trace (and count) a delivery that did not happen. */
export function recordDrop(c: CoordinatorState, journal: Journal, ev: SimEvent, reason: number): void {
  c.stats.dropped++;
  recordLabelled(c.trace, journal, TraceKind.drop, ev.timeUs, ev.node, ev.from, ev.label as LabelInfo, ev.id, reason);
}

/** The label of any message on the network: a protocol message, or a client request or reply. */
export function messageLabel(protocol: AnyProtocol, msg: unknown): string {
  return serviceMessageType(msg) ?? protocol.messageType(msg);
}

export function describeAnyMessage(protocol: AnyProtocol, msg: unknown): string {
  return serviceMessageType(msg) !== null ? describeServiceMessage(msg) : protocol.describeMessage(msg);
}

function messageBytes(protocol: AnyProtocol, msg: unknown): number {
  return serviceMessageType(msg) !== null ? serviceMessageBytes(msg) : protocol.messageBytes(msg);
}

/**
 * Send one message over its link: trace it, then drop it, or schedule its
 * delivery (and maybe a duplicate). `departDelayUs`: the sender's CPU is
 * still busy (cpu.ts), so the message leaves that much later.
 */
export function sendMessage(c: CoordinatorState, journal: Journal, protocol: AnyProtocol, from: number, to: number, msg: unknown, lookaheadUs: number, departDelayUs = 0): void {
  const now = c.nowUs;
  const net = c.network;
  const id = ++c.messageCounter;
  const label = labelOf(journal, messageLabel(protocol, msg));
  const bytes = messageBytes(protocol, msg);
  c.stats.sent++;
  c.stats.bytesSent += bytes;
  recordLabelled(c.trace, journal, TraceKind.send, now, from, to, label, id, bytes);
  const link = from * net.size + to;
  if (!net.up[link]) {
    c.stats.dropped++;
    recordLabelled(c.trace, journal, TraceKind.drop, now, to, from, label, id, DropReason.linkDown);
    return;
  }
  if (chance(c.networkRng, net.lossRatio[link])) {
    c.stats.dropped++;
    recordLabelled(c.trace, journal, TraceKind.drop, now, to, from, label, id, DropReason.lost);
    return;
  }
  const latency = nextIntInclusive(c.networkRng, net.latencyMinUs[link], net.latencyMaxUs[link]);
  if (!(latency >= lookaheadUs)) fail(`latency ${latency}us below the lookahead ${lookaheadUs}us`);
  const departUs = now + departDelayUs;
  heapPush(c.queue, newEvent(c, departUs + latency, EventKind.deliver, to, from, id, now, msg, -1, label));
  if (chance(c.networkRng, net.duplicateRatio[link])) {
    c.stats.duplicated++;
    const again = nextIntInclusive(c.networkRng, net.latencyMinUs[link], net.latencyMaxUs[link]);
    heapPush(c.queue, newEvent(c, departUs + again, EventKind.deliver, to, from, id, now, msg, -1, label));
  }
}

/** Schedule a timer firing for `endpoint` (a replica or a clerk). */
export function scheduleTimer(c: CoordinatorState, endpoint: number, timerId: number, delayUs: number, gen: number, lookaheadUs: number): void {
  if (!(delayUs >= lookaheadUs)) fail(`timer delay ${delayUs}us below the lookahead ${lookaheadUs}us`);
  if (timerId < 0 || timerId >= timerIdsPerEndpoint) fail(`timer id ${timerId} out of range`);
  const slot = endpoint * timerIdsPerEndpoint + timerId;
  const at = c.timerSlots[slot];
  if (at < 0) {
    slottedPush(c.timers, c.timerSlots, newEvent(c, c.nowUs + delayUs, EventKind.timer, endpoint, endpoint, timerId, gen, null, slot, null));
    return;
  }
  // The slot's pending firing is superseded: it becomes this one (same numbering as a new event would get).
  const ev = c.timers[at];
  ev.timeUs = c.nowUs + delayUs;
  ev.seq = c.seq++;
  ev.extra = gen;
  slottedMoved(c.timers, c.timerSlots, at);
}

/** Merge one step's effects: schedule its sends and timers, trace its notes and commits, check generic invariants. */
export function mergeEffects(
  c: CoordinatorState,
  journal: Journal,
  entry: ProtocolEntry,
  node: number,
  ev: SimEvent | null,
  e: Effects,
  lookaheadUs: number,
): void {
  const protocol = entry.protocol;
  if (e.error !== null) throw new Error(`n${node + 1} failed at t=${c.nowUs}us: ${e.error}`);
  const now = c.nowUs;
  if (ev !== null) {
    c.stats.events++;
    if (ev.kind === EventKind.deliver) {
      c.stats.delivered++;
      recordLabelled(c.trace, journal, TraceKind.deliver, now, node, ev.from, ev.label as LabelInfo, ev.id, 0);
    } else {
      c.stats.timersFired++;
      record(c.trace, journal, TraceKind.timer, now, node, -1, 'timer', ev.id, 0);
    }
  }
  const departDelayUs = c.cpu === null ? 0 : chargeCpu(c, c.cpu, node, ev, e);
  for (let i = e.sendStart; i < e.sendEnd; i++) sendMessage(c, journal, protocol, node, e.sendTo[i], e.sendMsg[i], lookaheadUs, departDelayUs);
  for (let i = e.timerStart; i < e.timerEnd; i++) scheduleTimer(c, node, e.timerIds[i], e.timerDelaysUs[i], e.timerGens[i], lookaheadUs);
  for (let i = e.noteStart; i < e.noteEnd; i++) {
    const kind = e.noteKinds[i];
    const a = e.noteA[i];
    const b = e.noteB[i];
    record(c.trace, journal, TraceKind.note, now, node, -1, kind, a, b);
    if (kind === 'role') {
      c.role[node] = a;
      c.term[node] = b;
      if (a === RoleCode.leader) {
        const leaders = c.leaderOfTerm[c.groupOf[node]];
        const previous = leaders[b];
        if (previous !== undefined && previous !== node && entry.oneLeaderPerTerm) {
          throw new InvariantViolation('election safety', `n${previous + 1} and n${node + 1} both leaders`, node, b, now);
        }
        leaders[b] = node;
      }
    } else if (kind === 'term') {
      c.term[node] = a;
    }
  }
  if (e.restoredIndex >= 0) c.appliedIndex[node] = e.restoredIndex;
  const group = c.groupOf[node];
  for (let i = e.commitStart; i < e.commitEnd; i++) {
    const index = e.commitIndex[i];
    const term = e.commitTerm[i];
    const command = e.commitCommand[i];
    record(c.trace, journal, TraceKind.commit, now, node, -1, 'commit', index, term);
    const log = group === 0 ? journal : journal.groupCommits[group - 1];
    if (index < log.committedLength) {
      if (log.committedTerm[index] !== term || log.committedCommand[index] !== command) {
        throw new InvariantViolation(
          'state machine safety',
          `index ${index} applied as term ${term} command ${command}, but elsewhere as term ${log.committedTerm[index]} command ${log.committedCommand[index]}`,
          node,
          term,
          now,
        );
      }
    } else {
      if (!(index === log.committedLength)) fail(`n${node + 1} applied index ${index} before index ${log.committedLength} was ever applied anywhere`);
      if (group === 0) appendCommitted(journal, term, command, now);
      else appendGroupCommitted(journal, group, term, command);
    }
    c.appliedIndex[node] = index;
  }
  for (let i = e.proposalStart; i < e.proposalEnd; i++) {
    const accepted = e.proposalAccepted[i];
    if (!accepted) c.stats.proposalsRefused++;
    if (c.lastProposal !== null && c.lastProposal.commandId === e.proposalIds[i]) {
      c.lastProposal.accepted = accepted;
      c.lastProposal.leaderHint = e.proposalLeaderHint[i];
    }
  }
}

/** The non-crashed leader with the highest term in a group (the only group of a plain world), if any. */
export function currentLeader(c: CoordinatorState, group = 0): number | null {
  let best: number | null = null;
  for (let i = 0; i < c.nodeCount; i++) {
    if (c.groupOf[i] === group && c.up[i] && c.role[i] === RoleCode.leader && (best === null || c.term[i] > c.term[best])) best = i;
  }
  return best;
}

export interface InFlightMessage {
  id: number;
  from: number;
  to: number;
  type: string;
  description: string;
  /** The shard it hands over (a ShardPush), or null. */
  shard: number | null;
  sentUs: number;
  deliverUs: number;
}

/** Messages still in the queue (for drawing); computed on demand by scanning the heap. `protocolOf` names a replica's protocol. */
export function inFlight(c: CoordinatorState, protocolOf: (node: number) => AnyProtocol, limit: number): InFlightMessage[] {
  const out: InFlightMessage[] = [];
  for (const ev of c.queue) {
    if (ev.kind !== EventKind.deliver) continue;
    const protocol = protocolOf(ev.node < c.nodeCount ? ev.node : ev.from);
    out.push({
      id: ev.id,
      from: ev.from,
      to: ev.node,
      type: (ev.label as LabelInfo).label,
      description: describeAnyMessage(protocol, ev.msg),
      shard: messageShard(ev.msg),
      sentUs: ev.extra,
      deliverUs: ev.timeUs,
    });
    if (out.length >= limit) break;
  }
  return out;
}
