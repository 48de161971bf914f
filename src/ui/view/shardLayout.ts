/**
 * Where the Shards view draws things: the groups' mini clusters in a row
 * (the controller first), the shard grid beneath them, and between the two a
 * band where a shard in flight travels on an arc from the group it leaves to
 * the group that receives it.
 */
import type { Point } from './ringLayout';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ShardLayout {
  width: number;
  height: number;
  /** One card per group, in gid order (index 0: the controller). */
  cards: Box[];
  /** One cell per shard. */
  cells: Box[];
  /** Where the band for flights starts (just under the cards). */
  bandTop: number;
}

const pad = 16;
const cardGap = 12;
const cardHeight = 112;
const cardMaxWidth = 190;
const bandHeight = 64;
const cellGap = 10;
const cellMax = 66;
/** The flight band's arcs: how far below the cards the lowest one dips, and how far apart lanes are. */
const arcDepth = 22;
const arcLaneStep = 9;
/** Lanes leave a card this far apart (a marker's width and a little), at most this many side by side. */
const arcLaneSpacing = 33;
const arcLanesPerCard = 3;

export function shardLayout(groupCount: number, shardCount: number, width: number): ShardLayout {
  const cardWidth = Math.min(cardMaxWidth, (width - 2 * pad - cardGap * (groupCount - 1)) / Math.max(1, groupCount));
  const cardsWidth = groupCount * cardWidth + (groupCount - 1) * cardGap;
  const cardsLeft = (width - cardsWidth) / 2;
  const cards = Array.from({ length: groupCount }, (_, i) => ({ x: cardsLeft + i * (cardWidth + cardGap), y: pad, width: cardWidth, height: cardHeight }));

  const bandTop = pad + cardHeight;
  const perRow = Math.max(1, Math.min(shardCount, shardCount <= 12 ? 12 : 16));
  const cell = Math.min(cellMax, (width - 2 * pad - cellGap * (perRow - 1)) / perRow);
  const rows = Math.ceil(shardCount / perRow);
  const gridTop = bandTop + bandHeight;
  const cells: Box[] = [];
  for (let s = 0; s < shardCount; s++) {
    const row = Math.floor(s / perRow);
    const inRow = Math.min(perRow, shardCount - row * perRow);
    const rowLeft = (width - (inRow * cell + (inRow - 1) * cellGap)) / 2;
    const col = s % perRow;
    cells.push({ x: rowLeft + col * (cell + cellGap), y: gridTop + row * (cell + cellGap), width: cell, height: cell });
  }
  const height = gridTop + rows * (cell + cellGap) - cellGap + pad;
  return { width, height, cards, cells, bandTop };
}

/** A quadratic Bézier: start, control point, end. */
export interface Arc {
  from: Point;
  control: Point;
  to: Point;
}

/**
 * The arc a shard travels from card `fromIndex` to card `toIndex`: from the
 * bottom of one to the bottom of the other, dipping into the band. `lane`
 * separates shards travelling between the same two groups.
 */
export function flightArc(layout: ShardLayout, fromIndex: number, toIndex: number, lane: number): Arc {
  const a = layout.cards[fromIndex];
  const b = layout.cards[toIndex];
  // Leave and arrive off centre, by direction (so that arcs both ways do not overlap) and by lane (so that
  // markers waiting at the same sender stand side by side).
  const side = fromIndex < toIndex ? 1 : -1;
  const offset = side * Math.min(a.width / 2 - 16, 10 + (lane % arcLanesPerCard) * arcLaneSpacing);
  const from = { x: a.x + a.width / 2 + offset, y: a.y + a.height };
  const to = { x: b.x + b.width / 2 + offset, y: b.y + b.height };
  const dip = arcDepth + (lane % 4) * arcLaneStep + (fromIndex < toIndex ? 0 : arcLaneStep / 2);
  return { from, control: { x: (from.x + to.x) / 2, y: layout.bandTop + 2 * dip }, to };
}

/** The point `t` (0..1) of the way along an arc. */
export function pointOnArc(arc: Arc, t: number): Point {
  const u = 1 - t;
  return {
    x: u * u * arc.from.x + 2 * u * t * arc.control.x + t * t * arc.to.x,
    y: u * u * arc.from.y + 2 * u * t * arc.control.y + t * t * arc.to.y,
  };
}

export function arcPath(arc: Arc): string {
  return `M ${arc.from.x} ${arc.from.y} Q ${arc.control.x} ${arc.control.y} ${arc.to.x} ${arc.to.y}`;
}
