/**
 * The clerks' side of the coordinator. Clerks live in the coordinator (they
 * are part of the simulated world, not of any replica), so both hosts run
 * them the same way: a reply or a clerk timer is handled where the
 * coordinator merges effects, in event order.
 */
import { nextIntInclusive } from '../core/prng';
import { clerkMinTimerUs, clerkOnArrival, clerkOnReply, clerkOnTimer, type ClerkIo, type ClientSettings } from '../clients/clerk';
import { arrivalDelayUs, arrivalTimerId } from '../clients/workload';
import type { ClientReply, KvOp } from '../clients/messages';
import { shardClerkOnArrival, shardClerkOnReply, shardClerkOnTimer, type ShardClerkIo } from '../clients/shardClerk';
import { ctrlerClerkOnReply, ctrlerClerkOnTimer, ctrlerClerkSubmit, defaultCtrlerClerkSettings, type CtrlerClerkIo } from '../services/shardctrler/clerk';
import { describeCtrlerOp, type CtrlerOp, type CtrlerReply } from '../services/shardctrler/types';
import type { ResolvedWorldConfig } from './config';
import type { ProtocolEntry } from '../protocols/entry';
import { EventKind, scheduleTimer, sendMessage, type CoordinatorState, type SimEvent } from './coordinator';
import { TraceKind, record, type Journal } from './trace';
import { storeInvoke, storeRefusal, storeReturn } from './historyStore';

/** One io per world; the shard clerks and the administrator see it through thin adapters. */
interface ClerkIoHolder extends ClerkIo {
  invokeShard: ShardClerkIo['invoke'];
  completeShard: ShardClerkIo['complete'];
  completeAdmin: CtrlerClerkIo['complete'];
  c: CoordinatorState;
  entry: ProtocolEntry;
  lookaheadUs: number;
}

/** One io object per journal (that is, per world), refreshed per event instead of allocated. */
const ioByJournal = new WeakMap<Journal, ClerkIoHolder>();

function clerkIo(c: CoordinatorState, journal: Journal, entry: ProtocolEntry, lookaheadUs: number): ClerkIo {
  let io = ioByJournal.get(journal);
  if (io === undefined) {
    io = makeClerkIo(c, journal, entry, lookaheadUs);
    ioByJournal.set(journal, io);
  }
  io.c = c;
  io.entry = entry;
  io.lookaheadUs = lookaheadUs;
  io.nowUs = c.nowUs;
  return io;
}

const kindNames = ['get', 'put', 'append', 'cas'] as const;
const kindName = (code: number): string => kindNames[code];

function makeClerkIo(c0: CoordinatorState, journal: Journal, entry0: ProtocolEntry, lookahead0: number): ClerkIoHolder {
  const invoke = (c: CoordinatorState, client: number, op: KvOp, shard: number, nowUs: number): number => {
    c.stats.opsInvoked++;
    const index = storeInvoke(journal.history, client, op.kind, op.key, op.kind === 'get' ? null : op.value, op.kind === 'cas' ? op.expected : null, nowUs, shard);
    record(c.trace, journal, TraceKind.invoke, nowUs, c.nodeCount + client, -1, op.kind, index, 0);
    return index;
  };
  const io: ClerkIoHolder = {
    c: c0,
    entry: entry0,
    lookaheadUs: lookahead0,
    nowUs: c0.nowUs,
    send: (from, to, msg) => sendMessage(io.c, journal, io.entry.protocol, from, to, msg, io.lookaheadUs),
    setTimer: (endpoint, delayUs, gen) => scheduleTimer(io.c, endpoint, 0, delayUs, gen, io.lookaheadUs),
    setArrivalTimer: (endpoint, delayUs, gen) => scheduleTimer(io.c, endpoint, arrivalTimerId, delayUs, gen, io.lookaheadUs),
    invokeShard(client: number, op: KvOp, shard: number, nowUs: number): number {
      return invoke(io.c, client, op, shard, nowUs);
    },
    completeShard(historyIndex: number, value: string | null, nowUs: number, firstRefusalUs: number): void {
      if (firstRefusalUs >= 0) storeRefusal(journal.history, historyIndex, firstRefusalUs);
      io.complete(historyIndex, value, nowUs);
    },
    completeAdmin(_client: number, _seq: number, op: CtrlerOp, reply: CtrlerReply, nowUs: number): void {
      const c = io.c;
      // A mark on the timeline: the configuration the operation created (a = its number, −1 when refused).
      record(c.trace, journal, TraceKind.note, nowUs, c.endpointCount - 1, -1, reply.err === null ? `${describeCtrlerOp(op)} → config` : `${describeCtrlerOp(op)} refused: ${reply.err}`, reply.config?.num ?? -1, 0);
    },
    invoke(client: number, op: KvOp, nowUs: number): number {
      return invoke(io.c, client, op, -1, nowUs);
    },
    complete(historyIndex: number, value: string | null, nowUs: number): void {
      const c = io.c;
      c.stats.opsCompleted++;
      storeReturn(journal.history, historyIndex, nowUs, value);
      record(c.trace, journal, TraceKind.complete, nowUs, c.nodeCount + journal.history.client[historyIndex], -1, kindName(journal.history.kind[historyIndex]), historyIndex, 0);
    },
  };
  return io;
}

/** Give every clerk its first timer, staggered so that they do not start in lockstep. */
export function startClerks(c: CoordinatorState, settings: ClientSettings, lookaheadUs: number): void {
  for (const clerk of [...c.clerks, ...c.shardClerks]) {
    const arrivals = clerk.arrivals;
    if (arrivals !== null) {
      // Open loop: the first look for arrivals; operations start as they arrive.
      arrivals.gen++;
      scheduleTimer(c, clerk.endpoint, arrivalTimerId, Math.max(lookaheadUs, arrivalDelayUs(arrivals, c.nowUs)), arrivals.gen, lookaheadUs);
      continue;
    }
    clerk.timerGen++;
    const delayUs = Math.max(lookaheadUs, 1_000) + nextIntInclusive(clerk.rng, 0, 20_000);
    scheduleTimer(c, clerk.endpoint, 0, delayUs, clerk.timerGen, lookaheadUs);
  }
}

/** The shard clerks' and the administrator's views of a world's io: its time, sends and timers, with their own records. */
interface Adapters {
  shard: ShardClerkIo;
  admin: CtrlerClerkIo;
}

const adaptersByHolder = new WeakMap<ClerkIoHolder, Adapters>();

function adaptersOf(holder: ClerkIoHolder): Adapters {
  let adapters = adaptersByHolder.get(holder);
  if (adapters === undefined) {
    const common = {
      get nowUs() {
        return holder.nowUs;
      },
      send: (from: number, to: number, msg: unknown) => holder.send(from, to, msg as never),
      setTimer: (endpoint: number, delayUs: number, gen: number) => holder.setTimer(endpoint, delayUs, gen),
      setArrivalTimer: (endpoint: number, delayUs: number, gen: number) => holder.setArrivalTimer(endpoint, delayUs, gen),
    };
    adapters = {
      shard: Object.defineProperties(
        {
          invoke: (client, op, shard, nowUs) => holder.invokeShard(client, op, shard, nowUs),
          complete: (index, value, nowUs, refusedUs) => holder.completeShard(index, value, nowUs, refusedUs),
        } as ShardClerkIo,
        Object.getOwnPropertyDescriptors(common),
      ),
      admin: Object.defineProperties(
        { complete: (client, seq, op, reply, nowUs) => holder.completeAdmin(client, seq, op, reply, nowUs) } as CtrlerClerkIo,
        Object.getOwnPropertyDescriptors(common),
      ),
    };
    adaptersByHolder.set(holder, adapters);
  }
  return adapters;
}

const shardClerkIo = (holder: ClerkIoHolder): ShardClerkIo => adaptersOf(holder).shard;
const adminClerkIo = (holder: ClerkIoHolder): CtrlerClerkIo => adaptersOf(holder).admin;

/** Hand an administrator's operation (Join, Leave, Move) to the controller clerk; it runs after those before it. */
export function submitAdmin(c: CoordinatorState, journal: Journal, entry: ProtocolEntry, op: CtrlerOp, lookaheadUs: number): void {
  if (c.admin === null) throw new Error('only a sharded world has a shard controller');
  ctrlerClerkSubmit(c.admin, op, defaultCtrlerClerkSettings, adminClerkIo(clerkIo(c, journal, entry, lookaheadUs) as ClerkIoHolder));
}

/** A reply delivered to a clerk, or a clerk's timer. Stale timers vanish without a trace. */
export function handleClientEvent(c: CoordinatorState, journal: Journal, entry: ProtocolEntry, config: ResolvedWorldConfig, ev: SimEvent, lookaheadUs: number): void {
  if (c.admin !== null) {
    handleShardedClientEvent(c, journal, entry, config, ev, lookaheadUs);
    return;
  }
  const settings = config.clients;
  const clerk = c.clerks[ev.node - c.nodeCount];
  if (ev.kind === EventKind.timer) {
    const arrival = ev.id === arrivalTimerId;
    if (ev.extra !== (arrival ? clerk.arrivals?.gen : clerk.timerGen)) return;
    c.stats.events++;
    c.stats.timersFired++;
    record(c.trace, journal, TraceKind.timer, c.nowUs, ev.node, -1, arrival ? 'arrivals' : 'client-timer', 0, 0);
    const retriesBefore = clerk.retries;
    if (arrival) clerkOnArrival(clerk, ev.extra, settings, clerkIo(c, journal, entry, lookaheadUs));
    else clerkOnTimer(clerk, ev.extra, settings, c.nodeCount, clerkIo(c, journal, entry, lookaheadUs));
    c.stats.clientRetries += clerk.retries - retriesBefore;
    return;
  }
  c.stats.events++;
  c.stats.delivered++;
  const reply = ev.msg as ClientReply;
  record(c.trace, journal, TraceKind.deliver, c.nowUs, ev.node, ev.from, reply.type, ev.id, 0);
  const retriesBefore = clerk.retries;
  clerkOnReply(clerk, reply, settings, c.nodeCount, clerkIo(c, journal, entry, lookaheadUs));
  c.stats.clientRetries += clerk.retries - retriesBefore;
}

function handleShardedClientEvent(c: CoordinatorState, journal: Journal, entry: ProtocolEntry, config: ResolvedWorldConfig, ev: SimEvent, lookaheadUs: number): void {
  const settings = config.clients;
  const shardCount = (config.shards as NonNullable<ResolvedWorldConfig['shards']>).shardCount;
  const holder = clerkIo(c, journal, entry, lookaheadUs) as ClerkIoHolder;
  const isAdmin = ev.node === c.endpointCount - 1;
  const admin = c.admin as NonNullable<CoordinatorState['admin']>;
  const clerk = isAdmin ? null : c.shardClerks[ev.node - c.nodeCount];
  const arrival = ev.kind === EventKind.timer && ev.id === arrivalTimerId;
  const gen = isAdmin ? admin.timerGen : arrival ? clerk?.arrivals?.gen : (clerk as NonNullable<typeof clerk>).timerGen;
  if (ev.kind === EventKind.timer) {
    if (ev.extra !== gen) return;
    c.stats.events++;
    c.stats.timersFired++;
    record(c.trace, journal, TraceKind.timer, c.nowUs, ev.node, -1, arrival ? 'arrivals' : 'client-timer', 0, 0);
  } else {
    c.stats.events++;
    c.stats.delivered++;
    record(c.trace, journal, TraceKind.deliver, c.nowUs, ev.node, ev.from, (ev.msg as { type: string }).type, ev.id, 0);
  }
  if (isAdmin) {
    const io = adminClerkIo(holder);
    const retriesBefore = admin.retries;
    if (ev.kind === EventKind.timer) ctrlerClerkOnTimer(admin, ev.extra, defaultCtrlerClerkSettings, io);
    else if ((ev.msg as { type?: string }).type === 'CtrlerReply') ctrlerClerkOnReply(admin, ev.msg as CtrlerReply, defaultCtrlerClerkSettings, io);
    c.stats.clientRetries += admin.retries - retriesBefore;
    return;
  }
  const sc = clerk as NonNullable<typeof clerk>;
  const io = shardClerkIo(holder);
  const retriesBefore = sc.retries;
  if (arrival) shardClerkOnArrival(sc, ev.extra, settings, io, shardCount);
  else if (ev.kind === EventKind.timer) shardClerkOnTimer(sc, ev.extra, settings, io, shardCount);
  else shardClerkOnReply(sc, ev.msg as ClientReply | CtrlerReply, settings, io, shardCount);
  c.stats.clientRetries += sc.retries - retriesBefore;
}

export { clerkMinTimerUs };
