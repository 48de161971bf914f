import { describe, expect, it } from 'vitest';
import { createWorld, type InFlightMessage, type TraceMark, type TraceRecord } from '../../engine/index';
import { arrowGeometry, arrowLabel, spaceTimeScales } from '../view/spaceTimeLayout';
import { laneSpans, SpaceTimeProjector, spaceTimeVM } from './spaceTimeProjection';

let index = 0;
const rec = (kind: string, timeUs: number, node: number, peer: number, label: string, a: number, b = 0): TraceRecord => ({ index: index++, kind, timeUs, node, peer, label, a, b });
const none = () => undefined;

describe('space-time pairing', () => {
  it('pairs sends with deliveries by id, draws a duplicate twice, and ends drops in a cross', () => {
    const p = new SpaceTimeProjector();
    p.observe([
      rec('send', 1000, 0, 2, 'AppendEntries', 7, 120),
      rec('send', 1100, 0, 1, 'AppendEntries', 8, 120),
      rec('drop', 1100, 1, 0, 'AppendEntries', 8, 2),
      rec('deliver', 3000, 2, 0, 'AppendEntries', 7),
      rec('send', 3200, 2, 0, 'AppendEntriesResponse', 9, 30),
      rec('deliver', 3500, 2, 0, 'AppendEntries', 7),
      rec('drop', 4000, 0, 2, 'AppendEntriesResponse', 9, 3),
    ]);
    const { arrows } = p.arrows(0, 10_000, 5000, [], 3, (id) => (id === 7 ? 'AppendEntries term=1' : undefined));
    expect(arrows.map((a) => [a.id, a.outcome, a.copy, a.endUs, a.dropReason])).toEqual([
      [7, 'delivered', 0, 3000, null],
      [7, 'delivered', 1, 3500, null],
      [8, 'dropped', 0, 1100, 'lost'],
      [9, 'dropped', 0, 4000, 'node down'],
    ]);
    expect(arrows[0]).toMatchObject({ from: 0, to: 2, type: 'AppendEntries', bytes: 120, sentUs: 1000, description: 'AppendEntries term=1' });
    expect(new Set(arrows.map((a) => a.key)).size).toBe(arrows.length);
    expect(arrowLabel(arrows[0], 3)).toBe('AppendEntries n1→n3, sent 1.0 ms, delivered 3.0 ms');
    expect(arrowLabel(arrows[1], 3)).toContain('(duplicate)');
    expect(arrowLabel(arrows[2], 3)).toBe('AppendEntries n1→n2, sent 1.1 ms, dropped 1.1 ms (lost)');
  });

  it('draws messages in flight to the present, and only arrows that cross the window', () => {
    const p = new SpaceTimeProjector();
    p.observe([rec('send', 1000, 0, 1, 'RequestVote', 1), rec('deliver', 2000, 1, 0, 'RequestVote', 1), rec('send', 4000, 1, 0, 'RequestVoteResponse', 2)]);
    const flying: InFlightMessage[] = [
      { id: 2, from: 1, to: 0, type: 'RequestVoteResponse', description: 'RequestVoteResponse granted', shard: null, sentUs: 4000, deliverUs: 9000 },
      // Sent before anything kept: drawn from the queue's copy.
      { id: 1234, from: 2, to: 0, type: 'AppendEntries', description: 'AE', shard: null, sentUs: 500, deliverUs: 8000 },
    ];
    const { arrows } = p.arrows(3000, 6000, 5000, flying, 3, none);
    expect(arrows.map((a) => [a.id, a.outcome, a.endUs, a.deliverUs])).toEqual([
      [1234, 'in-flight', 5000, 8000],
      [2, 'in-flight', 5000, 9000],
    ]);
    expect(arrows[1].description).toBe('RequestVoteResponse granted');
    // A fifth of the way through its flight, the dashed arrow ends a fifth of the way to the receiver's lane.
    const scales = spaceTimeScales(3000, 6000, 3, 0, 800);
    const g = arrowGeometry(arrows[1], scales);
    expect(g.y2).toBeCloseTo(scales.laneY(1) + (scales.laneY(0) - scales.laneY(1)) * 0.2, 5);
    expect(g.x2).toBeCloseTo(scales.x(5000), 5);
  });

  it('leaves out clerk traffic unless their lanes are drawn, and keeps a bounded window', () => {
    const p = new SpaceTimeProjector(10);
    const records: TraceRecord[] = [];
    for (let i = 0; i < 40; i++) records.push(rec('send', i * 100, i % 2 === 0 ? 0 : 3, 1, 'x', i + 1));
    p.observe(records);
    expect(p.sentCount).toBeLessThanOrEqual(13);
    const replicasOnly = p.arrows(0, 10_000, 10_000, [], 3, none).arrows;
    expect(replicasOnly.every((a) => a.from < 3 && a.to < 3)).toBe(true);
    expect(p.arrows(0, 10_000, 10_000, [], 4, none).arrows.length).toBeGreaterThan(replicasOnly.length);
  });

  it('stubs a drop at send time towards the receiver', () => {
    const p = new SpaceTimeProjector();
    p.observe([rec('send', 1000, 0, 2, 'AppendEntries', 1), rec('drop', 1000, 2, 0, 'AppendEntries', 1, 1)]);
    const [arrow] = p.arrows(0, 2000, 2000, [], 3, none).arrows;
    const g = arrowGeometry(arrow, spaceTimeScales(0, 2000, 3, 0, 800));
    expect(g.cross).not.toBeNull();
    expect(g.head).toBeNull();
    expect(Math.hypot(g.x2 - g.x1, g.y2 - g.y1)).toBeCloseTo(18, 5);
    expect(g.y2).toBeGreaterThan(g.y1);
  });
});

describe('lane spans', () => {
  it('reads leader periods and crashes from the marks', () => {
    const marks: TraceMark[] = [
      { timeUs: 100, kind: 'note', node: 0, peer: -1, label: 'role', a: 3, b: 1 },
      { timeUs: 400, kind: 'action', node: 0, peer: -1, label: 'crash n1', a: 0, b: 0 },
      { timeUs: 600, kind: 'note', node: 1, peer: -1, label: 'role', a: 3, b: 2 },
      { timeUs: 700, kind: 'action', node: 0, peer: -1, label: 'restart n1', a: 0, b: 0 },
      { timeUs: 900, kind: 'note', node: 1, peer: -1, label: 'role', a: 0, b: 3 },
    ];
    expect(laneSpans(marks, 3, 1000)).toEqual([
      { node: 0, kind: 'leader', fromUs: 100, toUs: 400, term: 1 },
      { node: 0, kind: 'crashed', fromUs: 400, toUs: 700, term: 0 },
      { node: 1, kind: 'leader', fromUs: 600, toUs: 900, term: 2 },
    ]);
    expect(laneSpans(marks, 3, 500)).toEqual([
      { node: 0, kind: 'leader', fromUs: 100, toUs: 400, term: 1 },
      { node: 0, kind: 'crashed', fromUs: 400, toUs: null, term: 0 },
    ]);
  });
});

describe('space-time on a real run', () => {
  it('every delivery in the window is paired with its send, and a rebuild after a seek agrees with the live pairing', () => {
    const world = createWorld({ seed: 5, nodeCount: 3, protocol: 'raft' });
    const live = new SpaceTimeProjector();
    let cursor = 0;
    for (let t = 50_000; t <= 1_000_000; t += 50_000) {
      world.runUntil(t);
      const count = world.traceCount();
      live.observe(world.trace(cursor, count - cursor));
      cursor = count;
    }
    const window = { fromUs: 500_000, toUs: 1_000_000 };
    const vm = spaceTimeVM(live, laneSpans(world.marks(), 3, world.nowUs()), window, world.nowUs(), world.inFlight(), 3, 0, none);
    expect(vm.arrows.length).toBeGreaterThan(10);
    expect(vm.spans.some((s) => s.kind === 'leader')).toBe(true);
    for (const a of vm.arrows) {
      expect(a.endUs).toBeGreaterThanOrEqual(a.sentUs);
      if (a.outcome === 'delivered') expect(a.endUs).toBeLessThanOrEqual(world.nowUs());
    }
    const delivered = world.trace(0, world.traceCount()).filter((r) => r.kind === 'deliver' && r.timeUs >= window.fromUs && r.node < 3 && r.peer < 3);
    expect(vm.arrows.filter((a) => a.outcome === 'delivered').length).toBe(delivered.length);

    const rebuilt = new SpaceTimeProjector();
    rebuilt.rebuild(world);
    const again = spaceTimeVM(rebuilt, [], window, world.nowUs(), world.inFlight(), 3, 0, none);
    expect(again.arrows).toEqual(vm.arrows);
  });
});
