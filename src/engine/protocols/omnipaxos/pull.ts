/**
 * Joining a configuration by pulling its sealed log (§6 of the paper: the new
 * configuration starts from the old one's log, which a joining server pulls
 * from several servers in parallel segments).
 *
 * A server that learns of a configuration it belongs to, but lacks the
 * decided log up to the StopSign that started it, stops taking part in its
 * old configuration, drops its undecided tail, and asks the servers of the old
 * and new configurations, in turn, for segments of `pullSegmentEntries`
 * decided entries (two segments in flight per source). A source answers with
 * what it has decided of the segment, preceded by its snapshot when it
 * trimmed what was asked; a partial or empty answer is asked again from the
 * next source at the next retransmission tick, as is any segment outstanding
 * for a whole tick. Segments are merged into the log (and applied) as soon
 * as they are contiguous with the decided prefix: they are decided already.
 * (Merging keeps our own entries where they agree with the decided ones.)
 *
 * Notes: `pull` (a = configuration id, b = entries missing), `snapshot-install`.
 */
import { assert } from '../../core/assert';
import type { NodeId, StepContext } from '../contract';
import { stopBle } from './ble';
import { commitDecided, raiseDecided } from './commit';
import { stepDown } from './follower';
import { entriesAfter, installSnapshot, mergeDecided } from './log';
import { persistPullTarget, send } from './storage';
import { TimerId, type Configuration, type OmniPaxosMessage, type OmniPaxosState, type PullReplyMessage, type PullRequestMessage } from './types';

type Ctx = StepContext<OmniPaxosMessage>;

/**
 * Start pulling the sealed log of `config` (which we belong to) up to its
 * StopSign. We leave the old configuration for good, durably: after a crash we
 * resume the pull rather than act in the old configuration again, so what we
 * accepted there no longer matters (its StopSign is decided: the old
 * configuration decides nothing more, and its other acceptors remember it).
 */
export function startPull(s: OmniPaxosState, ctx: Ctx, config: Configuration, from: NodeId): void {
  const sp = s.sp;
  if (s.mode === 'active') {
    stopBle(ctx);
    stepDown(sp, ctx);
    sp.phase = 'none';
  }
  persistPullTarget(sp, ctx, config);
  resumePull(s, ctx, config, from);
}

/** Pull (again, after a restart) towards `config`; `from` told us about it (-1: nobody). */
export function resumePull(s: OmniPaxosState, ctx: Ctx, config: Configuration, from: NodeId): void {
  const sp = s.sp;
  if (s.mode !== 'pulling') ctx.setTimer(TimerId.resend, s.options.resendIntervalUs);
  s.mode = 'pulling';
  const known = from >= 0 ? [...config.previousNodes, ...config.nodes, from] : [...config.previousNodes, ...config.nodes];
  const sources = [...new Set(known)].filter((node) => node !== s.nodeId).sort((a, b) => a - b);
  s.pull = { target: config, sources, nextSource: 0, requests: [], buffered: [], nextRequestIdx: sp.decidedIdx + 1 };
  ctx.note('pull', config.id, config.stopSignIdx - sp.decidedIdx);
  issuePullRequests(s, ctx);
}

function nextSource(s: OmniPaxosState): NodeId {
  const pull = s.pull;
  assert(pull !== null && pull.sources.length > 0, 'no source to pull from');
  const source = pull.sources[pull.nextSource % pull.sources.length];
  pull.nextSource++;
  return source;
}

/** Keep up to two segments in flight per source. */
function issuePullRequests(s: OmniPaxosState, ctx: Ctx): void {
  const pull = s.pull;
  if (pull === null) return;
  const maxInFlight = 2 * pull.sources.length;
  const segment = s.options.pullSegmentEntries;
  while (pull.requests.length < maxInFlight && pull.nextRequestIdx <= pull.target.stopSignIdx) {
    const fromIdx = pull.nextRequestIdx;
    const toIdx = Math.min(fromIdx + segment - 1, pull.target.stopSignIdx);
    pull.nextRequestIdx = toIdx + 1;
    sendPullRequest(s, ctx, fromIdx, toIdx);
  }
}

function sendPullRequest(s: OmniPaxosState, ctx: Ctx, fromIdx: number, toIdx: number): void {
  const pull = s.pull;
  assert(pull !== null, 'pull request without a pull');
  const source = nextSource(s);
  pull.requests.push({ fromIdx, toIdx, source, sentUs: ctx.nowUs });
  send(s.sp, ctx, source, { type: 'PullRequest', config: pull.target.id, fromIdx, toIdx });
}

/** Serve decided entries (never undecided ones) to a joining server; our snapshot when we trimmed what it asks for. */
export function onPullRequest(s: OmniPaxosState, ctx: Ctx, from: NodeId, m: PullRequestMessage): void {
  const sp = s.sp;
  const through = Math.min(m.toIdx, sp.decidedIdx);
  let snapshot = null;
  let after = m.fromIdx - 1;
  if (m.fromIdx <= sp.logStart && sp.snapshot !== null) {
    snapshot = sp.snapshot;
    after = snapshot.index;
  }
  const entries = after < sp.logStart || through <= after ? [] : entriesAfter(sp, after, through, through - after);
  const reply: PullReplyMessage = { type: 'PullReply', config: m.config, fromIdx: m.fromIdx, toIdx: m.toIdx, entries: Object.freeze(entries), snapshot };
  send(sp, ctx, from, reply);
}

export function onPullReply(s: OmniPaxosState, ctx: Ctx, m: PullReplyMessage): void {
  const pull = s.pull;
  if (s.mode !== 'pulling' || pull === null || m.config !== pull.target.id) return;
  const sp = s.sp;
  const at = pull.requests.findIndex((r) => r.fromIdx === m.fromIdx && r.toIdx === m.toIdx);
  if (at >= 0) pull.requests.splice(at, 1);
  if (m.snapshot !== null && m.snapshot.index > sp.decidedIdx) installSnapshot(sp, ctx, m.snapshot);
  const start = m.snapshot !== null ? m.snapshot.index + 1 : m.fromIdx;
  if (m.entries.length > 0) pull.buffered.push({ fromIdx: start, entries: m.entries });
  const coveredTo = Math.max(start - 1 + m.entries.length, m.snapshot !== null ? m.snapshot.index : 0);
  if (at >= 0 && coveredTo < m.toIdx) {
    // The source lacked part of the segment: ask again (from the next source) at the next tick.
    pull.requests.push({ fromIdx: Math.max(coveredTo + 1, m.fromIdx), toIdx: m.toIdx, source: -1, sentUs: -1 });
  }
  drainPulled(s, ctx);
  issuePullRequests(s, ctx);
}

/** Append the buffered segments that are contiguous with the decided prefix; they are decided already. */
function drainPulled(s: OmniPaxosState, ctx: Ctx): void {
  const pull = s.pull;
  assert(pull !== null, 'drain without a pull');
  const sp = s.sp;
  let progressed = true;
  while (progressed) {
    progressed = false;
    for (let i = 0; i < pull.buffered.length; i++) {
      const chunk = pull.buffered[i];
      const end = chunk.fromIdx + chunk.entries.length - 1;
      if (end <= sp.decidedIdx) {
        pull.buffered.splice(i--, 1);
        continue;
      }
      if (chunk.fromIdx > sp.decidedIdx + 1) continue;
      mergeDecided(sp, ctx, chunk.fromIdx, chunk.entries);
      raiseDecided(sp, ctx, end);
      pull.buffered.splice(i--, 1);
      progressed = true;
    }
  }
  pull.requests = pull.requests.filter((r) => r.toIdx > sp.decidedIdx);
  commitDecided(sp, ctx);
}

/** Retransmission tick while pulling: ask again for every segment outstanding longer than a tick. */
export function pullTick(s: OmniPaxosState, ctx: Ctx): void {
  const pull = s.pull;
  if (pull === null) return;
  const isStale = (r: { sentUs: number }) => r.sentUs < 0 || ctx.nowUs - r.sentUs >= s.options.resendIntervalUs;
  const stale = pull.requests.filter(isStale);
  pull.requests = pull.requests.filter((r) => !isStale(r));
  for (const r of stale) sendPullRequest(s, ctx, Math.max(r.fromIdx, s.sp.decidedIdx + 1), r.toIdx);
  issuePullRequests(s, ctx);
}
