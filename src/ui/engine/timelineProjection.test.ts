import { describe, expect, it } from 'vitest';
import { createWorld } from '../../engine/index';
import { TimelineProjector, timelineOf } from './timelineProjection';

describe('timeline', () => {
  it('bands terms by their leaders and marks faults', () => {
    const vm = timelineOf(
      1000,
      [
        { timeUs: 100, kind: 'note', node: 0, peer: -1, label: 'role', a: 3, b: 1 },
        { timeUs: 400, kind: 'action', node: 0, peer: -1, label: 'crash n1', a: 0, b: 0 },
        { timeUs: 500, kind: 'note', node: 1, peer: -1, label: 'term', a: 2, b: 0 },
        { timeUs: 600, kind: 'note', node: 1, peer: -1, label: 'role', a: 3, b: 2 },
      ],
      [150, 990],
      [],
      [],
    );
    expect(vm.terms).toEqual([
      { fromUs: 100, toUs: 500, term: 1, leader: 0 },
      { fromUs: 500, toUs: 1000, term: 2, leader: 1 },
    ]);
    expect(vm.faults).toEqual([{ atUs: 400, label: 'crash n1' }]);
    expect(vm.commitBins.reduce((a, b) => a + b, 0)).toBe(2);
  });

  it('keeps the future read at the frontier after the world seeks back', () => {
    const world = createWorld({ seed: 3, nodeCount: 3, protocol: 'raft' });
    const projector = new TimelineProjector();
    world.runUntil(2_000_000);
    projector.observe(world);
    const ahead = projector.take([]);
    world.seek(500_000);
    projector.observe(world);
    expect(projector.take([])).toBeUndefined();
    expect(projector.horizonUs).toBe(2_000_000);
    expect(ahead?.leaderChanges.length).toBeGreaterThan(0);
  });
});
