import { describe, expect, it } from 'vitest';
import { createWorld } from '../../engine/index';
import { projectCrashed, projectLinks, projectNode, sameNode } from './project';

describe('projections', () => {
  it('copy views, so that freezing them never freezes the engine', () => {
    const world = createWorld({ seed: 2, protocol: 'raft', nodeCount: 3 });
    world.runUntil(1_500_000);
    const view = world.views()[0];
    expect(view).not.toBeNull();
    const vm = projectNode(view, 0);
    Object.freeze(vm.logTerms);
    Object.freeze(vm.detail);
    expect(vm.logTerms).not.toBe(view?.logTerms);
    expect(vm.detail).not.toBe(view?.detail);
    // The engine goes on running (and changing its own arrays) after the copy is frozen.
    world.act({ type: 'propose', node: null, body: 'x', bytes: 1 });
    world.runUntil(2_000_000);
    expect(world.committedCount()).toBeGreaterThan(1);
  });

  it('call equal nodes equal and changed nodes changed', () => {
    const world = createWorld({ seed: 2, protocol: 'raft', nodeCount: 3 });
    world.runUntil(1_000_000);
    const a = projectNode(world.views()[1], 1);
    const b = projectNode(world.views()[1], 1);
    expect(sameNode(a, b)).toBe(true);
    expect(sameNode(a, { ...b, term: b.term + 1 })).toBe(false);
    expect(sameNode(a, { ...b, logTerms: [...b.logTerms, 9] })).toBe(false);
  });

  it('keep a crashed node’s last log, marked crashed', () => {
    const live = projectNode(null, 2);
    expect(live.role).toBe('crashed');
    const before = { ...live, role: 'follower' as const, term: 4, lastIndex: 3, logTerms: [1, 2, 4] };
    const after = projectCrashed(before, 2);
    expect(after.role).toBe('crashed');
    expect(after.logTerms).toEqual([1, 2, 4]);
  });

  it('read both directions of every link', () => {
    const world = createWorld({ seed: 2, protocol: 'raft', nodeCount: 3 });
    world.act({ type: 'cut', from: 0, to: 2, bothWays: false });
    const links = projectLinks(3, (a, b) => world.linkUp(a, b));
    expect(links).toEqual([
      { a: 0, b: 1, upAB: true, upBA: true },
      { a: 0, b: 2, upAB: false, upBA: true },
      { a: 1, b: 2, upAB: true, upBA: true },
    ]);
  });

  it('name a sharded group’s nodes by their global index: its vote, its leader and a leader’s peers', () => {
    const world = createWorld({ seed: 3, protocol: 'raft', nodeCount: 0, shards: { groupSizes: [3, 3] } });
    world.runUntil(1_000_000);
    const leader = world.leader(2);
    expect(leader).not.toBeNull();
    const g2 = world.config.groups[2];
    const vm = projectNode(world.views()[leader as number], leader as number, g2.base);
    expect(vm.leaderId).toBe(leader);
    expect(vm.votedFor).toBe(leader);
    const peers = Object.keys(vm.detail).filter((k) => /^n\d+$/.test(k));
    expect(peers.sort()).toEqual(['n7', 'n8', 'n9'].filter((n) => n !== `n${(leader as number) + 1}`));
  });
});
