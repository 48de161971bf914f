import { describe, expect, it } from 'vitest';
import { laneSegment, linkPairs, messageProgress, nearerEnd, onRing, pointAlong, ringLayout, subsetRingLayout } from './ringLayout';

describe('ring layout', () => {
  it('puts n1 at the top and the others clockwise, all on one circle', () => {
    const layout = ringLayout(5, 600, 600);
    const [n1, n2] = layout.positions;
    expect(n1.x).toBeCloseTo(300);
    expect(n1.y).toBeLessThan(300);
    expect(n2.x).toBeGreaterThan(300);
    for (const p of layout.positions) expect(Math.hypot(p.x - 300, p.y - 300)).toBeCloseTo(layout.radius);
  });

  it('lists each unordered pair once', () => {
    expect(linkPairs(5)).toHaveLength(10);
    expect(linkPairs(3)).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
  });

  it('keeps the two directions of a link on different lanes', () => {
    const layout = ringLayout(5, 600, 600);
    const there = laneSegment(layout, 0, 2);
    const back = laneSegment(layout, 2, 0);
    const mid = (s: typeof there) => pointAlong(s, 0.5);
    expect(Math.hypot(mid(there).x - mid(back).x, mid(there).y - mid(back).y)).toBeGreaterThan(4);
  });

  it('places a message by the share of its trip done, clamped to the trip', () => {
    expect(messageProgress(100, 100, 200)).toBe(0);
    expect(messageProgress(150, 100, 200)).toBe(0.5);
    expect(messageProgress(250, 100, 200)).toBe(1);
    expect(messageProgress(50, 100, 200)).toBe(0);
    expect(messageProgress(100, 100, 100)).toBe(1);
  });

  it('tells which end of a link a click is nearer to', () => {
    const layout = ringLayout(3, 600, 600);
    const a = layout.positions[0];
    expect(nearerEnd(layout, 0, 1, { x: a.x + 1, y: a.y + 1 })).toBe(0);
    const b = layout.positions[1];
    expect(nearerEnd(layout, 0, 1, { x: b.x, y: b.y })).toBe(1);
  });
});

describe('a ring of one group', () => {
  it('places only the group’s nodes, indexed by node, the first at the top', () => {
    const layout = subsetRingLayout([6, 7, 8], 600, 600);
    expect(layout.positions[6].x).toBeCloseTo(300);
    expect(layout.positions[6].y).toBeLessThan(300);
    expect(layout.positions[0]).toBeUndefined();
    expect([0, 6, 8, 9].map((n) => onRing(layout, n))).toEqual([false, true, true, false]);
    expect(onRing(ringLayout(5, 600, 600), 4)).toBe(true);
    const lane = laneSegment(layout, 6, 8);
    expect(Number.isFinite(lane.from.x) && Number.isFinite(lane.to.y)).toBe(true);
  });
});
