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

/** Message families of the protocols we know; requests and their responses share a colour. */
const families: [RegExp, MessageStyle][] = [
  [/^AppendEntries/, { family: 'AppendEntries', color: '#3b7dd8' }],
  [/^RequestVote/, { family: 'RequestVote', color: '#d68a1c' }],
  [/^PreVote/, { family: 'PreVote', color: '#9a5cc6' }],
  [/^InstallSnapshot/, { family: 'InstallSnapshot', color: '#1f9a8a' }],
  [/^TimeoutNow/, { family: 'TimeoutNow', color: '#d1495b' }],
];

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

/** Responses are drawn hollow, requests filled. */
export function isResponse(type: string): boolean {
  return /(Response|Reply|Ack)$/.test(type);
}

/** The legend: the families of the protocols we know. */
export function knownMessageFamilies(): MessageStyle[] {
  return families.map(([, style]) => style);
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
