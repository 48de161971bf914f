/**
 * Leader election through the simulator (BLE, §4, handing ballots to Sequence
 * Paxos): the initial election, re-election after the leader crashes, a
 * restarted old leader that rejoins without disturbing, priorities, and no
 * election without a majority. Each family runs over 20+ seeds with every
 * invariant checked after every event.
 */
import { describe, expect, it } from 'vitest';
import { T, decidingLeader, fail, forSeeds, opState, randomInt, seeds, waitConverged, waitForLeader, proposeTo, waitDecided } from './testing/worlds';

describe('BLE through the simulator', () => {
  it('initial election: the highest ballot leads within one round and the next round trip, and stays', () => {
    forSeeds('initial election', seeds(24), (seed, start) => {
      const nodeCount = 3 + 2 * (seed % 3);
      const h = start({ nodeCount, network: { latencyMinUs: 1_000 + (seed % 5) * 1_000, latencyMaxUs: 15_000 + (seed % 4) * 5_000 } });
      // Rounds run in lockstep from boot: the first ends at T and elects; Prepare/Promise/AcceptSync take a few trips.
      const leader = waitForLeader(h, T + 150_000);
      // Ballots (1, 0, pid) tie on n and priority: the highest pid wins.
      if (leader !== nodeCount - 1) fail(`n${leader + 1} leads, expected n${nodeCount}`);
      for (let node = 0; node < nodeCount; node++) {
        const view = h.w.views()[node];
        if (view === null || view.term !== 1) fail(`n${node + 1} serves ballot ${view?.term}, expected 1`);
      }
      const rolesBefore = h.w.marks().filter((m) => m.label === 'role').length;
      h.w.runFor(5 * T);
      const rolesAfter = h.w.marks().filter((m) => m.label === 'role').length;
      if (rolesAfter !== rolesBefore) fail('roles changed in a quiet cluster');
      if (decidingLeader(h) !== leader) fail('the leader changed in a quiet cluster');
    });
  });

  it('priorities break ties between equal ballot numbers', () => {
    forSeeds('priority', seeds(20), (seed, start) => {
      const preferred = seed % 5;
      const priority = [0, 0, 0, 0, 0];
      priority[preferred] = 7;
      const h = start({ nodeCount: 5, options: { priority } });
      const leader = waitForLeader(h, T + 150_000);
      if (leader !== preferred) fail(`n${leader + 1} leads, expected the preferred n${preferred + 1}`);
    });
  });

  it('re-election after the leader crashes, within three rounds; the old leader rejoins as a follower', () => {
    forSeeds('re-election', seeds(24), (seed, start) => {
      const h = start({ nodeCount: 5 });
      const old = waitForLeader(h, 2 * T);
      h.w.runFor(randomInt(h, 0, 2 * T));
      const before = proposeTo(h, null, 'before');
      waitDecided(h, before.commandId, T);
      h.w.act({ type: 'crash', node: old });
      const crashedAt = h.w.nowUs();
      // Followers notice within a round, compete the next and elect the one after.
      const next = waitForLeader(h, 3 * T + 100_000);
      if (next === old) fail('the crashed leader still leads');
      const ballot = opState(h, next).sp.leaderBallot;
      if (ballot.n !== 2) fail(`new leader's ballot is ${ballot.n}, expected 2 (the old leader's + 1)`);
      const after = proposeTo(h, null, 'after');
      waitDecided(h, after.commandId, T);
      expect(h.w.nowUs() - crashedAt).toBeLessThan(4 * T);
      // The old leader restarts below its old ballot and follows the new leader.
      h.w.act({ type: 'restart', node: old });
      h.w.runFor(4 * T);
      if (decidingLeader(h) !== next) fail(`leadership moved from n${next + 1} after the old leader rejoined`);
      waitConverged(h, 2 * T, 2);
      if (opState(h, old).sp.promise.pid !== next) fail('the old leader did not promise the new one');
    });
  });

  it('no leader can decide without a majority; one is elected when a majority reconnects', () => {
    forSeeds('majority needed', seeds(20), (seed, start) => {
      const h = start({ nodeCount: 5 });
      const leader = waitForLeader(h, 2 * T);
      const followers = [0, 1, 2, 3, 4].filter((n) => n !== leader);
      const isolated = followers.slice(0, 3);
      for (const node of isolated) h.w.act({ type: 'isolate', node });
      const cmd = proposeTo(h, leader, 'minority');
      h.w.runFor(6 * T);
      if (h.w.indexOfCommand(cmd.commandId) !== null) fail('decided with only two of five servers');
      if (opState(h, leader).ble.quorumConnected) fail('the leader still believes it is quorum-connected');
      h.w.act({ type: 'healAll' });
      waitForLeader(h, 4 * T);
      const after = proposeTo(h, null, 'majority');
      waitDecided(h, after.commandId, 5 * T);
      waitConverged(h, 3 * T);
    });
  });
});
