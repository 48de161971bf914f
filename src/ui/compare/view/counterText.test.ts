import { describe, expect, it } from 'vitest';
import type { FaultWindow } from '../sim/faultWindow';
import type { CountersVM } from '../sim/liveCounters';
import { downtimeText } from './counterText';

const window: FaultWindow = { startUs: 2_000_000, finalCutUs: 2_150_000, endUs: 10_000_000, durationUs: 12_000_000, stepTimesUs: [] };
const base: CountersVM = { phase: 'before', downtimeMs: null, sinceCutMs: null, leaderChanges: 0, decided: 0, highestTerm: 1, refusedLogBehind: 0, refusedLeaderActive: 0, qcServers: null };

describe('the down-time counter', () => {
  it('reads through the fault', () => {
    expect(downtimeText(base, window)).toEqual({ value: '—', caption: 'cut at 2 s', tone: 'neutral' });
    expect(downtimeText({ ...base, phase: 'cutting' }, window).caption).toBe('final cut at 2.15 s');
    expect(downtimeText({ ...base, phase: 'during', sinceCutMs: 1234.5 }, window)).toEqual({ value: 'no progress yet', caption: '1,235 ms since the cut', tone: 'bad' });
    expect(downtimeText({ ...base, phase: 'during', downtimeMs: 19.64 }, window)).toEqual({ value: '19.6 ms', caption: 'recovered after the cut', tone: 'good' });
    expect(downtimeText({ ...base, phase: 'after' }, window)).toEqual({ value: 'no progress', caption: 'in the 7.85 s partition', tone: 'bad' });
  });
});
