/**
 * Trace records in words, one line each, in the style of etcd's raft
 * transcripts: `n1→n2 AppendEntries term=3 prev=4/2 entries=2 commit=4`.
 * The trace keeps only a message's type; its full description comes from the
 * in-flight snapshots the session has seen (a message delivered between two
 * frames is shown by type alone).
 */
import { dropReasonName, nodeName, type TraceRecord } from '../../engine/index';
import type { TraceLineVM } from './types';

/** Categories the message log can show or hide. */
export type TraceCategory = 'messages' | 'elections' | 'log' | 'faults';

export const traceCategories: readonly TraceCategory[] = ['messages', 'elections', 'log', 'faults'];

/** Role codes in `role` notes (the simulator's RoleCode). */
const roleNames = ['follower', 'pre-candidate', 'candidate', 'leader'];
const roleTones = ['follower', 'precandidate', 'candidate', 'leader'];

/**
 * Raft's reasons for refusing a vote, as carried by its `reject-reason` note
 * (protocols/raft/types.ts RejectReason). Other protocols' codes print as numbers.
 */
const rejectReasons: Record<number, string> = { 1: 'stale term', 2: 'log behind', 3: 'already voted', 4: 'leader active' };

const electionNotes = new Set(['role', 'term', 'leader', 'vote', 'pre-vote', 'reject-vote', 'reject-pre-vote', 'reject-reason', 'timeout-now', 'timeout-now-received']);

export function categoryOf(record: TraceRecord): TraceCategory | null {
  switch (record.kind) {
    case 'deliver':
      return 'messages';
    case 'drop':
    case 'action':
      return 'faults';
    case 'commit':
    case 'propose':
      return 'log';
    case 'note':
      return electionNotes.has(record.label) ? 'elections' : 'log';
    default:
      // Sends are implied by deliveries and drops; timers by the role changes they cause.
      return null;
  }
}

const n = (id: number) => nodeName(id);

function noteText(r: TraceRecord): string {
  const who = n(r.node);
  switch (r.label) {
    case 'role':
      return `${who} became ${roleNames[r.a] ?? `role ${r.a}`} in term ${r.b}`;
    case 'term':
      return `${who} moved to term ${r.a}`;
    case 'leader':
      return `${who} follows leader ${n(r.a)} in term ${r.b}`;
    case 'vote':
      return r.a === r.node ? `${who} voted for itself in term ${r.b}` : `${who} voted for ${n(r.a)} in term ${r.b}`;
    case 'pre-vote':
      return `${who} granted a pre-vote to ${n(r.a)} for term ${r.b}`;
    case 'reject-vote':
      return `${who} refused its vote to ${n(r.a)} for term ${r.b}`;
    case 'reject-pre-vote':
      return `${who} refused a pre-vote to ${n(r.a)} for term ${r.b}`;
    case 'reject-reason':
      return `${who}: reason ${rejectReasons[r.a] ?? r.a}`;
    case 'install-snapshot':
      return `${who} installed a snapshot through index ${r.a} (term ${r.b})`;
    case 'timeout-now':
      return `${who} asked ${n(r.a)} to campaign at once (term ${r.b})`;
    case 'timeout-now-received':
      return `${who} was asked by ${n(r.a)} to campaign at once`;
    default:
      return `${who} ${r.label} ${r.a} ${r.b}`;
  }
}

function toneOf(r: TraceRecord): string {
  switch (r.kind) {
    case 'deliver':
    case 'send':
      return `msg:${r.label}`;
    case 'drop':
      return 'drop';
    case 'note':
      return r.label === 'role' ? `role:${roleTones[r.a] ?? 'follower'}` : 'note';
    default:
      return r.kind;
  }
}

export function traceText(r: TraceRecord, describe: (messageId: number) => string | undefined): string {
  switch (r.kind) {
    case 'send':
      return `${n(r.node)}→${n(r.peer)} ${describe(r.a) ?? r.label} (sent)`;
    case 'deliver':
      return `${n(r.peer)}→${n(r.node)} ${describe(r.a) ?? r.label}`;
    case 'drop':
      return `${n(r.peer)}→${n(r.node)} ${describe(r.a) ?? r.label} dropped: ${dropReasonName[r.b] ?? 'unknown reason'}`;
    case 'timer':
      return `${n(r.node)} timer ${r.a} fired`;
    case 'note':
      return noteText(r);
    case 'commit':
      return `${n(r.node)} applied index ${r.a} (term ${r.b})`;
    case 'propose':
      return `client → ${n(r.node)}: command #${r.a} (${r.b} bytes)`;
    case 'action':
      return `operator: ${r.label}`;
    default:
      return `${r.kind} ${n(r.node)} ${r.label}`;
  }
}

/**
 * Word the records the log shows, folding a `reject-reason` into the refusal
 * just before it (same node), as one line reads better than two.
 */
export function traceLines(records: readonly TraceRecord[], describe: (messageId: number) => string | undefined): TraceLineVM[] {
  const lines: TraceLineVM[] = [];
  let previous: TraceRecord | null = null;
  for (const r of records) {
    if (categoryOf(r) === null) continue;
    if (r.kind === 'note' && r.label === 'reject-reason' && previous !== null && previous.node === r.node && previous.label.startsWith('reject-')) {
      const last = lines[lines.length - 1];
      lines[lines.length - 1] = { ...last, text: `${last.text} (${rejectReasons[r.a] ?? `reason ${r.a}`})` };
      continue;
    }
    lines.push({ index: r.index, timeUs: r.timeUs, kind: categoryOf(r) ?? r.kind, tone: toneOf(r), text: traceText(r, describe) });
    previous = r;
  }
  return lines;
}
