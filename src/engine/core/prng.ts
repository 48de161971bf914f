/**
 * Seeded pseudo-random numbers. One seed makes one world; every consumer draws
 * from its own stream derived from (seed, purpose), e.g. `network`, `faults`,
 * `workload`, `node:3`, so adding a node or a client never perturbs the draws
 * of the others.
 *
 * The generator is sfc32 (Chris Doty-Humphrey's Small Fast Counting generator):
 * 128 bits of state, passes PractRand, and is cheap in JavaScript because it
 * only needs 32-bit integer operations. Its state is plain data so that it can
 * be checkpointed, structured-cloned into a worker and hashed.
 */
export interface Rng {
  a: number;
  b: number;
  c: number;
  d: number;
}

/** 32-bit FNV-1a over a string; used to turn stream names into seeds. */
export function hashString32(text: string, basis = 0x811c9dc5): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A stream for one purpose, derived from the world seed and a name. */
export function deriveRng(seed: number, streamName: string): Rng {
  const rng: Rng = {
    a: hashString32(streamName, 0x9e3779b9 ^ (seed >>> 0)),
    b: hashString32(streamName, 0x85ebca6b ^ Math.floor(seed / 0x100000000)),
    c: (seed >>> 0) ^ 0xc2b2ae35,
    d: 1,
  };
  // Warm up so that nearby seeds diverge (sfc32 recommends 12+ rounds).
  for (let i = 0; i < 16; i++) nextU32(rng);
  return rng;
}

export function nextU32(rng: Rng): number {
  const t = (((rng.a + rng.b) | 0) + rng.d) | 0;
  rng.d = (rng.d + 1) | 0;
  rng.a = rng.b ^ (rng.b >>> 9);
  rng.b = (rng.c + (rng.c << 3)) | 0;
  rng.c = (rng.c << 21) | (rng.c >>> 11);
  rng.c = (rng.c + t) | 0;
  return t >>> 0;
}

/** Uniform in [0, 1). */
export function nextFloat(rng: Rng): number {
  return nextU32(rng) / 4294967296;
}

/** Uniform integer in [min, max], both inclusive. */
export function nextIntInclusive(rng: Rng, min: number, max: number): number {
  if (max <= min) return min;
  return min + Math.floor(nextFloat(rng) * (max - min + 1));
}

/** True with probability `ratio` (0 never draws true, 1 always). */
export function chance(rng: Rng, ratio: number): boolean {
  if (ratio <= 0) return false;
  if (ratio >= 1) return true;
  return nextFloat(rng) < ratio;
}

export function cloneRng(rng: Rng): Rng {
  return { a: rng.a, b: rng.b, c: rng.c, d: rng.d };
}
