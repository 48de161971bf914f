/**
 * A fixed-size set of operation indices in 32-bit words, with a Zobrist hash
 * (an XOR of one pseudo-random word per member) kept up to date on every
 * change, so that hashing the set of linearized operations costs O(1).
 */
import { fail } from '../../core/assert';

/** A well-mixed 32-bit word for index `i` (the murmur3 finalizer). */
export function zobristWord(i: number): number {
  let h = Math.imul(i + 1, 0x9e3779b9) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class Bitset {
  readonly size: number;
  readonly words: Uint32Array;
  /** XOR of `zobristWord(i)` over the members. */
  hash = 0;

  constructor(size: number) {
    if (!(Number.isInteger(size) && size >= 0)) fail(`bitset size must be a non-negative integer, got ${size}`);
    this.size = size;
    this.words = new Uint32Array((size + 31) >>> 5);
  }

  has(i: number): boolean {
    return (this.words[i >>> 5] & (1 << (i & 31))) !== 0;
  }

  set(i: number): void {
    // Checked with `if` rather than assert(): the message would be built on every call.
    if (!(i >= 0 && i < this.size)) throw new Error(`assertion failed: bitset index ${i} out of range 0..${this.size - 1}`);
    if (this.has(i)) throw new Error(`assertion failed: bitset index ${i} already set`);
    this.words[i >>> 5] |= 1 << (i & 31);
    this.hash = (this.hash ^ zobristWord(i)) >>> 0;
  }

  clear(i: number): void {
    if (!(i >= 0 && i < this.size)) throw new Error(`assertion failed: bitset index ${i} out of range 0..${this.size - 1}`);
    if (!this.has(i)) throw new Error(`assertion failed: bitset index ${i} not set`);
    this.words[i >>> 5] &= ~(1 << (i & 31));
    this.hash = (this.hash ^ zobristWord(i)) >>> 0;
  }

  /** Whether `words` (a snapshot of a bitset of the same size) holds the same members. */
  equalsWords(words: Uint32Array): boolean {
    const own = this.words;
    for (let w = 0; w < own.length; w++) if (own[w] !== words[w]) return false;
    return true;
  }

  snapshot(): Uint32Array {
    return this.words.slice();
  }

  count(): number {
    let total = 0;
    for (let w = 0; w < this.words.length; w++) {
      let v = this.words[w];
      v -= (v >>> 1) & 0x55555555;
      v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
      total += (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
    }
    return total;
  }
}
