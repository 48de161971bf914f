/**
 * The linearizability checker off the page's thread: it receives a run's
 * client history, checks it with the key-value model (partitioned by key) and
 * answers with the verdict, the order per key and where to draw each
 * operation's linearization point. A long search never freezes the page; the
 * page cancels one by ending this worker.
 */
import { check, kvModel } from '../../engine/check/linearizability/index';
import { toCheckerOperations } from '../../engine/clients/history';
import type { CheckAnswer, CheckRequest } from './checkMessages';
import { linearizationPoints } from './linearizationPoints';

interface WorkerScope {
  onmessage: ((event: MessageEvent<CheckRequest>) => void) | null;
  postMessage(answer: CheckAnswer): void;
}

const scope = self as unknown as WorkerScope;

function answer(request: CheckRequest): CheckAnswer {
  const { id, records } = request;
  const result = check(toCheckerOperations(records), kvModel, { clock: () => performance.now(), timeLimitMs: request.timeLimitMs });
  const failing = result.failingPartition === undefined ? undefined : result.linearization.find((p) => p.key === result.failingPartition?.key);
  return {
    id,
    type: 'result',
    verdict: result.verdict,
    operations: result.operations,
    elapsedMs: result.elapsedMs ?? 0,
    failingKey: failing === undefined ? null : (failing.key ?? ''),
    stuck: failing === undefined ? [] : [...failing.stuck],
    orders: result.linearization.map((p) => ({ key: p.key ?? '', verdict: p.verdict, ids: [...p.order], atUs: linearizationPoints(p.order, records) })),
  };
}

scope.onmessage = (event) => {
  try {
    scope.postMessage(answer(event.data));
  } catch (error) {
    scope.postMessage({ id: event.data.id, type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
