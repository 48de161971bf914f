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

/**
 * A heap of items that each own a slot (for the simulator: one timer id of
 * one endpoint). `index[slot]` is the item's position in the heap, or −1.
 * Re-arming a slot moves its one item instead of adding another, so
 * superseded timers never pile up in the queue.
 */
export interface Slotted extends Timed {
  slot: number;
}

function before(a: Timed, b: Timed): boolean {
  return a.timeUs < b.timeUs || (a.timeUs === b.timeUs && a.seq < b.seq);
}

function siftUp<T extends Slotted>(heap: T[], index: number[], at: number): void {
  const item = heap[at];
  let i = at;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const p = heap[parent];
    if (!before(item, p)) break;
    heap[i] = p;
    index[p.slot] = i;
    i = parent;
  }
  heap[i] = item;
  index[item.slot] = i;
}

function siftDown<T extends Slotted>(heap: T[], index: number[], at: number): void {
  const size = heap.length;
  const item = heap[at];
  let i = at;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= size) break;
    const right = left + 1;
    let child = left;
    let c = heap[left];
    if (right < size && before(heap[right], c)) {
      child = right;
      c = heap[right];
    }
    if (!before(c, item)) break;
    heap[i] = c;
    index[c.slot] = i;
    i = child;
  }
  heap[i] = item;
  index[item.slot] = i;
}

/** Add an item whose slot holds none. */
export function slottedPush<T extends Slotted>(heap: T[], index: number[], item: T): void {
  heap.push(item);
  siftUp(heap, index, heap.length - 1);
}

/** The item at `at` got a new key: restore the order. */
export function slottedMoved<T extends Slotted>(heap: T[], index: number[], at: number): void {
  if (at > 0 && before(heap[at], heap[(at - 1) >> 1])) siftUp(heap, index, at);
  else siftDown(heap, index, at);
}

export function slottedPop<T extends Slotted>(heap: T[], index: number[]): T | undefined {
  const top = heap[0];
  if (top === undefined) return undefined;
  index[top.slot] = -1;
  const last = heap.pop() as T;
  if (heap.length > 0) {
    heap[0] = last;
    siftDown(heap, index, 0);
  }
  return top;
}
