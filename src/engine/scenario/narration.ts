/**
 * Narration driven by the real engine: each step waits for something the
 * simulator actually did (a leader elected, an entry committed, a timeline
 * step run) and its text is filled from that event — node names, terms,
 * indexes, times — never hard-coded. Steps are found in order: each waits
 * for its event at or after the moment of the step before it.
 */
import { nodeName } from '../core/assert';
import type { TraceMark } from '../sim/trace';
import { RoleCode } from '../sim/coordinator';
import type { WorldBase } from '../sim/worldBase';
import type { NarrationStep, WaitFor } from './types';
import { rejectReasonNames } from '../protocols/raft/types';

export interface NarratedStep {
  /** 1-based position, for "step k of n". */
  number: number;
  /** When the awaited event happened (µs), or null if it has not (yet). */
  atUs: number | null;
  /** The text with its placeholders filled, or the raw text while waiting. */
  text: string;
}

interface Found {
  atUs: number;
  values: Record<string, string>;
}

/** The latest leader and the highest term seen up to a moment, for `{leader}` and `{term}` in any step. */
function stateAt(marks: readonly TraceMark[], atUs: number): { leader: string; term: string } {
  let leader = '—';
  let term = 0;
  for (const m of marks) {
    if (m.timeUs > atUs) break;
    if (m.kind !== 'note') continue;
    if (m.label === 'role' && m.a === RoleCode.leader) leader = nodeName(m.node);
    if (m.label === 'term') term = Math.max(term, m.a);
    if (m.label === 'role') term = Math.max(term, m.b);
  }
  return { leader, term: String(term) };
}

function findEvent(world: WorldBase, wait: WaitFor, fromUs: number, stepTimesUs: readonly number[], bindings: Readonly<Record<string, number>>): Found | null {
  const marks = world.marks();
  const note = (pred: (m: TraceMark) => boolean) => marks.find((m) => m.timeUs >= fromUs && m.kind === 'note' && pred(m));
  switch (wait.event) {
    case 'start':
      return { atUs: 0, values: {} };
    case 'time': {
      const atUs = Math.round(wait.atMs * 1000);
      return world.nowUs() >= atUs ? { atUs: Math.max(atUs, fromUs), values: {} } : null;
    }
    case 'leader-elected': {
      const not = wait.notNode === undefined ? null : wait.notNode.startsWith('$') ? (bindings[wait.notNode.slice(1)] ?? null) : Number(wait.notNode.slice(1)) - 1;
      const m = note((x) => x.label === 'role' && x.a === RoleCode.leader && x.b >= (wait.minTerm ?? 0) && x.node !== not);
      return m ? { atUs: m.timeUs, values: { node: nodeName(m.node), term: String(m.b) } } : null;
    }
    case 'commit': {
      const atUs = world.committedAtUs(wait.index);
      return atUs === null ? null : { atUs: Math.max(atUs, fromUs), values: { index: String(wait.index) } };
    }
    case 'step': {
      const atUs = stepTimesUs[wait.step - 1];
      return atUs === undefined ? null : { atUs: Math.max(atUs, fromUs), values: {} };
    }
    case 'vote-refused': {
      const m = note((x) => x.label === 'reject-vote' || x.label === 'reject-pre-vote');
      if (m === undefined) return null;
      // Raft notes the reason right after the refusal, at the same instant.
      const why = marks.find((x) => x.timeUs === m.timeUs && x.node === m.node && x.kind === 'note' && x.label === 'reject-reason');
      const reason = why === undefined ? 'refused' : (rejectReasonNames[why.a] ?? 'refused');
      return { atUs: m.timeUs, values: { node: nodeName(m.node), term: String(m.b), candidate: nodeName(m.a), reason } };
    }
    case 'term-above': {
      const m = note((x) => x.label === 'term' && x.a > wait.term);
      return m ? { atUs: m.timeUs, values: { node: nodeName(m.node), term: String(m.a) } } : null;
    }
    case 'snapshot': {
      const m = note((x) => x.label === 'snapshot');
      return m ? { atUs: m.timeUs, values: { node: nodeName(m.node), index: String(m.a), term: String(m.b) } } : null;
    }
    case 'op-completed': {
      const done = world.history().filter((op) => op.returnUs !== null).map((op) => op.returnUs as number).sort((a, b) => a - b);
      const atUs = done[wait.count - 1];
      return atUs === undefined ? null : { atUs: Math.max(atUs, fromUs), values: { count: String(wait.count) } };
    }
  }
}

/** Fill `{name}` placeholders; unknown names stay as they are, so a typo is visible, not silently empty. */
export function fillText(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{(\$?[A-Za-z][A-Za-z0-9_]*)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** Where a scenario's narration stands in a world that has run so far. */
export function narrate(
  world: WorldBase,
  steps: readonly NarrationStep[],
  stepTimesUs: readonly number[],
  bindings: Readonly<Record<string, number>>,
): NarratedStep[] {
  const out: NarratedStep[] = [];
  let fromUs = 0;
  let blocked = false;
  const bound: Record<string, string> = {};
  for (const [name, node] of Object.entries(bindings)) bound[`$${name}`] = nodeName(node);
  steps.forEach((step, i) => {
    const found = blocked ? null : findEvent(world, step.waitFor, fromUs, stepTimesUs, bindings);
    if (found === null) {
      blocked = true;
      out.push({ number: i + 1, atUs: null, text: step.text });
      return;
    }
    fromUs = found.atUs;
    const values = { ...bound, timeMs: (found.atUs / 1000).toFixed(0), ...stateAt(world.marks(), found.atUs), ...found.values };
    out.push({ number: i + 1, atUs: found.atUs, text: fillText(step.text, values) });
  });
  return out;
}
