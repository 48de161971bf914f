/** What the page and the Table 1 worker say to each other. */
import type { Table1Cell } from '../../../scenarios/table1';

export interface Table1Request {
  scenarios: readonly string[];
  protocols: readonly string[];
  seeds: readonly number[];
}

export type Table1Answer =
  | { type: 'cell'; cell: Table1Cell; done: number; total: number }
  /** A cell whose run failed (an invariant broke, or a step found no leader to bind). */
  | { type: 'cell-error'; scenario: string; protocol: string; message: string; done: number; total: number }
  | { type: 'done' };
