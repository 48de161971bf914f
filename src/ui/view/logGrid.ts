/**
 * The log grid: one row per node, one column per log index, aligned so that
 * equal indices line up across nodes (where logs agree and where they do
 * not is then plain to see). Only the newest indices fit; older ones scroll
 * out to the left.
 */
import type { NodeVM } from '../model/types';

export type CellState =
  /** Compacted into the node's snapshot. */
  | 'compacted'
  /** In the log and committed on this node. */
  | 'committed'
  /** In the log, not yet known committed on this node. */
  | 'uncommitted'
  /** In the log, but older than the entries the view carries. */
  | 'unknown'
  /** Beyond the node's last index. */
  | 'empty';

export interface LogCell {
  index: number;
  state: CellState;
  /** Term of the entry, 0 when not known. */
  term: number;
}

/** Indices shown: the newest `columns` up to the highest last index of any node (at least 1..columns). */
export function gridWindow(nodes: readonly NodeVM[], columns: number): { first: number; last: number } {
  let highest = 0;
  for (const n of nodes) highest = Math.max(highest, n.lastIndex);
  const last = Math.max(highest, columns);
  return { first: last - columns + 1, last };
}

export function logCells(node: NodeVM, first: number, last: number): LogCell[] {
  const cells: LogCell[] = [];
  for (let index = first; index <= last; index++) {
    if (index <= node.snapshotIndex) {
      cells.push({ index, state: 'compacted', term: index === node.snapshotIndex ? node.snapshotTerm : 0 });
    } else if (index > node.lastIndex) {
      cells.push({ index, state: 'empty', term: 0 });
    } else {
      const offset = index - node.logTermsFromIndex;
      if (offset < 0 || offset >= node.logTerms.length) cells.push({ index, state: 'unknown', term: 0 });
      else cells.push({ index, state: index <= node.commitIndex ? 'committed' : 'uncommitted', term: node.logTerms[offset] });
    }
  }
  return cells;
}
