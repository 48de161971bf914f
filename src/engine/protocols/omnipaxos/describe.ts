/**
 * How OmniPaxos looks from outside: the replica summary for the page and the
 * generic checks, and messages as labels, one-line descriptions
 * (`AcceptDecide n=4 seq=12 decided=30 entries=3`) and byte estimates.
 */
import type { ReplicaView, Role } from '../contract';
import { formatBallot } from './ballot';
import { lastIndex, tailBallotNs } from './log';
import { roleCodeOf, termOf } from './omniPaxos';
import { RoleCode, type OmniEntry, type OmniPaxosMessage, type OmniPaxosState } from './types';

/** Fixed part of every message: type, configuration, ballot, a few indexes. */
export const messageHeaderBytes = 24;
/** Per entry: ballot number and framing, plus the command's own bytes. */
export const entryHeaderBytes = 8;

function roleName(code: number): Role {
  return code === RoleCode.leader ? 'leader' : code === RoleCode.candidate ? 'candidate' : 'follower';
}

function leaderIdOf(s: OmniPaxosState): number | null {
  if (s.mode !== 'active') return null;
  const sp = s.sp;
  if (sp.role === 'leader') return s.nodeId;
  if (sp.phase !== 'none' && sp.leaderPid >= 0) return sp.leaderPid;
  return s.ble.leader === null ? null : s.ble.leader.pid;
}

export function viewOmniPaxos(s: OmniPaxosState, logTail: number): ReplicaView {
  const sp = s.sp;
  const ble = s.ble;
  const terms = tailBallotNs(sp, logTail);
  const last = lastIndex(sp);
  const detail: Record<string, string | number | boolean | null> = {
    ballot: formatBallot(ble.ballot),
    qc: ble.quorumConnected,
    round: ble.round,
    bleLeader: ble.leader === null ? null : formatBallot(ble.leader),
    promise: formatBallot(sp.promise),
    acceptedRound: formatBallot(sp.acceptedRound),
    phase: s.mode === 'active' ? sp.phase : s.mode,
    seq: sp.role === 'leader' ? null : `${sp.session}.${sp.seq}`,
    config: s.config.id,
    members: s.config.nodes.map((n) => `n${n + 1}`).join(','),
    serviceSnapshotIndex: sp.snapshot === null ? 0 : sp.snapshot.index,
    incarnation: s.incarnation,
  };
  if (sp.role === 'leader') {
    for (const peer of sp.members) {
      if (peer === s.nodeId) continue;
      detail[`n${peer + 1}`] = `${sp.promised[peer] ? 'promised' : 'unpromised'} accepted=${sp.acceptedIdx[peer]} seq=${sp.sessionOf[peer]}.${sp.seqOf[peer]}`;
    }
  }
  if (s.pull !== null) detail.pulling = `config ${s.pull.target.id} through ${s.pull.target.stopSignIdx}`;
  return {
    nodeId: s.nodeId,
    role: roleName(roleCodeOf(s)),
    term: termOf(s),
    votedFor: null,
    leaderId: leaderIdOf(s),
    commitIndex: sp.decidedIdx,
    lastIndex: last,
    snapshotIndex: sp.logStart,
    snapshotTerm: sp.logStartN,
    logTerms: terms,
    logTermsFromIndex: last - terms.length + 1,
    electionTimeoutUs: s.options.electionTimeoutUs,
    detail,
  };
}

export function omniPaxosMessageType(m: OmniPaxosMessage): string {
  return m.type;
}

export function describeOmniPaxosMessage(m: OmniPaxosMessage): string {
  switch (m.type) {
    case 'HeartbeatRequest':
      return `HeartbeatRequest round=${m.round}`;
    case 'HeartbeatReply':
      return `HeartbeatReply round=${m.round} ballot=${formatBallot(m.ballot)} qc=${m.quorumConnected}`;
    case 'Prepare':
      return `Prepare n=${m.n.n} decided=${m.decidedIdx} acceptedRound=${m.acceptedRound.n} accepted=${m.acceptedIdx}`;
    case 'Promise':
      return `Promise n=${m.n.n} acceptedRound=${m.acceptedRound.n} accepted=${m.acceptedIdx} decided=${m.decidedIdx} entries=${m.suffix.length}${m.snapshot === null ? '' : ` snapshot=${m.snapshot.index}`}`;
    case 'AcceptSync':
      return `AcceptSync n=${m.n.n} seq=${m.seq} session=${m.session} sync=${m.syncIdx} decided=${m.decidedIdx} entries=${m.suffix.length}${m.snapshot === null ? '' : ` snapshot=${m.snapshot.index}`}`;
    case 'AcceptDecide':
      return `AcceptDecide n=${m.n.n} seq=${m.seq} decided=${m.decidedIdx} entries=${m.entries.length}`;
    case 'Accepted':
      return `Accepted n=${m.n.n} accepted=${m.acceptedIdx}`;
    case 'Decide':
      return `Decide n=${m.n.n} seq=${m.seq} decided=${m.decidedIdx}`;
    case 'PrepareReq':
      return 'PrepareReq';
    case 'ProposalForward':
      return `ProposalForward commands=${m.commands.length}`;
    case 'Trim':
      return `Trim n=${m.n.n} through=${m.trimIdx}`;
    case 'NewConfig':
      return `NewConfig config=${m.config} nodes=${m.nodes.map((n) => `n${n + 1}`).join(',')} stopsign=${m.stopSignIdx}`;
    case 'PullRequest':
      return `PullRequest config=${m.config} from=${m.fromIdx} to=${m.toIdx}`;
    case 'PullReply':
      return `PullReply config=${m.config} from=${m.fromIdx} entries=${m.entries.length}${m.snapshot === null ? '' : ` snapshot=${m.snapshot.index}`}`;
  }
}

function entriesBytes(entries: readonly OmniEntry[]): number {
  let bytes = 0;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    bytes += entryHeaderBytes + (e.command === null ? (e.stopSign === null ? 0 : 4 * e.stopSign.nodes.length) : e.command.bytes);
  }
  return bytes;
}

export function omniPaxosMessageBytes(m: OmniPaxosMessage): number {
  switch (m.type) {
    case 'AcceptDecide':
      return messageHeaderBytes + entriesBytes(m.entries);
    case 'AcceptSync':
    case 'Promise':
      return messageHeaderBytes + entriesBytes(m.suffix) + (m.snapshot === null ? 0 : m.snapshot.bytes);
    case 'PullReply':
      return messageHeaderBytes + entriesBytes(m.entries) + (m.snapshot === null ? 0 : m.snapshot.bytes);
    case 'ProposalForward': {
      let bytes = messageHeaderBytes;
      for (const c of m.commands) bytes += entryHeaderBytes + c.bytes;
      return bytes;
    }
    case 'NewConfig':
      return messageHeaderBytes + 4 * (m.nodes.length + m.previousNodes.length);
    default:
      return messageHeaderBytes;
  }
}
