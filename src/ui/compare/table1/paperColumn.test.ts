import { describe, expect, it } from 'vitest';
import { runTable1, type Table1Cell } from '../../../scenarios/table1';
import { cellText } from './cellText';
import { labVersusPaper } from './paperColumn';

function cell(scenario: string, protocol: string, downtimes: (number | null)[], leaderChanges = 1, decided = 400): Table1Cell {
  const runs = downtimes.map((downtimeMs, i) => ({ seed: i + 1, downtimeMs, leaderChanges, decidedDuringPartition: decided }));
  const ok = downtimes.filter((d): d is number => d !== null).sort((a, b) => a - b);
  return {
    scenario,
    protocol,
    runs,
    recovered: ok.length,
    medianDowntimeMs: ok.length === 0 ? null : ok[Math.floor(ok.length / 2)],
    maxDowntimeMs: ok.length === 0 ? null : ok[ok.length - 1],
    medianLeaderChanges: leaderChanges,
    medianDecided: decided,
  };
}

describe('the lab against the paper’s theoretical column', () => {
  it('says nothing where the lab agrees', () => {
    const cells = [cell('constrained-election', 'raft', [null, null], 0, 7), cell('constrained-election', 'omnipaxos', [590, 600]), cell('chained', 'raft-pv-cq', [20, 25], 0)];
    expect(labVersusPaper(cells)).toEqual({ notes: [], agreeing: 3, compared: 3 });
  });

  it('explains Raft recovering from quorum loss, with the measured numbers', () => {
    const { notes, agreeing } = labVersusPaper([cell('quorum-loss', 'raft', [1130, 1398, 1273.9])]);
    expect(agreeing).toBe(0);
    expect(notes).toHaveLength(1);
    expect(notes[0].text).toContain('recovered on 3 of 3 seeds');
    expect(notes[0].text).toContain('median 1,274 ms after the cut, 1 leader change');
    expect(notes[0].text).toContain('paper’s own measured runs');
  });

  it('explains Raft escaping the chained livelock, and its cost in throughput when OmniPaxos decided more', () => {
    const raft = cell('chained', 'raft', [19.6, 20.7], 2, 362);
    const omni = cell('chained', 'omnipaxos', [20.8, 21.5], 1, 400);
    const [note] = labVersusPaper([raft, omni]).notes;
    expect(note.text).toContain('settled on 2 of 2 seeds after a median of 2 leader changes');
    expect(note.text).toContain('B, which reaches both, times out first');
    expect(note.text).toContain('Raft decided 362 entries during the partition (median), OmniPaxos 400');
    const [alone] = labVersusPaper([raft]).notes;
    expect(alone.text).not.toContain('throughput');
  });

  it('shows no livelock note when Raft did livelock', () => {
    expect(labVersusPaper([cell('chained', 'raft', [null], 40, 0)]).notes).toEqual([]);
  });

  it('reports any other disagreement plainly, and partial recoveries', () => {
    const { notes } = labVersusPaper([cell('constrained-election', 'omnipaxos', [null]), cell('quorum-loss', 'raft-pv-cq', [null, 900])]);
    expect(notes.map((n) => n.text)).toEqual([
      'Constrained election, OmniPaxos: the paper’s theory says recovers; the lab measured no progress.',
      'Quorum loss, Raft + PreVote + CheckQuorum: the paper’s theory says recovers; the lab measured recovery on 1 of 2 seeds (median 900 ms). It did not recover on every seed.',
    ]);
  });

  it('on the real engine (seed 1), notes exactly the two cells where Raft beats its theory', () => {
    const cells = runTable1(['raft', 'raft-pv-cq', 'omnipaxos'], [1]);
    const { notes, agreeing, compared } = labVersusPaper(cells);
    expect(compared).toBe(9);
    expect(notes.map((n) => `${n.scenario}/${n.protocol}`)).toEqual(['quorum-loss/raft', 'chained/raft']);
    expect(agreeing).toBe(7);
  });
});

describe('a Table 1 cell in words', () => {
  it('says "no progress" with the leader changes', () => {
    expect(cellText(cell('constrained-election', 'raft', [null, null], 0, 7))).toEqual({ headline: 'no progress', details: ['0 leader changes', '7 decided'] });
  });

  it('says "recovered in" the median, with the worst seed', () => {
    expect(cellText(cell('quorum-loss', 'omnipaxos', [1038, 1040.6, 1043]))).toEqual({ headline: 'recovered in 1,041 ms', details: ['max 1,043 ms', '1 leader change', '400 decided'] });
  });

  it('says on how many seeds when not all recovered', () => {
    expect(cellText(cell('quorum-loss', 'raft', [null, 19.64])).details[0]).toBe('on 1/2 seeds');
    expect(cellText(cell('quorum-loss', 'raft', [19.64])).headline).toBe('recovered in 19.6 ms');
  });
});
