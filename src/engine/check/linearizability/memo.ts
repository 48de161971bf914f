/**
 * The set of configurations the search has already explored (Lowe,
 * "Testing for linearizability", 2017, §4.1): a configuration is the set of
 * linearized operations plus the (interned) model state. Entries live in flat
 * typed arrays, chained by hash, so adding one allocates nothing but the
 * occasional doubling.
 */
import type { Bitset } from './bitset';

/** Entries reserved up front; the arrays double when full. */
const initialCapacity = 1024;

export class ConfigurationCache {
  private readonly wordsPerEntry: number;
  private words: Uint32Array;
  private stateIds: Int32Array;
  /** Next entry with the same hash, or -1. */
  private chain: Int32Array;
  private readonly firstByHash = new Map<number, number>();
  size = 0;

  constructor(bitsetSize: number) {
    this.wordsPerEntry = (bitsetSize + 31) >>> 5;
    this.words = new Uint32Array(initialCapacity * this.wordsPerEntry);
    this.stateIds = new Int32Array(initialCapacity);
    this.chain = new Int32Array(initialCapacity);
  }

  /** Adds (linearized, stateId); returns false when it was already there. */
  add(linearized: Bitset, stateId: number): boolean {
    const h = (linearized.hash ^ Math.imul(stateId + 1, 0x9e3779b1)) >>> 0;
    const width = this.wordsPerEntry;
    const live = linearized.words;
    const first = this.firstByHash.get(h);
    for (let e = first ?? -1; e !== -1; e = this.chain[e]) {
      if (this.stateIds[e] !== stateId) continue;
      const base = e * width;
      let same = true;
      for (let w = 0; w < width; w++) {
        if (this.words[base + w] !== live[w]) {
          same = false;
          break;
        }
      }
      if (same) return false;
    }
    if (this.size === this.stateIds.length) this.grow();
    const e = this.size++;
    this.words.set(live, e * width);
    this.stateIds[e] = stateId;
    this.chain[e] = first ?? -1;
    this.firstByHash.set(h, e);
    return true;
  }

  private grow(): void {
    const capacity = this.stateIds.length * 2;
    const words = new Uint32Array(capacity * this.wordsPerEntry);
    words.set(this.words);
    this.words = words;
    const stateIds = new Int32Array(capacity);
    stateIds.set(this.stateIds);
    this.stateIds = stateIds;
    const chain = new Int32Array(capacity);
    chain.set(this.chain);
    this.chain = chain;
  }
}
