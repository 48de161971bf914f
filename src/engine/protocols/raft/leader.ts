/**
 * What only a leader does besides replication: take proposals, run its
 * periodic CheckQuorum check, and hand leadership over (thesis §3.10).
 */
import type { Command, NodeId, StepContext } from '../contract';
import { maybeAdvanceCommit } from './commit';
import { lastIndex } from './log';
import { maybeSendTimeoutNow, replicateToAll, sendAppend } from './replication';
import { becomeFollower, majority, resetLeaderCheck } from './roles';
import { persistAppend, syncIfNeeded } from './storage';
import { RoleCode, type RaftEntry, type RaftMessage, type RaftState } from './types';

type Ctx = StepContext<RaftMessage>;

/** Every election timeout a leader checks its quorum (CheckQuorum) and gives up a stalled transfer. */
export function leaderCheck(s: RaftState, ctx: Ctx): void {
  if (s.options.checkQuorum) {
    let active = 1;
    for (let peer = 0; peer < s.nodeCount; peer++) {
      if (peer !== s.nodeId && s.recentActive[peer]) active++;
      s.recentActive[peer] = false;
    }
    if (active < majority(s)) {
      ctx.note('check-quorum-lost', active, s.currentTerm);
      becomeFollower(s, ctx, s.currentTerm, null);
      return;
    }
  }
  if (s.transferTarget !== null && ctx.nowUs >= s.transferDeadlineUs) {
    ctx.note('transfer-aborted', s.transferTarget, s.currentTerm);
    s.transferTarget = null;
  }
  resetLeaderCheck(s, ctx);
}

export function onPropose(s: RaftState, ctx: Ctx, command: Command): void {
  if (s.role !== RoleCode.leader || s.transferTarget !== null) {
    ctx.proposalResult(command.id, false, s.role === RoleCode.leader ? s.transferTarget : s.leaderId);
    return;
  }
  const entry: RaftEntry = Object.freeze({ term: s.currentTerm, command });
  s.log.push(entry);
  persistAppend(s, ctx, [entry]);
  ctx.proposalResult(command.id, true, s.nodeId);
  // Our own copy must be durable before we count it towards a majority.
  syncIfNeeded(s, ctx);
  replicateToAll(s, ctx);
  maybeAdvanceCommit(s, ctx);
}

/** Thesis §3.10: stop taking proposals, catch the target up, then send it TimeoutNow. */
export function startTransfer(s: RaftState, ctx: Ctx, target: NodeId | null): void {
  const valid = target !== null && target !== s.nodeId && target >= 0 && target < s.nodeCount;
  if (s.role !== RoleCode.leader || !valid) {
    ctx.note('transfer-ignored', target ?? -1, s.currentTerm);
    return;
  }
  if (s.transferTarget === target) return;
  s.transferTarget = target;
  s.transferDeadlineUs = ctx.nowUs + s.options.electionTimeoutUs;
  ctx.note('transfer', target, s.currentTerm);
  if (s.matchIndex[target] === lastIndex(s)) maybeSendTimeoutNow(s, ctx, target);
  else sendAppend(s, ctx, target, true, true);
}
