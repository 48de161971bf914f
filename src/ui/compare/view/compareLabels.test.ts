import { describe, expect, it } from 'vitest';
import type { CompareNodeVM } from '../sim/compareModel';
import { compareNodeName, refusalWords } from './compareLabels';

const node = (over: Partial<CompareNodeVM>): CompareNodeVM => ({
  id: 1,
  name: 'n2',
  role: 'leader',
  term: 3,
  ballot: null,
  qc: null,
  phase: null,
  commitIndex: 0,
  leaderId: 1,
  binding: null,
  ...over,
});

describe('server names', () => {
  it('say the protocol, the server, its role and its term or ballot', () => {
    expect(compareNodeName('omnipaxos', node({ ballot: '3.0.1', qc: true }))).toBe('omnipaxos n2, leader, ballot 3, quorum-connected');
    expect(compareNodeName('raft', node({ role: 'precandidate', term: 7, binding: 'C' }))).toBe("raft n2, pre-candidate, term 7, the scenario's C");
    expect(compareNodeName('omnipaxos', node({ role: 'follower', qc: false }))).toBe('omnipaxos n2, follower, ballot 3, not quorum-connected');
    expect(compareNodeName('raft-pv-cq', node({ role: 'crashed' }))).toBe('raft-pv-cq n2, crashed');
  });

  it('word refused votes by their reason', () => {
    expect(refusalWords(2)).toBe('✗ log behind');
    expect(refusalWords(4)).toBe('✗ leader alive');
  });
});
