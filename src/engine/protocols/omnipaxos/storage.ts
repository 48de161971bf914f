/**
 * Persistence, and the rule that keeps it honest: every durable write is
 * synced before any message leaves the server, and at the end of every step.
 * So no Promise, Accepted or Decide can reveal a promise, an accepted entry or
 * a decided index that a crash could take back.
 *
 * Durable keys: values `promise`, `acceptedRound`, `decidedIdx`, `logStart`,
 * `logStartN`, `snapshot`, `config`, `pullTarget`, `incarnation`; list `log`
 * (the entries after `logStart`).
 */
import type { Durable, NodeId, StepContext } from '../contract';
import { noBallot } from './ballot';
import type { Ballot, Configuration, OmniEntry, OmniPaxosMessage, OmniSnapshot, SpState } from './types';

export const DurableKey = {
  promise: 'promise',
  acceptedRound: 'acceptedRound',
  decidedIdx: 'decidedIdx',
  logStart: 'logStart',
  logStartN: 'logStartN',
  snapshot: 'snapshot',
  config: 'config',
  pullTarget: 'pullTarget',
  incarnation: 'incarnation',
  log: 'log',
} as const;

type Ctx = StepContext<OmniPaxosMessage>;

export function persistPromise(sp: SpState, ctx: Ctx): void {
  ctx.write(DurableKey.promise, sp.promise);
  sp.unsynced = true;
}

export function persistAcceptedRound(sp: SpState, ctx: Ctx): void {
  ctx.write(DurableKey.acceptedRound, sp.acceptedRound);
  sp.unsynced = true;
}

export function persistDecided(sp: SpState, ctx: Ctx): void {
  ctx.write(DurableKey.decidedIdx, sp.decidedIdx);
  sp.unsynced = true;
}

export function persistAppend(sp: SpState, ctx: Ctx, entries: readonly OmniEntry[]): void {
  ctx.append(DurableKey.log, entries);
  sp.unsynced = true;
}

/** Keep only the first `length` entries after logStart. */
export function persistTruncate(sp: SpState, ctx: Ctx, length: number): void {
  ctx.truncate(DurableKey.log, length);
  sp.unsynced = true;
}

/** Drop `count` entries from the front of the durable log; logStart moved by as much. */
export function persistDiscard(sp: SpState, ctx: Ctx, count: number): void {
  ctx.discardPrefix(DurableKey.log, count);
  ctx.write(DurableKey.logStart, sp.logStart);
  ctx.write(DurableKey.logStartN, sp.logStartN);
  sp.unsynced = true;
}

/** The whole durable log replaced by nothing after a snapshot at `logStart`. */
export function persistLogReset(sp: SpState, ctx: Ctx): void {
  ctx.truncate(DurableKey.log, 0);
  ctx.write(DurableKey.logStart, sp.logStart);
  ctx.write(DurableKey.logStartN, sp.logStartN);
  sp.unsynced = true;
}

export function persistSnapshot(sp: SpState, ctx: Ctx): void {
  ctx.write(DurableKey.snapshot, sp.snapshot);
  sp.unsynced = true;
}

export function persistConfig(sp: SpState, ctx: Ctx, config: Configuration): void {
  ctx.write(DurableKey.config, config);
  sp.unsynced = true;
}

/** The configuration we are pulling the sealed log of (we left the old one for good), or null. */
export function persistPullTarget(sp: SpState, ctx: Ctx, target: Configuration | null): void {
  ctx.write(DurableKey.pullTarget, target);
  sp.unsynced = true;
}

/** Counts lifetimes, so that the invariant checker knows a restarted server from a running one. */
export function persistIncarnation(sp: SpState, ctx: Ctx, incarnation: number): void {
  ctx.write(DurableKey.incarnation, incarnation);
  sp.unsynced = true;
}

export function syncIfNeeded(sp: SpState, ctx: Ctx): void {
  if (!sp.unsynced) return;
  ctx.sync();
  sp.unsynced = false;
}

/** Every message goes out through here: durable state first, then the send. */
export function send(sp: SpState, ctx: Ctx, to: NodeId, msg: OmniPaxosMessage): void {
  if (sp.unsynced) syncIfNeeded(sp, ctx);
  ctx.send(to, msg);
}

export interface Recovered {
  promise: Ballot;
  acceptedRound: Ballot;
  decidedIdx: number;
  logStart: number;
  logStartN: number;
  snapshot: OmniSnapshot | null;
  config: Configuration | null;
  pullTarget: Configuration | null;
  incarnation: number;
  log: OmniEntry[];
}

/** What a restarting server rebuilds from: only what was synced before the crash. */
export function recover(durable: Durable | null): Recovered {
  const values = durable?.values ?? {};
  const num = (key: string) => (typeof values[key] === 'number' ? (values[key] as number) : 0);
  const ballot = (key: string) => (values[key] === undefined || values[key] === null ? noBallot : (values[key] as Ballot));
  const log = durable?.lists[DurableKey.log];
  return {
    promise: ballot(DurableKey.promise),
    acceptedRound: ballot(DurableKey.acceptedRound),
    decidedIdx: num(DurableKey.decidedIdx),
    logStart: num(DurableKey.logStart),
    logStartN: num(DurableKey.logStartN),
    snapshot: (values[DurableKey.snapshot] as OmniSnapshot | undefined) ?? null,
    config: (values[DurableKey.config] as Configuration | undefined) ?? null,
    pullTarget: (values[DurableKey.pullTarget] as Configuration | undefined) ?? null,
    incarnation: num(DurableKey.incarnation),
    // A fresh array: the replica mutates its log in place.
    log: log === undefined ? [] : (log.slice() as OmniEntry[]),
  };
}

export { estimateBytes } from '../../core/size';
