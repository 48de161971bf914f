/**
 * The benchmarks reproduce the reference reports' shapes on every seed
 * tried: A/B/C (throughput B > C > A, median latency A > C > B) and
 * serial/concurrent/sharded (concurrency raises throughput by an order of
 * magnitude at a modest latency cost; sharding beats concurrency once one
 * group's CPU is the bottleneck). Small operation counts keep this quick;
 * `npm run bench` runs the full sizes.
 */
import { describe, expect, it } from 'vitest';
import { benchmarkNamed, defaultBenchKnobs, type BenchKnobs } from './benchmarks';
import { runSeries, type SeriesResult } from './runner';

const seeds = [1, 2, 3, 4, 5];

function run(name: string, knobs: BenchKnobs): SeriesResult {
  const [series] = benchmarkNamed(name)!.series(knobs);
  const result = runSeries(series, { ops: knobs.ops });
  if (result === null) throw new Error('cancelled');
  return result;
}

describe('benchmarks', () => {
  for (const protocol of ['raft', 'omnipaxos']) {
    it(`A, B, C on ${protocol}: throughput B > C > A and median latency A > C > B on seeds 1–5`, () => {
      const problems: string[] = [];
      for (const seed of seeds) {
        const knobs = { ...defaultBenchKnobs, protocol, seed, ops: 2_000 };
        const [a, b, c] = ['A', 'B', 'C'].map((name) => run(name, knobs).summary);
        const t = (s: typeof a) => Math.round(s.throughputOpsPerSec);
        if (!(t(b) > t(c) && t(c) > t(a))) problems.push(`seed ${seed}: throughput A ${t(a)}, B ${t(b)}, C ${t(c)}`);
        if (!(a.latency.p50Ms > c.latency.p50Ms && c.latency.p50Ms > b.latency.p50Ms)) problems.push(`seed ${seed}: p50 A ${a.latency.p50Ms}, B ${b.latency.p50Ms}, C ${c.latency.p50Ms}`);
      }
      expect(problems, `replay: npm run bench -- A B C --protocol ${protocol} --seed N`).toEqual([]);
    });
  }

  it('serial, concurrent, sharded: ≥ 10× throughput from concurrency at < 3× the latency; sharded beats concurrent (seeds 1–5)', () => {
    const problems: string[] = [];
    for (const seed of seeds) {
      const knobs = { ...defaultBenchKnobs, seed, ops: 2_000 };
      const serial = run('serial', { ...knobs, ops: 300 }).summary;
      const concurrent = run('concurrent', knobs).summary;
      const sharded = run('sharded', knobs).summary;
      const gain = concurrent.throughputOpsPerSec / serial.throughputOpsPerSec;
      const cost = concurrent.latency.p50Ms / serial.latency.p50Ms;
      if (gain < 10 || cost >= 3) problems.push(`seed ${seed}: concurrency ×${gain.toFixed(1)} throughput at ×${cost.toFixed(2)} latency`);
      if (!(sharded.throughputOpsPerSec > concurrent.throughputOpsPerSec * 1.3)) problems.push(`seed ${seed}: sharded ${sharded.throughputOpsPerSec} vs concurrent ${concurrent.throughputOpsPerSec}`);
    }
    expect(problems).toEqual([]);
  });

  it('records every operation of the window, with the CPU of the overloaded leader busiest', () => {
    const r = run('A', { ...defaultBenchKnobs, ops: 1_000 });
    expect(r.operations.length).toBeGreaterThanOrEqual(1_000);
    expect(r.summary.invoked).toBe(r.operations.length);
    expect(r.operations.every((op) => op.invokeUs >= 1_000_000)).toBe(true);
    // g1's servers are n4–n6; its leader does far more work than the idle group g2 (n7–n9).
    const g1 = Math.max(...r.cpuUtilisation.slice(3, 6));
    const g2 = Math.max(...r.cpuUtilisation.slice(6, 9));
    expect(g1).toBeGreaterThan(0.5);
    expect(g2).toBeLessThan(0.05);
  });

  it('failover: the crash of g1’s leader is a shaded fault period, and throughput falls inside it', () => {
    const r = run('failover', { ...defaultBenchKnobs, ops: 12_000 });
    expect(r.summary.faults).toHaveLength(1);
    const fault = r.summary.faults[0];
    expect(fault).toMatchObject({ fromUs: 2_000_000, toUs: 3_000_000 });
    expect(fault.label).toMatch(/^g1's leader n[4-6] crashed$/);
    const inside = r.summary.throughputOverTime.filter((b) => b.full && b.fromUs >= fault.fromUs + 200_000 && b.toUs <= fault.toUs);
    const before = r.summary.throughputOverTime.filter((b) => b.full && b.toUs <= fault.fromUs);
    expect(inside.length).toBeGreaterThan(0);
    expect(Math.max(...inside.map((b) => b.opsPerSec))).toBeLessThan(Math.min(...before.map((b) => b.opsPerSec)) / 2);
    expect(r.actions.map((a) => a.action.type)).toEqual(['crash', 'restart']);
  });

  it('can be cancelled between slices', () => {
    const [series] = benchmarkNamed('B')!.series({ ...defaultBenchKnobs, ops: 100_000 });
    let calls = 0;
    expect(runSeries(series, { ops: 100_000, onProgress: () => ++calls < 3 })).toBeNull();
    expect(calls).toBe(3);
  });
});
