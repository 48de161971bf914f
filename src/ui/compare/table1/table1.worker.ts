/**
 * Table 1 off the page's thread: every scenario × protocol cell over the
 * requested seeds, one `table1Cell` call per cell, each answered as soon as
 * it is done so the page can fill the grid and move its progress bar. The
 * page cancels a run by ending this worker.
 */
import { table1Cell } from '../../../scenarios/table1';
import type { Table1Answer, Table1Request } from './table1Messages';

interface WorkerScope {
  onmessage: ((event: MessageEvent<Table1Request>) => void) | null;
  postMessage(answer: Table1Answer): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const { scenarios, protocols, seeds } = event.data;
  const total = scenarios.length * protocols.length;
  let done = 0;
  for (const scenario of scenarios) {
    for (const protocol of protocols) {
      try {
        const cell = table1Cell(scenario, protocol, seeds);
        done++;
        scope.postMessage({ type: 'cell', cell, done, total });
      } catch (error) {
        done++;
        scope.postMessage({ type: 'cell-error', scenario, protocol, message: error instanceof Error ? error.message : String(error), done, total });
      }
    }
  }
  scope.postMessage({ type: 'done' });
};
