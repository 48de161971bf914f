/**
 * Benchmarks off the page's thread: the chosen benchmarks' series one after
 * another, each answered as soon as it is done, with progress a few times a
 * second in between. `runSeries` is synchronous, so this worker never reads
 * a message while it works: the page cancels by ending the worker.
 */
import { runSeries } from '../../engine/bench/runner';
import type { BenchAnswer, BenchRequest } from './benchMessages';
import { planSeries } from './benchPlan';

interface WorkerScope {
  onmessage: ((event: MessageEvent<BenchRequest>) => void) | null;
  postMessage(answer: BenchAnswer): void;
}

const scope = self as unknown as WorkerScope;

/** Progress messages at most this often: enough for a smooth bar, few enough not to flood the page. */
const progressEveryMs = 50;

function run(request: BenchRequest): void {
  const plan = planSeries(request.benchmarks, request.knobs);
  scope.postMessage({ type: 'plan', labels: plan.map((p) => p.label) });
  plan.forEach((item, index) => {
    let lastMs = -Infinity;
    const result = runSeries(item.series, {
      ops: request.knobs.ops,
      onProgress: (done, total) => {
        const nowMs = performance.now();
        if (nowMs - lastMs >= progressEveryMs) {
          lastMs = nowMs;
          scope.postMessage({ type: 'progress', index, done, total });
        }
        return true;
      },
    });
    if (result === null) throw new Error(`series ${item.label} stopped without a result`);
    scope.postMessage({ type: 'series-done', index, result: { ...result, name: item.label } });
  });
  scope.postMessage({ type: 'done' });
}

scope.onmessage = (event) => {
  try {
    run(event.data);
  } catch (error) {
    scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
