import { describe, expect, it } from 'vitest';
import { World } from '../../engine/index';
import { HistoryProjector, historyWindowAt, maxDrawnOps } from './historyProjection';

describe('the history view’s window', () => {
  it('follows the clock, or holds still around a moment', () => {
    expect(historyWindowAt({ mode: 'follow', widthUs: 2_000_000, centerUs: 0 }, 5_000_000)).toEqual({ fromUs: 3_000_000, toUs: 5_000_000 });
    expect(historyWindowAt({ mode: 'follow', widthUs: 2_000_000, centerUs: 0 }, 500_000)).toEqual({ fromUs: 0, toUs: 2_000_000 });
    expect(historyWindowAt({ mode: 'focus', widthUs: 1_000_000, centerUs: 3_000_000 }, 9_000_000)).toEqual({ fromUs: 2_500_000, toUs: 3_500_000 });
    expect(historyWindowAt({ mode: 'focus', widthUs: 1_000_000, centerUs: 100_000 }, 9_000_000)).toEqual({ fromUs: 0, toUs: 1_000_000 });
  });

  it('holds the operations that overlap it, an unanswered one reaching the present, and keeps unchanged ones identical', () => {
    const world = new World({ seed: 4, nodeCount: 3, protocol: 'raft', clients: { count: 2, keys: 2 } });
    world.runUntil(800_000);
    const projector = new HistoryProjector();
    projector.refresh(world);
    const { ops } = projector.inWindow(500_000, 800_000);
    expect(ops.length).toBeGreaterThan(0);
    for (const op of ops) {
      expect(op.invokeUs).toBeLessThanOrEqual(800_000);
      expect(op.returnUs === null || op.returnUs >= 500_000).toBe(true);
    }
    const again = projector.inWindow(500_000, 800_000).ops;
    expect(again[0]).toBe(ops[0]);
    // Crash every server: the clerks' operations stay open, and so stay in any later window.
    for (let n = 0; n < 3; n++) world.act({ type: 'crash', node: n });
    world.runUntil(2_000_000);
    projector.refresh(world);
    const late = projector.inWindow(1_900_000, 2_000_000).ops;
    expect(late.length).toBeGreaterThan(0);
    expect(late.every((op) => op.returnUs === null)).toBe(true);
  });

  it('draws at most the newest operations when the window holds too many', () => {
    const world = new World({ seed: 4, nodeCount: 3, protocol: 'raft', clients: { count: 8, keys: 2, thinkTimeUs: 0 } });
    world.runUntil(8_000_000);
    const projector = new HistoryProjector();
    projector.refresh(world);
    expect(projector.total).toBeGreaterThan(maxDrawnOps);
    const { ops, truncated } = projector.inWindow(0, 8_000_000);
    expect(truncated).toBe(true);
    expect(ops).toHaveLength(maxDrawnOps);
    expect(ops[ops.length - 1].id).toBe(projector.total - 1);
  });
});
