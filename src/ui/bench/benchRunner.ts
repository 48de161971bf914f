/**
 * Runs benchmarks in a module Web Worker, so the lab keeps animating while
 * they work: each finished series joins the run's result set, and progress
 * moves the bars. `runSeries` cannot be interrupted from outside, so Cancel
 * ends the worker at once (the series under way is dropped, the finished
 * ones are kept) and the next run starts a fresh one. Several seeds in one
 * press run one after another, a result set each, and are drawn together.
 */
import { castDraft } from 'immer';
import type { BenchKnobs } from '../../engine/bench/benchmarks';
import type { BenchAnswer, BenchRequest } from './benchMessages';
import { catalogueOrder } from './benchPlan';
import { idleProgress, maxKeptSets, useBenchStore, type BenchStatus } from './benchStore';
import type { BenchRunSet } from './benchTypes';

const store = useBenchStore;

let worker: Worker | null = null;
/** The set being filled by the worker under way. */
let running: BenchRunSet | null = null;
/** The press under way: its benchmarks and knobs, and the ids of the sets its seeds made so far. */
let batch: { benchmarks: string[]; knobs: BenchKnobs; ids: number[] } | null = null;
/** When the set under way started (a press's sets each have their own wall time). */
let setStartedMs = 0;

function elapsedMs(): number {
  return Math.round(performance.now() - store.getState().progress.startedMs);
}

/**
 * Keep the set (when it has any series) and say how the run ended. A seed
 * that finished starts the press's next one; when the last has, the press's
 * sets are drawn together (alone, for one seed).
 */
function finish(status: Exclude<BenchStatus, 'idle' | 'running'>, failure: string | null = null): void {
  worker?.terminate();
  worker = null;
  const set = running;
  running = null;
  const press = batch;
  const { seeds, seedIndex } = store.getState().progress;
  const next = status === 'done' && press !== null && seedIndex + 1 < seeds.length ? seedIndex + 1 : null;
  if (next === null) batch = null;
  const elapsed = elapsedMs();
  store.setState((s) => {
    s.progress.status = next === null ? status : 'running';
    s.progress.elapsedMs = next === null ? elapsed : null;
    s.progress.failure = failure;
    if (set === null || set.series.length === 0) return;
    // Frozen at the top only: immer would otherwise freeze every operation one by one (a second's stall
    // for a million), and nothing ever changes a result once it is kept.
    const kept: BenchRunSet = Object.freeze({ ...set, status, wallMs: Math.round(performance.now() - setStartedMs) });
    s.sets.push(castDraft(kept));
    press?.ids.push(kept.id);
    while (s.sets.length > maxKeptSets) {
      const dropped = s.sets.shift();
      s.drawn = s.drawn.filter((id) => id !== dropped?.id);
    }
    if (status === 'done' && press !== null) s.drawn = s.sets.filter((k) => press.ids.includes(k.id)).map((k) => k.id);
  });
  if (next !== null && press !== null) startSeed(press, seeds[next], next);
}

function onAnswer(answer: BenchAnswer): void {
  switch (answer.type) {
    case 'plan':
      if (running !== null) running.plannedSeries = answer.labels.length;
      store.setState((s) => {
        s.progress.labels = answer.labels;
      });
      return;
    case 'progress':
      store.setState((s) => {
        s.progress.index = answer.index;
        s.progress.done = answer.done;
        s.progress.total = answer.total;
      });
      return;
    case 'series-done':
      running?.series.push(answer.result);
      store.setState((s) => {
        // On to the next series (the last one stays put until 'done').
        s.progress.finished = answer.index + 1;
        if (answer.index + 1 < s.progress.labels.length) {
          s.progress.index = answer.index + 1;
          s.progress.done = 0;
        } else {
          s.progress.done = s.progress.total;
        }
      });
      return;
    case 'done':
      finish('done');
      return;
    case 'error':
      finish('failed', answer.message);
      return;
  }
}

/** Run `benchmarks` on seeds knobs.seed … knobs.seed + seedCount − 1, one result set each. */
export function startBench(benchmarks: readonly string[], knobs: BenchKnobs, seedCount = 1): void {
  cancelBench();
  const press = { benchmarks: catalogueOrder(benchmarks), knobs, ids: [] };
  batch = press;
  const seeds = Array.from({ length: seedCount }, (_, i) => knobs.seed + i);
  store.setState((s) => {
    s.progress = { ...idleProgress, status: 'running', total: knobs.ops, seeds, startedMs: performance.now() };
  });
  startSeed(press, seeds[0], 0);
}

function startSeed(press: NonNullable<typeof batch>, seed: number, seedIndex: number): void {
  const ordered = press.benchmarks;
  const knobs = { ...press.knobs, seed };
  const id = store.getState().nextSetId;
  setStartedMs = performance.now();
  running = { id, knobs, benchmarks: ordered, series: [], status: 'done', plannedSeries: 0, wallMs: 0 };
  store.setState((s) => {
    s.nextSetId = id + 1;
    s.progress = { ...s.progress, status: 'running', labels: [], index: 0, done: 0, total: knobs.ops, finished: 0, seedIndex, elapsedMs: null, failure: null };
  });
  const current = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module', name: 'benchmarks' });
  worker = current;
  current.onmessage = (event: MessageEvent<BenchAnswer>) => {
    if (worker === current) onAnswer(event.data);
  };
  current.onerror = (event) => {
    event.preventDefault();
    if (worker === current) finish('failed', event.message || 'the benchmark worker stopped');
  };
  const request: BenchRequest = { benchmarks: ordered, knobs };
  current.postMessage(request);
}

export function cancelBench(): void {
  if (worker === null) return;
  batch = null;
  finish('cancelled');
}
