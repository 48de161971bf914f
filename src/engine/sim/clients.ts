/**
 * The clerks' side of the coordinator. Clerks live in the coordinator (they
 * are part of the simulated world, not of any replica), so both hosts run
 * them the same way: a reply or a clerk timer is handled where the
 * coordinator merges effects, in event order.
 */
import { nextIntInclusive } from '../core/prng';
import { clerkMinTimerUs, clerkOnReply, clerkOnTimer, type ClerkIo, type ClientSettings } from '../clients/clerk';
import type { ClientReply, KvOp } from '../clients/messages';
import type { ProtocolEntry } from '../protocols/entry';
import { EventKind, scheduleTimer, sendMessage, type CoordinatorState, type SimEvent } from './coordinator';
import { TraceKind, appendCompletion, appendHistory, record, type Journal } from './trace';

interface ClerkIoHolder extends ClerkIo {
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

function makeClerkIo(c0: CoordinatorState, journal: Journal, entry0: ProtocolEntry, lookahead0: number): ClerkIoHolder {
  const io: ClerkIoHolder = {
    c: c0,
    entry: entry0,
    lookaheadUs: lookahead0,
    nowUs: c0.nowUs,
    send: (from, to, msg) => sendMessage(io.c, journal, io.entry.protocol, from, to, msg, io.lookaheadUs),
    setTimer: (endpoint, delayUs, gen) => scheduleTimer(io.c, endpoint, 0, delayUs, gen, io.lookaheadUs),
    invoke(client: number, op: KvOp, nowUs: number): number {
      const c = io.c;
      c.stats.opsInvoked++;
      const index = appendHistory(journal, {
        client,
        kind: op.kind,
        key: op.key,
        value: op.kind === 'get' ? null : op.value,
        expected: op.kind === 'cas' ? op.expected : null,
        output: null,
        invokeUs: nowUs,
        returnUs: null,
      });
      record(c.trace, journal, TraceKind.invoke, nowUs, c.nodeCount + client, -1, op.kind, index, 0);
      return index;
    },
    complete(historyIndex: number, value: string | null, nowUs: number): void {
      const c = io.c;
      c.stats.opsCompleted++;
      const op = journal.history[historyIndex];
      appendCompletion(journal, historyIndex, nowUs, value);
      record(c.trace, journal, TraceKind.complete, nowUs, c.nodeCount + op.client, -1, op.kind, historyIndex, 0);
    },
  };
  return io;
}

/** Give every clerk its first timer, staggered so that they do not start in lockstep. */
export function startClerks(c: CoordinatorState, settings: ClientSettings, lookaheadUs: number): void {
  for (const clerk of c.clerks) {
    clerk.timerGen++;
    const delayUs = Math.max(lookaheadUs, 1_000) + nextIntInclusive(clerk.rng, 0, 20_000);
    scheduleTimer(c, clerk.endpoint, 0, delayUs, clerk.timerGen, lookaheadUs);
  }
}

/** A reply delivered to a clerk, or a clerk's timer. Stale timers vanish without a trace. */
export function handleClientEvent(c: CoordinatorState, journal: Journal, entry: ProtocolEntry, settings: ClientSettings, ev: SimEvent, lookaheadUs: number): void {
  const clerk = c.clerks[ev.node - c.nodeCount];
  if (ev.kind === EventKind.timer) {
    if (ev.extra !== clerk.timerGen) return;
    c.stats.events++;
    c.stats.timersFired++;
    record(c.trace, journal, TraceKind.timer, c.nowUs, ev.node, -1, 'client-timer', 0, 0);
    const retriesBefore = clerk.retries;
    clerkOnTimer(clerk, ev.extra, settings, c.nodeCount, clerkIo(c, journal, entry, lookaheadUs));
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

export { clerkMinTimerUs };
