/**
 * A node's durable storage. Writes are buffered and become durable only at an
 * explicit sync; a crash throws away what was not synced. Values and list items
 * are treated as immutable, so the durable copy can share them with the
 * replica's live state without copying.
 */
import type { Durable } from '../protocols/contract';

export type DiskOp =
  | { op: 'write'; key: string; value: unknown }
  | { op: 'append'; key: string; items: readonly unknown[] }
  | { op: 'truncate'; key: string; length: number }
  | { op: 'discardPrefix'; key: string; count: number };

export interface DiskState {
  values: Record<string, unknown>;
  lists: Record<string, unknown[]>;
  pending: DiskOp[];
  /** Number of syncs so far, and bytes-ish count of durable list items (for inspection). */
  syncs: number;
}

export function createDisk(): DiskState {
  return { values: {}, lists: {}, pending: [], syncs: 0 };
}

export function syncDisk(disk: DiskState): void {
  const pending = disk.pending;
  for (let i = 0; i < pending.length; i++) {
    const op = pending[i];
    switch (op.op) {
      case 'write':
        disk.values[op.key] = op.value;
        break;
      case 'append': {
        const list = disk.lists[op.key] ?? (disk.lists[op.key] = []);
        const items = op.items;
        for (let k = 0; k < items.length; k++) list.push(items[k]);
        break;
      }
      case 'truncate': {
        const list = disk.lists[op.key];
        if (list && list.length > op.length) list.length = op.length;
        break;
      }
      case 'discardPrefix': {
        const list = disk.lists[op.key];
        if (list) list.splice(0, Math.min(op.count, list.length));
        break;
      }
    }
  }
  if (pending.length > 0) pending.length = 0;
  disk.syncs++;
}

/** What a restarting node sees: the synced state only, as fresh lists it may own. */
export function readDurable(disk: DiskState): Durable {
  const lists: Record<string, unknown[]> = {};
  for (const key of Object.keys(disk.lists)) lists[key] = disk.lists[key].slice();
  return { values: { ...disk.values }, lists };
}

export function crashDisk(disk: DiskState): void {
  disk.pending.length = 0;
}

export function diskIsEmpty(disk: DiskState): boolean {
  return Object.keys(disk.values).length === 0 && Object.keys(disk.lists).length === 0;
}
