/**
 * The effects of one replica step, as flat arrays. The in-process host fills
 * and drains one reusable buffer per event; the worker host fills one per
 * input in the worker and ships it back. The simulator merges them in the
 * same fixed order on both hosts, which is what makes their traces equal.
 */
export interface Effects {
  /** True when the input was a stale timer: nothing happened, nothing is traced. */
  skipped: boolean;
  sendTo: number[];
  sendMsg: unknown[];
  timerIds: number[];
  timerDelaysUs: number[];
  timerGens: number[];
  noteKinds: string[];
  noteA: number[];
  noteB: number[];
  commitIndex: number[];
  commitTerm: number[];
  /** Command id, or -1 for a no-op entry. */
  commitCommand: number[];
  proposalIds: number[];
  proposalAccepted: boolean[];
  proposalLeaderHint: number[];
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
    timerIds: [],
    timerDelaysUs: [],
    timerGens: [],
    noteKinds: [],
    noteA: [],
    noteB: [],
    commitIndex: [],
    commitTerm: [],
    commitCommand: [],
    proposalIds: [],
    proposalAccepted: [],
    proposalLeaderHint: [],
    restoredIndex: -1,
    error: null,
  };
}

export function clearEffects(e: Effects): void {
  // Most steps touch two or three of these arrays; resizing an empty array is not free.
  e.skipped = false;
  if (e.sendTo.length !== 0) {
    e.sendTo.length = 0;
    e.sendMsg.length = 0;
  }
  if (e.timerIds.length !== 0) {
    e.timerIds.length = 0;
    e.timerDelaysUs.length = 0;
    e.timerGens.length = 0;
  }
  if (e.noteKinds.length !== 0) {
    e.noteKinds.length = 0;
    e.noteA.length = 0;
    e.noteB.length = 0;
  }
  if (e.commitIndex.length !== 0) {
    e.commitIndex.length = 0;
    e.commitTerm.length = 0;
    e.commitCommand.length = 0;
  }
  if (e.proposalIds.length !== 0) {
    e.proposalIds.length = 0;
    e.proposalAccepted.length = 0;
    e.proposalLeaderHint.length = 0;
  }
  e.restoredIndex = -1;
  e.error = null;
}
