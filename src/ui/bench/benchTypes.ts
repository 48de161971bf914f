/** The page's record of benchmark runs: each press of Run makes one result set. */
import type { BenchKnobs } from '../../engine/bench/benchmarks';
import type { SeriesResult } from '../../engine/bench/runner';

export interface BenchRunSet {
  /** 1, 2, … in the order the runs were started. */
  id: number;
  knobs: BenchKnobs;
  /** The benchmarks chosen, in the catalogue's order. */
  benchmarks: string[];
  /** One per series finished (each `name` is the series' label). */
  series: SeriesResult[];
  /** Cancelled or failed: only the series finished before it stopped are here. */
  status: 'done' | 'cancelled' | 'failed';
  /** Series the run was to have. */
  plannedSeries: number;
  wallMs: number;
}

/** One series as drawn: its name on the charts (unique among those drawn) and where it came from. */
export interface DrawnSeries {
  name: string;
  setId: number;
  result: SeriesResult;
}
