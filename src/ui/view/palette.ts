/**
 * Colours, with a second cue for each so that nothing is told by colour alone:
 * roles also differ by outline and label, message kinds by filled (request)
 * versus hollow (response) marks and by the legend's words.
 */
import type { NodeRole } from '../model/types';

export interface RoleStyle {
  /** Word shown under the node. */
  label: string;
  fill: string;
  stroke: string;
  ink: string;
  /** SVG stroke-dasharray of the outline ('' for solid). */
  dash: string;
  strokeWidth: number;
}

export const roleStyles: Record<NodeRole, RoleStyle> = {
  leader: { label: 'leader', fill: '#e3f1ea', stroke: '#1f7a5c', ink: '#14503d', dash: '', strokeWidth: 3.5 },
  candidate: { label: 'candidate', fill: '#fbefdc', stroke: '#c27a1a', ink: '#7a4a0b', dash: '7 4', strokeWidth: 2.5 },
  precandidate: { label: 'pre-candidate', fill: '#f3eaf8', stroke: '#8d5bb0', ink: '#5a3675', dash: '2 4', strokeWidth: 2.5 },
  follower: { label: 'follower', fill: '#eef2f7', stroke: '#5b6b7f', ink: '#2c3a4b', dash: '', strokeWidth: 1.5 },
  crashed: { label: 'crashed', fill: '#efefef', stroke: '#a3a7ad', ink: '#80858c', dash: '', strokeWidth: 1.5 },
};

export interface MessageStyle {
  /** Family name for the legend. */
  family: string;
  color: string;
}

/** Raft's message families; a request and its response share a colour. */
const raftFamilies: [RegExp, MessageStyle][] = [
  [/^AppendEntries/, { family: 'AppendEntries', color: '#3b7dd8' }],
  [/^RequestVote/, { family: 'RequestVote', color: '#d68a1c' }],
  [/^PreVote/, { family: 'PreVote', color: '#9a5cc6' }],
  [/^InstallSnapshot/, { family: 'InstallSnapshot', color: '#1f9a8a' }],
  [/^TimeoutNow/, { family: 'TimeoutNow', color: '#d1495b' }],
];

/** OmniPaxos's families, in the compare page's colours: replication is blue in both protocols. */
const omniPaxosFamilies: [RegExp, MessageStyle][] = [
  [/^Heartbeat(Request|Reply)$/, { family: 'BLE heartbeat', color: '#1f9a8a' }],
  [/^(Prepare|Promise|PrepareReq)$/, { family: 'Prepare / Promise', color: '#d1495b' }],
  [/^AcceptSync$/, { family: 'AcceptSync', color: '#e07b39' }],
  [/^(AcceptDecide|Accepted|Decide)$/, { family: 'AcceptDecide / Accepted / Decide', color: '#3b7dd8' }],
];

const families: [RegExp, MessageStyle][] = [...raftFamilies, ...omniPaxosFamilies];

const fallbackColors = ['#6c8ebf', '#c9a227', '#5fa37a', '#c76b98', '#7d7fcf', '#bf7b4f'];

function hashText(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return Math.abs(h);
}

export function messageStyle(type: string): MessageStyle {
  for (const [pattern, style] of families) if (pattern.test(type)) return style;
  const family = type.replace(/(Response|Reply|Ack)$/, '');
  return { family, color: fallbackColors[hashText(family) % fallbackColors.length] };
}

/**
 * The glyph of a message, so that the rare, important ones do not rely on
 * colour: a snapshot travels as a large hatched block (like the compacted
 * prefix in the log grid, which is what it carries), TimeoutNow as a diamond.
 */
export type MessageShape = 'dot' | 'snapshot' | 'diamond';

export function messageShape(type: string): MessageShape {
  if (/^InstallSnapshot/.test(type)) return 'snapshot';
  if (/^TimeoutNow/.test(type)) return 'diamond';
  return 'dot';
}

/** Responses are drawn hollow, requests filled (OmniPaxos's Promise and Accepted are answers too). */
export function isResponse(type: string): boolean {
  return /(Response|Reply|Ack)$/.test(type) || type === 'Promise' || type === 'Accepted';
}

export interface LegendFamily extends MessageStyle {
  /** A message type drawn as the family's request, and its answer (null: none). */
  request: string;
  response: string | null;
}

const legendExamples: Record<string, [string, string | null]> = {
  AppendEntries: ['AppendEntries', 'AppendEntriesResponse'],
  RequestVote: ['RequestVote', 'RequestVoteResponse'],
  PreVote: ['PreVote', 'PreVoteResponse'],
  InstallSnapshot: ['InstallSnapshot', 'InstallSnapshotResponse'],
  // TimeoutNow has no answer: the campaign it starts is the answer.
  TimeoutNow: ['TimeoutNow', null],
  'BLE heartbeat': ['HeartbeatRequest', 'HeartbeatReply'],
  'Prepare / Promise': ['Prepare', 'Promise'],
  // AcceptSync is answered by Accepted, drawn with the replication family.
  AcceptSync: ['AcceptSync', null],
  'AcceptDecide / Accepted / Decide': ['AcceptDecide', 'Accepted'],
};

/** The legend: the message families of the protocol being run. */
export function knownMessageFamilies(protocol = 'raft'): LegendFamily[] {
  return (protocol === 'omnipaxos' ? omniPaxosFamilies : raftFamilies).map(([, style]) => {
    const [request, response] = legendExamples[style.family] ?? [style.family, null];
    return { ...style, request, response };
  });
}

/** Calm hues cycled by term, for log entries. */
const termColors = ['#9fc2e7', '#f0c38e', '#a9d8b8', '#e2b0cf', '#d3cc8f', '#b7b2e6', '#ecaaa5', '#9dd6d3'];

export function termColor(term: number): string {
  if (term <= 0) return '#d9dde3';
  return termColors[(term - 1) % termColors.length];
}

/** The election-timer ring: calm blue while there is time, amber as it runs out. */
export function timerColor(remaining: number): string {
  return remaining > 0.25 ? '#7ea6d6' : '#e0a23b';
}

export const ink = {
  text: '#1f2933',
  muted: '#6b7785',
  faint: '#c9d0d8',
  link: '#c3cad3',
  cut: '#c8414b',
};

/**
 * Replica groups of a sharded store, each with a strong hue (outlines, text)
 * and a soft one (fills). gid 0 is the shard controller; a shard owned by
 * gid 0 has no owner and is drawn grey. Shard states also differ by outline
 * and word, so that colour is never the only cue.
 */
export interface GroupStyle {
  color: string;
  soft: string;
  ink: string;
}

const groupStyles: GroupStyle[] = [
  { color: '#5b6b7f', soft: '#eef2f7', ink: '#2c3a4b' },
  { color: '#3b7dd8', soft: '#e4eefb', ink: '#1d4f94' },
  { color: '#d68a1c', soft: '#fbefdc', ink: '#7a4a0b' },
  { color: '#1f9a8a', soft: '#dcf1ee', ink: '#11584f' },
  { color: '#9a5cc6', soft: '#efe5f7', ink: '#5a3675' },
  { color: '#d1495b', soft: '#f8e1e4', ink: '#7f2330' },
  { color: '#4f9a5f', soft: '#e3f1e6', ink: '#2b5a35' },
];

export function groupStyle(gid: number): GroupStyle {
  if (gid <= 0) return groupStyles[0];
  return groupStyles[1 + ((gid - 1) % (groupStyles.length - 1))];
}

/** A shard nobody owns. */
export const unownedStyle: GroupStyle = { color: '#a3a7ad', soft: '#f3f3f3', ink: '#80858c' };

/** How a shard cell's outline tells its state (with the state's word beneath). */
export const shardStateDash: Record<'serving' | 'receiving' | 'sending' | 'parked' | 'absent', string> = {
  serving: '',
  receiving: '6 3',
  sending: '2 3',
  parked: '',
  absent: '2 4',
};
