/**
 * How Raft looks from outside: the view, etcd-style message descriptions and
 * byte estimates.
 */
import { describe, expect, it } from 'vitest';
import { entryHeaderBytes, messageHeaderBytes, raftProtocol, raftPvCqProtocol } from './index';
import { createCluster, elect, entries, propose, state } from './testing/cluster';
import type { RaftMessage } from './types';

describe('view and messages', () => {
  it('summarises a replica for the page', () => {
    const c = createCluster(3);
    elect(c, 0);
    for (let i = 1; i <= 5; i++) propose(c, 0, i);
    const v = raftProtocol.view(state(c, 0), 4);
    expect(v).toMatchObject({ nodeId: 0, role: 'leader', term: 1, votedFor: 0, leaderId: 0, commitIndex: 1, lastIndex: 6, snapshotIndex: 0 });
    expect(v.logTerms).toEqual([1, 1, 1, 1]);
    expect(v.logTermsFromIndex).toBe(3);
    expect(v.electionTimeoutUs).toBe(state(c, 0).electionTimeoutUs);
    expect(v.detail).toMatchObject({ preVote: false, checkQuorum: false, lastApplied: 1 });
    expect(raftProtocol.view(state(c, 1), 10).role).toBe('follower');
  });

  it('describes messages the way etcd prints them', () => {
    const e = entries([2, 3], 1);
    const cases: [RaftMessage, string][] = [
      [{ type: 'AppendEntries', term: 3, prevLogIndex: 4, prevLogTerm: 2, entries: e, leaderCommit: 4 }, 'AppendEntries term=3 prev=4/2 entries=2 commit=4'],
      [{ type: 'AppendEntriesResponse', term: 3, success: false, index: 4, conflictTerm: 2, conflictIndex: 3 }, 'AppendEntriesResponse term=3 reject index=4 hint=3/2'],
      [{ type: 'RequestVote', term: 5, lastLogIndex: 7, lastLogTerm: 4, transfer: false }, 'RequestVote term=5 last=7/4'],
      [{ type: 'PreVoteResponse', term: 5, granted: true }, 'PreVoteResponse term=5 granted'],
      [{ type: 'InstallSnapshot', term: 2, snapshotIndex: 10, snapshotTerm: 2, data: null, bytes: 100 }, 'InstallSnapshot term=2 snapshot=10/2 bytes=100'],
      [{ type: 'TimeoutNow', term: 2 }, 'TimeoutNow term=2'],
    ];
    for (const [msg, text] of cases) {
      expect(raftProtocol.describeMessage(msg)).toBe(text);
      expect(raftProtocol.messageType(msg)).toBe(msg.type);
    }
  });

  it('counts bytes as a header plus each entry and its command', () => {
    const e = entries([1, 1, 1], 1);
    expect(raftProtocol.messageBytes({ type: 'AppendEntries', term: 1, prevLogIndex: 0, prevLogTerm: 0, entries: e, leaderCommit: 0 })).toBe(
      messageHeaderBytes + 3 * (entryHeaderBytes + 10),
    );
    expect(raftProtocol.messageBytes({ type: 'InstallSnapshot', term: 1, snapshotIndex: 1, snapshotTerm: 1, data: null, bytes: 500 })).toBe(messageHeaderBytes + 500);
  });

  it('raft-pv-cq is the same code with PreVote and CheckQuorum on by default', () => {
    expect(raftPvCqProtocol.name).toBe('raft-pv-cq');
    expect(raftPvCqProtocol.defaultOptions()).toEqual({ ...raftProtocol.defaultOptions(), preVote: true, checkQuorum: true });
    expect(raftProtocol.minTimerDelayUs(raftProtocol.defaultOptions())).toBeGreaterThan(0);
  });
});
