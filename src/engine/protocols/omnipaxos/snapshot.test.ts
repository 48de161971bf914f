/**
 * Snapshots and trimming (§5, "Trim and snapshots"): the service snapshots
 * decided entries; the leader allows trimming up to what every server
 * accepted; a server that needs a trimmed prefix gets the snapshot in its
 * sync; a restarted server restores its durable snapshot. Unit tests through
 * the harness, then a simulation family over 20 seeds.
 */
import { describe, expect, it } from 'vitest';
import { omniPaxosProtocol } from './index';
import { createCluster, deliverAll, electLeader, fireTimer, logIds, propose, restartWith, state, withCtx, type TestCluster } from './testing/cluster';
import { T, fail, forSeeds, opState, randomInt, seeds, waitConverged, waitForLeader } from './testing/worlds';
import { TimerId } from './types';

/** Every server's service snapshots through `index`, or all it applied if less (as the runtime does after applying). */
function snapshotAll(c: TestCluster, index: number): void {
  for (const node of c.nodes) {
    if (node.state === null) continue;
    withCtx(c, node.id, (s, ctx) => {
      const upTo = Math.min(index, s.sp.committedIdx);
      omniPaxosProtocol.compact(s, upTo, Object.freeze({ upTo }), ctx);
    });
  }
}

describe('trim and snapshots (harness)', () => {
  it('the leader trims only what every server accepted, and only below each server’s snapshot', () => {
    const c = createCluster(3);
    const leader = electLeader(c);
    for (let i = 0; i < 10; i++) propose(c, leader, `s${i}`);
    deliverAll(c);
    // n1 misses the last three entries.
    c.cut.add(`${leader}->0`);
    for (let i = 0; i < 3; i++) propose(c, leader, `t${i}`);
    deliverAll(c);
    c.cut.clear();
    snapshotAll(c, 8);
    fireTimer(c, leader, TimerId.resend);
    deliverAll(c);
    for (const id of [0, 1, 2]) expect(state(c, id).sp.logStart).toBe(8);
    // Trimming never goes past what n1 accepted (10), nor past each server's snapshot (n1's is at 10).
    snapshotAll(c, 12);
    expect(state(c, 0).sp.snapshot?.index).toBe(10);
    fireTimer(c, leader, TimerId.resend);
    deliverAll(c);
    expect(state(c, leader).sp.logStart).toBe(10);
    expect(state(c, 1).sp.logStart).toBe(10);
    expect(state(c, 0).sp.logStart).toBe(10);
    // Once n1 caught up (a re-sync after its gap), everything through the snapshots can go.
    for (let tick = 0; tick < 3; tick++) fireTimer(c, leader, TimerId.resend);
    deliverAll(c);
    expect(state(c, 0).sp.decidedIdx).toBe(13);
    snapshotAll(c, 12);
    fireTimer(c, leader, TimerId.resend);
    deliverAll(c);
    for (const id of [0, 1, 2]) expect(state(c, id).sp.logStart).toBe(12);
  });

  it('a server whose needed prefix was trimmed receives the snapshot in its AcceptSync and restores the service from it', () => {
    const c = createCluster(3);
    const leader = electLeader(c);
    for (let i = 0; i < 10; i++) propose(c, leader, `s${i}`);
    deliverAll(c);
    snapshotAll(c, 8);
    fireTimer(c, leader, TimerId.resend);
    deliverAll(c);
    expect(state(c, leader).sp.logStart).toBe(8);
    // n1 comes back with an empty disk and asks for a sync.
    restartWith(c, 0, {}, []);
    c.outbox.push({ from: 0, to: leader, msg: { type: 'PrepareReq', config: 1 } });
    deliverAll(c);
    expect(c.transcript.some((line) => line.startsWith(`n${leader + 1}->n1 AcceptSync`) && line.includes('snapshot=8'))).toBe(true);
    expect(c.nodes[0].restored).toEqual([{ index: 8, term: 1 }]);
    const s = state(c, 0);
    expect(s.sp.logStart).toBe(8);
    expect(logIds(s)).toEqual(logIds(state(c, leader)));
    expect(s.sp.decidedIdx).toBe(10);
    expect(c.nodes[0].applied.map((e) => e.index)).toEqual([9, 10]);
  });

  it('a restarted server restores its durable snapshot and re-applies only the decided entries after it', () => {
    const c = createCluster(3);
    const leader = electLeader(c);
    for (let i = 0; i < 6; i++) propose(c, leader, `s${i}`);
    deliverAll(c);
    snapshotAll(c, 4);
    const follower = (leader + 1) % 3;
    const durable = c.nodes[follower].durableValues;
    c.nodes[follower].state = null;
    restartWith(c, follower, { ...durable }, c.nodes[follower].durableLists.log as never);
    expect(c.nodes[follower].restored).toEqual([{ index: 4, term: 1 }]);
    expect(c.nodes[follower].applied.map((e) => e.index)).toEqual([5, 6]);
  });
});

describe('trim and snapshots (simulation)', () => {
  it('logs stay bounded under load with snapshots, through crashes; restarted servers restore and catch up', () => {
    forSeeds('snapshots', seeds(20), (seed, start) => {
      const every = 10 + (seed % 3) * 10;
      const h = start({ nodeCount: 3 + 2 * (seed % 2), snapshotEveryEntries: every, load: { proposalsPerSecond: 100 } });
      waitForLeader(h, 2 * T);
      for (let step = 0; step < 3; step++) {
        h.w.runFor(randomInt(h, 2 * T, 4 * T));
        for (let node = 0; node < h.n; node++) {
          const s = opState(h, node);
          const kept = s.sp.logStart + s.sp.log.length - s.sp.logStart;
          // Snapshot cadence, plus what arrives in a trim tick and a round trip.
          if (kept > 2 * every + 40) fail(`n${node + 1} keeps ${kept} entries with a snapshot every ${every}`);
        }
        const victim = randomInt(h, 0, h.n - 1);
        h.w.act({ type: 'crash', node: victim });
        h.w.runFor(randomInt(h, T / 2, 2 * T));
        h.w.act({ type: 'restart', node: victim });
        const s = opState(h, victim);
        if (s.sp.snapshot === null) fail(`n${victim + 1} restarted without its snapshot`);
        if (h.w.machine(victim).lastApplied < s.sp.snapshot.index) fail(`n${victim + 1} did not restore its snapshot at boot`);
      }
      waitForLeader(h, 4 * T);
      h.w.runFor(T);
      const decided = Math.max(...Array.from({ length: h.n }, (_, n) => opState(h, n).sp.decidedIdx));
      waitConverged(h, 4 * T, decided);
      for (let node = 0; node < h.n; node++) if (opState(h, node).sp.logStart === 0) fail(`n${node + 1} never trimmed`);
    });
  });
});
