/**
 * The space-time diagram's arithmetic: d3 scales from virtual time and lanes
 * to pixels, each arrow's line and head, and the words an arrow is read by.
 * React draws what these compute.
 */
import { scaleLinear, type ScaleLinear } from 'd3';
import type { LaneSpanVM, MessageArrowVM } from '../model/types';
import { endpointName } from './faultSpans';
import { formatMs } from './format';

export const spaceTimeGutter = 44;
export const spaceTimeRightPad = 16;
const top = 14;
const replicaLane = 46;
const clientLane = 30;
const axisHeight = 26;
/** A drop at send time is drawn as a stub this long (px), towards the receiver. */
export const stubLength = 18;

export interface SpaceTimeScales {
  width: number;
  height: number;
  x: ScaleLinear<number, number>;
  /** The centre line of each lane. */
  laneY: (endpoint: number) => number;
  /** Each lane's height. */
  laneHeight: (endpoint: number) => number;
  top: number;
  bottom: number;
}

export function spaceTimeScales(fromUs: number, toUs: number, nodeCount: number, clientLanes: number, width: number): SpaceTimeScales {
  const x = scaleLinear().domain([fromUs, Math.max(toUs, fromUs + 1)]).range([spaceTimeGutter, width - spaceTimeRightPad]);
  const endpoints = nodeCount + clientLanes;
  const lanesHeight = replicaLane * nodeCount + clientLane * clientLanes;
  // Replica lanes are taller than clerk lanes.
  const centres: number[] = [];
  let y = top;
  for (let i = 0; i < endpoints; i++) {
    const h = i < nodeCount ? replicaLane : clientLane;
    centres.push(y + h / 2);
    y += h;
  }
  const laneY = (endpoint: number) => centres[endpoint] ?? top;
  const laneHeight = (endpoint: number) => (endpoint < nodeCount ? replicaLane : clientLane);
  return { width, height: top + lanesHeight + axisHeight, x, laneY, laneHeight, top, bottom: top + lanesHeight };
}

export interface ArrowGeometry {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** The head's three points, or null (a drop ends in a cross instead). */
  head: [number, number][] | null;
  /** Where a cross is drawn (a drop), or null. */
  cross: [number, number] | null;
}

/**
 * The line of one arrow. Delivered: sender's lane at send to receiver's lane
 * at delivery. In flight: towards where it will arrive, cut at the present.
 * Dropped at send: a short stub towards the receiver; dropped later: to the
 * receiver's lane at the drop.
 */
export function arrowGeometry(arrow: MessageArrowVM, scales: SpaceTimeScales): ArrowGeometry {
  const { x, laneY } = scales;
  const x1 = x(arrow.sentUs);
  const y1 = laneY(arrow.from);
  const yTo = laneY(arrow.to);
  let x2 = x(arrow.endUs);
  let y2 = yTo;
  if (arrow.outcome === 'in-flight') {
    const span = arrow.deliverUs === null ? 0 : arrow.deliverUs - arrow.sentUs;
    const fraction = span <= 0 ? 0.5 : Math.min(1, Math.max(0, (arrow.endUs - arrow.sentUs) / span));
    y2 = y1 + (yTo - y1) * fraction;
  }
  if (arrow.outcome === 'dropped' && arrow.endUs <= arrow.sentUs) {
    const dy = yTo - y1;
    const dx = Math.max(8, Math.abs(dy) * 0.25);
    const length = Math.hypot(dx, dy) || 1;
    x2 = x1 + (dx / length) * stubLength;
    y2 = y1 + (dy / length) * stubLength;
  }
  if (arrow.outcome === 'dropped') return { x1, y1, x2, y2, head: null, cross: [x2, y2] };
  const angle = Math.atan2(y2 - y1, x2 - x1);
  const size = 7;
  const spread = 0.42;
  const head: [number, number][] = [
    [x2, y2],
    [x2 - size * Math.cos(angle - spread), y2 - size * Math.sin(angle - spread)],
    [x2 - size * Math.cos(angle + spread), y2 - size * Math.sin(angle + spread)],
  ];
  return { x1, y1, x2, y2, head, cross: null };
}

/** "AppendEntries n1→n3, sent 1203.4 ms, delivered 1211.0 ms". */
export function arrowLabel(arrow: MessageArrowVM, nodeCount: number): string {
  const route = `${arrow.type} ${endpointName(arrow.from, nodeCount)}→${endpointName(arrow.to, nodeCount)}, sent ${formatMs(arrow.sentUs)}`;
  switch (arrow.outcome) {
    case 'delivered':
      return `${route}, delivered ${formatMs(arrow.endUs)}${arrow.copy > 0 ? ' (duplicate)' : ''}`;
    case 'dropped':
      return `${route}, dropped ${formatMs(arrow.endUs)} (${arrow.dropReason ?? 'dropped'})`;
    case 'in-flight':
      return `${route}, in flight${arrow.deliverUs === null ? '' : `, arrives ${formatMs(arrow.deliverUs)}`}`;
  }
}

/** "n1: leader in term 3 from 120.0 ms; crashed from 400.0 ms to 600.0 ms". */
export function laneLabel(endpoint: number, nodeCount: number, spans: readonly LaneSpanVM[]): string {
  const name = endpointName(endpoint, nodeCount);
  const parts = spans
    .filter((s) => s.node === endpoint)
    .map((s) => `${s.kind === 'leader' ? `leader in term ${s.term}` : 'crashed'} from ${formatMs(s.fromUs)}${s.toUs === null ? ' on' : ` to ${formatMs(s.toUs)}`}`);
  return parts.length === 0 ? `${name} lane` : `${name} lane: ${parts.join('; ')}`;
}

/** An axis tick: milliseconds, with as many decimals as the step needs. */
export function msTick(us: number, stepUs: number): string {
  const decimals = stepUs >= 1000 ? 0 : stepUs >= 100 ? 1 : 2;
  return `${(us / 1000).toFixed(decimals)} ms`;
}
