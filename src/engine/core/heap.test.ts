import { describe, expect, it } from 'vitest';
import { deriveRng, nextIntInclusive } from './prng';
import { heapPop, heapPush, slottedMoved, slottedPop, slottedPush, type Slotted, type Timed } from './heap';

const order = (a: Timed, b: Timed) => a.timeUs - b.timeUs || a.seq - b.seq;

describe('event heaps', () => {
  it('pop in (time, seq) order, ties broken by sequence', () => {
    const rng = deriveRng(7, 'heap');
    const heap: Timed[] = [];
    const all: Timed[] = [];
    for (let seq = 0; seq < 2000; seq++) {
      const item = { timeUs: nextIntInclusive(rng, 0, 50), seq };
      heapPush(heap, item);
      all.push(item);
    }
    const popped: Timed[] = [];
    for (let item = heapPop(heap); item !== undefined; item = heapPop(heap)) popped.push(item);
    expect(popped).toEqual(all.sort(order));
  });

  it('a slotted heap holds one item per slot: re-arming a slot moves it, and pops match a plain model', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rng = deriveRng(seed, 'slotted');
      const heap: Slotted[] = [];
      const index = new Array<number>(16).fill(-1);
      // The model: the live item of each slot, if any.
      const model = new Map<number, Slotted>();
      let seq = 0;
      for (let step = 0; step < 3000; step++) {
        if (nextIntInclusive(rng, 0, 2) > 0) {
          const slot = nextIntInclusive(rng, 0, 15);
          const timeUs = nextIntInclusive(rng, 0, 200);
          const at = index[slot];
          if (at < 0) {
            const item = { timeUs, seq: seq++, slot };
            slottedPush(heap, index, item);
            model.set(slot, item);
          } else {
            const item = heap[at];
            item.timeUs = timeUs;
            item.seq = seq++;
            slottedMoved(heap, index, at);
            model.set(slot, item);
          }
        } else {
          const expected = [...model.values()].sort(order)[0];
          const got = slottedPop(heap, index);
          expect(got).toBe(expected);
          if (expected !== undefined) model.delete(expected.slot);
        }
        expect(heap.length).toBe(model.size);
        heap.forEach((item, i) => expect(index[item.slot]).toBe(i));
      }
    }
  });
});
