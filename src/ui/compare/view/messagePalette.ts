/**
 * Message colours for the compare page, covering both protocols: requests
 * and their replies share a colour, requests are filled and replies hollow.
 * Replication is blue in both (AppendEntries; AcceptDecide, Accepted,
 * Decide), so that the eye can compare them; Sequence Paxos's log sync
 * (Prepare, Promise, AcceptSync) is drawn larger with a halo, since it is
 * what the constrained-election scenario is about.
 */

export interface MessageFamily {
  /** Legend words. */
  family: string;
  color: string;
  protocols: 'raft' | 'omnipaxos';
  /** Sequence Paxos log sync: drawn larger, with a halo. */
  logSync: boolean;
}

const families: [RegExp, MessageFamily][] = [
  [/^AppendEntries/, { family: 'AppendEntries', color: '#3b7dd8', protocols: 'raft', logSync: false }],
  [/^RequestVote/, { family: 'RequestVote', color: '#d68a1c', protocols: 'raft', logSync: false }],
  [/^PreVote/, { family: 'PreVote', color: '#9a5cc6', protocols: 'raft', logSync: false }],
  [/^Heartbeat(Request|Reply)$/, { family: 'BLE heartbeat', color: '#1f9a8a', protocols: 'omnipaxos', logSync: false }],
  [/^(Prepare|Promise|PrepareReq)$/, { family: 'Prepare / Promise', color: '#d1495b', protocols: 'omnipaxos', logSync: true }],
  [/^AcceptSync$/, { family: 'AcceptSync', color: '#e07b39', protocols: 'omnipaxos', logSync: true }],
  [/^(AcceptDecide|Accepted|Decide)$/, { family: 'AcceptDecide / Accepted / Decide', color: '#3b7dd8', protocols: 'omnipaxos', logSync: false }],
];

const other: MessageFamily = { family: 'other', color: '#8a94a3', protocols: 'raft', logSync: false };

export function messageFamily(type: string): MessageFamily {
  for (const [pattern, family] of families) if (pattern.test(type)) return family;
  return other;
}

/** Replies and responses are drawn hollow. */
export function isReply(type: string): boolean {
  return /(Response|Reply)$/.test(type) || type === 'Promise' || type === 'Accepted';
}

/** The legend, per protocol. */
export function legendFamilies(protocols: 'raft' | 'omnipaxos'): MessageFamily[] {
  return families.map(([, f]) => f).filter((f) => f.protocols === protocols);
}
