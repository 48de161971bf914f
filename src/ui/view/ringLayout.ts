/**
 * Where things are drawn: nodes evenly on a ring (n1 at the top, clockwise),
 * a straight link between every pair, and each direction of a link as its own
 * lane a few pixels to one side, so that a request and its response never
 * cover each other.
 */

export interface Point {
  x: number;
  y: number;
}

export interface RingLayout {
  width: number;
  height: number;
  center: Point;
  radius: number;
  nodeRadius: number;
  /** Indexed by node; a ring of some nodes only has positions for those. */
  positions: Point[];
  /** The nodes on this ring, or null for every node. */
  shown: ReadonlySet<number> | null;
}

export function ringLayout(nodeCount: number, width: number, height: number): RingLayout {
  const nodeRadius = nodeCount <= 5 ? 34 : nodeCount <= 7 ? 30 : 26;
  const radius = Math.min(width, height) / 2 - nodeRadius - 58;
  const center = { x: width / 2, y: height / 2 };
  const positions: Point[] = [];
  for (let i = 0; i < nodeCount; i++) {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / nodeCount;
    positions.push({ x: center.x + radius * Math.cos(angle), y: center.y + radius * Math.sin(angle) });
  }
  return { width, height, center, radius, nodeRadius, positions, shown: null };
}

/**
 * A ring of some nodes only (one replica group of a sharded world), in the
 * order given, n-first at the top; positions stay indexed by node.
 */
export function subsetRingLayout(nodes: readonly number[], width: number, height: number): RingLayout {
  const ring = ringLayout(nodes.length, width, height);
  const positions: Point[] = [];
  nodes.forEach((node, i) => (positions[node] = ring.positions[i]));
  return { ...ring, positions, shown: new Set(nodes) };
}

/** Is `node` on this ring? */
export function onRing(layout: RingLayout, node: number): boolean {
  return layout.shown === null || layout.shown.has(node);
}

/** Every unordered pair (a < b), in a fixed order. */
export function linkPairs(nodeCount: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (let a = 0; a < nodeCount; a++) for (let b = a + 1; b < nodeCount; b++) pairs.push([a, b]);
  return pairs;
}

/** How far each direction's lane sits from the link's centre line. */
export const laneOffset = 4;

export interface Segment {
  from: Point;
  to: Point;
}

/**
 * The lane of messages travelling from → to: the straight line between the
 * two node rims, shifted to the right of the direction of travel.
 */
export function laneSegment(layout: RingLayout, from: number, to: number): Segment {
  const p = layout.positions[from];
  const q = layout.positions[to];
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  const length = Math.hypot(dx, dy) || 1;
  const ux = dx / length;
  const uy = dy / length;
  // Right-hand normal in screen coordinates (y grows downwards).
  const nx = -uy * laneOffset;
  const ny = ux * laneOffset;
  // Start and end just outside the timer ring.
  const rim = layout.nodeRadius + 12;
  return {
    from: { x: p.x + ux * rim + nx, y: p.y + uy * rim + ny },
    to: { x: q.x - ux * rim + nx, y: q.y - uy * rim + ny },
  };
}

/** How far along its trip a message is at `nowUs`: 0 when sent, 1 when delivered. */
export function messageProgress(nowUs: number, sentUs: number, deliverUs: number): number {
  if (deliverUs <= sentUs) return 1;
  const t = (nowUs - sentUs) / (deliverUs - sentUs);
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

export function pointAlong(segment: Segment, t: number): Point {
  return {
    x: segment.from.x + (segment.to.x - segment.from.x) * t,
    y: segment.from.y + (segment.to.y - segment.from.y) * t,
  };
}

/** Which end of the link a click at `point` is nearer to: the click cuts or heals what leaves that end. */
export function nearerEnd(layout: RingLayout, a: number, b: number, point: Point): number {
  const pa = layout.positions[a];
  const pb = layout.positions[b];
  return Math.hypot(point.x - pa.x, point.y - pa.y) <= Math.hypot(point.x - pb.x, point.y - pb.y) ? a : b;
}
