/**
 * Runs Table 1 in a module Web Worker, so the page keeps drawing while it
 * works: each finished cell fills the grid and moves the progress bar.
 * Cancel ends the worker at once (a cell in progress is simply dropped).
 */
import { partialConnectivityIds } from '../../../scenarios/index';
import { compareProtocols } from '../sim/compareSession';
import { maxTable1Seeds, useCompareStore } from '../store/compareStore';
import type { Table1Answer, Table1Request } from './table1Messages';

let worker: Worker | null = null;
let startedMs = 0;

const store = useCompareStore;

function finish(status: 'done' | 'cancelled' | 'failed', failure: string | null = null): void {
  worker?.terminate();
  worker = null;
  store.setState((draft) => {
    draft.table1.status = status;
    draft.table1.elapsedMs = Math.round(performance.now() - startedMs);
    draft.table1.failure = failure;
  });
}

function onAnswer(answer: Table1Answer): void {
  if (answer.type === 'done') {
    finish('done');
    return;
  }
  store.setState((draft) => {
    const t = draft.table1;
    t.done = answer.done;
    t.total = answer.total;
    if (answer.type === 'cell') t.cells.push(answer.cell);
    else t.errors.push({ scenario: answer.scenario, protocol: answer.protocol, message: answer.message });
  });
}

export function setTable1Seeds(count: number): void {
  const seedCount = Math.max(1, Math.min(maxTable1Seeds, Math.round(count)));
  store.setState((draft) => {
    draft.table1.seedCount = seedCount;
  });
}

export function startTable1(): void {
  cancelTable1();
  const seedCount = store.getState().table1.seedCount;
  const request: Table1Request = {
    scenarios: partialConnectivityIds,
    protocols: compareProtocols,
    seeds: Array.from({ length: seedCount }, (_, i) => i + 1),
  };
  startedMs = performance.now();
  store.setState((draft) => {
    draft.table1 = { status: 'running', seedCount, seedsRun: seedCount, done: 0, total: request.scenarios.length * request.protocols.length, cells: [], errors: [], elapsedMs: null, failure: null };
  });
  const current = new Worker(new URL('./table1.worker.ts', import.meta.url), { type: 'module', name: 'Table 1' });
  worker = current;
  current.onmessage = (event: MessageEvent<Table1Answer>) => {
    if (worker === current) onAnswer(event.data);
  };
  current.onerror = (event) => {
    event.preventDefault();
    if (worker === current) finish('failed', event.message || 'the Table 1 worker stopped');
  };
  current.postMessage(request);
}

export function cancelTable1(): void {
  if (worker === null) return;
  finish('cancelled');
}
