/**
 * Runs benchmarks in a module Web Worker, so the lab keeps animating while
 * they work: each finished series joins the run's result set, and progress
 * moves the bars. `runSeries` cannot be interrupted from outside, so Cancel
 * ends the worker at once (the series under way is dropped, the finished
 * ones are kept) and the next run starts a fresh one.
 */
import { castDraft } from 'immer';
import type { BenchKnobs } from '../../engine/bench/benchmarks';
import type { BenchAnswer, BenchRequest } from './benchMessages';
import { catalogueOrder } from './benchPlan';
import { maxKeptSets, useBenchStore, type BenchStatus } from './benchStore';
import type { BenchRunSet } from './benchTypes';

const store = useBenchStore;

let worker: Worker | null = null;
/** The set being filled by the worker under way. */
let running: BenchRunSet | null = null;

function elapsedMs(): number {
  return Math.round(performance.now() - store.getState().progress.startedMs);
}

/** Keep the set (when it has any series), draw it alone if it finished, and say how the run ended. */
function finish(status: Exclude<BenchStatus, 'idle' | 'running'>, failure: string | null = null): void {
  worker?.terminate();
  worker = null;
  const set = running;
  running = null;
  const elapsed = elapsedMs();
  store.setState((s) => {
    s.progress.status = status;
    s.progress.elapsedMs = elapsed;
    s.progress.failure = failure;
    if (set === null || set.series.length === 0) return;
    // Frozen at the top only: immer would otherwise freeze every operation one by one (a second's stall
    // for a million), and nothing ever changes a result once it is kept.
    const kept: BenchRunSet = Object.freeze({ ...set, status, wallMs: elapsed });
    s.sets.push(castDraft(kept));
    while (s.sets.length > maxKeptSets) {
      const dropped = s.sets.shift();
      s.drawn = s.drawn.filter((id) => id !== dropped?.id);
    }
    if (status === 'done') s.drawn = [kept.id];
  });
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

export function startBench(benchmarks: readonly string[], knobs: BenchKnobs): void {
  cancelBench();
  const ordered = catalogueOrder(benchmarks);
  const id = store.getState().nextSetId;
  running = { id, knobs, benchmarks: ordered, series: [], status: 'done', plannedSeries: 0, wallMs: 0 };
  store.setState((s) => {
    s.nextSetId = id + 1;
    s.progress = { status: 'running', labels: [], index: 0, done: 0, total: knobs.ops, finished: 0, startedMs: performance.now(), elapsedMs: null, failure: null };
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
  finish('cancelled');
}
