import { describe, expect, it } from 'vitest';
import { announcementsBetween } from './announcements';
import type { ClusterVM } from './compareModel';
import type { CountersVM } from './liveCounters';
import type { FaultWindow } from './faultWindow';

const window: FaultWindow = { startUs: 2_000_000, finalCutUs: 2_000_000, endUs: 10_000_000, durationUs: 12_000_000, stepTimesUs: [] };

function cluster(protocol: string, counters: Partial<CountersVM>): ClusterVM {
  const base: CountersVM = { phase: 'during', downtimeMs: null, sinceCutMs: 0, leaderChanges: 0, decided: 0, highestTerm: 1, refusedLogBehind: 0, refusedLeaderActive: 0, qcServers: null };
  return { protocol, nodes: [], links: [], terms: [], error: null, counters: { ...base, ...counters } };
}

describe('what the page says aloud', () => {
  it('says the cut, then each recovery once', () => {
    expect(announcementsBetween([cluster('raft', { phase: 'before' })], [cluster('raft', { phase: 'during' })], window)).toBe('The network is cut at 2.00 s.');
    const during = [cluster('raft', {}), cluster('omnipaxos', {})];
    const recovered = [cluster('raft', {}), cluster('omnipaxos', { downtimeMs: 586.4 })];
    expect(announcementsBetween(during, recovered, window)).toBe('OmniPaxos recovered in 586 ms.');
    expect(announcementsBetween(recovered, recovered, window)).toBeNull();
  });

  it('says when the network heals', () => {
    expect(announcementsBetween([cluster('raft', {})], [cluster('raft', { phase: 'after' })], window)).toBe('The network heals at 10.00 s.');
  });

  it('says nothing when a new scenario replaces the clusters', () => {
    expect(announcementsBetween([], [cluster('raft', { downtimeMs: 20 })], window)).toBeNull();
  });
});
