/**
 * A binary min-heap of simulator events ordered by (timeUs, seq). The
 * sequence number is assigned when an event is scheduled, so ties in time
 * break in scheduling order and the order is total: nothing else decides it.
 *
 * Specialised for one record shape (rather than a comparator callback) since
 * it sits on the hottest path of the simulator.
 */
export interface Timed {
  timeUs: number;
  seq: number;
}

export function heapPush<T extends Timed>(heap: T[], item: T): void {
  let i = heap.length;
  heap.push(item);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const p = heap[parent];
    if (p.timeUs < item.timeUs || (p.timeUs === item.timeUs && p.seq < item.seq)) break;
    heap[i] = p;
    i = parent;
  }
  heap[i] = item;
}

export function heapPop<T extends Timed>(heap: T[]): T | undefined {
  const n = heap.length;
  if (n === 0) return undefined;
  const top = heap[0];
  const last = heap.pop() as T;
  if (n === 1) return top;
  const size = n - 1;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= size) break;
    const right = left + 1;
    let child = left;
    let c = heap[left];
    if (right < size) {
      const r = heap[right];
      if (r.timeUs < c.timeUs || (r.timeUs === c.timeUs && r.seq < c.seq)) {
        child = right;
        c = r;
      }
    }
    if (last.timeUs < c.timeUs || (last.timeUs === c.timeUs && last.seq < c.seq)) break;
    heap[i] = c;
    i = child;
  }
  heap[i] = last;
  return top;
}

export function heapPeek<T extends Timed>(heap: readonly T[]): T | undefined {
  return heap[0];
}
