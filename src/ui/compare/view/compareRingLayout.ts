/**
 * The lab's ring (n1 at the top, clockwise), made larger for the compare
 * cards: the same layout, scaled about a centre placed so that the refusal
 * words above the top server and the role and commit lines below the bottom
 * ones stay inside the picture.
 */
import { ringLayout, type RingLayout } from '../../view/ringLayout';

export const compareRingWidth = 460;
export const compareRingHeight = 400;

export function compareRingLayout(nodeCount: number): RingLayout {
  const base = ringLayout(nodeCount, compareRingWidth, compareRingHeight);
  // Three servers make a triangle with room to spare below: a larger ring, set lower.
  const radius = nodeCount <= 3 ? 135 : 120;
  const center = { x: compareRingWidth / 2, y: nodeCount <= 3 ? 225 : 210 };
  const scale = radius / base.radius;
  const positions = base.positions.map((p) => ({ x: center.x + (p.x - base.center.x) * scale, y: center.y + (p.y - base.center.y) * scale }));
  return { ...base, center, radius, positions };
}
