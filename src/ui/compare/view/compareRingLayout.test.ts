import { describe, expect, it } from 'vitest';
import { compareRingHeight, compareRingLayout, compareRingWidth } from './compareRingLayout';

describe('the compare ring', () => {
  for (const n of [3, 5]) {
    it(`keeps ${n} servers, their badges and their words inside the picture`, () => {
      const layout = compareRingLayout(n);
      const r = layout.nodeRadius;
      expect(layout.positions).toHaveLength(n);
      // n1 on top, in the middle.
      expect(layout.positions[0].x).toBeCloseTo(compareRingWidth / 2);
      for (const p of layout.positions) {
        expect(p.y - r - 45, 'refusal words above').toBeGreaterThanOrEqual(0);
        expect(p.y + r + 50, 'role and commit lines below').toBeLessThanOrEqual(compareRingHeight);
        expect(p.x - r - 20, 'scenario tag on the left').toBeGreaterThanOrEqual(0);
        expect(p.x + r + 30, 'QC badge on the right').toBeLessThanOrEqual(compareRingWidth);
      }
    });
  }
});
