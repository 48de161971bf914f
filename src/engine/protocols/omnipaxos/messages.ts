/**
 * OmniPaxos's messages. Every message names the configuration it belongs to
 * (`config`); BLE's heartbeats, Sequence Paxos's log messages (§5 of the
 * paper) and the reconfiguration messages (§6) are the three families.
 */
import type { Command, NodeId } from '../contract';
import type { Ballot, OmniEntry, OmniSnapshot } from './types';

/** BLE: sent to every peer at the start of each round. */
export interface HeartbeatRequestMessage {
  readonly type: 'HeartbeatRequest';
  readonly config: number;
  readonly round: number;
}

/** BLE: the answer; counted only if it arrives in the same round. */
export interface HeartbeatReplyMessage {
  readonly type: 'HeartbeatReply';
  readonly config: number;
  readonly round: number;
  readonly ballot: Ballot;
  readonly quorumConnected: boolean;
}

/** A new leader asks for promises; it tells what it has so followers attach only what it lacks. */
export interface PrepareMessage {
  readonly type: 'Prepare';
  readonly config: number;
  readonly n: Ballot;
  readonly decidedIdx: number;
  readonly acceptedRound: Ballot;
  readonly acceptedIdx: number;
}

/**
 * A promise, with the suffix after `syncIdx` when the follower is more up to
 * date than the leader (higher accepted round, then longer log), preceded by a
 * snapshot when the follower already trimmed below `syncIdx`.
 */
export interface PromiseMessage {
  readonly type: 'Promise';
  readonly config: number;
  readonly n: Ballot;
  readonly acceptedRound: Ballot;
  readonly acceptedIdx: number;
  readonly decidedIdx: number;
  /** -1 when nothing is attached. */
  readonly syncIdx: number;
  readonly suffix: readonly OmniEntry[];
  readonly snapshot: OmniSnapshot | null;
}

/** The leader overwrites the follower's log after its valid prefix `syncIdx`; starts a new session. */
export interface AcceptSyncMessage {
  readonly type: 'AcceptSync';
  readonly config: number;
  readonly n: Ballot;
  readonly session: number;
  readonly seq: number;
  readonly decidedIdx: number;
  readonly syncIdx: number;
  readonly suffix: readonly OmniEntry[];
  readonly snapshot: OmniSnapshot | null;
}

/** Steady state: new entries appended after the follower's log, and the leader's decided index. */
export interface AcceptDecideMessage {
  readonly type: 'AcceptDecide';
  readonly config: number;
  readonly n: Ballot;
  readonly session: number;
  readonly seq: number;
  readonly decidedIdx: number;
  readonly entries: readonly OmniEntry[];
}

export interface AcceptedMessage {
  readonly type: 'Accepted';
  readonly config: number;
  readonly n: Ballot;
  readonly acceptedIdx: number;
}

export interface DecideMessage {
  readonly type: 'Decide';
  readonly config: number;
  readonly n: Ballot;
  readonly session: number;
  readonly seq: number;
  readonly decidedIdx: number;
}

/** A follower that lost messages (or restarted) asks its leader for a full re-sync. */
export interface PrepareReqMessage {
  readonly type: 'PrepareReq';
  readonly config: number;
}

/** A follower forwards client proposals to its leader. */
export interface ProposalForwardMessage {
  readonly type: 'ProposalForward';
  readonly config: number;
  readonly commands: readonly Command[];
}

/** The leader allows followers to drop log entries through `trimIdx` (accepted by every server). */
export interface TrimMessage {
  readonly type: 'Trim';
  readonly config: number;
  readonly n: Ballot;
  readonly trimIdx: number;
}

/** Tells a server about a newer configuration, started by the StopSign at `stopSignIdx`. */
export interface NewConfigMessage {
  readonly type: 'NewConfig';
  readonly config: number;
  readonly nodes: readonly NodeId[];
  readonly previousNodes: readonly NodeId[];
  readonly stopSignIdx: number;
  readonly stopSignN: number;
}

/** A server joining a configuration pulls decided entries [fromIdx, toIdx] of the sealed log. */
export interface PullRequestMessage {
  readonly type: 'PullRequest';
  readonly config: number;
  readonly fromIdx: number;
  readonly toIdx: number;
}

/**
 * Decided entries starting at `fromIdx` (possibly fewer than asked, possibly
 * none), or, when the source trimmed below `fromIdx`, its snapshot followed by
 * the entries after the snapshot.
 */
export interface PullReplyMessage {
  readonly type: 'PullReply';
  readonly config: number;
  readonly fromIdx: number;
  readonly toIdx: number;
  readonly entries: readonly OmniEntry[];
  readonly snapshot: OmniSnapshot | null;
}

export type BleMessage = HeartbeatRequestMessage | HeartbeatReplyMessage;

export type SequencePaxosMessage =
  | PrepareMessage
  | PromiseMessage
  | AcceptSyncMessage
  | AcceptDecideMessage
  | AcceptedMessage
  | DecideMessage
  | PrepareReqMessage
  | ProposalForwardMessage
  | TrimMessage;

export type ReconfigMessage = NewConfigMessage | PullRequestMessage | PullReplyMessage;

export type OmniPaxosMessage = BleMessage | SequencePaxosMessage | ReconfigMessage;
