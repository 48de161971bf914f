/**
 * "Options matter": the same partitions through `raft` and `raft-pv-cq`
 * (PreVote + CheckQuorum) give visibly different outcomes, as thesis §9.6 and
 * etcd describe. Also leadership transfer through the simulator.
 */
import { describe, expect, it } from 'vitest';
import { checkOneLeader, checkTerms, connect, disconnect, fail, forSeeds, one, raftState, seeds, type Harness } from './testing/worldKit';

const electionTimeoutUs = 300_000;

interface Disruption {
  termBefore: number;
  termAfter: number;
  isolatedMaxTerm: number;
  leaderStepDowns: number;
  leaderAfter: number;
}

/** Isolate a follower for a while, heal it, and watch what happens to the leader. */
function isolateAndHeal(h: Harness): Disruption {
  const leader = checkOneLeader(h);
  h.w.runFor(100_000);
  const termBefore = checkTerms(h);
  const follower = (leader + 1) % h.n;
  disconnect(h, follower);
  let isolatedMaxTerm = 0;
  for (let t = 0; t < 30; t++) {
    h.w.runFor(100_000);
    isolatedMaxTerm = Math.max(isolatedMaxTerm, raftState(h, follower).currentTerm);
  }
  const traceFrom = h.w.traceCount();
  connect(h, follower);
  h.w.runFor(3_000_000);
  const leaderStepDowns = h.w
    .trace(traceFrom, 1_000_000)
    .filter((r) => r.kind === 'note' && r.label === 'role' && r.node === leader && r.a !== 3).length;
  const leaderAfter = checkOneLeader(h);
  h.w.runFor(100_000);
  return { termBefore, termAfter: checkTerms(h), isolatedMaxTerm, leaderStepDowns, leaderAfter };
}

describe('options matter', () => {
  it('raft: an isolated follower raises its term and, healed, deposes the leader', () => {
    forSeeds('disruption (raft)', seeds(20), (seed, start) => {
      const h = start({ seed, protocol: 'raft', nodeCount: 5 });
      const d = isolateAndHeal(h);
      if (d.isolatedMaxTerm < d.termBefore + 3) fail(`the isolated follower only reached term ${d.isolatedMaxTerm} from ${d.termBefore}`);
      if (d.termAfter < d.isolatedMaxTerm) fail(`the cluster stayed at term ${d.termAfter}, below the rejoining node's ${d.isolatedMaxTerm}`);
      if (d.leaderStepDowns < 1) fail('the leader was not disrupted');
    });
  });

  it('raft-pv-cq: the isolated follower never raises its term and the leader keeps leading', () => {
    forSeeds('disruption (raft-pv-cq)', seeds(20), (seed, start) => {
      const h = start({ seed, protocol: 'raft-pv-cq', nodeCount: 5 });
      const leader = checkOneLeader(h);
      const d = isolateAndHeal(h);
      if (d.isolatedMaxTerm !== d.termBefore) fail(`the isolated precandidate moved to term ${d.isolatedMaxTerm} from ${d.termBefore}`);
      if (d.termAfter !== d.termBefore) fail(`the term moved from ${d.termBefore} to ${d.termAfter}`);
      if (d.leaderStepDowns !== 0 || d.leaderAfter !== leader) fail(`the leader n${leader + 1} was disrupted`);
    });
  });

  it('PreVote alone also keeps the term when the follower rejoins', () => {
    forSeeds('disruption (raft + preVote)', seeds(20), (seed, start) => {
      const h = start({ seed, protocol: 'raft', nodeCount: 5, options: { preVote: true } });
      const d = isolateAndHeal(h);
      if (d.isolatedMaxTerm !== d.termBefore || d.termAfter !== d.termBefore) fail(`term moved: ${JSON.stringify(d)}`);
    });
  });

  it('CheckQuorum: a leader cut off from the majority steps down within two election timeouts', () => {
    const stepDownUs: number[] = [];
    forSeeds('check quorum', seeds(20), (seed, start) => {
      const h = start({ seed, protocol: 'raft-pv-cq', nodeCount: 5 });
      const leader = checkOneLeader(h);
      one(h, 5, true);
      const cutAt = h.w.nowUs();
      disconnect(h, leader);
      while (raftState(h, leader).role === 3) {
        if (h.w.nowUs() - cutAt > 2 * electionTimeoutUs) fail(`n${leader + 1} still leads ${h.w.nowUs() - cutAt}us after losing its quorum`);
        h.w.runFor(5_000);
      }
      stepDownUs.push(h.w.nowUs() - cutAt);
      // The majority side elects a leader and makes progress; the old leader rejoins as a follower.
      one(h, 4, true);
      connect(h, leader);
      one(h, 5, true);
    });
    expect(Math.max(...stepDownUs)).toBeLessThanOrEqual(2 * electionTimeoutUs);
  });

  it('without CheckQuorum a leader cut off from the majority keeps believing it leads', () => {
    forSeeds('no check quorum', seeds(20), (seed, start) => {
      const h = start({ seed, protocol: 'raft', nodeCount: 5 });
      const leader = checkOneLeader(h);
      disconnect(h, leader);
      h.w.runFor(10 * electionTimeoutUs);
      if (raftState(h, leader).role !== 3) fail(`n${leader + 1} stepped down without CheckQuorum`);
      // Meanwhile the majority moved on with a leader of a higher term.
      const other = checkOneLeader(h);
      if (other === leader) fail('the isolated leader counted as the connected leader');
      connect(h, leader);
      one(h, 5, true);
      if (raftState(h, leader).role === 3) fail('the old leader did not step down after rejoining');
    });
  });

  for (const protocol of ['raft', 'raft-pv-cq'] as const) {
    it(`leadership transfer (${protocol}): the target leads the next term and the cluster keeps committing`, () => {
      forSeeds(`transfer (${protocol})`, seeds(20), (seed, start) => {
        const h = start({ seed, protocol, nodeCount: 5 });
        const leader = checkOneLeader(h);
        one(h, 5, true);
        const term = checkTerms(h);
        const target = (leader + 2) % 5;
        h.w.act({ type: 'control', node: leader, action: 'transfer-leadership', target });
        let waitedUs = 0;
        while (raftState(h, target).role !== 3) {
          if (waitedUs > electionTimeoutUs) fail(`n${target + 1} did not take over within an election timeout`);
          h.w.runFor(5_000);
          waitedUs += 5_000;
        }
        if (raftState(h, target).currentTerm !== term + 1) fail(`transfer took term ${raftState(h, target).currentTerm}, expected ${term + 1}`);
        one(h, 5, true);
        if (checkOneLeader(h) !== target) fail('leadership moved away from the target');
      });
    });
  }
});
