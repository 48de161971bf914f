/**
 * The Benchmarks panel's own store, apart from the lab's: the knobs as
 * typed, the benchmarks chosen, the run under way, the result sets kept for
 * comparison and which of them are drawn. It outlives the panel, so a run
 * goes on (and its results stay) while another tab is shown.
 */
import { create } from 'zustand';
import { immer } from 'zustand/middleware/immer';
import { defaultBenchKnobs } from '../../engine/bench/benchmarks';
import type { BenchRunSet } from './benchTypes';
import { draftOf, type KnobDraft } from './knobs';

/** Result sets kept; the oldest goes first. Each holds every operation of its series. */
export const maxKeptSets = 20;

export type BenchStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export interface BenchProgressVM {
  status: BenchStatus;
  /** The run's series, by label (empty until the worker has planned them). */
  labels: string[];
  /** The series under way (or the last one). */
  index: number;
  /** Operations completed in it, of `total`. */
  done: number;
  total: number;
  /** Series finished. */
  finished: number;
  /** Several seeds in one press: the seeds in order, and the one under way (index into them). */
  seeds: number[];
  seedIndex: number;
  startedMs: number;
  elapsedMs: number | null;
  failure: string | null;
}

export const idleProgress: BenchProgressVM = { status: 'idle', labels: [], index: 0, done: 0, total: 0, finished: 0, seeds: [], seedIndex: 0, startedMs: 0, elapsedMs: null, failure: null };

export interface BenchState {
  draft: KnobDraft;
  /** Benchmark names ticked. */
  chosen: string[];
  /** Set when Run was pressed with a problem, so problems show from then on. */
  triedRun: boolean;
  progress: BenchProgressVM;
  sets: BenchRunSet[];
  /** Ids of the sets drawn together. */
  drawn: number[];
  logX: boolean;
  nextSetId: number;
}

export const useBenchStore = create<BenchState>()(
  immer(() => ({
    draft: draftOf(defaultBenchKnobs),
    chosen: ['A', 'B', 'C'],
    triedRun: false,
    progress: idleProgress,
    sets: [],
    drawn: [],
    logX: false,
    nextSetId: 1,
  })),
);
