/**
 * The effects of replica steps, as flat arrays with a window [start, end) per
 * kind. The in-process host fills and drains one reusable buffer per event
 * (starts stay 0; clearing resets the ends, never the arrays, so no step
 * pays for resizing them). The worker host fills one buffer per batch in the
 * worker, step after step, notes where each step's effects end
 * (`effectsMarks`), ships the buffer once and walks it step by step with the
 * windows moved along. The simulator merges them in the same fixed order on
 * both hosts, which is what makes their traces equal.
 */
export interface Effects {
  /** True when the input was a stale timer: nothing happened, nothing is traced. */
  skipped: boolean;
  sendTo: number[];
  sendMsg: unknown[];
  sendStart: number;
  sendEnd: number;
  timerIds: number[];
  timerDelaysUs: number[];
  timerGens: number[];
  timerStart: number;
  timerEnd: number;
  noteKinds: string[];
  noteA: number[];
  noteB: number[];
  noteStart: number;
  noteEnd: number;
  commitIndex: number[];
  commitTerm: number[];
  /** Command id, or -1 for a no-op entry. */
  commitCommand: number[];
  commitStart: number;
  commitEnd: number;
  proposalIds: number[];
  proposalAccepted: boolean[];
  proposalLeaderHint: number[];
  proposalStart: number;
  proposalEnd: number;
  /** Index of a snapshot the service restored in this step (-1: none). */
  restoredIndex: number;
  /** Message text of an exception thrown by the replica (worker host), or null. */
  error: string | null;
}

export function createEffects(): Effects {
  return {
    skipped: false,
    sendTo: [],
    sendMsg: [],
    sendStart: 0,
    sendEnd: 0,
    timerIds: [],
    timerDelaysUs: [],
    timerGens: [],
    timerStart: 0,
    timerEnd: 0,
    noteKinds: [],
    noteA: [],
    noteB: [],
    noteStart: 0,
    noteEnd: 0,
    commitIndex: [],
    commitTerm: [],
    commitCommand: [],
    commitStart: 0,
    commitEnd: 0,
    proposalIds: [],
    proposalAccepted: [],
    proposalLeaderHint: [],
    proposalStart: 0,
    proposalEnd: 0,
    restoredIndex: -1,
    error: null,
  };
}

/** Empty the buffer for the next step (the arrays keep their slots; what lies past the ends is dead). */
export function clearEffects(e: Effects): void {
  e.skipped = false;
  e.sendStart = e.sendEnd = 0;
  e.timerStart = e.timerEnd = 0;
  e.noteStart = e.noteEnd = 0;
  e.commitStart = e.commitEnd = 0;
  e.proposalStart = e.proposalEnd = 0;
  e.restoredIndex = -1;
  e.error = null;
}

export function pushSend(e: Effects, to: number, msg: unknown): void {
  const i = e.sendEnd++;
  e.sendTo[i] = to;
  e.sendMsg[i] = msg;
}

export function pushTimer(e: Effects, timerId: number, delayUs: number, gen: number): void {
  const i = e.timerEnd++;
  e.timerIds[i] = timerId;
  e.timerDelaysUs[i] = delayUs;
  e.timerGens[i] = gen;
}

export function pushNote(e: Effects, kind: string, a: number, b: number): void {
  const i = e.noteEnd++;
  e.noteKinds[i] = kind;
  e.noteA[i] = a;
  e.noteB[i] = b;
}

export function pushCommit(e: Effects, index: number, term: number, command: number): void {
  const i = e.commitEnd++;
  e.commitIndex[i] = index;
  e.commitTerm[i] = term;
  e.commitCommand[i] = command;
}

export function pushProposal(e: Effects, commandId: number, accepted: boolean, leaderHint: number): void {
  const i = e.proposalEnd++;
  e.proposalIds[i] = commandId;
  e.proposalAccepted[i] = accepted;
  e.proposalLeaderHint[i] = leaderHint;
}

/** Entries applied in this step's window. */
export function commitCount(e: Effects): number {
  return e.commitEnd - e.commitStart;
}

/**
 * Where each step of a batch ends in a shared buffer: five numbers per step
 * (the ends of sends, timers, notes, commits and proposals), then whether
 * it was skipped and the snapshot index it restored.
 */
export const marksPerStep = 7;

/** Note where the step just run ends, and clear the per-step fields for the next one. */
export function markStep(e: Effects, marks: number[]): void {
  marks.push(e.sendEnd, e.timerEnd, e.noteEnd, e.commitEnd, e.proposalEnd, e.skipped ? 1 : 0, e.restoredIndex);
  e.skipped = false;
  e.restoredIndex = -1;
}

/** Trim the dead slots before the buffer is shipped (structured clone copies whole arrays). */
export function trimEffects(e: Effects): void {
  e.sendTo.length = e.sendMsg.length = e.sendEnd;
  e.timerIds.length = e.timerDelaysUs.length = e.timerGens.length = e.timerEnd;
  e.noteKinds.length = e.noteA.length = e.noteB.length = e.noteEnd;
  e.commitIndex.length = e.commitTerm.length = e.commitCommand.length = e.commitEnd;
  e.proposalIds.length = e.proposalAccepted.length = e.proposalLeaderHint.length = e.proposalEnd;
}

/** Move a shipped buffer's windows to step `step` of its batch (`marks` as `markStep` wrote them). */
export function selectStep(e: Effects, marks: readonly number[], step: number): void {
  const at = step * marksPerStep;
  if (step === 0) {
    e.sendStart = e.timerStart = e.noteStart = e.commitStart = e.proposalStart = 0;
  } else {
    const before = at - marksPerStep;
    e.sendStart = marks[before];
    e.timerStart = marks[before + 1];
    e.noteStart = marks[before + 2];
    e.commitStart = marks[before + 3];
    e.proposalStart = marks[before + 4];
  }
  e.sendEnd = marks[at];
  e.timerEnd = marks[at + 1];
  e.noteEnd = marks[at + 2];
  e.commitEnd = marks[at + 3];
  e.proposalEnd = marks[at + 4];
  e.skipped = marks[at + 5] === 1;
  e.restoredIndex = marks[at + 6];
}
