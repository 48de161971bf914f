/**
 * Unit tests of log replication, commitment and snapshots, driving replicas
 * directly through the fake-context harness.
 */
import { describe, expect, it } from 'vitest';
import { deriveRng, nextIntInclusive } from '../../core/prng';
import { quorumMatchIndex } from './commit';
import {
  clearEffects,
  compact,
  crashAndRestart,
  createCluster,
  deliverOne,
  elect,
  entries,
  heartbeat,
  healAll,
  isolate,
  logTerms,
  notes,
  propose,
  restartWith,
  sends,
  stabilize,
  state,
  step,
  timeout,
  type TestCluster,
} from './testing/cluster';
import { ProgressMode, RoleCode } from './types';

/** Elect `id` by delivering only election traffic; replication messages stay queued. */
function electOnly(c: TestCluster, id: number): void {
  timeout(c, id);
  for (let i = 0; i < 100; i++) {
    const e = deliverOne(c, (x) => x.msg.type === 'RequestVote' || x.msg.type === 'RequestVoteResponse');
    if (e === null) break;
  }
  expect(state(c, id).role).toBe(RoleCode.leader);
}

function appendsTo(c: TestCluster, from: number, to: number): number {
  return sends(c.nodes[from], 'AppendEntries').filter((s) => s.to === to).length;
}

describe('§5.3 fast backup', () => {
  it('skips a whole conflicting term the leader never had in one round trip (50 divergent entries)', () => {
    const c = createCluster(3);
    restartWith(c, 0, { term: 3, log: entries([1, 1, 1, 3, 3, 3, 3, 3], 100) });
    restartWith(c, 1, { term: 3, log: entries([1, 1, 1, ...new Array<number>(50).fill(2)], 100) });
    restartWith(c, 2, { term: 3, log: entries([1, 1, 1, 3], 100) });
    clearEffects(c);
    elect(c, 0);
    const rejects = sends(c.nodes[1], 'AppendEntriesResponse').filter((s) => s.msg.type === 'AppendEntriesResponse' && !s.msg.success);
    expect(rejects.map((r) => r.msg)).toEqual([
      { type: 'AppendEntriesResponse', term: 4, success: false, index: 8, conflictTerm: 2, conflictIndex: 4 },
    ]);
    expect(appendsTo(c, 0, 1)).toBe(2);
    expect(logTerms(c, 1)).toEqual([1, 1, 1, 3, 3, 3, 3, 3, 4]);
  });

  it('jumps to the end of the conflicting term when the leader has it', () => {
    const c = createCluster(3);
    restartWith(c, 0, { term: 4, log: entries([1, 1, 1, 2, 2, 4, 4], 100) });
    restartWith(c, 1, { term: 4, log: entries([1, 1, 1, 2, 2, 2, 2, 2, 2, 2], 100) });
    restartWith(c, 2, { term: 4, log: entries([1], 100) });
    clearEffects(c);
    elect(c, 0);
    const appends = sends(c.nodes[0], 'AppendEntries').filter((s) => s.to === 1).map((s) => s.msg);
    expect(appends.map((m) => (m.type === 'AppendEntries' ? `${m.prevLogIndex}/${m.prevLogTerm}` : ''))).toEqual(['7/4', '5/2']);
    expect(logTerms(c, 1)).toEqual([1, 1, 1, 2, 2, 4, 4, 5]);
  });

  it('backs up to the end of a short log at once', () => {
    const c = createCluster(3);
    restartWith(c, 0, { term: 2, log: entries([1, 1, 1, 1, 2, 2, 2, 2], 100) });
    restartWith(c, 1, { term: 2, log: entries([1], 100) });
    restartWith(c, 2, { term: 2, log: entries([1], 100) });
    clearEffects(c);
    elect(c, 0);
    expect(appendsTo(c, 0, 1)).toBe(2);
    expect(logTerms(c, 1)).toEqual(logTerms(c, 0));
  });
});

describe('§5.4.2 commitment (Figure 8)', () => {
  it('an older-term entry on a majority is not committed until an entry of the current term is', () => {
    const c = createCluster(5);
    restartWith(c, 0, { term: 3, log: entries([1, 2], 100) });
    restartWith(c, 1, { term: 3, log: entries([1, 2], 100) });
    restartWith(c, 2, { term: 3, log: entries([1], 100) });
    restartWith(c, 3, { term: 3, log: entries([1], 100) });
    restartWith(c, 4, { term: 3, log: entries([1, 3], 200) });
    isolate(c, 4);
    electOnly(c, 0);
    expect(state(c, 0).currentTerm).toBe(4);
    // Index 2 (term 2) is now held by n1, n2 and n3: a majority of five, of an older term.
    step(c, 0, { kind: 'message', from: 1, msg: { type: 'AppendEntriesResponse', term: 4, success: true, index: 2, conflictTerm: 0, conflictIndex: 0 } });
    step(c, 0, { kind: 'message', from: 2, msg: { type: 'AppendEntriesResponse', term: 4, success: true, index: 2, conflictTerm: 0, conflictIndex: 0 } });
    expect(state(c, 0).matchIndex.slice(1, 3)).toEqual([2, 2]);
    expect(state(c, 0).commitIndex).toBe(0);
    expect(c.nodes[0].applied).toEqual([]);
    // One follower holding the term-4 no-op is not a majority either.
    step(c, 0, { kind: 'message', from: 1, msg: { type: 'AppendEntriesResponse', term: 4, success: true, index: 3, conflictTerm: 0, conflictIndex: 0 } });
    expect(state(c, 0).commitIndex).toBe(0);
    step(c, 0, { kind: 'message', from: 2, msg: { type: 'AppendEntriesResponse', term: 4, success: true, index: 3, conflictTerm: 0, conflictIndex: 0 } });
    expect(state(c, 0).commitIndex).toBe(3);
    expect(c.nodes[0].applied.map((e) => [e.index, e.term])).toEqual([
      [1, 1],
      [2, 2],
      [3, 4],
    ]);
  });

  it('agrees with a naive quorum count over random match indexes (a dumb twin)', () => {
    const rng = deriveRng(42, 'quorum');
    for (let trial = 0; trial < 20_000; trial++) {
      const n = nextIntInclusive(rng, 1, 9);
      const self = nextIntInclusive(rng, 0, n - 1);
      const match = Array.from({ length: n }, () => nextIntInclusive(rng, 0, 20));
      const selfLast = nextIntInclusive(rng, 0, 20);
      let naive = 0;
      for (let v = 0; v <= 20; v++) {
        let holders = 0;
        for (let i = 0; i < n; i++) if ((i === self ? selfLast : match[i]) >= v) holders++;
        if (holders * 2 > n) naive = v;
      }
      expect(quorumMatchIndex(match, self, selfLast)).toBe(naive);
    }
  });
});

describe('replication', () => {
  it('pipelines batches of at most maxEntriesPerAppend with at most maxInflightAppends in flight', () => {
    const c = createCluster(3, { maxEntriesPerAppend: 4, maxInflightAppends: 2 });
    elect(c, 0);
    heartbeat(c, 0);
    stabilize(c);
    clearEffects(c);
    for (let i = 0; i < 20; i++) propose(c, 0, i + 1);
    const toN2 = sends(c.nodes[0], 'AppendEntries').filter((s) => s.to === 1);
    // With nothing acknowledged, only two appends of one entry each could leave.
    expect(toN2.length).toBe(2);
    expect(state(c, 0).progressMode[1]).toBe(ProgressMode.replicate);
    stabilize(c);
    const sizes = sends(c.nodes[0], 'AppendEntries')
      .filter((s) => s.to === 1)
      .map((s) => (s.msg.type === 'AppendEntries' ? s.msg.entries.length : -1));
    expect(Math.max(...sizes)).toBe(4);
    expect(state(c, 1).log.length).toBe(21);
    expect(state(c, 0).commitIndex).toBe(21);
  });

  it('a stale leader learns the new term from a reply, steps down and loses its uncommitted entries', () => {
    const c = createCluster(3);
    elect(c, 0);
    isolate(c, 0);
    propose(c, 0, 50);
    propose(c, 0, 51);
    stabilize(c);
    healAll(c);
    c.cut.add('0->1');
    c.cut.add('0->2');
    c.cut.add('1->0');
    c.cut.add('2->0');
    elect(c, 1);
    expect(state(c, 1).currentTerm).toBe(2);
    propose(c, 1, 60);
    stabilize(c);
    healAll(c);
    heartbeat(c, 0);
    stabilize(c);
    expect(state(c, 0).role).toBe(RoleCode.follower);
    expect(state(c, 0).currentTerm).toBe(2);
    heartbeat(c, 1);
    stabilize(c);
    expect(state(c, 0).log.map((e) => e.command?.id ?? null)).toEqual([null, null, 60]);
  });

  it('refuses proposals on a follower with a leader hint', () => {
    const c = createCluster(3);
    elect(c, 0);
    clearEffects(c);
    propose(c, 2, 9);
    expect(c.nodes[2].effects).toEqual([{ kind: 'proposal', commandId: 9, accepted: false, leaderHint: 0 }]);
  });
});

describe('§7 snapshots', () => {
  it('sends InstallSnapshot to a follower whose next entry was compacted, then the entries after it', () => {
    const c = createCluster(3);
    elect(c, 0);
    heartbeat(c, 0);
    stabilize(c);
    isolate(c, 2);
    for (let i = 1; i <= 10; i++) propose(c, 0, i);
    stabilize(c);
    expect(state(c, 0).commitIndex).toBe(11);
    compact(c, 0, 8, { digest: 'through-8' });
    expect(state(c, 0).snapshotIndex).toBe(8);
    expect(state(c, 0).log.length).toBe(3);
    expect(c.nodes[0].durableLists.log.length).toBe(3);
    expect(c.nodes[0].durableValues.snapshot).toMatchObject({ index: 8, term: 1, data: { digest: 'through-8' } });
    healAll(c);
    clearEffects(c);
    heartbeat(c, 0);
    const transcript = stabilize(c);
    expect(transcript.filter((l) => l.includes('InstallSnapshot '))).toEqual([expect.stringMatching(/^1->3 InstallSnapshot term=1 snapshot=8\/1 bytes=\d+$/)]);
    expect(c.nodes[2].effects.filter((e) => e.kind === 'restore')).toEqual([{ kind: 'restore', index: 8, term: 1, data: { digest: 'through-8' } }]);
    expect(notes(c.nodes[2], 'install-snapshot')).toEqual([{ a: 8, b: 1 }]);
    expect(state(c, 2).snapshotIndex).toBe(8);
    expect(logTerms(c, 2)).toEqual([1, 1, 1]);
    heartbeat(c, 0);
    stabilize(c);
    expect(state(c, 2).commitIndex).toBe(11);
    // Index 1 was applied before the cut; 2..8 arrive inside the snapshot, 9..11 as entries.
    expect(c.nodes[2].applied.map((e) => e.index)).toEqual([1, 9, 10, 11]);
  });

  it('a node restarted with a durable snapshot restores the service from it and re-applies what follows', () => {
    const c = createCluster(3);
    elect(c, 0);
    for (let i = 1; i <= 6; i++) propose(c, 0, i);
    stabilize(c);
    heartbeat(c, 0);
    stabilize(c);
    compact(c, 1, 5, 'snap-5');
    crashAndRestart(c, 1);
    expect(c.nodes[1].effects.filter((e) => e.kind === 'restore').pop()).toEqual({ kind: 'restore', index: 5, term: 1, data: 'snap-5' });
    expect(state(c, 1).commitIndex).toBe(5);
    expect(state(c, 1).lastApplied).toBe(5);
    expect(logTerms(c, 1)).toEqual([1, 1]);
    heartbeat(c, 0);
    stabilize(c);
    expect(c.nodes[1].applied.map((e) => e.index)).toEqual([6, 7]);
  });
});

describe('loss and reordering', () => {
  it('pipelined appends delivered out of order: the leader falls back to probing and converges', () => {
    const c = createCluster(3, { maxEntriesPerAppend: 2, maxInflightAppends: 4 });
    elect(c, 0);
    heartbeat(c, 0);
    stabilize(c);
    for (let i = 1; i <= 8; i++) propose(c, 0, i);
    // Deliver n2's appends newest first.
    const toN2 = c.outbox.filter((e) => e.to === 1 && e.msg.type === 'AppendEntries');
    c.outbox = c.outbox.filter((e) => !toN2.includes(e));
    c.outbox.unshift(...toN2.reverse());
    stabilize(c);
    heartbeat(c, 0);
    stabilize(c);
    expect(logTerms(c, 1)).toEqual(logTerms(c, 0));
    expect(state(c, 0).matchIndex[1]).toBe(9);
    expect(state(c, 1).commitIndex).toBe(9);
  });

  it('a lost append in replicate mode is detected at the next heartbeats and resent', () => {
    const c = createCluster(3);
    elect(c, 0);
    heartbeat(c, 0);
    stabilize(c);
    propose(c, 0, 1);
    // The append to n3 is lost.
    c.outbox = c.outbox.filter((e) => e.to !== 2);
    stabilize(c);
    expect(state(c, 2).log.length).toBe(1);
    for (let i = 0; i < 2; i++) {
      heartbeat(c, 0);
      stabilize(c);
    }
    expect(logTerms(c, 2)).toEqual([1, 1]);
    expect(state(c, 0).progressMode[2]).toBe(ProgressMode.replicate);
  });

  it('duplicated messages change nothing', () => {
    const c = createCluster(3);
    elect(c, 0);
    propose(c, 0, 1);
    const copies = c.outbox.map((e) => ({ ...e }));
    stabilize(c);
    c.outbox.push(...copies);
    stabilize(c);
    heartbeat(c, 0);
    stabilize(c);
    for (const id of [0, 1, 2]) expect(logTerms(c, id)).toEqual([1, 1]);
    expect(c.nodes[1].applied.map((e) => e.index)).toEqual([1, 2]);
  });

  it('a message from an older term is answered with the current term', () => {
    const c = createCluster(3);
    elect(c, 0);
    timeout(c, 1);
    stabilize(c);
    expect(state(c, 1).currentTerm).toBe(2);
    clearEffects(c);
    step(c, 1, { kind: 'message', from: 2, msg: { type: 'AppendEntries', term: 1, prevLogIndex: 0, prevLogTerm: 0, entries: [], leaderCommit: 0 } });
    expect(sends(c.nodes[1]).map((s) => s.msg)).toEqual([
      { type: 'AppendEntriesResponse', term: 2, success: false, index: 0, conflictTerm: 0, conflictIndex: 0 },
    ]);
    expect(state(c, 1).role).toBe(RoleCode.leader);
  });

  it('an InstallSnapshot whose last entry matches our log keeps the entries after it (§7)', () => {
    const c = createCluster(3);
    restartWith(c, 1, { term: 1, log: entries([1, 1, 1, 1, 1], 100) });
    const before = state(c, 1).log.slice(3);
    step(c, 1, { kind: 'message', from: 0, msg: { type: 'InstallSnapshot', term: 1, snapshotIndex: 3, snapshotTerm: 1, data: 's3', bytes: 2 } });
    expect(state(c, 1).snapshotIndex).toBe(3);
    expect(state(c, 1).log).toEqual(before);
    expect(c.nodes[1].durableLists.log).toEqual(before);
    expect(state(c, 1).commitIndex).toBe(3);
  });
});
