import { describe, expect, it } from 'vitest';
import type { TraceMark } from '../../../engine/index';
import { builtInScenario } from '../../../scenarios/index';
import { faultPhase, faultWindow, type FaultWindow } from './faultWindow';
import { createNoteTracker, highestTerm, readNotes, RefusalReason } from './noteTracker';

const window: FaultWindow = { startUs: 2_000_000, finalCutUs: 2_150_000, endUs: 10_000_000, durationUs: 12_000_000, stepTimesUs: [] };

function note(timeUs: number, node: number, label: string, a: number, b = 0): TraceMark {
  return { timeUs, kind: 'note', node, peer: -1, label, a, b };
}

describe('reading the replicas notes', () => {
  it('counts votes refused during the partition, by reason, and remembers the latest per server', () => {
    const t = createNoteTracker(3, window);
    readNotes(t, [
      note(1_000_000, 0, 'reject-reason', RefusalReason.logBehind, 2), // before the partition: shown, not counted
      note(3_000_000, 1, 'reject-reason', RefusalReason.logBehind, 2),
      note(3_100_000, 1, 'reject-reason', RefusalReason.leaderActive, 0),
      note(3_200_000, 2, 'reject-reason', 3, 0), // already voted: not shown
    ]);
    expect(t.refusedLogBehind).toBe(1);
    expect(t.refusedLeaderActive).toBe(1);
    expect(t.refusal[0]).toEqual({ timeUs: 1_000_000, reason: RefusalReason.logBehind, candidate: 2 });
    expect(t.refusal[1]?.reason).toBe(RefusalReason.leaderActive);
    expect(t.refusal[2]).toBeNull();
  });

  it('reads only what is new, and follows the highest term as it rises', () => {
    const t = createNoteTracker(2, window);
    const marks = [note(100, 0, 'term', 1), note(100, 1, 'term', 1), note(500, 1, 'term', 3)];
    readNotes(t, marks);
    marks.push(note(600, 0, 'term', 2), note(700, 0, 'term', 4), note(700, 1, 'term', 5));
    readNotes(t, marks);
    expect(t.cursor).toBe(6);
    expect(t.terms).toEqual([
      { timeUs: 0, term: 0 },
      { timeUs: 100, term: 1 },
      { timeUs: 500, term: 3 },
      { timeUs: 700, term: 5 },
    ]);
    expect(highestTerm(t)).toBe(5);
  });

  it('remembers BLE rounds and log-sync steps per server', () => {
    const t = createNoteTracker(2, window);
    readNotes(t, [note(300, 0, 'ble-round', 1), note(400, 1, 'prepare', 2), note(450, 0, 'promise', 1, 3), { ...note(500, 1, 'ble-round', 2), kind: 'action' }]);
    expect(t.bleRoundUs).toEqual([300, null]);
    expect(t.syncUs).toEqual([450, 400]);
  });
});

describe('the fault window of a scenario', () => {
  it('counts down-time from the final cut, as the engine does', () => {
    const scenario = builtInScenario('constrained-election');
    if (scenario === undefined) throw new Error('missing');
    const w = faultWindow(scenario);
    expect(w).toMatchObject({ startUs: 2_000_000, finalCutUs: 2_150_000, endUs: 10_000_000, durationUs: 12_000_000 });
    expect(faultPhase(w, 1_999_999)).toBe('before');
    expect(faultPhase(w, 2_000_000)).toBe('cutting');
    expect(faultPhase(w, 2_150_000)).toBe('during');
    expect(faultPhase(w, 10_000_000)).toBe('after');
  });

  it('has a final cut equal to the start when the fault is one step', () => {
    const scenario = builtInScenario('chained');
    if (scenario === undefined) throw new Error('missing');
    expect(faultWindow(scenario)).toMatchObject({ startUs: 2_000_000, finalCutUs: 2_000_000, endUs: 10_000_000, stepTimesUs: [2_000_000, 10_000_000] });
  });
});
