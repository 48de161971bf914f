/**
 * Raft's safety properties (Figure 3 of the paper), checked over every
 * replica's state after every event, incrementally, so that a test can afford
 * it over thousands of events:
 *
 * - Election safety: at most one leader per term, across the whole history.
 * - Log matching: two logs with an entry of the same index and term are
 *   identical up to it. Checked through a global record per (index, term) of
 *   the command and the previous entry's term: if every log agrees with the
 *   record, equal (index, term) implies equal predecessors, by induction.
 *   Each node's log is only re-examined after the last entry already checked
 *   (entries are frozen objects, so identity tells what changed).
 * - Leader completeness: an entry committed in term T is in the log of every
 *   leader of a later term.
 * - State machine safety: no two nodes commit different entries at an index.
 *
 * Crashed nodes are null. The memory is plain data (it is checkpointed with
 * the world); entries below a node's snapshot are compacted and not checked
 * here (the simulator checks what the services applied).
 */
import { InvariantViolation } from '../core/assert';
import type { RaftEntry, RaftState } from '../protocols/raft/types';

export interface RaftInvariantMemory {
  /** term → the node seen leading it, or -1. */
  leaderOfTerm: number[];
  /** Log-matching records for indexes ≥ recordBase: per index, flat triples (term, command id, previous term). */
  recordBase: number;
  records: number[][];
  /** Per node: the entries already checked, by index from checkedBase[node]. */
  checked: RaftEntry[][];
  checkedBase: number[];
  /** Per committed index (from 0): entry term, command id, and the lowest term of a node seen knowing it committed. */
  committedTerm: number[];
  committedCommand: number[];
  committedKnownInTerm: number[];
  /** Per node: committed indexes up to here were recorded. */
  commitChecked: number[];
}

export function createRaftInvariantMemory(): RaftInvariantMemory {
  return {
    leaderOfTerm: [],
    recordBase: 1,
    records: [],
    checked: [],
    checkedBase: [],
    committedTerm: [0],
    committedCommand: [-1],
    committedKnownInTerm: [0],
    commitChecked: [],
  };
}

const trimThreshold = 4096;

function commandId(e: RaftEntry): number {
  return e.command === null ? -1 : e.command.id;
}

function termAt(s: RaftState, index: number): number {
  if (index === s.snapshotIndex) return s.snapshotTerm;
  if (index < s.snapshotIndex || index > s.snapshotIndex + s.log.length) return -1;
  return s.log[index - s.snapshotIndex - 1].term;
}

function fail(invariant: string, detail: string, s: RaftState, nowUs: number): never {
  throw new InvariantViolation(invariant, detail, s.nodeId, s.currentTerm, nowUs);
}

function checkBasics(s: RaftState, nowUs: number): void {
  const last = s.snapshotIndex + s.log.length;
  if (s.commitIndex > last) fail('commit within log', `commitIndex ${s.commitIndex} > lastIndex ${last}`, s, nowUs);
  if (s.lastApplied > s.commitIndex) fail('applied ≤ committed', `lastApplied ${s.lastApplied} > commitIndex ${s.commitIndex}`, s, nowUs);
  if (s.snapshotIndex > s.commitIndex) fail('snapshot committed', `snapshotIndex ${s.snapshotIndex} > commitIndex ${s.commitIndex}`, s, nowUs);
}

function checkElectionSafety(mem: RaftInvariantMemory, s: RaftState, nowUs: number): boolean {
  if (s.role !== 3) return false;
  const t = s.currentTerm;
  while (mem.leaderOfTerm.length <= t) mem.leaderOfTerm.push(-1);
  const previous = mem.leaderOfTerm[t];
  if (previous === s.nodeId) return false;
  if (previous !== -1) fail('election safety', `n${previous + 1} and n${s.nodeId + 1} both led term ${t}`, s, nowUs);
  mem.leaderOfTerm[t] = s.nodeId;
  return true;
}

/** One entry against the (index, term) record: same command, same predecessor term. */
function checkEntry(mem: RaftInvariantMemory, s: RaftState, index: number, nowUs: number): void {
  if (index < mem.recordBase) return;
  const e = s.log[index - s.snapshotIndex - 1];
  const cmd = commandId(e);
  const prevTerm = termAt(s, index - 1);
  if (prevTerm > e.term) fail('log terms grow', `index ${index - 1} has term ${prevTerm} > ${e.term} at ${index}`, s, nowUs);
  const k = index - mem.recordBase;
  while (mem.records.length <= k) mem.records.push([]);
  const rec = mem.records[k];
  for (let i = 0; i < rec.length; i += 3) {
    if (rec[i] !== e.term) continue;
    if (rec[i + 1] !== cmd) {
      fail('log matching', `entry ${index}/${e.term} holds command ${cmd}, elsewhere ${rec[i + 1]}`, s, nowUs);
    }
    if (rec[i + 2] !== prevTerm) {
      fail('log matching', `entry ${index}/${e.term} follows term ${prevTerm}, elsewhere term ${rec[i + 2]}`, s, nowUs);
    }
    return;
  }
  rec.push(e.term, cmd, prevTerm);
}

function checkLogMatching(mem: RaftInvariantMemory, n: number, s: RaftState, nowUs: number): void {
  while (mem.checked.length <= n) {
    mem.checked.push([]);
    mem.checkedBase.push(1);
  }
  const snap = s.snapshotIndex;
  const last = snap + s.log.length;
  let mirror = mem.checked[n];
  let base = mem.checkedBase[n];
  if (snap + 1 < base) {
    // A restart from an older snapshot: check the whole log again.
    mirror.length = 0;
    base = snap + 1;
  }
  // Find the newest entry unchanged since the last check; everything after it is new.
  let i = Math.min(last, base + mirror.length - 1);
  while (i > snap && mirror[i - base] !== s.log[i - snap - 1]) i--;
  if (i <= snap) {
    mirror.length = 0;
    base = snap + 1;
  } else {
    mirror.length = i - base + 1;
  }
  for (let j = Math.max(i, snap) + 1; j <= last; j++) {
    checkEntry(mem, s, j, nowUs);
    mirror.push(s.log[j - snap - 1]);
  }
  const dead = snap + 1 - base;
  if (dead > trimThreshold && dead * 2 > mirror.length) {
    mirror = mirror.slice(dead);
    base = snap + 1;
    mem.checked[n] = mirror;
  }
  mem.checkedBase[n] = base;
}

/** Record or compare the entries this node newly knows to be committed. */
function checkCommitted(mem: RaftInvariantMemory, n: number, s: RaftState, nowUs: number): void {
  while (mem.commitChecked.length <= n) mem.commitChecked.push(0);
  let from = mem.commitChecked[n];
  // After a restart commitIndex falls back to the snapshot: check again as it grows.
  if (s.commitIndex < from || from < s.snapshotIndex) from = s.snapshotIndex;
  for (let i = from + 1; i <= s.commitIndex; i++) {
    const e = s.log[i - s.snapshotIndex - 1];
    const cmd = commandId(e);
    while (mem.committedTerm.length <= i) {
      // Not known yet, or a gap: an index some node only knows from a snapshot.
      mem.committedTerm.push(-1);
      mem.committedCommand.push(-2);
      mem.committedKnownInTerm.push(Number.MAX_SAFE_INTEGER);
    }
    if (mem.committedTerm[i] === -1) {
      mem.committedTerm[i] = e.term;
      mem.committedCommand[i] = cmd;
    } else if (mem.committedTerm[i] !== e.term || mem.committedCommand[i] !== cmd) {
      fail(
        'state machine safety',
        `index ${i} committed as ${e.term}/command ${cmd}, elsewhere as ${mem.committedTerm[i]}/command ${mem.committedCommand[i]}`,
        s,
        nowUs,
      );
    }
    if (s.currentTerm < mem.committedKnownInTerm[i]) mem.committedKnownInTerm[i] = s.currentTerm;
  }
  mem.commitChecked[n] = s.commitIndex;
}

/** Leader completeness over committed indexes in [from, to]. */
function checkLeaderHas(mem: RaftInvariantMemory, leader: RaftState, from: number, to: number, nowUs: number): void {
  const last = leader.snapshotIndex + leader.log.length;
  for (let i = Math.max(from, leader.snapshotIndex + 1); i <= to; i++) {
    if (mem.committedTerm[i] < 0 || mem.committedKnownInTerm[i] >= leader.currentTerm) continue;
    if (i > last) {
      fail('leader completeness', `index ${i} was committed by term ${mem.committedKnownInTerm[i]} but the log ends at ${last}`, leader, nowUs);
    }
    const e = leader.log[i - leader.snapshotIndex - 1];
    if (e.term !== mem.committedTerm[i] || commandId(e) !== mem.committedCommand[i]) {
      fail(
        'leader completeness',
        `index ${i} committed as ${mem.committedTerm[i]}/command ${mem.committedCommand[i]}, leader has ${e.term}/command ${commandId(e)}`,
        leader,
        nowUs,
      );
    }
  }
}

/**
 * Forget log-matching records below every live node's commit index: entries
 * there are committed, so state machine safety covers them. (A node that
 * restarts behind that point is simply not checked below it.)
 */
function trimRecords(mem: RaftInvariantMemory, states: readonly (RaftState | null)[]): void {
  let minCommit = Number.MAX_SAFE_INTEGER;
  for (const s of states) if (s !== null && s.commitIndex < minCommit) minCommit = s.commitIndex;
  const dead = minCommit + 1 - mem.recordBase;
  if (minCommit === Number.MAX_SAFE_INTEGER || dead <= trimThreshold) return;
  mem.records.splice(0, Math.min(dead, mem.records.length));
  mem.recordBase += dead;
}

export function checkRaftInvariants(states: readonly (RaftState | null)[], nowUs: number, memory: RaftInvariantMemory): void {
  const committedBefore = memory.committedTerm.length;
  for (let n = 0; n < states.length; n++) {
    const s = states[n];
    if (s === null) continue;
    checkBasics(s, nowUs);
    checkLogMatching(memory, n, s, nowUs);
    checkCommitted(memory, n, s, nowUs);
  }
  const committedNow = memory.committedTerm.length - 1;
  for (let n = 0; n < states.length; n++) {
    const s = states[n];
    if (s === null) continue;
    // A new leader must hold everything committed before its term; a sitting leader, everything newly committed.
    if (checkElectionSafety(memory, s, nowUs)) checkLeaderHas(memory, s, 1, committedNow, nowUs);
    else if (s.role === 3 && committedNow >= committedBefore) checkLeaderHas(memory, s, committedBefore, committedNow, nowUs);
  }
  trimRecords(memory, states);
}
