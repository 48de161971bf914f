import { describe, expect, it } from 'vitest';
import { builtInScenario } from './index';
import { runTable1, type Table1Cell } from './table1';

/**
 * The OmniPaxos paper's Table 1 as the lab measures it, on seeds 1–20 with
 * the default timing (T = 300 ms election timeout, an 8 s partition).
 */
const T = 300;
const seeds = Array.from({ length: 20 }, (_, i) => i + 1);
const cells = runTable1(['raft', 'raft-pv-cq', 'omnipaxos'], seeds);
const cell = (scenario: string, protocol: string): Table1Cell => cells.find((c) => c.scenario === scenario && c.protocol === protocol)!;
const perSeed = (c: Table1Cell) => c.runs.map((r) => `seed ${r.seed}: down ${r.downtimeMs} ms, ${r.leaderChanges} leader changes, ${r.decidedDuringPartition} decided`).join('\n');

describe('Table 1, measured', () => {
  it('every partition lasts at least 20 election timeouts', () => {
    for (const id of ['quorum-loss', 'constrained-election', 'chained']) {
      const s = builtInScenario(id)!;
      const start = s.timeline.find((t) => t.fault === 'start')!.at;
      const end = s.timeline.find((t) => t.fault === 'end')!.at;
      expect(end - start).toBeGreaterThanOrEqual(20 * T);
    }
  });

  it('OmniPaxos recovers in all three scenarios within 5 T of the final cut, on every seed', () => {
    for (const id of ['quorum-loss', 'constrained-election', 'chained']) {
      const c = cell(id, 'omnipaxos');
      expect(c.recovered, perSeed(c)).toBe(seeds.length);
      expect(c.maxDowntimeMs as number, perSeed(c)).toBeLessThanOrEqual(5 * T);
    }
  });

  it('constrained election: Raft and Raft PV+CQ make no progress for the whole partition', () => {
    for (const protocol of ['raft', 'raft-pv-cq']) {
      const c = cell('constrained-election', protocol);
      expect(c.recovered, perSeed(c)).toBe(0);
    }
  });

  it('quorum loss: Raft PV+CQ and OmniPaxos recover on every seed', () => {
    for (const protocol of ['raft-pv-cq', 'omnipaxos']) expect(cell('quorum-loss', protocol).recovered).toBe(seeds.length);
  });

  it('chained: Raft PV+CQ keeps its leader and decides; OmniPaxos changes leader at most once and decides as much', () => {
    const pvcq = cell('chained', 'raft-pv-cq');
    const omni = cell('chained', 'omnipaxos');
    for (const r of pvcq.runs) expect(r.leaderChanges, perSeed(pvcq)).toBe(0);
    for (const r of omni.runs) expect(r.leaderChanges, perSeed(omni)).toBeLessThanOrEqual(1);
    expect(omni.medianDecided).toBeGreaterThanOrEqual(0.95 * pvcq.medianDecided);
  });

  it('chained: plain Raft changes leader during the partition and loses throughput, but escapes the livelock (see README)', () => {
    const raft = cell('chained', 'raft');
    const pvcq = cell('chained', 'raft-pv-cq');
    expect(raft.runs.every((r) => r.leaderChanges >= 1), perSeed(raft)).toBe(true);
    expect(raft.runs.some((r) => r.leaderChanges >= 3), perSeed(raft)).toBe(true);
    expect(raft.medianDecided).toBeLessThan(pvcq.medianDecided);
  });
});
