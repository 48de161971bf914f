/**
 * The plain key-value store's client path on a replica: a clerk's request is
 * proposed as a command; a replica that does not lead answers `not-leader`
 * at once, the one that proposed it answers when the entry is applied here.
 * The bug toggles break exactly these rules. (The sharded store and the
 * controller do the same through their services' node behaviour.)
 */
import type { ClientReply, ClientRequest } from '../clients/messages';
import { opBytes } from '../clients/messages';
import type { KvApplyResult, KvCommandBody, KvState } from '../services/kv';
import { awaitReply, takeReply } from '../services/pendingReplies';
import { out, type NodeRuntime } from './nodeRuntime';
import { pushSend } from './effects';

/** The entry of command `commandId` applied here with `result`: answer the clerk waiting for it, if any. */
export function answerKvRequest(rt: NodeRuntime, commandId: number, result: unknown): void {
  const m = rt.machine;
  const waiting = takeReply(m.pendingReplies, commandId);
  if (waiting === undefined) return;
  const value = (result as KvApplyResult | null)?.value ?? null;
  reply(rt, waiting.endpoint, { type: 'ClientReply', client: waiting.client, seq: waiting.seq, status: 'ok', value, leaderHint: m.nodeId });
}

function reply(rt: NodeRuntime, endpoint: number, msg: ClientReply): void {
  pushSend(out(rt), endpoint, msg);
}

/**
 * A clerk's request: propose it to the replica as a command; answer at once
 * when the replica refuses (not the leader), otherwise when the entry is
 * applied here. The bug toggles break exactly these rules.
 */
export function onKvRequest(rt: NodeRuntime, endpoint: number, req: ClientRequest): void {
  const m = rt.machine;
  const bugs = rt.setup.bugs;
  if (req.op.kind === 'get' && bugs.includes('stale-reads')) {
    const value = (m.service as KvState).data?.[req.op.key] ?? '';
    reply(rt, endpoint, { type: 'ClientReply', client: req.client, seq: req.seq, status: 'ok', value, leaderHint: m.nodeId });
    return;
  }
  const body: KvCommandBody = { client: req.client, seq: req.seq, op: req.op };
  const answer = rt.host.propose(body, opBytes(req.op));
  const commandId = answer.commandId;
  if (!answer.accepted) {
    reply(rt, endpoint, { type: 'ClientReply', client: req.client, seq: req.seq, status: 'not-leader', value: null, leaderHint: answer.leaderHint });
    return;
  }
  if (bugs.includes('reply-before-commit')) {
    // The bug: answer from the local state as if the command had been applied, before any quorum has it.
    const value = req.op.kind === 'get' ? ((m.service as KvState).data?.[req.op.key] ?? '') : null;
    reply(rt, endpoint, { type: 'ClientReply', client: req.client, seq: req.seq, status: 'ok', value, leaderHint: m.nodeId });
    return;
  }
  awaitReply(m.pendingReplies, commandId, { endpoint, client: req.client, seq: req.seq });
}

