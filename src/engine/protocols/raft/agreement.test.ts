/**
 * 6.824 lab 2B families through the simulator: agreement, failures of
 * followers and leaders, no commit without a majority, concurrent proposals,
 * a partitioned leader's entries overwritten, fast backup, and RPC bytes.
 */
import { describe, expect, it } from 'vitest';
import {
  checkOneLeader,
  connect,
  disconnect,
  fail,
  forSeeds,
  nApplied,
  one,
  propose,
  seeds,
  waitApplied,
  type Harness,
} from './testing/worldKit';

const electionTimeoutUs = 300_000;

function expectNotCommitted(h: Harness, index: number, commandId: number): void {
  if (h.w.committedCommandAt(index) === commandId) fail(`command ${commandId} was committed at ${index} without a majority`);
  if (nApplied(h, index) > 0 && h.w.committedCommandAt(index) === commandId) fail(`index ${index} applied without a majority`);
}

describe('6.824 2B: agreement', () => {
  it('basic agreement: each command is applied everywhere, at increasing indexes', () => {
    forSeeds('basic agreement', seeds(20), (seed, start) => {
      const h = start({ seed, protocol: 'raft', nodeCount: 3 });
      checkOneLeader(h);
      let lastIndex = 0;
      for (let i = 0; i < 3; i++) {
        const p = one(h, 3, false);
        if (p.index <= lastIndex) fail(`command went to index ${p.index} after ${lastIndex}`);
        lastIndex = p.index;
      }
    });
  });

  it('RPC bytes: each command travels to each follower about once', () => {
    forSeeds('rpc bytes', seeds(20), (seed, start) => {
      const h = start({ seed, protocol: 'raft', nodeCount: 3 });
      checkOneLeader(h);
      one(h, 3, false, 8);
      const before = h.w.stats().bytesSent;
      let payload = 0;
      for (let i = 0; i < 10; i++) {
        const size = 5000;
        one(h, 3, false, size);
        payload += size;
      }
      const sent = h.w.stats().bytesSent - before;
      // 6.824: at most payload × (servers − 1) plus 50 000 bytes of overhead.
      const bound = payload * 2 + 50_000;
      if (sent > bound) fail(`too many bytes: ${sent} for ${payload} bytes of payload (bound ${bound})`);
    });
  });

  it('follower failure: agreement with one follower gone, none with two', () => {
    forSeeds('follower failure', seeds(20), (seed, start) => {
      const h = start({ seed, protocol: 'raft', nodeCount: 3 });
      one(h, 3, false);
      const leader1 = checkOneLeader(h);
      disconnect(h, (leader1 + 1) % 3);
      one(h, 2, false);
      h.w.runFor(electionTimeoutUs);
      one(h, 2, false);
      const leader2 = checkOneLeader(h);
      disconnect(h, (leader2 + 1) % 3);
      disconnect(h, (leader2 + 2) % 3);
      const p = propose(h, leader2);
      if (!p.accepted) fail('leader rejected the proposal');
      h.w.runFor(2 * electionTimeoutUs);
      if (nApplied(h, p.index) > 0) fail(`${nApplied(h, p.index)} committed but no majority`);
    });
  });

  it('leader failure: a new leader carries on; with everyone cut off nothing commits', () => {
    forSeeds('leader failure', seeds(20), (seed, start) => {
      const h = start({ seed, protocol: 'raft', nodeCount: 3 });
      one(h, 3, false);
      const leader1 = checkOneLeader(h);
      disconnect(h, leader1);
      one(h, 2, false);
      h.w.runFor(electionTimeoutUs);
      one(h, 2, false);
      const leader2 = checkOneLeader(h);
      disconnect(h, leader2);
      const proposals = [0, 1, 2].map((node) => propose(h, node));
      h.w.runFor(2 * electionTimeoutUs);
      for (const p of proposals) if (p.accepted) expectNotCommitted(h, p.index, p.commandId);
    });
  });

  it('a disconnected follower rejoins and catches up', () => {
    forSeeds('fail agree', seeds(20), (seed, start) => {
      const h = start({ seed, protocol: 'raft', nodeCount: 3 });
      one(h, 3, false);
      const leader = checkOneLeader(h);
      disconnect(h, (leader + 1) % 3);
      for (let i = 0; i < 4; i++) one(h, 2, false);
      h.w.runFor(electionTimeoutUs);
      connect(h, (leader + 1) % 3);
      one(h, 3, true);
      h.w.runFor(electionTimeoutUs);
      one(h, 3, true);
    });
  });

  it('no commit without a majority: 3 of 5 followers cut off', () => {
    forSeeds('fail no agree', seeds(20), (seed, start) => {
      const h = start({ seed, protocol: 'raft', nodeCount: 5 });
      one(h, 5, false);
      const leader = checkOneLeader(h);
      for (let k = 1; k <= 3; k++) disconnect(h, (leader + k) % 5);
      const p = propose(h, leader);
      if (!p.accepted) fail('leader rejected the proposal');
      h.w.runFor(2 * 2 * electionTimeoutUs);
      if (nApplied(h, p.index) > 0) fail(`${nApplied(h, p.index)} committed but no majority`);
      for (let k = 1; k <= 3; k++) connect(h, (leader + k) % 5);
      // The disconnected majority may have elected its own leader; either way the cluster must agree again.
      const leader2 = checkOneLeader(h);
      const p2 = propose(h, leader2);
      if (!p2.accepted) fail('the new leader rejected a proposal');
      one(h, 5, true);
    });
  });

  it('concurrent proposals in one term are all committed', () => {
    forSeeds('concurrent starts', seeds(20), (seed, start) => {
      const h = start({ seed, protocol: 'raft', nodeCount: 3 });
      const leader = checkOneLeader(h);
      one(h, 3, false);
      const proposals = Array.from({ length: 5 }, () => propose(h, leader));
      if (proposals.some((p) => !p.accepted)) fail('leader rejected a concurrent proposal');
      const term = proposals[0].term;
      if (proposals.some((p) => p.term !== term)) fail('proposals landed in different terms');
      for (const p of proposals) waitApplied(h, p.index, 3);
      for (const p of proposals) if (h.w.committedCommandAt(p.index) !== p.commandId) fail(`command ${p.commandId} lost`);
    });
  });

  it("a partitioned leader's uncommitted entries are overwritten when it rejoins", () => {
    forSeeds('rejoin', seeds(20), (seed, start) => {
      const h = start({ seed, protocol: 'raft', nodeCount: 3 });
      one(h, 3, true);
      const leader1 = checkOneLeader(h);
      disconnect(h, leader1);
      const orphans = [propose(h, leader1), propose(h, leader1), propose(h, leader1)];
      one(h, 2, true);
      const leader2 = checkOneLeader(h);
      disconnect(h, leader2);
      connect(h, leader1);
      one(h, 2, true);
      connect(h, leader2);
      one(h, 3, true);
      for (const p of orphans) {
        if (!p.accepted) fail('the isolated leader rejected a proposal');
        if (h.w.committedCommandAt(p.index) === p.commandId) fail(`orphan command ${p.commandId} was committed`);
      }
      const s = h.w.replicaState(leader1) as { log: { command: { id: number } | null }[] };
      const ids = new Set(s.log.map((e) => e.command?.id));
      for (const p of orphans) if (ids.has(p.commandId)) fail(`orphan command ${p.commandId} survived in the old leader's log`);
    });
  });

  it('backup: bursts of 50 divergent entries are overwritten quickly (fast backup)', () => {
    const repairs: number[] = [];
    forSeeds('backup', seeds(20), (seed, start) => {
      const h = start({ seed, protocol: 'raft', nodeCount: 5 });
      one(h, 5, true);
      // Put the leader and one follower in a partition.
      const leader1 = checkOneLeader(h);
      for (const k of [2, 3, 4]) disconnect(h, (leader1 + k) % 5);
      // Lots of commands that won't commit.
      for (let i = 0; i < 50; i++) propose(h, leader1);
      h.w.runFor(electionTimeoutUs / 2);
      disconnect(h, (leader1 + 0) % 5);
      disconnect(h, (leader1 + 1) % 5);
      // Allow the other partition to recover.
      for (const k of [2, 3, 4]) connect(h, (leader1 + k) % 5);
      // Lots of successful commands to the new group.
      for (let i = 0; i < 50; i++) one(h, 3, true);
      // Now another partitioned leader and one follower.
      const leader2 = checkOneLeader(h);
      let other = (leader1 + 2) % 5;
      if (leader2 === other) other = (leader2 + 1) % 5;
      disconnect(h, other);
      // Lots more commands that won't commit.
      for (let i = 0; i < 50; i++) propose(h, leader2);
      h.w.runFor(electionTimeoutUs / 2);
      // Bring the original leader back to life.
      for (let i = 0; i < 5; i++) disconnect(h, i);
      connect(h, (leader1 + 0) % 5);
      connect(h, (leader1 + 1) % 5);
      connect(h, other);
      // Lots of successful commands to the new group. The first one needs an
      // election and the repair of two followers 50 entries apart from the
      // leader: with fast backup a handful of round trips, not one per entry.
      const traceFrom = h.w.traceCount();
      one(h, 3, true);
      const rejections = h.w.trace(traceFrom, 100_000).filter((r) => r.kind === 'note' && r.label === 'reject-append').length;
      if (rejections > 6) fail(`repairing the divergent logs took ${rejections} rejected appends`);
      repairs.push(rejections);
      for (let i = 0; i < 49; i++) one(h, 3, true);
      // Now everyone.
      for (let i = 0; i < 5; i++) connect(h, i);
      one(h, 5, true);
    });
    // Each burst costs a bounded number of rejections, whatever the length of the divergence.
    expect(Math.max(...repairs)).toBeLessThanOrEqual(6);
  });
});
