/**
 * Words for servers and highlights. Accessible names are stable, because
 * screen readers and the browser tests find servers by them:
 * "omnipaxos n2, leader, ballot 3, quorum-connected", "raft n1, candidate, term 7".
 */
import type { CompareNodeVM } from '../sim/compareModel';
import { RefusalReason } from '../sim/noteTracker';
import { protocolInfo } from './protocolInfo';

const roleWords: Record<CompareNodeVM['role'], string> = {
  leader: 'leader',
  candidate: 'candidate',
  precandidate: 'pre-candidate',
  follower: 'follower',
  crashed: 'crashed',
};

export function roleWord(role: CompareNodeVM['role']): string {
  return roleWords[role];
}

export function compareNodeName(protocol: string, node: CompareNodeVM): string {
  const head = `${protocol} ${node.name}`;
  if (node.role === 'crashed') return `${head}, crashed`;
  const parts = [head, roleWords[node.role], `${protocolInfo(protocol).termWord} ${node.term}`];
  if (node.qc !== null) parts.push(node.qc ? 'quorum-connected' : 'not quorum-connected');
  if (node.binding !== null) parts.push(`the scenario's ${node.binding}`);
  return parts.join(', ');
}

/** The short flash over a server that refused a vote (the red ring around it says "refused"). */
export function refusalWords(reason: number): string {
  if (reason === RefusalReason.logBehind) return '✗ log behind';
  if (reason === RefusalReason.leaderActive) return '✗ leader alive';
  return '✗ refused';
}
