/**
 * A stable 64-bit running hash (two independent 32-bit FNV-1a style lanes
 * mixed with Math.imul), used for the trace hash: cheap enough to update on
 * every event, and identical on every host and platform. The two lanes live
 * in a typed array (index 0 the high lane, 1 the low): unsigned 32-bit values
 * stored there need no boxing, where object fields holding them would.
 */
export type RunningHash = Uint32Array;

const hi = 0;
const lo = 1;

export function newRunningHash(): RunningHash {
  const h = new Uint32Array(2);
  h[hi] = 0x811c9dc5;
  h[lo] = 0x01000193 ^ 0x5bd1e995;
  return h;
}

export function mixInt(h: RunningHash, value: number): void {
  // Split into two 32-bit halves so that values above 2^32 (times in us) hash fully.
  const low = value >>> 0;
  const l = Math.imul(h[lo] ^ low, 0x01000193) >>> 0;
  h[lo] = l;
  h[hi] = Math.imul(h[hi] ^ low ^ (l >>> 7), 0x5bd1e995);
  if (value < 0 || value >= 4294967296) {
    const high = Math.floor(value / 4294967296) >>> 0;
    if (high !== 0) {
      h[lo] = Math.imul(h[lo] ^ high, 0x01000193);
      h[hi] = Math.imul(h[hi] ^ high, 0x5bd1e995);
    }
  }
}

/**
 * Five values at once, exactly as five `mixInt` calls would mix them, with
 * the lanes kept in locals (the trace mixes five values into every record).
 * `word` and `small` must be below 2^32.
 */
export function mixFive(h: RunningHash, word: number, v1: number, small: number, v3: number, v4: number): void {
  let l = h[lo];
  let g = h[hi];
  l = Math.imul(l ^ word, 0x01000193);
  g = Math.imul(g ^ word ^ (l >>> 7), 0x5bd1e995);
  l = Math.imul(l ^ v1, 0x01000193);
  g = Math.imul(g ^ v1 ^ (l >>> 7), 0x5bd1e995);
  if (v1 < 0 || v1 >= 4294967296) {
    const high = Math.floor(v1 / 4294967296) >>> 0;
    if (high !== 0) {
      l = Math.imul(l ^ high, 0x01000193);
      g = Math.imul(g ^ high, 0x5bd1e995);
    }
  }
  l = Math.imul(l ^ small, 0x01000193);
  g = Math.imul(g ^ small ^ (l >>> 7), 0x5bd1e995);
  l = Math.imul(l ^ v3, 0x01000193);
  g = Math.imul(g ^ v3 ^ (l >>> 7), 0x5bd1e995);
  if (v3 < 0 || v3 >= 4294967296) {
    const high = Math.floor(v3 / 4294967296) >>> 0;
    if (high !== 0) {
      l = Math.imul(l ^ high, 0x01000193);
      g = Math.imul(g ^ high, 0x5bd1e995);
    }
  }
  l = Math.imul(l ^ v4, 0x01000193);
  g = Math.imul(g ^ v4 ^ (l >>> 7), 0x5bd1e995);
  if (v4 < 0 || v4 >= 4294967296) {
    const high = Math.floor(v4 / 4294967296) >>> 0;
    if (high !== 0) {
      l = Math.imul(l ^ high, 0x01000193);
      g = Math.imul(g ^ high, 0x5bd1e995);
    }
  }
  h[lo] = l;
  h[hi] = g;
}

export function hashToHex(h: RunningHash): string {
  return h[hi].toString(16).padStart(8, '0') + h[lo].toString(16).padStart(8, '0');
}
