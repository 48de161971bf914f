/**
 * A stable 64-bit running hash (two independent 32-bit FNV-1a style lanes
 * mixed with Math.imul), used for the trace hash: cheap enough to update on
 * every event, and identical on every host and platform.
 */
export interface RunningHash {
  hi: number;
  lo: number;
}

export function newRunningHash(): RunningHash {
  return { hi: 0x811c9dc5, lo: 0x01000193 ^ 0x5bd1e995 };
}

export function mixInt(h: RunningHash, value: number): void {
  // Split into two 32-bit halves so that values above 2^32 (times in us) hash fully.
  const low = value >>> 0;
  const high = value >= 0 && value < 4294967296 ? 0 : Math.floor(value / 4294967296) >>> 0;
  h.lo = Math.imul(h.lo ^ low, 0x01000193) >>> 0;
  h.hi = Math.imul(h.hi ^ low ^ (h.lo >>> 7), 0x5bd1e995) >>> 0;
  if (high !== 0) {
    h.lo = Math.imul(h.lo ^ high, 0x01000193) >>> 0;
    h.hi = Math.imul(h.hi ^ high, 0x5bd1e995) >>> 0;
  }
}

export function mixString(h: RunningHash, text: string): void {
  for (let i = 0; i < text.length; i++) mixInt(h, text.charCodeAt(i));
  mixInt(h, text.length);
}

export function hashToHex(h: RunningHash): string {
  return h.hi.toString(16).padStart(8, '0') + h.lo.toString(16).padStart(8, '0');
}
