import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../engine/index';
import { builtInScenario, partialConnectivityIds } from '../../../scenarios/index';
import { CompareSession, compareProtocols } from './compareSession';
import { projectCluster } from './projectRun';

/** Uneven slices, like animation frames at changing speeds. */
function runInSlices(session: CompareSession): void {
  const slices = [1_000, 7_777, 40_000, 123_456, 3_000, 250_000];
  for (let i = 0; !session.finished(); i++) session.advanceBy(slices[i % slices.length]);
}

describe('three protocols on one clock', () => {
  for (const id of partialConnectivityIds) {
    it(`${id}: the live counters end where the engine's own run of the scenario ends (seed 2)`, () => {
      const session = new CompareSession(id, 2);
      runInSlices(session);
      const scenario = builtInScenario(id);
      if (scenario === undefined) throw new Error(id);
      session.runs.forEach((run, i) => {
        expect(run.protocol).toBe(compareProtocols[i]);
        expect(run.error).toBeNull();
        const reference = runScenario(scenario, { protocol: run.protocol, seed: 2 });
        const counters = projectCluster(run, session.window, undefined).counters;
        expect(counters.phase).toBe('after');
        expect({ downtimeMs: counters.downtimeMs, leaderChanges: counters.leaderChanges, decided: counters.decided }, run.protocol).toEqual({
          downtimeMs: reference.fault?.downtimeMs,
          leaderChanges: reference.fault?.leaderChanges,
          decided: reference.fault?.decidedDuringPartition,
        });
        // Same bindings: the same step resolved against the same world at the same time.
        expect(run.bindings).toEqual(reference.bindings);
        expect(run.world.traceHash()).toBe(reference.world.traceHash());
      });
    });
  }

  it('keeps separate bindings per world: each names its own leader L at the cut', () => {
    const session = new CompareSession('quorum-loss', 1);
    session.seek(2_000_000);
    for (const run of session.runs) {
      expect(Object.keys(run.bindings).sort()).toEqual(['A', 'B', 'C', 'D', 'L']);
      expect(run.bindings.L).toBe(run.world.marks().filter((m) => m.label === 'role' && m.a === 3).at(-1)?.node);
    }
    // Raft elected n1 and OmniPaxos n5 on this seed: the bindings differ.
    expect(session.runs[0].bindings.L).not.toBe(session.runs[2].bindings.L);
  });

  it('going back in time gives the same worlds as getting there directly', () => {
    const forward = new CompareSession('chained', 3);
    forward.seek(5_000_000);
    forward.seek(2_500_000);
    const direct = new CompareSession('chained', 3);
    direct.seek(2_500_000);
    expect(forward.nowUs()).toBe(2_500_000);
    expect(forward.runs.map((r) => r.world.traceHash())).toEqual(direct.runs.map((r) => r.world.traceHash()));
  });

  it('steps to the next instant anything happens, in any world', () => {
    const session = new CompareSession('chained', 1);
    session.seek(1_999_000);
    const next = session.nextEventUs();
    expect(next).not.toBeNull();
    session.stepEvent();
    expect(session.nowUs()).toBe(next);
    expect(session.runs.every((r) => r.world.nowUs() === next)).toBe(true);
  });

  it('clamps the clock to the scenario', () => {
    const session = new CompareSession('chained', 1);
    session.seek(99_000_000);
    expect(session.nowUs()).toBe(12_000_000);
    expect(session.finished()).toBe(true);
  });
});
