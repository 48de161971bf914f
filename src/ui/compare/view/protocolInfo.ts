/**
 * How each protocol is named on the compare page, and its accent: a colour
 * used only for its own card, its counters and its marks on the shared
 * timeline (never for messages or roles, which keep the lab's palette).
 */

export interface ProtocolInfo {
  id: string;
  title: string;
  /** A word or two, for tight places. */
  short: string;
  /** What it adds, in a few words. */
  tagline: string;
  /** `term` or `ballot`: what the number on a server counts. */
  termWord: 'term' | 'ballot';
  accent: string;
}

const infos: Record<string, ProtocolInfo> = {
  raft: { id: 'raft', title: 'Raft', short: 'Raft', tagline: 'votes only for a candidate with an up-to-date log (§5.4.1)', termWord: 'term', accent: '#b4532a' },
  'raft-pv-cq': { id: 'raft-pv-cq', title: 'Raft + PreVote + CheckQuorum', short: 'PV+CQ', tagline: 'asks before standing; a leader without a majority steps down', termWord: 'term', accent: '#2f6a9f' },
  omnipaxos: { id: 'omnipaxos', title: 'OmniPaxos', short: 'OmniPaxos', tagline: 'ballot leader election: only a quorum-connected server can lead', termWord: 'ballot', accent: '#7b4fa6' },
};

export function protocolInfo(id: string): ProtocolInfo {
  return infos[id] ?? { id, title: id, short: id, tagline: '', termWord: 'term', accent: '#5b6b7f' };
}
