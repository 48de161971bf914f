/**
 * Replication through the simulator (Sequence Paxos, §5): agreement on
 * proposals sent to any server, throughput and message cost under a steady
 * load, follower and leader failures with rejoin, and persistence through
 * crashes (including the whole cluster at once). 20+ seeds per family, every
 * invariant checked after every event.
 */
import { describe, it } from 'vitest';
import type { OmniPaxosState } from './types';
import {
  T,
  decidingLeader,
  fail,
  forSeeds,
  lastCommandId,
  opState,
  proposeTo,
  randomInt,
  seeds,
  undecidedAmong,
  waitConverged,
  waitDecided,
  waitForLeader,
  type OpWorld,
} from './testing/worlds';

/** Command ids in a server's log through its decided index (those not trimmed). */
function decidedIds(s: OmniPaxosState): Map<number, number> {
  const out = new Map<number, number>();
  for (let index = s.sp.logStart + 1; index <= s.sp.decidedIdx; index++) {
    const e = s.sp.log[index - s.sp.logStart - 1];
    if (e.command !== null) out.set(index, e.command.id);
  }
  return out;
}

function proposeSpread(h: OpWorld, count: number, label: string): number[] {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const target = randomInt(h, -1, h.n - 1);
    const p = proposeTo(h, target < 0 ? null : target, `${label}${i}`);
    if (p.accepted === true) ids.push(p.commandId);
    h.w.runFor(randomInt(h, 1_000, 30_000));
  }
  return ids;
}

describe('agreement', () => {
  it('every proposal a server accepted (or forwarded) is decided once, in the same place everywhere', () => {
    forSeeds('agreement', seeds(20), (seed, start) => {
      const h = start({ nodeCount: 3 + 2 * (seed % 2) });
      waitForLeader(h, 2 * T);
      const ids = proposeSpread(h, 60, 'a');
      if (ids.length !== 60) fail(`only ${ids.length} of 60 proposals were taken with a stable leader`);
      const decided = waitConverged(h, 2 * T, 60);
      if (decided !== 60) fail(`decided ${decided} entries for 60 proposals`);
      const missing = ids.filter((id) => h.w.indexOfCommand(id) === null);
      if (missing.length > 0) fail(`never decided: ${missing.join(', ')}`);
      // Every server's log holds the same commands at the same indexes (the simulator checks applied entries too).
      const reference = decidedIds(opState(h, 0));
      for (let node = 1; node < h.n; node++) {
        const other = decidedIds(opState(h, node));
        for (const [index, id] of reference) if (other.get(index) !== id) fail(`n${node + 1} holds ${other.get(index)} at ${index}, n1 holds ${id}`);
      }
    });
  });

  it('under a steady load: full throughput, one leader, about 3(N−1) messages per decided entry', () => {
    forSeeds('steady load', seeds(20), (seed, start) => {
      const h = start({ nodeCount: 5, load: { proposalsPerSecond: 50 + 10 * (seed % 5), commandBytes: 32 } });
      const leader = waitForLeader(h, 2 * T);
      h.w.runFor(50_000);
      const firstId = lastCommandId(h);
      const sentBefore = h.w.stats().sent;
      const decidedBefore = h.w.committedCount();
      h.w.runFor(10 * T);
      const lastId = lastCommandId(h);
      const late = undecidedAmong(h, firstId, lastId - 3);
      if (late.length > 0) fail(`${late.length} proposals not decided: ${late.slice(0, 10).join(', ')}`);
      if (decidingLeader(h) !== leader) fail('the leader changed under load');
      const decided = h.w.committedCount() - decidedBefore;
      // AcceptDecide, Accepted and Decide per follower and entry, plus BLE's requests and replies every round.
      const budget = 1.1 * (3 * 4 * decided + 2 * 5 * 4 * 10);
      const sent = h.w.stats().sent - sentBefore;
      if (sent > budget) fail(`${sent} messages for ${decided} decided entries (budget ${budget.toFixed(0)})`);
    });
  });
});

describe('failures and rejoin', () => {
  it('a crashed follower does not stop progress and catches up after it restarts', () => {
    forSeeds('follower failure', seeds(20), (seed, start) => {
      const h = start({ nodeCount: 5 });
      const leader = waitForLeader(h, 2 * T);
      const early = proposeSpread(h, 10, 'b');
      const follower = (leader + 1 + randomInt(h, 0, 3)) % 5;
      h.w.act({ type: 'crash', node: follower });
      // Proposals sent to the crashed server are refused; the others are decided.
      const during = proposeSpread(h, 20, 'c');
      for (const id of during) waitDecided(h, id, T);
      h.w.act({ type: 'restart', node: follower });
      waitConverged(h, 3 * T, early.length + during.length);
      if (decidingLeader(h) !== leader) fail('a follower restart changed the leader');
    });
  });

  it('after the leader crashes, a new leader decides new proposals; the old leader catches up, its undecided tail overwritten', () => {
    forSeeds('leader failure', seeds(20), (seed, start) => {
      const h = start({ nodeCount: 3 + 2 * (seed % 2) });
      const old = waitForLeader(h, 2 * T);
      const before = proposeSpread(h, 10, 'd');
      waitConverged(h, T, before.length);
      // Cut the leader off, let it take proposals it can never decide, then crash it.
      h.w.act({ type: 'isolate', node: old });
      for (let i = 0; i < 5; i++) proposeTo(h, old, `doomed${i}`);
      h.w.act({ type: 'crash', node: old });
      h.w.act({ type: 'healAll' });
      const next = waitForLeader(h, 4 * T);
      if (next === old) fail('crashed leader leads');
      const after = proposeSpread(h, 10, 'e');
      for (const id of after) waitDecided(h, id, T);
      h.w.act({ type: 'restart', node: old });
      const decided = waitConverged(h, 4 * T, 10 + after.length);
      // Its doomed proposals were accepted only by itself: they were overwritten, never decided.
      const doomed = opState(h, old).sp.log.filter((e) => e.command !== null && String(e.command.body).startsWith('doomed'));
      if (doomed.length > 0 || decided !== 10 + after.length) fail(`the old leader kept ${doomed.length} undecided entries (decided ${decided})`);
    });
  });

  it('persistence: decided entries survive random crashes and restarts, and a whole-cluster restart', () => {
    forSeeds('persistence', seeds(20), (seed, start) => {
      const h = start({ nodeCount: 5, load: { proposalsPerSecond: 40 } });
      waitForLeader(h, 2 * T);
      const down = new Set<number>();
      for (let step = 0; step < 12; step++) {
        h.w.runFor(randomInt(h, 50_000, 2 * T));
        const node = randomInt(h, 0, 4);
        if (down.has(node)) {
          h.w.act({ type: 'restart', node });
          down.delete(node);
        } else if (down.size < 2) {
          h.w.act({ type: 'crash', node });
          down.add(node);
        }
      }
      for (const node of down) h.w.act({ type: 'restart', node });
      waitForLeader(h, 6 * T);
      const before = decidedIds(opState(h, decidingLeader(h) ?? 0));
      const decidedBefore = Math.max(...[0, 1, 2, 3, 4].map((n) => opState(h, n).sp.decidedIdx));
      // Everyone crashes; only what was synced survives.
      for (let node = 0; node < 5; node++) h.w.act({ type: 'crash', node });
      h.w.runFor(randomInt(h, 1, T));
      for (let node = 0; node < 5; node++) h.w.act({ type: 'restart', node });
      for (let node = 0; node < 5; node++) {
        if (opState(h, node).sp.phase !== 'recover') fail(`n${node + 1} did not start in recovery`);
      }
      waitForLeader(h, 6 * T);
      h.w.runFor(T);
      const converged = waitConverged(h, 4 * T);
      if (converged < decidedBefore) fail(`decided index fell from ${decidedBefore} to ${converged}`);
      for (let node = 0; node < 5; node++) {
        const now = decidedIds(opState(h, node));
        for (const [index, id] of before) if (now.has(index) && now.get(index) !== id) fail(`n${node + 1} holds ${now.get(index)} at ${index}, was ${id}`);
      }
    });
  });
});
