import { describe, expect, it } from 'vitest';
import { check, kvModel } from '../../engine/check/linearizability/index';
import { toCheckerOperations } from '../../engine/clients/history';
import { World } from '../../engine/index';
import { linearizationPoints } from './linearizationPoints';

describe('linearization points', () => {
  it('are each operation’s call, or the previous point when later', () => {
    const ops = [
      { invokeUs: 0, returnUs: 10 },
      { invokeUs: 2, returnUs: 4 },
      { invokeUs: 5, returnUs: null },
    ];
    expect(linearizationPoints([1, 0, 2], ops)).toEqual([2, 2, 5]);
  });

  it('fall inside every operation’s interval, in order, for the witness of a real run', () => {
    const world = new World({ seed: 7, nodeCount: 3, protocol: 'raft', clients: { count: 3, keys: 2 } });
    world.runUntil(1_500_000);
    world.act({ type: 'crash', node: world.leader() ?? 0 });
    world.runUntil(3_000_000);
    const records = world.history();
    const result = check(toCheckerOperations(records), kvModel);
    expect(result.verdict).toBe('linearizable');
    for (const p of result.linearization) {
      const points = linearizationPoints(p.order, records);
      expect(points).toHaveLength(p.order.length);
      p.order.forEach((id, i) => {
        const op = records[id];
        expect(points[i]).toBeGreaterThanOrEqual(op.invokeUs);
        if (op.returnUs !== null) expect(points[i]).toBeLessThanOrEqual(op.returnUs);
        if (i > 0) expect(points[i]).toBeGreaterThanOrEqual(points[i - 1]);
      });
    }
  });

  it('refuse an order that names an operation the history does not have', () => {
    expect(() => linearizationPoints([3], [{ invokeUs: 0, returnUs: 1 }])).toThrow(/operation 3/);
  });
});
