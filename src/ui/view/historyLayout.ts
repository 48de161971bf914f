/**
 * The history view's arithmetic: d3 scales from virtual time and clients to
 * pixels, operation labels, and the marks of a linearization (the points
 * per key that fall in the window). React draws what these compute.
 */
import { scaleBand, scaleLinear, schemeTableau10, type ScaleBand, type ScaleLinear } from 'd3';
import type { HistoryOpVM, KeyOrderVM } from '../model/types';

/** The width drawn at when the container's is not known yet. */
export const defaultChartWidth = 860;
export const gutter = 40;
export const rightPad = 14;
export const faultBand = 18;
export const laneHeight = 34;
export const axisHeight = 24;

export interface HistoryScales {
  width: number;
  x: ScaleLinear<number, number>;
  lane: ScaleBand<number>;
  /** Top of the lanes. */
  top: number;
  height: number;
  barHeight: number;
}

export function historyScales(fromUs: number, toUs: number, clientCount: number, faultRows: number, width = defaultChartWidth): HistoryScales {
  const top = faultBand * Math.max(1, faultRows) + 4;
  const lanesHeight = laneHeight * clientCount;
  const x = scaleLinear().domain([fromUs, toUs]).range([gutter, width - rightPad]);
  const lane = scaleBand<number>()
    .domain(Array.from({ length: clientCount }, (_, i) => i))
    .range([top, top + lanesHeight])
    .paddingInner(0.25)
    .paddingOuter(0.125);
  return { width, x, lane, top, height: top + lanesHeight + axisHeight, barHeight: lane.bandwidth() };
}

export function clientName(client: number): string {
  return `c${client + 1}`;
}

/** The end of a value, which is what differs between appends ("…3.12 3.13"). */
export function shortValue(value: string | null, max = 14): string {
  const text = (value ?? '').trimEnd();
  return text.length > max ? '…' + text.slice(text.length - max + 1) : text;
}

const kindLetter: Record<HistoryOpVM['kind'], string> = { get: 'G', put: 'P', append: 'A', cas: 'C' };

/** `A k1 "0.3"`, `G k0 → "…3.12 3.13"`, `G k0 → ?` while unanswered. */
export function opLabel(op: HistoryOpVM): string {
  const letter = kindLetter[op.kind];
  if (op.kind === 'get') return `${letter} ${op.key} → ${op.returnUs === null ? '?' : `"${shortValue(op.output)}"`}`;
  return `${letter} ${op.key} "${shortValue(op.value)}"`;
}

function seconds(us: number): string {
  return `${(us / 1_000_000).toFixed(3)} s`;
}

/** In words, for titles and screen readers. */
export function opDescription(op: HistoryOpVM): string {
  const who = clientName(op.client);
  const when = `called at ${seconds(op.invokeUs)}, ${op.returnUs === null ? 'no answer yet (outcome unknown)' : `returned at ${seconds(op.returnUs)}`}`;
  switch (op.kind) {
    case 'get':
      return `${who} get ${op.key}${op.returnUs === null ? '' : ` read "${(op.output ?? '').trimEnd()}"`}, ${when}`;
    case 'put':
      return `${who} put ${op.key} = "${(op.value ?? '').trimEnd()}", ${when}`;
    case 'append':
      return `${who} append "${(op.value ?? '').trimEnd()}" to ${op.key}, ${when}`;
    case 'cas':
      return `${who} compare-and-set ${op.key}, ${when}`;
  }
}

/** Roughly how wide a label is drawn at the chart's 10.5 px monospace. */
export function labelWidth(text: string): number {
  return text.length * 6.4 + 8;
}

/** A colour per key, stable for a key name (k0, k1, …). */
export function keyColor(key: string): string {
  const match = /(\d+)$/.exec(key);
  const index = match === null ? key.length : Number(match[1]);
  return schemeTableau10[index % schemeTableau10.length];
}

export interface OrderMark {
  id: number;
  /** 1-based place in the key's order. */
  rank: number;
  atUs: number;
  client: number;
}

/**
 * The points of each key's order that fall in [fromUs, toUs] and belong to
 * operations drawn; in order, so a line through them reads left to right.
 */
export function orderMarks(orders: readonly KeyOrderVM[], opsById: ReadonlyMap<number, HistoryOpVM>, fromUs: number, toUs: number): { key: string; marks: OrderMark[] }[] {
  return orders.map((order) => {
    const marks: OrderMark[] = [];
    for (let i = 0; i < order.ids.length; i++) {
      const at = order.atUs[i];
      if (at < fromUs || at > toUs) continue;
      const op = opsById.get(order.ids[i]);
      if (op === undefined) continue;
      marks.push({ id: op.id, rank: i + 1, atUs: at, client: op.client });
    }
    return { key: order.key, marks };
  });
}

/** Fault labels in rows, so that labels of overlapping spans do not collide. */
export function stackRows(starts: readonly { x: number; width: number }[]): number[] {
  const rowEnds: number[] = [];
  return starts.map(({ x, width }) => {
    let row = rowEnds.findIndex((end) => end <= x);
    if (row < 0) {
      row = rowEnds.length;
      rowEnds.push(0);
    }
    rowEnds[row] = x + width;
    return row;
  });
}

export function tickLabel(us: number, stepUs: number): string {
  const decimals = stepUs >= 1_000_000 ? 0 : stepUs >= 100_000 ? 1 : stepUs >= 10_000 ? 2 : 3;
  return `${(us / 1_000_000).toFixed(decimals)} s`;
}
