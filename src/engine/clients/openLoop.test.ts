/**
 * Open-loop clients: operations arrive at the configured rate whether or not
 * earlier ones finished; an operation that waits for its clerk counts its
 * wait in its latency; histories stay linearizable; both hosts agree.
 */
import { describe, expect, it } from 'vitest';
import { createWorld } from '../sim/world';
import type { WorldConfig } from '../sim/config';

function config(rate: number, sharded: boolean): WorldConfig {
  return sharded
    ? { seed: 4, protocol: 'raft', nodeCount: 0, shards: { groupSizes: [3, 3] }, clients: { count: 10, keys: 50, openLoopOpsPerSecond: rate }, network: { latencyMinUs: 1_000, latencyMaxUs: 3_000 }, checkInvariants: true }
    : { seed: 4, protocol: 'raft', nodeCount: 3, clients: { count: 10, keys: 50, openLoopOpsPerSecond: rate }, network: { latencyMinUs: 1_000, latencyMaxUs: 3_000 }, checkInvariants: true };
}

describe('open-loop clients', () => {
  for (const sharded of [false, true]) {
    it(`arrive at the target rate, whatever the latency (${sharded ? 'sharded store' : 'one group'})`, () => {
      const w = createWorld(config(500, sharded));
      w.runUntil(6_000_000);
      const ops = w.history().filter((op) => op.invokeUs >= 2_000_000 && op.invokeUs < 6_000_000);
      // 500/s for 4 s: 2000 ± a few standard deviations of a Poisson count.
      expect(ops.length).toBeGreaterThan(1800);
      expect(ops.length).toBeLessThan(2200);
      expect(w.checkHistory().verdict).toBe('linearizable');
    });
  }

  it('queue at the clerk when arrivals outpace it: latency then includes the wait', () => {
    const light = createWorld(config(200, false));
    const heavy = createWorld({ ...config(200, false), cpu: { clientOpUs: 4_000 } });
    light.runUntil(4_000_000);
    heavy.runUntil(4_000_000);
    const median = (w: typeof light) => {
      const l = w.history().filter((op) => op.returnUs !== null && op.invokeUs > 1_000_000).map((op) => (op.returnUs as number) - op.invokeUs).sort((a, b) => a - b);
      return l[l.length >> 1];
    };
    // The leader can do 250 client operations a second at 4 ms each: at 200/s it is 80 % busy, so operations wait.
    expect(median(heavy)).toBeGreaterThan(3 * median(light));
  });
});
