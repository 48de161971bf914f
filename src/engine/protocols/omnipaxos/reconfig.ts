/**
 * Reconfiguration with a StopSign (§6 of the paper), and how a server joins.
 *
 * - `reconfigure` (operator control, at the leader) proposes a StopSign that
 *   replaces one server of the configuration with `target`, a node outside
 *   it. The replaced server is the follower that accepted least in this round
 *   (ties: the lowest id), i.e. the slowest or a crashed one.
 * - The StopSign is an ordinary log entry; nothing may follow it. Once it is
 *   decided, the configuration is sealed. A server of the old configuration
 *   that is in the new one starts the new configuration right there: a fresh
 *   Sequence Paxos instance (promise and accepted round reset) over the same
 *   log, which continues at the index after the StopSign, and a fresh BLE
 *   whose ballots start above the StopSign's ballot number. A server that is
 *   not in the new configuration retires; it keeps serving its log.
 * - The leader that decided the StopSign sends NewConfig to every server
 *   involved. Any server of a newer configuration also answers a message of
 *   an older one with NewConfig, and a server that sees a heartbeat of a newer
 *   configuration answers it with its older one, so a lagging or new server
 *   always learns of the change within a BLE round.
 * - A server that learns of a configuration it belongs to but lacks the
 *   sealed log up to the StopSign pulls the missing decided entries in
 *   parallel segments from the servers of the old and new configurations
 *   (the paper's experiments pulled from several continuing servers at once),
 *   taking a snapshot when a source has trimmed what it asked for. Only then
 *   does it start BLE and Sequence Paxos in the new configuration, so a server
 *   without the log can never be elected. Missing segments are asked for
 *   again, from the next source, at every retransmission tick.
 *
 * Notes: `stopsign` (a = new configuration id, b = replaced node),
 * `reconfigured` (a = configuration id, b = 1 if a member else 0),
 * `pull` (a = configuration id, b = entries missing), `control-ignored`.
 */
import { assert } from '../../core/assert';
import type { NodeId, StepContext } from '../contract';
import { noBallot } from './ballot';
import { createBle, startBle, stopBle } from './ble';
import { commitDecided, raiseDecided } from './commit';
import { stepDown } from './follower';
import { proposeStopSign } from './leader';
import { appendEntries, entriesAfter, entryAt, installSnapshot, lastIndex } from './log';
import { persistAcceptedRound, persistConfig, persistPromise, persistTruncate, send } from './storage';
import { TimerId, type Configuration, type NewConfigMessage, type OmniPaxosMessage, type OmniPaxosState, type PullReplyMessage, type PullRequestMessage } from './types';

type Ctx = StepContext<OmniPaxosMessage>;

export function priorityOf(s: OmniPaxosState): number {
  const p = s.options.priority;
  return typeof p === 'number' ? p : (p[s.nodeId] ?? 0);
}

/** Operator control at the leader: seal this configuration with a StopSign that swaps one follower for `target`. */
export function proposeReconfiguration(s: OmniPaxosState, ctx: Ctx, target: NodeId | null): void {
  const sp = s.sp;
  const ignore = (reason: number) => ctx.note('control-ignored', target ?? -1, reason);
  if (s.mode !== 'active' || sp.role !== 'leader') return ignore(1);
  if (target === null || target < 0 || target >= s.nodeCount || s.config.nodes.includes(target)) return ignore(2);
  let replaced = -1;
  for (const node of s.config.nodes) {
    if (node === s.nodeId) continue;
    if (replaced < 0 || sp.acceptedIdx[node] < sp.acceptedIdx[replaced]) replaced = node;
  }
  if (replaced < 0) return ignore(3);
  const nodes = Object.freeze(
    s.config.nodes
      .filter((node) => node !== replaced)
      .concat([target])
      .sort((a, b) => a - b),
  );
  const stopSign = Object.freeze({ configId: s.config.id + 1, nodes });
  if (!proposeStopSign(sp, ctx, stopSign)) return ignore(4);
  ctx.note('stopsign', stopSign.configId, replaced);
}

function newConfigMessage(config: Configuration): NewConfigMessage {
  return {
    type: 'NewConfig',
    config: config.id,
    nodes: config.nodes,
    previousNodes: config.previousNodes,
    stopSignIdx: config.stopSignIdx,
    stopSignN: config.stopSignN,
  };
}

/** A server of an older configuration wrote to us: tell it about ours, if ours came from a StopSign. */
export function tellNewerConfig(s: OmniPaxosState, ctx: Ctx, to: NodeId): void {
  if (s.config.stopSignIdx === 0 || s.mode === 'pulling' || s.mode === 'idle') return;
  send(s.sp, ctx, to, newConfigMessage(s.config));
}

/** After a step: act on a StopSign that became decided (start the new configuration or retire), or finish a pull. */
export function afterDecisions(s: OmniPaxosState, ctx: Ctx): void {
  const sp = s.sp;
  if (s.mode === 'pulling') {
    sp.decidedStopSignIdx = -1;
    const pull = s.pull;
    assert(pull !== null, 'pulling without a pull');
    if (sp.decidedIdx >= pull.target.stopSignIdx) {
      s.pull = null;
      enterConfiguration(s, ctx, pull.target);
    }
    return;
  }
  if (sp.decidedStopSignIdx < 0) return;
  const index = sp.decidedStopSignIdx;
  sp.decidedStopSignIdx = -1;
  if (s.mode !== 'active') return;
  const entry = entryAt(sp, index);
  assert(entry.stopSign !== null, `no StopSign at ${index}`);
  const next: Configuration = Object.freeze({
    id: entry.stopSign.configId,
    nodes: entry.stopSign.nodes,
    previousNodes: s.config.nodes,
    stopSignIdx: index,
    stopSignN: entry.n,
  });
  if (sp.role === 'leader') {
    const msg = newConfigMessage(next);
    for (const node of new Set([...next.nodes, ...next.previousNodes])) if (node !== s.nodeId) send(sp, ctx, node, msg);
  }
  enterConfiguration(s, ctx, next);
}

/**
 * We hold the decided log through `config`'s StopSign: start BLE and a fresh
 * Sequence Paxos instance in it, or retire if we are not one of its servers.
 */
function enterConfiguration(s: OmniPaxosState, ctx: Ctx, config: Configuration): void {
  const sp = s.sp;
  assert(sp.decidedIdx >= config.stopSignIdx, `entering configuration ${config.id} at decided ${sp.decidedIdx} < ${config.stopSignIdx}`);
  stepDown(sp, ctx);
  // Undecided entries belong to the sealed instance and can never be decided now.
  if (lastIndex(sp) > sp.decidedIdx) {
    sp.log.length = sp.decidedIdx - sp.logStart;
    persistTruncate(sp, ctx, sp.log.length);
  }
  s.config = config;
  persistConfig(sp, ctx, config);
  sp.configId = config.id;
  sp.members = [...config.nodes];
  sp.role = 'follower';
  sp.phase = 'none';
  sp.promise = noBallot;
  sp.acceptedRound = noBallot;
  persistPromise(sp, ctx);
  persistAcceptedRound(sp, ctx);
  sp.leaderPid = -1;
  sp.leaderBallot = noBallot;
  sp.cachedPromise = null;
  sp.pending = [];
  sp.promised.fill(false);
  sp.acceptedIdx.fill(0);
  const member = config.nodes.includes(s.nodeId);
  ctx.note('reconfigured', config.id, member ? 1 : 0);
  if (!member) {
    s.mode = 'retired';
    stopBle(ctx);
    ctx.cancelTimer(TimerId.resend);
    return;
  }
  const wasRunning = s.mode === 'active' || s.mode === 'pulling';
  s.mode = 'active';
  s.ble = createBle({
    nodeId: s.nodeId,
    nodeCount: s.nodeCount,
    configId: config.id,
    members: config.nodes,
    ballotN: config.stopSignN + 1,
    priority: priorityOf(s),
    leader: null,
    roundUs: s.options.electionTimeoutUs,
  });
  startBle(s.ble, ctx);
  if (!wasRunning) ctx.setTimer(TimerId.resend, s.options.resendIntervalUs);
}

/** Someone told us of a newer configuration: join it now, pull the sealed log first, or retire. */
export function onNewConfig(s: OmniPaxosState, ctx: Ctx, from: NodeId, m: NewConfigMessage): void {
  if (m.config <= s.config.id) return;
  if (s.pull !== null && s.pull.target.id >= m.config) return;
  const config: Configuration = Object.freeze({
    id: m.config,
    nodes: m.nodes,
    previousNodes: m.previousNodes,
    stopSignIdx: m.stopSignIdx,
    stopSignN: m.stopSignN,
  });
  const sp = s.sp;
  if (!config.nodes.includes(s.nodeId)) {
    // Not ours: the servers that were in it retire; others just remember it.
    if (s.mode === 'active' || s.mode === 'pulling') {
      s.pull = null;
      enterConfiguration(s, ctx, config);
    }
    return;
  }
  if (sp.decidedIdx >= config.stopSignIdx) {
    s.pull = null;
    enterConfiguration(s, ctx, config);
    return;
  }
  if (s.mode === 'active') {
    stopBle(ctx);
    stepDown(sp, ctx);
    sp.phase = 'none';
  } else if (s.mode !== 'pulling') {
    ctx.setTimer(TimerId.resend, s.options.resendIntervalUs);
  }
  s.mode = 'pulling';
  if (lastIndex(sp) > sp.decidedIdx) {
    sp.log.length = sp.decidedIdx - sp.logStart;
    persistTruncate(sp, ctx, sp.log.length);
  }
  const sources = [...new Set([...config.previousNodes, ...config.nodes, from])].filter((node) => node !== s.nodeId).sort((a, b) => a - b);
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
      assert(lastIndex(sp) === sp.decidedIdx, `pulled entries after undecided ones (last ${lastIndex(sp)}, decided ${sp.decidedIdx})`);
      appendEntries(sp, ctx, chunk.entries.slice(sp.decidedIdx + 1 - chunk.fromIdx));
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
