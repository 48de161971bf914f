/**
 * The term sparkline: the cluster's highest term (ballot number) over virtual
 * time as a step line, drawn up to now. A livelock shows as a staircase.
 */
import { line, curveStepAfter, scaleLinear } from 'd3';
import type { TermPoint } from '../sim/noteTracker';

export interface SparkGeometry {
  width: number;
  height: number;
  /** Room left for the axis labels. */
  padLeft: number;
  padTop: number;
}

/** The y scale's top: at least 4, so that a quiet cluster's line stays low. */
export function sparkTop(terms: readonly TermPoint[]): number {
  return Math.max(4, ...terms.map((p) => p.term));
}

export function sparkX(g: SparkGeometry, durationUs: number) {
  return scaleLinear().domain([0, durationUs]).range([g.padLeft, g.width - 2]).clamp(true);
}

export function sparkY(g: SparkGeometry, top: number) {
  return scaleLinear().domain([0, top]).range([g.height - 3, g.padTop]);
}

/** The step path of `terms` from 0 to `nowUs`. */
export function termSparkPath(terms: readonly TermPoint[], nowUs: number, durationUs: number, g: SparkGeometry, top: number): string {
  const x = sparkX(g, durationUs);
  const y = sparkY(g, top);
  const shown = terms.filter((p) => p.timeUs <= nowUs);
  if (shown.length === 0) return '';
  const points: [number, number][] = shown.map((p) => [x(p.timeUs), y(p.term)]);
  points.push([x(nowUs), y(shown[shown.length - 1].term)]);
  return line().curve(curveStepAfter)(points) ?? '';
}
