/**
 * Reconfiguration with a StopSign (§6): worlds of four nodes whose first
 * configuration is {n1, n2, n3}; the spare n4 idles until a StopSign swaps it
 * for one of the followers (the one that accepted least: a crashed one, when
 * there is one). The StopSign seals the old log; the continuing servers start
 * the new configuration on it; n4 pulls the sealed log (or a snapshot of it)
 * from the others before it takes part. 20+ seeds, invariants after every event.
 */
import { describe, it } from 'vitest';
import { T, decidingLeader, fail, forSeeds, lastCommandId, noteCount, opState, randomInt, seeds, undecidedAmong, waitConverged, waitForLeader } from './testing/worlds';

const spare = 3;

describe('StopSign reconfiguration', () => {
  it('replaces a follower with the spare; the new server pulls the sealed log and the new configuration keeps deciding', () => {
    forSeeds('reconfiguration', seeds(20), (seed, start) => {
      const withSnapshots = seed % 2 === 0;
      const crashOne = seed % 4 < 2;
      const h = start({
        nodeCount: 4,
        options: { initialConfiguration: [0, 1, 2], pullSegmentEntries: 16 + (seed % 3) * 16 },
        load: { proposalsPerSecond: 50 },
        snapshotEveryEntries: withSnapshots ? 25 : 0,
      });
      const leader = waitForLeader(h, 2 * T);
      if (opState(h, spare).mode !== 'idle') fail('the spare is not idle');
      h.w.runFor(randomInt(h, 3 * T, 6 * T));
      let crashed = -1;
      if (crashOne) {
        crashed = [0, 1, 2].filter((n) => n !== leader)[randomInt(h, 0, 1)];
        h.w.act({ type: 'crash', node: crashed });
        h.w.runFor(T);
      }
      const leaderNow = decidingLeader(h);
      if (leaderNow === null) fail('no leader before the reconfiguration');
      h.w.act({ type: 'control', node: leaderNow, action: 'reconfigure', target: spare });
      const asked = h.w.nowUs();
      // Within a few rounds: the StopSign is decided, n4 has the sealed log and a leader of configuration 2 decides.
      const deadline = asked + 6 * T;
      for (;;) {
        const l = decidingLeader(h);
        if (l !== null && opState(h, l).config.id === 2 && opState(h, spare).mode === 'active') break;
        if (h.w.nowUs() >= deadline) fail(`configuration 2 not running 6 rounds after the StopSign (n4 ${opState(h, spare).mode})`);
        h.w.runFor(10_000);
      }
      const config = opState(h, spare).config;
      if (!config.nodes.includes(spare) || config.nodes.length !== 3) fail(`new configuration ${config.nodes.join(',')}`);
      const replaced = [0, 1, 2].find((n) => !config.nodes.includes(n));
      if (replaced === undefined || replaced === leaderNow) fail('the leader replaced itself');
      if (crashed >= 0 && replaced !== crashed) fail(`replaced n${replaced + 1}, expected the crashed n${crashed + 1}`);
      if (opState(h, spare).sp.decidedIdx < config.stopSignIdx) fail('n4 joined without the sealed log');
      if (noteCount(h, 'pull') === 0) fail('n4 never pulled');
      // The new configuration keeps deciding; n4 takes part. (Its servers started BLE at different times, so
      // the first rounds may elect twice, the higher ballot winning: count from two rounds later.)
      h.w.runFor(2 * T);
      const from = lastCommandId(h);
      h.w.runFor(4 * T);
      const late = undecidedAmong(h, from, lastCommandId(h) - 3);
      if (late.length > 0) fail(`${late.length} proposals undecided in configuration 2`);
      if (replaced !== crashed && h.w.isUp(replaced) && opState(h, replaced).mode !== 'retired') fail(`n${replaced + 1} did not retire`);
      const decided = opState(h, decidingLeader(h) ?? 0).sp.decidedIdx;
      waitConverged(h, 3 * T, decided);
      if (h.w.machine(spare).lastApplied < decided) fail('n4 did not apply the log');
    });
  });

  it('a StopSign is refused anywhere but at the leader, and for a target already in the configuration', () => {
    forSeeds('reconfiguration refused', seeds(20), (seed, start) => {
      const h = start({ nodeCount: 4, options: { initialConfiguration: [0, 1, 2] } });
      const leader = waitForLeader(h, 2 * T);
      const follower = (leader + 1) % 3;
      h.w.act({ type: 'control', node: follower, action: 'reconfigure', target: spare });
      h.w.act({ type: 'control', node: leader, action: 'reconfigure', target: follower });
      h.w.runFor(2 * T);
      if (noteCount(h, 'control-ignored') !== 2 || noteCount(h, 'stopsign') !== 0) fail('a bad reconfiguration was not refused');
      if (opState(h, leader).config.id !== 1) fail('the configuration changed');
    });
  });
});
