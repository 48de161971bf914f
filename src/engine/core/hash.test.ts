import { describe, expect, it } from 'vitest';
import { deriveRng, nextU32 } from './prng';
import { mixFive, mixInt, newRunningHash } from './hash';

describe('running hash', () => {
  it('mixFive mixes exactly as five mixInt calls (times past 2^32 included)', () => {
    const rng = deriveRng(3, 'hash');
    const one = newRunningHash();
    const five = newRunningHash();
    for (let i = 0; i < 20_000; i++) {
      const word = nextU32(rng);
      const time = nextU32(rng) * (i % 3 === 0 ? 4096 : 1);
      const small = nextU32(rng);
      const a = i % 5 === 0 ? 0xffffffff : nextU32(rng) * (i % 7 === 0 ? 100_000 : 1);
      const b = i % 11 === 0 ? 2 ** 40 + i : i;
      for (const v of [word, time, small, a, b]) mixInt(one, v);
      mixFive(five, word, time, small, a, b);
      expect(five[0]).toBe(one[0]);
      expect(five[1]).toBe(one[1]);
    }
  });
});
