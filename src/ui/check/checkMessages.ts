/** What the page and the checker's worker say to each other. */
import type { KeyOrderVM } from '../model/types';
import type { OperationRecord } from '../engine/historyProjection';

export interface CheckRequest {
  id: number;
  records: OperationRecord[];
  /** Give up (verdict unknown) after this long. */
  timeLimitMs: number;
}

export type CheckAnswer =
  | {
      id: number;
      type: 'result';
      verdict: 'linearizable' | 'not-linearizable' | 'unknown';
      operations: number;
      elapsedMs: number;
      failingKey: string | null;
      /** History indices of the operations that could not go next (failing key). */
      stuck: number[];
      orders: KeyOrderVM[];
    }
  | { id: number; type: 'error'; message: string };
