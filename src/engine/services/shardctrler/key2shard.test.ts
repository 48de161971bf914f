/** key2shard: every key in range, the same shard everywhere and always, and the lab's `k0` … keys spread out. */
import { describe, expect, it } from 'vitest';
import { key2shard } from './key2shard';

describe('key2shard', () => {
  it('is a stable function of the key (pinned values: a change here would move every stored key)', () => {
    expect(['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8', 'k9'].map((key) => key2shard(key, 10))).toEqual([0, 9, 2, 1, 6, 5, 8, 7, 8, 7]);
    expect(key2shard('', 10)).toBe(0x811c9dc5 % 10);
  });

  it('always lands in 0 … shardCount−1', () => {
    for (const shardCount of [1, 2, 3, 7, 10, 64]) {
      for (let i = 0; i < 500; i++) {
        const shard = key2shard(`key-${i * 7919}`, shardCount);
        expect(Number.isInteger(shard) && shard >= 0 && shard < shardCount).toBe(true);
      }
    }
  });

  it('spreads many keys roughly evenly over ten shards', () => {
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 10_000; i++) counts[key2shard(`k${i}`, 10)]++;
    for (const count of counts) expect(count).toBeGreaterThan(800);
  });
});
