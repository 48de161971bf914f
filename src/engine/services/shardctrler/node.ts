/**
 * What a controller replica does on its node: a `CtrlerRequest` from a clerk
 * (an administrator, a shard clerk, a replica group polling) is proposed
 * through the replica; a replica that does not lead answers `not-leader`
 * with a hint; the one that proposed it answers once the entry is applied.
 */
import type { ServiceNode } from '../contract';
import { awaitReply, createPendingReplies, takeReply, type PendingReplies } from '../pendingReplies';
import { ctrlerReplyFor, type ShardCtrlerState } from './service';
import { ctrlerOpBytes, type CtrlerApplyResult, type CtrlerRequest } from './types';

export interface CtrlerVolatile {
  /** command id → endpoint of the clerk waiting for it. */
  pending: PendingReplies<number>;
}

export const ctrlerNode: ServiceNode<ShardCtrlerState, CtrlerVolatile> = {
  minTimerDelayUs: Infinity,
  createVolatile: () => ({ pending: createPendingReplies() }),
  onMessage(_state, vol, host, from, msg) {
    const req = msg as CtrlerRequest;
    if (req === null || typeof req !== 'object' || req.type !== 'CtrlerRequest') return;
    const answer = host.propose(Object.freeze({ client: req.client, seq: req.seq, op: req.op }), 16 + ctrlerOpBytes(req.op));
    if (!answer.accepted) {
      host.send(from, { type: 'CtrlerReply', client: req.client, seq: req.seq, status: 'not-leader', err: null, config: null, leaderHint: answer.leaderHint });
      return;
    }
    awaitReply(vol.pending, answer.commandId, from);
  },
  onApplied(_state, vol, host, entry, result) {
    if (entry.command === null) return;
    const endpoint = takeReply(vol.pending, entry.command.id);
    if (endpoint === undefined) return;
    if (result !== null) host.send(endpoint, ctrlerReplyFor(result as CtrlerApplyResult, host.localId));
  },
};
