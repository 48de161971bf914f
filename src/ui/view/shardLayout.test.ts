import { describe, expect, it } from 'vitest';
import { flightArc, pointOnArc, shardLayout, type Box } from './shardLayout';

const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('shard layout', () => {
  it.each([
    [4, 10],
    [7, 10],
    [4, 40],
  ])('%i cards and %i cells fit the width without overlapping, cells under the flight band', (groups, shards) => {
    const layout = shardLayout(groups, shards, 900);
    const boxes = [...layout.cards, ...layout.cells];
    for (const box of boxes) {
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(900);
      expect(box.y + box.height).toBeLessThanOrEqual(layout.height);
    }
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i], boxes[j])).toBe(false);
    for (const cell of layout.cells) expect(cell.y).toBeGreaterThan(layout.bandTop + 40);
  });

  it.each([4, 7])('with %i cards, an arc leaves one card and reaches the other, dipping into the band but not into the grid; lanes apart', (groups) => {
    const layout = shardLayout(groups, 10, 900);
    const gridTop = Math.min(...layout.cells.map((c) => c.y));
    for (const [from, to] of [
      [1, 3],
      [3, 1],
    ]) {
      for (let lane = 0; lane < 6; lane++) {
        const arc = flightArc(layout, from, to, lane);
        const start = pointOnArc(arc, 0);
        const end = pointOnArc(arc, 1);
        expect(start.x).toBeGreaterThan(layout.cards[from].x);
        expect(start.x).toBeLessThan(layout.cards[from].x + layout.cards[from].width);
        expect(end.x).toBeGreaterThan(layout.cards[to].x);
        expect(end.x).toBeLessThan(layout.cards[to].x + layout.cards[to].width);
        const mid = pointOnArc(arc, 0.5);
        expect(mid.y).toBeGreaterThan(layout.bandTop);
        expect(mid.y).toBeLessThan(gridTop);
      }
    }
    expect(pointOnArc(flightArc(layout, 1, 3, 0), 0).x).not.toBe(pointOnArc(flightArc(layout, 1, 3, 1), 0).x);
  });
});
