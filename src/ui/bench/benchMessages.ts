/** What the page and the benchmark worker say to each other. */
import type { BenchKnobs } from '../../engine/bench/benchmarks';
import type { SeriesResult } from '../../engine/bench/runner';

export interface BenchRequest {
  benchmarks: string[];
  knobs: BenchKnobs;
}

export type BenchAnswer =
  /** The series to run, by label, before the first starts. */
  | { type: 'plan'; labels: string[] }
  /** Operations completed after the warm-up in the series under way (sent a few times a second). */
  | { type: 'progress'; index: number; done: number; total: number }
  /** A series finished; its `name` is its label. */
  | { type: 'series-done'; index: number; result: SeriesResult }
  | { type: 'done' }
  | { type: 'error'; message: string };
