/**
 * Runs one linearizability check at a time in a dedicated worker. Starting a
 * new check or cancelling ends the worker of the one before (a search cannot
 * be interrupted from outside otherwise); the next check starts a fresh one.
 */
import type { OperationRecord } from '../engine/historyProjection';
import type { CheckAnswer, CheckRequest } from './checkMessages';

/** The checker gives up (verdict unknown) after this long. */
export const checkTimeLimitMs = 20_000;

export class CheckCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CheckCancelled';
  }
}

let worker: Worker | null = null;
let pending: { id: number; reject: (error: Error) => void } | null = null;
let nextId = 0;

function stop(): void {
  worker?.terminate();
  worker = null;
  if (pending !== null) {
    pending.reject(new CheckCancelled());
    pending = null;
  }
}

export function cancelCheckRun(): void {
  stop();
}

export function runCheck(records: OperationRecord[]): Promise<Extract<CheckAnswer, { type: 'result' }>> {
  stop();
  const id = ++nextId;
  const current = new Worker(new URL('./history.worker.ts', import.meta.url), { type: 'module', name: 'linearizability checker' });
  worker = current;
  return new Promise((resolve, reject) => {
    pending = { id, reject };
    const finish = () => {
      if (pending?.id === id) pending = null;
      current.terminate();
      if (worker === current) worker = null;
    };
    current.onmessage = (event: MessageEvent<CheckAnswer>) => {
      const data = event.data;
      if (data.id !== id) return;
      finish();
      if (data.type === 'error') reject(new Error(data.message));
      else resolve(data);
    };
    current.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      finish();
      reject(new Error(`the checker's worker failed: ${event.message || 'it could not be loaded'}`));
    };
    const request: CheckRequest = { id, records, timeLimitMs: checkTimeLimitMs };
    current.postMessage(request);
  });
}
