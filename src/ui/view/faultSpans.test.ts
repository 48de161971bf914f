import { describe, expect, it } from 'vitest';
import type { LoggedAction } from '../../engine/index';
import { faultSpans, spansIn } from './faultSpans';

const at = (atUs: number, action: LoggedAction['action']): LoggedAction => ({ atUs, action });

describe('fault periods from the action log', () => {
  it('runs a crash until that node restarts, and a cut until its link or every link heals', () => {
    const spans = faultSpans(
      [
        at(100, { type: 'crash', node: 1 }),
        at(200, { type: 'cut', from: 2, to: 0, bothWays: true }),
        at(300, { type: 'restart', node: 1 }),
        at(400, { type: 'heal', from: 0, to: 2, bothWays: true }),
        at(500, { type: 'isolate', node: 3 }),
        at(600, { type: 'healAll' }),
        at(700, { type: 'crash', node: 4 }),
      ],
      5,
    );
    expect(spans.map((s) => [s.label, s.fromUs, s.toUs])).toEqual([
      ['crash n2', 100, 300],
      ['cut n3↔n1', 200, 400],
      ['isolate n4', 500, 600],
      ['crash n5', 700, null],
    ]);
  });

  it('names clerks in a partition and ends it when every link heals', () => {
    const spans = faultSpans([at(10, { type: 'partition', groups: [[0], [1, 2, 5]] }), at(90, { type: 'healAll' })], 3);
    expect(spans).toEqual([{ fromUs: 10, toUs: 90, label: 'partition n1 | n2,n3,c3', kind: 'partition' }]);
  });

  it('shades a lossy network from the start or from the dial until the loss is gone', () => {
    expect(faultSpans([at(50, { type: 'setNetwork', from: null, to: null, lossRatio: 0 })], 3, true)).toEqual([{ fromUs: 0, toUs: 50, label: 'lossy network', kind: 'network' }]);
    const spans = faultSpans(
      [at(10, { type: 'setNetwork', from: 5, to: 1, lossRatio: 1 }), at(10, { type: 'setNetwork', from: 1, to: 5, lossRatio: 1 }), at(40, { type: 'setNetwork', from: null, to: null, lossRatio: 0 })],
      5,
    );
    expect(spans).toEqual([{ fromUs: 10, toUs: 40, label: 'lossy links', kind: 'network' }]);
    // Latency alone is not a fault.
    expect(faultSpans([at(10, { type: 'setNetwork', from: null, to: null, latencyMinUs: 1, latencyMaxUs: 2 })], 3)).toEqual([]);
  });

  it('picks the spans that overlap a window, open ones included', () => {
    const spans = faultSpans([at(100, { type: 'crash', node: 0 }), at(200, { type: 'restart', node: 0 }), at(300, { type: 'crash', node: 1 })], 3);
    expect(spansIn(spans, 210, 290)).toEqual([]);
    expect(spansIn(spans, 150, 250).map((s) => s.label)).toEqual(['crash n1']);
    expect(spansIn(spans, 1000, 2000).map((s) => s.label)).toEqual(['crash n2']);
  });
});
