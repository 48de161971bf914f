import { describe, expect, it } from 'vitest';
import type { NodeVM } from '../model/types';
import { gridWindow, logCells } from './logGrid';

function node(over: Partial<NodeVM>): NodeVM {
  return {
    id: 0,
    name: 'n1',
    role: 'follower',
    term: 2,
    votedFor: null,
    leaderId: null,
    commitIndex: 0,
    lastIndex: 0,
    snapshotIndex: 0,
    snapshotTerm: 0,
    logTerms: [],
    logTermsFromIndex: 1,
    electionTimeoutUs: 300_000,
    detail: {},
    ...over,
  };
}

describe('log grid', () => {
  it('shows the newest indices of the longest log', () => {
    expect(gridWindow([node({ lastIndex: 3 }), node({ lastIndex: 50 })], 32)).toEqual({ first: 19, last: 50 });
    expect(gridWindow([node({ lastIndex: 3 })], 32)).toEqual({ first: 1, last: 32 });
  });

  it('marks compacted, committed, uncommitted, unknown and empty cells', () => {
    const n = node({ snapshotIndex: 2, snapshotTerm: 1, lastIndex: 7, commitIndex: 5, logTerms: [2, 2, 3], logTermsFromIndex: 5 });
    const cells = logCells(n, 1, 9);
    expect(cells.map((c) => c.state)).toEqual(['compacted', 'compacted', 'unknown', 'unknown', 'committed', 'uncommitted', 'uncommitted', 'empty', 'empty']);
    expect(cells[1].term).toBe(1);
    expect(cells.slice(4, 7).map((c) => c.term)).toEqual([2, 2, 3]);
  });
});
