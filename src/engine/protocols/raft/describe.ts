/**
 * How Raft looks from outside: the replica summary for the page and the
 * generic checks, and messages as labels, one-line etcd-style descriptions
 * (`AppendEntries term=3 prev=4/2 entries=2 commit=4`) and byte estimates.
 */
import type { ReplicaView } from '../contract';
import { lastIndex, tailTerms } from './log';
import { ProgressMode, RoleCode, roleNames, type RaftMessage, type RaftState } from './types';

/** Fixed part of every message: type, term, a few indexes. */
export const messageHeaderBytes = 24;
/** Per entry: term and index framing, plus the command's own bytes. */
export const entryHeaderBytes = 8;

const progressModeNames = ['probe', 'replicate', 'snapshot'];

export function viewRaft(s: RaftState, logTail: number): ReplicaView {
  const terms = tailTerms(s, logTail);
  const detail: Record<string, string | number | boolean | null> = {
    preVote: s.options.preVote,
    checkQuorum: s.options.checkQuorum,
    lastApplied: s.lastApplied,
    electionDeadlineUs: s.electionDeadlineUs,
    leaderContactUs: s.leaderContactUs < 0 ? null : s.leaderContactUs,
    transferTarget: s.transferTarget,
  };
  if (s.role === RoleCode.precandidate || s.role === RoleCode.candidate) {
    detail.votesGranted = s.votes.filter((v) => v === 1).length;
    detail.votesRefused = s.votes.filter((v) => v === 2).length;
  }
  if (s.role === RoleCode.leader) {
    for (let peer = 0; peer < s.nodeCount; peer++) {
      if (peer === s.nodeId) continue;
      const mode = s.progressMode[peer];
      detail[`n${peer + 1}`] =
        `${progressModeNames[mode]} match=${s.matchIndex[peer]} next=${s.nextIndex[peer]}` +
        (mode === ProgressMode.replicate ? ` inflight=${s.inflight[peer].length}` : '');
    }
  }
  return {
    nodeId: s.nodeId,
    role: roleNames[s.role],
    term: s.currentTerm,
    votedFor: s.votedFor,
    leaderId: s.leaderId,
    commitIndex: s.commitIndex,
    lastIndex: lastIndex(s),
    snapshotIndex: s.snapshotIndex,
    snapshotTerm: s.snapshotTerm,
    logTerms: terms,
    logTermsFromIndex: lastIndex(s) - terms.length + 1,
    electionTimeoutUs: s.electionTimeoutUs,
    detail,
  };
}

export function raftMessageType(m: RaftMessage): string {
  return m.type;
}

export function describeRaftMessage(m: RaftMessage): string {
  switch (m.type) {
    case 'RequestVote':
      return `RequestVote term=${m.term} last=${m.lastLogIndex}/${m.lastLogTerm}${m.transfer ? ' transfer' : ''}`;
    case 'PreVote':
      return `PreVote term=${m.term} last=${m.lastLogIndex}/${m.lastLogTerm}`;
    case 'RequestVoteResponse':
    case 'PreVoteResponse':
      return `${m.type} term=${m.term} ${m.granted ? 'granted' : 'refused'}`;
    case 'AppendEntries':
      return `AppendEntries term=${m.term} prev=${m.prevLogIndex}/${m.prevLogTerm} entries=${m.entries.length} commit=${m.leaderCommit}`;
    case 'AppendEntriesResponse':
      return m.success
        ? `AppendEntriesResponse term=${m.term} ok index=${m.index}`
        : `AppendEntriesResponse term=${m.term} reject index=${m.index} hint=${m.conflictIndex}/${m.conflictTerm}`;
    case 'InstallSnapshot':
      return `InstallSnapshot term=${m.term} snapshot=${m.snapshotIndex}/${m.snapshotTerm} bytes=${m.bytes}`;
    case 'InstallSnapshotResponse':
      return `InstallSnapshotResponse term=${m.term} index=${m.index}`;
    case 'TimeoutNow':
      return `TimeoutNow term=${m.term}`;
  }
}

export function raftMessageBytes(m: RaftMessage): number {
  if (m.type === 'AppendEntries') {
    let bytes = messageHeaderBytes;
    const entries = m.entries;
    for (let i = 0; i < entries.length; i++) {
      const c = entries[i].command;
      bytes += entryHeaderBytes + (c === null ? 0 : c.bytes);
    }
    return bytes;
  }
  if (m.type === 'InstallSnapshot') return messageHeaderBytes + m.bytes;
  return messageHeaderBytes;
}
