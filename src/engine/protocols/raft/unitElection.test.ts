/**
 * Unit tests of elections, driving replicas directly through the fake-context
 * harness (no simulator): every effect is recorded in order.
 */
import { describe, expect, it } from 'vitest';
import {
  clearEffects,
  createCluster,
  deliverOne,
  elect,
  entries,
  heartbeat,
  isolate,
  healAll,
  notes,
  propose,
  restartWith,
  sends,
  stabilize,
  state,
  step,
  timeout,
  type Effect,
} from './testing/cluster';
import { RejectReason, RoleCode, TimerId } from './types';

describe('§5.2 leader election', () => {
  it('a follower that times out becomes candidate, asks everyone, and wins with a majority', () => {
    const c = createCluster(3);
    timeout(c, 0);
    expect(state(c, 0).role).toBe(RoleCode.candidate);
    expect(state(c, 0).currentTerm).toBe(1);
    expect(state(c, 0).votedFor).toBe(0);
    expect(sends(c.nodes[0], 'RequestVote').map((s) => s.to)).toEqual([1, 2]);
    const transcript = stabilize(c);
    expect(transcript.slice(0, 4)).toEqual([
      '1->2 RequestVote term=1 last=0/0',
      '1->3 RequestVote term=1 last=0/0',
      '2->1 RequestVoteResponse term=1 granted',
      '3->1 RequestVoteResponse term=1 granted',
    ]);
    // Thesis §6.4: the new leader appends a no-op of its term and replicates it.
    expect(transcript).toContain('1->2 AppendEntries term=1 prev=0/0 entries=1 commit=0');
    expect(state(c, 0).role).toBe(RoleCode.leader);
    expect(state(c, 1).leaderId).toBe(0);
    expect(state(c, 2).leaderId).toBe(0);
    expect(notes(c.nodes[0], 'role')).toEqual([
      { a: RoleCode.follower, b: 0 },
      { a: RoleCode.candidate, b: 1 },
      { a: RoleCode.leader, b: 1 },
    ]);
    expect(notes(c.nodes[0], 'term')).toEqual([{ a: 1, b: 0 }]);
    expect(notes(c.nodes[1], 'vote')).toEqual([{ a: 0, b: 1 }]);
    expect(state(c, 0).commitIndex).toBe(1);
  });

  it('draws each election timeout from [T, 2T) with the node PRNG', () => {
    const c = createCluster(5, { electionTimeoutUs: 1000 });
    const drawn = new Set<number>();
    for (let round = 0; round < 40; round++) {
      for (let id = 0; id < 5; id++) {
        const t = state(c, id).electionTimeoutUs;
        expect(t).toBeGreaterThanOrEqual(1000);
        expect(t).toBeLessThan(2000);
        drawn.add(t);
      }
      for (let id = 0; id < 5; id++) timeout(c, id);
      c.outbox = [];
    }
    expect(drawn.size).toBeGreaterThan(50);
  });

  it('a candidate refused by a majority goes back to follower; a split vote times out into a higher term', () => {
    const c = createCluster(3);
    timeout(c, 0);
    timeout(c, 1);
    stabilize(c);
    // 0 and 1 voted for themselves in term 1; 2 voted for whoever asked first.
    const leaders = [0, 1, 2].filter((id) => state(c, id).role === RoleCode.leader);
    expect(leaders.length).toBe(1);
    expect(state(c, leaders[0]).currentTerm).toBe(1);
  });

  it('a follower that knows the term leader does not vote for another candidate in that term', () => {
    const c = createCluster(3);
    elect(c, 0);
    clearEffects(c);
    step(c, 1, { kind: 'message', from: 2, msg: { type: 'RequestVote', term: 1, lastLogIndex: 9, lastLogTerm: 1, transfer: false } });
    expect(sends(c.nodes[1], 'RequestVoteResponse')[0].msg).toMatchObject({ granted: false, term: 1 });
    expect(notes(c.nodes[1], 'reject-reason')).toEqual([{ a: RejectReason.alreadyVoted, b: 2 }]);
  });
});

describe('§5.4.1 election restriction', () => {
  it('refuses a vote to a candidate whose log is behind, and says why', () => {
    const c = createCluster(3);
    restartWith(c, 0, { term: 2, log: entries([1, 2]) });
    restartWith(c, 1, { term: 2, log: entries([1, 2, 2]) });
    restartWith(c, 2, { term: 2, log: entries([1]) });
    clearEffects(c);
    timeout(c, 0);
    stabilize(c);
    // n2 has a longer log of the same last term: refused. n3 is behind n1: granted.
    expect(notes(c.nodes[1], 'reject-vote')).toEqual([{ a: 0, b: 3 }]);
    expect(notes(c.nodes[1], 'reject-reason')).toEqual([{ a: RejectReason.logBehind, b: 0 }]);
    expect(notes(c.nodes[2], 'vote')).toEqual([{ a: 0, b: 3 }]);
    expect(state(c, 0).role).toBe(RoleCode.leader);
  });

  it('compares last terms before lengths', () => {
    const c = createCluster(3);
    restartWith(c, 0, { term: 3, log: entries([1, 3]) });
    restartWith(c, 1, { term: 3, log: entries([1, 2, 2, 2]) });
    restartWith(c, 2, { term: 3, log: entries([1, 2, 2, 2]) });
    clearEffects(c);
    timeout(c, 1);
    stabilize(c);
    // n2's log is longer but its last term (2) is older than n1's (3).
    expect(notes(c.nodes[0], 'reject-reason')).toEqual([{ a: RejectReason.logBehind, b: 1 }]);
  });
});

describe('persistence before replies (Figure 2)', () => {
  function indexOf(effects: Effect[], pred: (e: Effect) => boolean): number {
    return effects.findIndex(pred);
  }

  it('writes and syncs the vote and term before the grant is sent', () => {
    const c = createCluster(3);
    timeout(c, 0);
    clearEffects(c);
    deliverOne(c, (e) => e.to === 1);
    const fx = c.nodes[1].effects;
    const wroteVote = indexOf(fx, (e) => e.kind === 'write' && e.key === 'vote' && e.value === 0);
    const wroteTerm = indexOf(fx, (e) => e.kind === 'write' && e.key === 'term' && e.value === 1);
    const synced = indexOf(fx, (e) => e.kind === 'sync');
    const granted = indexOf(fx, (e) => e.kind === 'send' && e.msg.type === 'RequestVoteResponse' && e.msg.granted);
    expect(wroteVote).toBeGreaterThanOrEqual(0);
    expect(wroteTerm).toBeGreaterThanOrEqual(0);
    expect(synced).toBeGreaterThan(Math.max(wroteVote, wroteTerm));
    expect(granted).toBeGreaterThan(synced);
    expect(c.nodes[1].durableValues).toMatchObject({ term: 1, vote: 0 });
  });

  it('appends and syncs entries before acknowledging them', () => {
    const c = createCluster(3);
    elect(c, 0);
    propose(c, 0, 7);
    clearEffects(c);
    deliverOne(c, (e) => e.to === 1);
    const fx = c.nodes[1].effects;
    const appended = indexOf(fx, (e) => e.kind === 'append' && e.key === 'log');
    const synced = indexOf(fx, (e) => e.kind === 'sync');
    const acked = indexOf(fx, (e) => e.kind === 'send' && e.msg.type === 'AppendEntriesResponse' && e.msg.success);
    expect(appended).toBeGreaterThanOrEqual(0);
    expect(synced).toBeGreaterThan(appended);
    expect(acked).toBeGreaterThan(synced);
  });

  it('a restarted node remembers its term and vote and will not vote twice in a term', () => {
    const c = createCluster(3);
    timeout(c, 0);
    deliverOne(c, (e) => e.to === 1);
    restartWith(c, 1, { term: c.nodes[1].durableValues.term as number, vote: c.nodes[1].durableValues.vote as number });
    expect(state(c, 1).currentTerm).toBe(1);
    expect(state(c, 1).votedFor).toBe(0);
    clearEffects(c);
    step(c, 1, { kind: 'message', from: 2, msg: { type: 'RequestVote', term: 1, lastLogIndex: 5, lastLogTerm: 1, transfer: false } });
    expect(sends(c.nodes[1], 'RequestVoteResponse')[0].msg).toMatchObject({ granted: false });
  });
});

describe('PreVote (thesis §9.6)', () => {
  it('an isolated precandidate never raises its term, and is refused while the leader lives', () => {
    const c = createCluster(3, { preVote: true });
    elect(c, 0);
    expect(state(c, 0).role).toBe(RoleCode.leader);
    isolate(c, 2);
    for (let i = 0; i < 5; i++) {
      heartbeat(c, 0);
      stabilize(c);
      timeout(c, 2);
      stabilize(c);
    }
    expect(state(c, 2).role).toBe(RoleCode.precandidate);
    expect(state(c, 2).currentTerm).toBe(1);
    healAll(c);
    clearEffects(c);
    timeout(c, 2);
    // The leader's heartbeat reaches n2 just before n3's pre-vote request does.
    heartbeat(c, 0);
    deliverOne(c, (e) => e.to === 1 && e.msg.type === 'AppendEntries');
    deliverOne(c, (e) => e.to === 1 && e.msg.type === 'PreVote');
    expect(notes(c.nodes[1], 'reject-pre-vote')).toEqual([{ a: 2, b: 2 }]);
    expect(notes(c.nodes[1], 'reject-reason')).toEqual([{ a: RejectReason.leaderActive, b: 2 }]);
    expect(state(c, 1).currentTerm).toBe(1);
  });

  it('after a successful pre-vote the precandidate campaigns for real', () => {
    const c = createCluster(3, { preVote: true });
    timeout(c, 1);
    expect(state(c, 1).role).toBe(RoleCode.precandidate);
    expect(sends(c.nodes[1], 'PreVote').map((s) => s.msg)).toEqual([
      { type: 'PreVote', term: 1, lastLogIndex: 0, lastLogTerm: 0 },
      { type: 'PreVote', term: 1, lastLogIndex: 0, lastLogTerm: 0 },
    ]);
    expect(state(c, 0).currentTerm).toBe(0);
    stabilize(c);
    expect(state(c, 1).role).toBe(RoleCode.leader);
    expect(state(c, 1).currentTerm).toBe(1);
    expect(notes(c.nodes[1], 'role').map((n) => n.a)).toEqual([RoleCode.follower, RoleCode.precandidate, RoleCode.candidate, RoleCode.leader]);
  });
});

describe('CheckQuorum', () => {
  it('a leader that heard from no majority within an election timeout steps down', () => {
    const c = createCluster(5, { checkQuorum: true });
    elect(c, 0);
    // First check: everyone answered the no-op, so the leader stays.
    timeout(c, 0);
    expect(state(c, 0).role).toBe(RoleCode.leader);
    isolate(c, 0);
    heartbeat(c, 0);
    stabilize(c);
    timeout(c, 0);
    expect(state(c, 0).role).toBe(RoleCode.follower);
    expect(notes(c.nodes[0], 'check-quorum-lost')).toEqual([{ a: 1, b: 1 }]);
    // Stepping down stops the heartbeats.
    expect(c.nodes[0].timers[TimerId.heartbeat]).toBeUndefined();
  });

  it('keeps leading with a majority answering, even with followers down', () => {
    const c = createCluster(5, { checkQuorum: true });
    elect(c, 0);
    isolate(c, 3);
    isolate(c, 4);
    for (let i = 0; i < 3; i++) {
      heartbeat(c, 0);
      stabilize(c);
      timeout(c, 0);
    }
    expect(state(c, 0).role).toBe(RoleCode.leader);
  });

  it('followers in a leader lease ignore a higher-term vote request', () => {
    const c = createCluster(3, { checkQuorum: true });
    elect(c, 0);
    clearEffects(c);
    step(c, 1, { kind: 'message', from: 2, msg: { type: 'RequestVote', term: 5, lastLogIndex: 10, lastLogTerm: 4, transfer: false } });
    expect(state(c, 1).currentTerm).toBe(1);
    expect(sends(c.nodes[1])).toEqual([]);
    expect(notes(c.nodes[1], 'reject-reason')).toEqual([{ a: RejectReason.leaderActive, b: 2 }]);
    // The same request as part of a leadership transfer passes the lease.
    step(c, 1, { kind: 'message', from: 2, msg: { type: 'RequestVote', term: 5, lastLogIndex: 10, lastLogTerm: 4, transfer: true } });
    expect(state(c, 1).currentTerm).toBe(5);
    expect(state(c, 1).votedFor).toBe(2);
  });
});

describe('leadership transfer (thesis §3.10)', () => {
  it('catches the target up, sends TimeoutNow, and the target wins the next term', () => {
    const c = createCluster(3, { checkQuorum: true, preVote: true });
    timeout(c, 0);
    stabilize(c);
    expect(state(c, 0).role).toBe(RoleCode.leader);
    c.cut.add('0->2');
    propose(c, 0, 1);
    propose(c, 0, 2);
    stabilize(c);
    healAll(c);
    clearEffects(c);
    step(c, 0, { kind: 'control', action: 'transfer-leadership', target: 2 });
    // Proposals are refused during the transfer.
    propose(c, 0, 3);
    expect(c.nodes[0].effects.find((e) => e.kind === 'proposal')).toMatchObject({ accepted: false, leaderHint: 2 });
    const transcript = stabilize(c);
    expect(transcript.some((line) => line.startsWith('1->3 TimeoutNow term=1'))).toBe(true);
    expect(transcript.some((line) => line.startsWith('3->1 RequestVote term=2 last=3/1 transfer'))).toBe(true);
    expect(state(c, 2).role).toBe(RoleCode.leader);
    expect(state(c, 2).currentTerm).toBe(2);
    expect(state(c, 0).role).toBe(RoleCode.follower);
    expect(state(c, 0).leaderId).toBe(2);
  });

  it('is ignored, with a note, on a follower', () => {
    const c = createCluster(3);
    elect(c, 0);
    clearEffects(c);
    step(c, 1, { kind: 'control', action: 'transfer-leadership', target: 2 });
    expect(notes(c.nodes[1], 'transfer-ignored')).toEqual([{ a: 2, b: 1 }]);
    expect(sends(c.nodes[1])).toEqual([]);
  });
});
