import { describe, expect, it } from 'vitest';
import { createWorld, type ReplicaView } from '../../engine/index';
import { ElectionTimerTracker, remainingFraction } from './electionTimers';

/** The view as a protocol without `electionDeadlineUs` in its detail would give it. */
function withoutDeadline(view: ReplicaView | null): ReplicaView | null {
  if (view === null) return null;
  const detail = { ...view.detail };
  delete detail['electionDeadlineUs'];
  return { ...view, detail };
}

describe('election timer rings', () => {
  it('infers from the trace the same deadlines Raft reports (§5.2 resets: role change, vote, leader contact)', () => {
    const world = createWorld({ seed: 7, protocol: 'raft', nodeCount: 5 });
    const tracker = new ElectionTimerTracker(5);
    let cursor = 0;
    let compared = 0;
    let agreed = 0;
    for (let t = 50_000; t <= 3_000_000; t += 50_000) {
      if (t === 1_500_000) world.act({ type: 'crash', node: world.leader() ?? 0 });
      world.runUntil(t);
      const records = world.trace(cursor, world.traceCount() - cursor);
      cursor = world.traceCount();
      tracker.observe(records);
      const views = world.views();
      const truth = tracker.timers(views);
      const guesses = tracker.timers(views.map(withoutDeadline));
      views.forEach((view, node) => {
        if (view === null || view.role === 'leader') return;
        compared++;
        if (guesses[node].deadlineUs === truth[node].deadlineUs) agreed++;
      });
    }
    expect(compared).toBeGreaterThan(100);
    // Leader contact from a deposed leader and similar corner cases may differ; nearly all must agree.
    expect(agreed / compared).toBeGreaterThan(0.95);
  });

  it('has no ring for a leader or a crashed node', () => {
    const tracker = new ElectionTimerTracker(2);
    const leader: ReplicaView = {
      nodeId: 0,
      role: 'leader',
      term: 3,
      votedFor: 0,
      leaderId: 0,
      commitIndex: 0,
      lastIndex: 0,
      snapshotIndex: 0,
      snapshotTerm: 0,
      logTerms: [],
      logTermsFromIndex: 1,
      electionTimeoutUs: 300_000,
      detail: {},
    };
    const [a, b] = tracker.timers([leader, null]);
    expect(a.deadlineUs).toBeNull();
    expect(b.deadlineUs).toBeNull();
    expect(remainingFraction(a, 0)).toBeNull();
  });

  it('drains from 1 to 0 over the timeout', () => {
    const timer = { node: 0, deadlineUs: 1_000_000, timeoutUs: 400_000 };
    expect(remainingFraction(timer, 600_000)).toBe(1);
    expect(remainingFraction(timer, 800_000)).toBe(0.5);
    expect(remainingFraction(timer, 1_200_000)).toBe(0);
  });
});
