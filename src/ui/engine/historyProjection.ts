/**
 * The client history as the page needs it: a mirror of the world's history,
 * re-read only when an operation started or returned, and the operations
 * that fall in the history view's window, as view models that keep their
 * identity while unchanged (so that a bar that did not change is not drawn
 * again).
 */
import type { WorldBase } from '../../engine/index';
import type { HistoryOpVM, HistoryWindowVM } from '../model/types';

export type OperationRecord = ReturnType<WorldBase['history']>[number];

/** Most operations the view draws; the newest are kept. */
export const maxDrawnOps = 600;
/**
 * Reading the history copies all of it (the engine has no "since" read yet),
 * so a long history is re-read at most this often (wall time).
 */
const longHistory = 20_000;
const longHistoryRefreshMs = 250;
/** How far before the window an operation that overlaps it may have started (retries behind a long partition). */
const lookBackUs = 60_000_000;

/** The window of virtual time the view shows. */
export function historyWindowAt(view: HistoryWindowVM, nowUs: number): { fromUs: number; toUs: number } {
  if (view.mode === 'follow') {
    const toUs = Math.max(nowUs, view.widthUs);
    return { fromUs: toUs - view.widthUs, toUs };
  }
  const fromUs = Math.max(0, view.centerUs - view.widthUs / 2);
  return { fromUs, toUs: fromUs + view.widthUs };
}

function sameOp(vm: HistoryOpVM, r: OperationRecord): boolean {
  return vm.returnUs === r.returnUs && vm.output === r.output && vm.invokeUs === r.invokeUs && vm.key === r.key && vm.client === r.client;
}

export function operationVM(r: OperationRecord, id: number): HistoryOpVM {
  return { id, client: r.client, kind: r.kind, key: r.key, value: r.value, output: r.output, invokeUs: r.invokeUs, returnUs: r.returnUs };
}

export class HistoryProjector {
  private records: OperationRecord[] = [];
  private invoked = -1;
  private completed = -1;
  private readonly cache = new Map<number, HistoryOpVM>();
  private lastReadMs = -Infinity;

  /** Re-read the world's history if any operation started or returned since the last read (`wallMs`: the page's clock, for long histories). */
  refresh(base: WorldBase, wallMs = 0): void {
    const stats = base.stats();
    if (stats.opsInvoked === this.invoked && stats.opsCompleted === this.completed) return;
    if (this.records.length > longHistory && stats.opsInvoked >= this.invoked && wallMs - this.lastReadMs < longHistoryRefreshMs) return;
    this.lastReadMs = wallMs;
    this.invoked = stats.opsInvoked;
    this.completed = stats.opsCompleted;
    this.records = base.history();
  }

  /** Forget everything: the world went back in time, or was rebuilt. */
  reset(): void {
    this.records = [];
    this.invoked = -1;
    this.completed = -1;
    this.lastReadMs = -Infinity;
    this.cache.clear();
  }

  get total(): number {
    return this.records.length;
  }

  get completedCount(): number {
    return Math.max(0, this.completed);
  }

  /** Operations overlapping [fromUs, toUs]; one that has not returned reaches the present. */
  inWindow(fromUs: number, toUs: number): { ops: HistoryOpVM[]; truncated: boolean } {
    const hits: number[] = [];
    // Operations are in call order: skip, by bisection, those that started long before the window.
    let lo = 0;
    let hi = this.records.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.records[mid].invokeUs < fromUs - lookBackUs) lo = mid + 1;
      else hi = mid;
    }
    for (let id = lo; id < this.records.length; id++) {
      const r = this.records[id];
      if (r.invokeUs > toUs) break;
      if (r.returnUs !== null && r.returnUs < fromUs) continue;
      hits.push(id);
    }
    const truncated = hits.length > maxDrawnOps;
    const kept = truncated ? hits.slice(hits.length - maxDrawnOps) : hits;
    const ops = kept.map((id) => {
      const r = this.records[id];
      const cached = this.cache.get(id);
      if (cached !== undefined && sameOp(cached, r)) return cached;
      const vm = operationVM(r, id);
      this.cache.set(id, vm);
      return vm;
    });
    if (this.cache.size > 4 * maxDrawnOps) {
      const keep = new Set(kept);
      for (const id of [...this.cache.keys()]) if (!keep.has(id)) this.cache.delete(id);
    }
    return { ops, truncated };
  }
}
