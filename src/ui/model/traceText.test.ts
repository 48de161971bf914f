import { describe, expect, it } from 'vitest';
import { createWorld, type TraceRecord } from '../../engine/index';
import { categoryOf, traceLines, traceText } from './traceText';

const rec = (over: Partial<TraceRecord>): TraceRecord => ({ index: 0, kind: 'note', timeUs: 0, node: 0, peer: -1, label: '', a: 0, b: 0, ...over });

describe('trace in words', () => {
  it('writes deliveries etcd style, with the description when it was seen in flight', () => {
    const r = rec({ kind: 'deliver', node: 1, peer: 0, label: 'AppendEntries', a: 17 });
    expect(traceText(r, (id) => (id === 17 ? 'AppendEntries term=3 prev=4/2 entries=2 commit=4' : undefined))).toBe('n1→n2 AppendEntries term=3 prev=4/2 entries=2 commit=4');
    expect(traceText(r, () => undefined)).toBe('n1→n2 AppendEntries');
  });

  it('says why a message was dropped', () => {
    expect(traceText(rec({ kind: 'drop', node: 2, peer: 0, label: 'RequestVote', b: 1 }), () => undefined)).toBe('n1→n3 RequestVote dropped: link down');
  });

  it('words role changes and votes', () => {
    expect(traceText(rec({ label: 'role', node: 2, a: 3, b: 4 }), () => undefined)).toBe('n3 became leader in term 4');
    expect(traceText(rec({ label: 'vote', node: 2, a: 2, b: 4 }), () => undefined)).toBe('n3 voted for itself in term 4');
    expect(traceText(rec({ label: 'vote', node: 1, a: 2, b: 4 }), () => undefined)).toBe('n2 voted for n3 in term 4');
  });

  it('folds the reason of a refused vote into the refusal', () => {
    const lines = traceLines(
      [rec({ index: 1, label: 'reject-vote', node: 1, a: 2, b: 5 }), rec({ index: 2, label: 'reject-reason', node: 1, a: 2, b: 2 })],
      () => undefined,
    );
    expect(lines.map((l) => l.text)).toEqual(['n2 refused its vote to n3 for term 5 (log behind)']);
  });

  it('leaves out sends and timer firings, and words every other record of a real run', () => {
    const world = createWorld({ seed: 3, protocol: 'raft', nodeCount: 3 });
    world.runUntil(1_000_000);
    world.act({ type: 'propose', node: null, body: 'x', bytes: 1 });
    world.act({ type: 'cut', from: 0, to: 1, bothWays: true });
    world.runUntil(2_000_000);
    const records = world.trace(0, world.traceCount());
    const lines = traceLines(records, () => undefined);
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.some((l) => /became leader/.test(l.text))).toBe(true);
    expect(lines.some((l) => l.text === 'operator: cut n1↔n2')).toBe(true);
    expect(lines.some((l) => /\(sent\)|timer/.test(l.text))).toBe(false);
    for (const l of lines) expect(l.text).not.toMatch(/undefined|NaN/);
  });

  it('names clerks c1… after the replicas and files their traffic apart', () => {
    const reply = rec({ kind: 'deliver', node: 5, peer: 1, label: 'ClientReply', a: 3 });
    expect(traceText(reply, () => undefined, 5)).toBe('n2→c1 ClientReply');
    expect(categoryOf(reply, 5)).toBe('clients');
    expect(categoryOf(rec({ kind: 'drop', node: 1, peer: 0, label: 'AppendEntries' }), 5)).toBe('messages');
    expect(categoryOf(rec({ kind: 'action', label: 'crash n1' }), 5)).toBe('faults');
  });
});
