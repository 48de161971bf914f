/**
 * Sequence Paxos through the tiny harness (direct create/step with a fake
 * context): the prepare phase and log adoption, the steady state, forwarding,
 * loss detection by sequence numbers, and recovery after a restart. Each test
 * cites the rule of §5 of the paper it checks.
 */
import { describe, expect, it } from 'vitest';
import { deriveRng, nextIntInclusive } from '../../core/prng';
import { makeBallot } from './ballot';
import { quorumAcceptedIdx } from './commit';
import { handleLeader } from './sequencePaxos';
import {
  bleRound,
  createCluster,
  crashAndRestart,
  deliverAll,
  deliverSome,
  electLeader,
  entries,
  fireTimer,
  logIds,
  notesOf,
  propose,
  restartWith,
  state,
  withCtx,
  type TestCluster,
} from './testing/cluster';
import { TimerId, type OmniEntry } from './types';

function decided(c: TestCluster, id: number): number {
  return state(c, id).sp.decidedIdx;
}

describe('Sequence Paxos: election hand-off and steady state (§5)', () => {
  it('BLE elects the highest ballot; its server prepares and, with a majority of promises, accepts', () => {
    const c = createCluster(3);
    const leader = electLeader(c);
    // Equal ballot numbers and priorities: the highest pid wins.
    expect(leader).toBe(2);
    for (const id of [0, 1]) {
      const s = state(c, id);
      expect(s.sp.promise).toEqual(makeBallot(1, 0, 2));
      expect(s.sp.phase).toBe('accept');
      expect(s.sp.role).toBe('follower');
    }
    expect(c.transcript.filter((line) => / Prepare /.test(line)).length).toBeGreaterThanOrEqual(2);
    expect(notesOf(c, 2, 'role').at(-1)).toEqual({ kind: 'role', a: 3, b: 1 });
  });

  it('decides an entry once a majority accepted it, and hands it to the service with its ballot number', () => {
    const c = createCluster(3);
    const leader = electLeader(c);
    c.cut.add(`${leader}->0`);
    const cmd = propose(c, leader, 'a');
    expect(c.nodes[leader].proposals.at(-1)).toEqual({ commandId: cmd.id, accepted: true, leaderHint: leader });
    deliverAll(c);
    // The leader and n2 are a majority of three.
    expect(decided(c, leader)).toBe(1);
    expect(decided(c, 1)).toBe(1);
    expect(decided(c, 0)).toBe(0);
    expect(c.nodes[leader].applied).toEqual([{ index: 1, term: 1, command: cmd }]);
    expect(c.transcript).toContain(`n${leader + 1}->n2 AcceptDecide n=1 seq=2 decided=0 entries=1`);
    expect(c.transcript).toContain(`n2->n${leader + 1} Accepted n=1 accepted=1`);
    expect(c.transcript).toContain(`n${leader + 1}->n2 Decide n=1 seq=3 decided=1`);
  });

  it('a follower forwards proposals to its leader; with no leader a proposal is refused', () => {
    const c = createCluster(3);
    const lonely = propose(c, 0, 'too early');
    expect(c.nodes[0].proposals.at(-1)).toEqual({ commandId: lonely.id, accepted: false, leaderHint: null });
    const leader = electLeader(c);
    const cmd = propose(c, 0, 'b');
    expect(c.nodes[0].proposals.at(-1)).toEqual({ commandId: cmd.id, accepted: true, leaderHint: leader });
    deliverAll(c);
    for (const id of [0, 1, 2]) expect(logIds(state(c, id))).toEqual([cmd.id]);
    expect(decided(c, leader)).toBe(1);
  });

  it('batches a burst of proposals into bounded AcceptDecides', () => {
    const c = createCluster(3, { maxEntriesPerAccept: 4 });
    const leader = electLeader(c);
    // Proposals buffered while the leader prepares go out together with the sync.
    const s = state(c, leader);
    withCtx(c, leader, (_, ctx) => {
      s.sp.role = 'follower';
      s.sp.promise = makeBallot(1, 0, leader);
      handleLeader(s.sp, ctx, makeBallot(2, 0, leader));
    });
    expect(s.sp.phase).toBe('prepare');
    const cmds = Array.from({ length: 10 }, (_, i) => propose(c, leader, `p${i}`));
    deliverAll(c);
    expect(s.sp.phase).toBe('accept');
    for (const id of [0, 1]) expect(logIds(state(c, id))).toEqual(cmds.map((x) => x.id));
    // Forwarded bursts are split into AcceptDecides of at most four entries.
    withCtx(c, leader, () => {});
    const before = c.transcript.length;
    const burst = Array.from({ length: 9 }, (_, i) => Object.freeze({ id: 900 + i, body: `f${i}`, bytes: 10 }));
    c.outbox.push({ from: 0, to: leader, msg: { type: 'ProposalForward', config: 1, commands: burst } });
    deliverAll(c);
    const accepts = c.transcript.slice(before).filter((line) => line.startsWith(`n${leader + 1}->n1 AcceptDecide`));
    expect(accepts.map((line) => line.replace(/.*entries=/, ''))).toEqual(['4', '4', '1']);
    expect(decided(c, 0)).toBe(19);
  });

  it('the quorum index is the majority-th largest accepted index (checked against a naive count)', () => {
    const rng = deriveRng(7, 'quorum');
    const c = createCluster(7);
    const sp = state(c, 0).sp;
    for (let trial = 0; trial < 5000; trial++) {
      const size = nextIntInclusive(rng, 1, 7);
      sp.members = Array.from({ length: size }, (_, i) => i);
      for (let i = 0; i < 7; i++) sp.acceptedIdx[i] = nextIntInclusive(rng, 0, 12);
      sp.log = entries(Array.from({ length: nextIntInclusive(rng, 0, 12) }, () => 1));
      sp.logStart = 0;
      const accepted = sp.members.map((node) => (node === 0 ? sp.log.length : sp.acceptedIdx[node]));
      let naive = 0;
      for (let idx = 0; idx <= 12; idx++) if (accepted.filter((a) => a >= idx).length * 2 > size) naive = idx;
      expect(quorumAcceptedIdx(sp)).toBe(naive);
    }
  });
});

describe('Sequence Paxos: prepare phase adopts the most up-to-date log (§5)', () => {
  /** Five servers with the given disks (all promised ballot 3 of n5); n1 then leads with ballot 4. */
  function prepareWith(disks: { acceptedRoundN: number; acceptedRoundPid: number; log: OmniEntry[]; decided: number }[]): TestCluster {
    const c = createCluster(5);
    disks.forEach((d, id) => {
      restartWith(
        c,
        id,
        {
          promise: makeBallot(3, 0, 4),
          acceptedRound: makeBallot(d.acceptedRoundN, 0, d.acceptedRoundPid),
          decidedIdx: d.decided,
        },
        d.log,
      );
    });
    // n5 is down; the others' PrepareReqs (recovery) find no leader.
    c.nodes[4].state = null;
    deliverAll(c);
    withCtx(c, 0, (s, ctx) => expect(handleLeader(s.sp, ctx, makeBallot(4, 0, 0))).toBe(true));
    return c;
  }

  it('takes the log of the highest accepted round, even if it is shorter, and the highest decided index', () => {
    const common = entries([1, 1]);
    const round2 = [...common, ...entries([2, 2, 2, 2], 2000)];
    const round3 = [...common, ...entries([3], 3000)];
    const c = prepareWith([
      { acceptedRoundN: 1, acceptedRoundPid: 2, log: common, decided: 1 },
      { acceptedRoundN: 3, acceptedRoundPid: 4, log: round3, decided: 2 },
      { acceptedRoundN: 2, acceptedRoundPid: 3, log: round2, decided: 2 },
      { acceptedRoundN: 1, acceptedRoundPid: 2, log: common, decided: 1 },
    ]);
    deliverAll(c);
    const want = round3.map((e) => (e.command === null ? -1 : e.command.id));
    for (const id of [0, 1, 2, 3]) {
      const s = state(c, id);
      expect(logIds(s)).toEqual(want);
      expect(s.sp.acceptedRound).toEqual(makeBallot(4, 0, 0));
    }
    // n2's promise carried the entry n1 lacked after its decided index.
    expect(c.transcript).toContain('n2->n1 Promise n=4 acceptedRound=3 accepted=3 decided=2 entries=2');
    // n3 accepted round 2, which was not adopted: it is re-synced from its decided prefix.
    expect(c.transcript).toContain('n1->n3 AcceptSync n=4 seq=1 session=1 sync=2 decided=2 entries=1');
    expect(decided(c, 0)).toBe(3);
  });

  it('with equal accepted rounds takes the longest log', () => {
    const short = entries([1, 1, 2]);
    const long = [...short, ...entries([2, 2], 4000)];
    const c = prepareWith([
      { acceptedRoundN: 2, acceptedRoundPid: 4, log: short, decided: 1 },
      { acceptedRoundN: 2, acceptedRoundPid: 4, log: long, decided: 1 },
      { acceptedRoundN: 2, acceptedRoundPid: 4, log: short, decided: 1 },
      { acceptedRoundN: 1, acceptedRoundPid: 2, log: entries([1]), decided: 1 },
    ]);
    deliverAll(c);
    expect(c.transcript).toContain('n2->n1 Promise n=4 acceptedRound=2 accepted=5 decided=1 entries=2');
    const want = long.map((e) => (e.command === null ? -1 : e.command.id));
    for (const id of [0, 1, 2, 3]) expect(logIds(state(c, id))).toEqual(want);
    // Everyone accepted in round 4: the whole log is decided.
    expect(decided(c, 0)).toBe(5);
    // n3 had a valid prefix of the adopted round: only what it lacked was sent.
    expect(c.transcript).toContain('n1->n3 AcceptSync n=4 seq=1 session=1 sync=3 decided=1 entries=2');
  });

  it('ignores a Prepare below its promise (no negative answers)', () => {
    const c = createCluster(3);
    const leader = electLeader(c);
    const before = c.transcript.length;
    c.outbox.push({ from: 0, to: 1, msg: { type: 'Prepare', config: 1, n: makeBallot(0, 0, 0), decidedIdx: 0, acceptedRound: makeBallot(0, 0, 0), acceptedIdx: 0 } });
    deliverAll(c);
    expect(c.transcript.slice(before)).toEqual([]);
    expect(state(c, 1).sp.promise).toEqual(makeBallot(1, 0, leader));
  });
});

describe('Sequence Paxos: loss detection and re-sync (§5)', () => {
  it('a gap in the session sequence that outlives a tick makes the follower send PrepareReq and be fully re-synced', () => {
    const c = createCluster(3);
    const leader = electLeader(c);
    c.cut.add(`${leader}->0`);
    propose(c, leader, 'lost for n1');
    deliverAll(c);
    c.cut.clear();
    propose(c, leader, 'arrives');
    deliverAll(c);
    // The second AcceptDecide waits for the first; after a whole tick it is declared lost.
    expect(notesOf(c, 0, 'seq-gap')).toEqual([]);
    fireTimer(c, 0, TimerId.resend);
    fireTimer(c, 0, TimerId.resend);
    expect(notesOf(c, 0, 'seq-gap').length).toBe(1);
    expect(c.outbox.some((e) => e.from === 0 && e.to === leader && e.msg.type === 'PrepareReq')).toBe(true);
    deliverAll(c);
    expect(logIds(state(c, 0))).toEqual(logIds(state(c, leader)));
    expect(state(c, 0).sp.phase).toBe('accept');
    expect(decided(c, 0)).toBe(2);
  });

  it('a message that merely arrives late (reordered) is applied in order, without a re-sync', () => {
    const c = createCluster(3);
    const leader = electLeader(c);
    const a = propose(c, leader, 'first');
    const b = propose(c, leader, 'second');
    // Deliver n1's second AcceptDecide before its first.
    const toN1 = c.outbox.filter((e) => e.to === 0);
    c.outbox = c.outbox.filter((e) => e.to !== 0);
    c.outbox.push(...toN1.reverse());
    deliverAll(c);
    expect(notesOf(c, 0, 'seq-gap')).toEqual([]);
    expect(logIds(state(c, 0))).toEqual([a.id, b.id]);
  });

  it('the leader re-syncs a follower whose accepts went unanswered for two ticks', () => {
    const c = createCluster(3);
    const leader = electLeader(c);
    c.cut.add(`${leader}->0`);
    propose(c, leader, 'x');
    deliverAll(c);
    c.cut.clear();
    // The first tick closes the interval in which n1 last spoke (its promise); two silent ticks follow.
    fireTimer(c, leader, TimerId.resend);
    fireTimer(c, leader, TimerId.resend);
    expect(notesOf(c, leader, 'resync')).toEqual([]);
    fireTimer(c, leader, TimerId.resend);
    expect(notesOf(c, leader, 'resync').length).toBe(1);
    deliverAll(c);
    expect(logIds(state(c, 0))).toEqual(logIds(state(c, leader)));
  });

  it('a restarted server with a stored promise starts in recovery, asks for PrepareReq, and catches up', () => {
    const c = createCluster(3);
    const leader = electLeader(c);
    const first = propose(c, leader, 'before');
    deliverAll(c);
    // n1 misses two entries, then crashes and restarts.
    c.cut.add(`${leader}->0`);
    propose(c, leader, 'missed 1');
    propose(c, leader, 'missed 2');
    deliverAll(c);
    c.cut.clear();
    crashAndRestart(c, 0);
    const s = state(c, 0);
    expect(s.sp.phase).toBe('recover');
    expect(s.sp.promise).toEqual(makeBallot(1, 0, leader));
    expect(c.outbox.filter((e) => e.from === 0 && e.msg.type === 'PrepareReq').map((e) => e.to)).toEqual([1, 2]);
    // What was decided before the crash is handed to the service again at boot.
    expect(c.nodes[0].applied.map((e) => e.command?.id)).toEqual([first.id]);
    deliverAll(c);
    expect(logIds(state(c, 0))).toEqual(logIds(state(c, leader)));
    expect(state(c, 0).sp.phase).toBe('accept');
    expect(c.nodes[0].applied.length).toBe(3);
  });

  it('a restarted leader does not keep its old ballot: it competes above it and leads again', () => {
    const c = createCluster(3);
    const leader = electLeader(c);
    propose(c, leader, 'y');
    deliverAll(c);
    crashAndRestart(c, leader);
    const s = state(c, leader);
    expect(s.ble.ballot.n).toBe(0);
    expect(s.ble.leader).toEqual(makeBallot(1, 0, leader));
    // A round: nobody reports the old ballot, so it competes with n = 2; the next round elects it.
    for (let r = 0; r < 4; r++) {
      bleRound(c);
      deliverAll(c);
    }
    expect(s.sp.role).toBe('leader');
    expect(s.sp.promise.n).toBe(2);
    expect(s.sp.phase).toBe('accept');
    expect(logIds(state(c, 0))).toEqual(logIds(s));
  });

  it('never sends a message while a durable write is unsynced (the harness asserts it on every send)', () => {
    const c = createCluster(5, {}, 3);
    const leader = electLeader(c);
    for (let i = 0; i < 20; i++) propose(c, i % 5, `z${i}`);
    deliverSome(c, (e) => e.to !== 3);
    deliverAll(c);
    fireTimer(c, leader, TimerId.resend);
    deliverAll(c);
    expect(decided(c, leader)).toBe(20);
  });
});
