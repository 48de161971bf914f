/**
 * The paper's partial-connectivity scenarios (Table 1 in PROTOCOLS.md),
 * built with link cuts relative to whoever leads when the fault starts, under
 * a steady client load. OmniPaxos must recover in each within five election
 * timeouts of the final cut (the paper measured about 4·T for quorum-loss and
 * 3.2·T from the first cut for constrained election) and keep deciding.
 * Down-time = from the final cut until the first command proposed after it is
 * decided. 20+ seeds each; the cut falls at a seed-chosen point of a round.
 */
import { describe, it } from 'vitest';
import { T, cut, decidingLeader, downTimeUs, fail, forSeeds, lastCommandId, randomInt, seeds, undecidedAmong, waitForLeader, type OpWorld, type Start } from './testing/worlds';

const load = { proposalsPerSecond: 50, commandBytes: 16 };

function settle(start: Start, nodeCount: number): { h: OpWorld; leader: number } {
  const h = start({ nodeCount, load });
  const leader = waitForLeader(h, 2 * T);
  // The fault starts at a seed-chosen instant, anywhere within a BLE round.
  h.w.runFor(T + randomInt(h, 0, T));
  if (decidingLeader(h) !== leader) fail('leader changed before the fault');
  return { h, leader };
}

/** After recovery the system keeps deciding: all but the last few proposals of the next three rounds are decided. */
function checkKeepsDeciding(h: OpWorld): void {
  const from = lastCommandId(h);
  h.w.runFor(3 * T);
  const late = undecidedAmong(h, from, lastCommandId(h) - 3);
  if (late.length > 0) fail(`${late.length} proposals after recovery not decided`);
}

describe('partial connectivity (paper Table 1)', () => {
  it('quorum-loss: only follower A keeps its links; A is the only QC server and takes over', () => {
    forSeeds('quorum-loss', seeds(20), (seed, start) => {
      const { h, leader } = settle(start, 5);
      const others = [0, 1, 2, 3, 4].filter((n) => n !== leader);
      const a = others[randomInt(h, 0, 3)];
      for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) if (i !== a && j !== a) cut(h, i, j);
      const cutAt = h.w.nowUs();
      const down = downTimeUs(h, cutAt, lastCommandId(h), 5 * T);
      if (down < 0) fail('no command decided within 5 election timeouts of the cut');
      if (decidingLeader(h) !== a) fail(`n${(decidingLeader(h) ?? -1) + 1} leads, expected the quorum-connected n${a + 1}`);
      checkKeepsDeciding(h);
    });
  });

  it('constrained election: A (behind, cut from L) is the only QC server after the second cut, and recovers', () => {
    forSeeds('constrained election', seeds(20), (seed, start) => {
      const { h, leader } = settle(start, 5);
      const others = [0, 1, 2, 3, 4].filter((n) => n !== leader);
      const a = others[randomInt(h, 0, 3)];
      const rest = others.filter((n) => n !== a);
      // First A–L, so that A's log falls behind...
      cut(h, a, leader);
      h.w.runFor(T / 2);
      // ...then B, D, E keep only their link to A, and L is isolated.
      for (const x of rest) cut(h, x, leader);
      for (let i = 0; i < rest.length; i++) for (let j = i + 1; j < rest.length; j++) cut(h, rest[i], rest[j]);
      const cutAt = h.w.nowUs();
      const down = downTimeUs(h, cutAt, lastCommandId(h), 5 * T);
      if (down < 0) fail('no command decided within 5 election timeouts of the final cut');
      if (decidingLeader(h) !== a) fail(`n${(decidingLeader(h) ?? -1) + 1} leads, expected the only quorum-connected n${a + 1}`);
      checkKeepsDeciding(h);
    });
  });

  it('chained: only L–C is cut; C takes over once through B, then the leader never changes again and throughput stays full', () => {
    forSeeds('chained', seeds(20), (seed, start) => {
      const { h, leader } = settle(start, 3);
      const others = [0, 1, 2].filter((n) => n !== leader);
      const c = others[randomInt(h, 0, 1)];
      cut(h, leader, c);
      const cutAt = h.w.nowUs();
      const firstAfter = lastCommandId(h);
      // L still reaches the majority {L, B}: there is no down-time at all.
      const down = downTimeUs(h, cutAt, firstAfter, T);
      if (down < 0 || down > T / 2) fail(`down-time ${down} µs in the chained scenario`);
      // BLE at C does not hear L and sees only B's lower ballot: C competes and B follows it (no gossip of leaders).
      h.w.runFor(5 * T - (h.w.nowUs() - cutAt));
      const settled = decidingLeader(h);
      if (settled !== c) fail(`n${(settled ?? -1) + 1} leads 5 rounds after the cut, expected n${c + 1}`);
      // No livelock: L never raises its ballot (its own stays the highest QC ballot it sees), so nothing changes any more.
      const rolesBefore = h.w.marks().filter((m) => m.label === 'role' || m.label === 'term').length;
      const from = lastCommandId(h);
      h.w.runFor(10 * T);
      const rolesAfter = h.w.marks().filter((m) => m.label === 'role' || m.label === 'term').length;
      if (rolesAfter !== rolesBefore || decidingLeader(h) !== c) fail('leadership changed again after C took over');
      const issued = lastCommandId(h) - from;
      const late = undecidedAmong(h, from, lastCommandId(h) - 3);
      if (late.length > 0) fail(`${late.length} of ${issued} proposals not decided: throughput dropped`);
      // Every proposal issued since the cut was decided, save those the old leader took in the instant of the hand-over.
      const lost = undecidedAmong(h, firstAfter, from).length;
      if (lost > 3) fail(`${lost} proposals lost in the hand-over`);
    });
  });
});
