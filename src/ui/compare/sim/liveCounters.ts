/**
 * The per-protocol counters, live: the engine's own fault measurement
 * (`measureFault`, the one Table 1 uses) over the partition so far, so that
 * when the partition ends the page shows exactly what Table 1 reports for
 * this seed.
 */
import { measureFault, type World } from '../../../engine/index';
import { faultPhase, type FaultPhase, type FaultWindow } from './faultWindow';
import { highestTerm, type NoteTracker } from './noteTracker';

export interface CountersVM {
  phase: FaultPhase;
  /** Final cut → first operation proposed after it decided; null: not (yet). */
  downtimeMs: number | null;
  /** How long since the final cut, while nothing proposed after it is decided. */
  sinceCutMs: number | null;
  /** Leaders elected during the partition (so far). */
  leaderChanges: number;
  /** Entries decided (committed) during the partition (so far). */
  decided: number;
  /** Highest term (Raft) or ballot number (OmniPaxos) any server has reached. */
  highestTerm: number;
  refusedLogBehind: number;
  refusedLeaderActive: number;
  /** OmniPaxos: servers that are quorum-connected now; null for Raft. */
  qcServers: number | null;
}

const roundMs = (us: number) => Math.round(us / 100) / 10;

export function liveCounters(world: World, window: FaultWindow, notes: NoteTracker, qcServers: number | null): CountersVM {
  const nowUs = world.nowUs();
  const phase = faultPhase(window, nowUs);
  const base = { phase, highestTerm: highestTerm(notes), refusedLogBehind: notes.refusedLogBehind, refusedLeaderActive: notes.refusedLeaderActive, qcServers };
  if (phase === 'before') return { ...base, downtimeMs: null, sinceCutMs: null, leaderChanges: 0, decided: 0 };
  const endUs = Math.min(nowUs, window.endUs);
  const f = measureFault(world, window.startUs, window.finalCutUs, endUs);
  const sinceCutMs = phase === 'cutting' || f.downtimeMs !== null ? null : roundMs(endUs - window.finalCutUs);
  return { ...base, downtimeMs: f.downtimeMs, sinceCutMs, leaderChanges: f.leaderChanges, decided: f.decidedDuringPartition };
}

export function sameCounters(a: CountersVM, b: CountersVM): boolean {
  return (
    a.phase === b.phase &&
    a.downtimeMs === b.downtimeMs &&
    a.sinceCutMs === b.sinceCutMs &&
    a.leaderChanges === b.leaderChanges &&
    a.decided === b.decided &&
    a.highestTerm === b.highestTerm &&
    a.refusedLogBehind === b.refusedLogBehind &&
    a.refusedLeaderActive === b.refusedLeaderActive &&
    a.qcServers === b.qcServers
  );
}
