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
export type TraceCategory = 'messages' | 'clients' | 'elections' | 'log' | 'faults';

export const traceCategories: readonly TraceCategory[] = ['messages', 'clients', 'elections', 'log', 'faults'];

/** Role codes in `role` notes (the simulator's RoleCode). */
const roleNames = ['follower', 'pre-candidate', 'candidate', 'leader'];
const roleTones = ['follower', 'precandidate', 'candidate', 'leader'];

/**
 * Raft's reasons for refusing a vote, as carried by its `reject-reason` note
 * (protocols/raft/types.ts RejectReason). Other protocols' codes print as numbers.
 */
const rejectReasons: Record<number, string> = { 1: 'stale term', 2: 'log behind', 3: 'already voted', 4: 'leader active' };

const electionNotes = new Set([
  'role',
  'term',
  'leader',
  'vote',
  'pre-vote',
  'reject-vote',
  'reject-pre-vote',
  'reject-reason',
  'timeout-now',
  'timeout-now-received',
  'transfer',
  'transfer-ignored',
]);

/**
 * `nodeCount`: endpoints from it on are clerks (their traffic is its own
 * category, as it would otherwise drown the protocol's).
 */
export function categoryOf(record: TraceRecord, nodeCount = Infinity): TraceCategory | null {
  switch (record.kind) {
    case 'deliver':
      return record.node >= nodeCount || record.peer >= nodeCount ? 'clients' : 'messages';
    case 'drop':
      // A drop is what became of a message; on a lossy network there are many, and the faults are the operator's.
      return record.node >= nodeCount || record.peer >= nodeCount ? 'clients' : 'messages';
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

/** Replicas are n1…, clerks (after them on the network) c1…. */
function namer(nodeCount: number): (id: number) => string {
  return (id) => (id >= nodeCount ? `c${id - nodeCount + 1}` : nodeName(id));
}

function noteText(r: TraceRecord, n: (id: number) => string): string {
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
    case 'transfer':
      return `${who} hands leadership to ${n(r.a)}: it stops taking commands and catches ${n(r.a)} up (term ${r.b})`;
    case 'transfer-ignored':
      return r.a < 0 ? `${who} ignored a leadership transfer (term ${r.b})` : `${who} ignored a leadership transfer to ${n(r.a)}: it does not lead (term ${r.b})`;
    case 'snapshot':
      return `${who} took a snapshot through index ${r.a} (term ${r.b}) and compacted its log`;
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

export function traceText(r: TraceRecord, describe: (messageId: number) => string | undefined, nodeCount = Infinity): string {
  const n = namer(nodeCount);
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
      return noteText(r, n);
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
export function traceLines(records: readonly TraceRecord[], describe: (messageId: number) => string | undefined, nodeCount = Infinity): TraceLineVM[] {
  const lines: TraceLineVM[] = [];
  let previous: TraceRecord | null = null;
  for (const r of records) {
    const category = categoryOf(r, nodeCount);
    if (category === null) continue;
    if (r.kind === 'note' && r.label === 'reject-reason' && previous !== null && previous.node === r.node && previous.label.startsWith('reject-')) {
      const last = lines[lines.length - 1];
      lines[lines.length - 1] = { ...last, text: `${last.text} (${rejectReasons[r.a] ?? `reason ${r.a}`})` };
      continue;
    }
    lines.push({ index: r.index, timeUs: r.timeUs, kind: category, tone: toneOf(r), text: traceText(r, describe, nodeCount) });
    previous = r;
  }
  return lines;
}
