import { describe, expect, it } from 'vitest';
import { nextIntInclusive } from '../core/prng';
import type { Durable, Protocol, ReplicaView, StepContext } from '../protocols/contract';
import type { ProtocolEntry } from '../protocols/entry';
import { createWorld } from './world';

/**
 * A toy protocol that exercises every part of the simulator: random gossip
 * over timers, durable counters with sync, commits and role notes.
 */
interface GossipState {
  id: number;
  n: number;
  received: number;
  durableCount: number;
  committed: number;
}
type GossipMsg = { type: 'Ping' | 'Pong'; count: number };

function toyView(s: GossipState): ReplicaView {
  return {
    nodeId: s.id,
    role: s.id === 0 ? 'leader' : 'follower',
    term: 1,
    votedFor: null,
    leaderId: 0,
    commitIndex: s.committed,
    lastIndex: s.committed,
    snapshotIndex: 0,
    snapshotTerm: 0,
    logTerms: [],
    logTermsFromIndex: 1,
    electionTimeoutUs: 100_000,
    detail: { received: s.received, durableCount: s.durableCount },
  };
}

const gossip: Protocol<GossipState, GossipMsg, { periodUs: number }> = {
  name: 'gossip',
  defaultOptions: () => ({ periodUs: 20_000 }),
  create(id: number, n: number, options: { periodUs: number }, durable: Durable | null, ctx: StepContext<GossipMsg>) {
    ctx.setTimer(0, options.periodUs + nextIntInclusive(ctx.rng, 0, 1000));
    if (id === 0) ctx.note('role', 3, 1);
    return { id, n, received: 0, durableCount: (durable?.values['count'] as number | undefined) ?? 0, committed: 0 };
  },
  step(s, input, ctx) {
    if (input.kind === 'timer') {
      let to = nextIntInclusive(ctx.rng, 0, s.n - 2);
      if (to >= s.id) to++;
      ctx.send(to, { type: 'Ping', count: s.received });
      ctx.setTimer(0, 20_000 + nextIntInclusive(ctx.rng, 0, 1000));
    } else if (input.kind === 'message') {
      s.received++;
      if (input.msg.type === 'Ping') {
        s.durableCount++;
        ctx.write('count', s.durableCount);
        // Only every other write is synced: a crash must lose the unsynced ones.
        if (s.durableCount % 2 === 0) ctx.sync();
        ctx.send(input.from, { type: 'Pong', count: s.received });
      }
    }
  },
  compact() {},
  view: toyView,
  messageType: (m) => m.type,
  describeMessage: (m) => `${m.type} count=${m.count}`,
  messageBytes: () => 16,
  minTimerDelayUs: () => 20_000,
};

const gossipEntry: ProtocolEntry = { name: 'gossip', description: 'toy', protocol: gossip, presetOptions: {}, oneLeaderPerTerm: true };

function run(seed: number, untilUs = 2_000_000) {
  const world = createWorld({ seed, protocol: gossipEntry, nodeCount: 5, network: { latencyMinUs: 1000, latencyMaxUs: 9000, lossRatio: 0.1, duplicateRatio: 0.05 } });
  world.runUntil(untilUs / 2);
  world.act({ type: 'crash', node: 2 });
  world.act({ type: 'cut', from: 0, to: 1, bothWays: false });
  world.runUntil(untilUs * 0.75);
  world.act({ type: 'restart', node: 2 });
  world.runUntil(untilUs);
  return world;
}

describe('simulator', () => {
  it('gives the same trace hash for the same seed, and different hashes for different seeds', () => {
    const a = run(7);
    const b = run(7);
    const c = run(8);
    expect(a.traceHash()).toBe(b.traceHash());
    expect(a.stats()).toEqual(b.stats());
    expect(a.traceHash()).not.toBe(c.traceHash());
    expect(a.stats().events).toBeGreaterThan(200);
  });

  it('loses and duplicates messages at the configured ratios', () => {
    const w = createWorld({ seed: 3, protocol: gossipEntry, nodeCount: 5, network: { latencyMinUs: 1000, latencyMaxUs: 2000, lossRatio: 0.2, duplicateRatio: 0.1 } });
    w.runUntil(20_000_000);
    const s = w.stats();
    expect(s.dropped / s.sent).toBeGreaterThan(0.15);
    expect(s.dropped / s.sent).toBeLessThan(0.25);
    expect(s.duplicated / s.sent).toBeGreaterThan(0.05);
    expect(s.duplicated / s.sent).toBeLessThan(0.12);
  });

  it('drops messages over a cut link, one way only', () => {
    const w = createWorld({ seed: 1, protocol: gossipEntry, nodeCount: 3 });
    w.act({ type: 'cut', from: 0, to: 1, bothWays: false });
    w.runUntil(3_000_000);
    const records = w.trace(0, 100_000);
    const delivered = records.filter((r) => r.kind === 'deliver');
    expect(delivered.some((r) => r.peer === 0 && r.node === 1)).toBe(false);
    expect(delivered.some((r) => r.peer === 1 && r.node === 0)).toBe(true);
    expect(w.linkUp(0, 1)).toBe(false);
    expect(w.linkUp(1, 0)).toBe(true);
  });

  it('keeps only synced writes across a crash', () => {
    const w = createWorld({ seed: 5, protocol: gossipEntry, nodeCount: 3 });
    w.runUntil(1_000_000);
    const before = (w.replicaState(1) as GossipState).durableCount;
    expect(before).toBeGreaterThan(3);
    w.act({ type: 'crash', node: 1 });
    expect(w.views()[1]).toBeNull();
    w.act({ type: 'restart', node: 1 });
    const after = (w.replicaState(1) as GossipState).durableCount;
    expect(after).toBe(before % 2 === 0 ? before : before - 1);
  });

  it('drops messages to a crashed node and records the action in the trace', () => {
    const w = createWorld({ seed: 9, protocol: gossipEntry, nodeCount: 3 });
    w.act({ type: 'crash', node: 2 });
    w.runUntil(1_000_000);
    const records = w.trace(0, 100_000);
    expect(records.some((r) => r.kind === 'drop' && r.node === 2)).toBe(true);
    expect(records.some((r) => r.kind === 'deliver' && r.node === 2)).toBe(false);
    expect(w.marks().some((m) => m.kind === 'action' && m.label === 'crash n3')).toBe(true);
  });

  it('seeking back to a checkpoint and replaying gives the same hash as running straight there', () => {
    const straight = run(11, 4_000_000);
    const w = createWorld({ seed: 11, protocol: gossipEntry, nodeCount: 5, network: { latencyMinUs: 1000, latencyMaxUs: 9000, lossRatio: 0.1, duplicateRatio: 0.05 }, checkpointMinEvents: 100 });
    w.runUntil(2_000_000);
    w.act({ type: 'crash', node: 2 });
    w.act({ type: 'cut', from: 0, to: 1, bothWays: false });
    w.runUntil(3_000_000);
    w.act({ type: 'restart', node: 2 });
    w.runUntil(4_000_000);
    expect(w.traceHash()).toBe(straight.traceHash());
    expect(w.checkpointCount()).toBeGreaterThan(3);
    const midHash = (() => {
      const m = run(11, 4_000_000);
      return m;
    })();
    w.seek(1_234_567);
    expect(w.nowUs()).toBe(1_234_567);
    w.seek(4_000_000);
    expect(w.traceHash()).toBe(midHash.traceHash());
    w.seek(2_500_000);
    w.seek(4_000_000);
    expect(w.traceHash()).toBe(straight.traceHash());
  });

  it('replays a recorded action log into the same run', () => {
    const live = run(21, 3_000_000);
    const replay = createWorld(
      { seed: 21, protocol: gossipEntry, nodeCount: 5, network: { latencyMinUs: 1000, latencyMaxUs: 9000, lossRatio: 0.1, duplicateRatio: 0.05 } },
      live.actions(),
    );
    replay.runUntil(3_000_000);
    expect(replay.traceHash()).toBe(live.traceHash());
  });

  it('rejects bad configurations with the field named', () => {
    expect(() => createWorld({ seed: -1, protocol: gossipEntry, nodeCount: 0 })).toThrow(/seed.*\n.*nodeCount/s);
    expect(() => createWorld({ seed: 1, protocol: gossipEntry, nodeCount: 3, network: { lossRatio: 2 } })).toThrow(/network.lossRatio/);
  });
});

describe('actions at the instant of a load proposal', () => {
  it('replay in the order they ran live (load first), so seeking back and forth keeps the hash', () => {
    const config = { seed: 2, protocol: 'raft', nodeCount: 5, load: { proposalsPerSecond: 80 }, checkpointMinEvents: 200 } as const;
    const live = createWorld(config);
    live.runUntil(2_600_000); // a load proposal is due at exactly this instant (every 12.5 ms)
    live.act({ type: 'cut', from: 0, to: 1, bothWays: true });
    live.runUntil(4_000_000);
    const straight = live.traceHash();
    live.seek(1_700_000);
    live.seek(4_000_000);
    expect(live.traceHash()).toBe(straight);
    const replay = createWorld(config, live.actions());
    replay.runUntil(4_000_000);
    expect(replay.traceHash()).toBe(straight);
  });
});

describe('time travel in both directions', () => {
  const config = { seed: 4, protocol: 'raft', nodeCount: 5, clients: { count: 3, keys: 3 }, snapshotEveryEntries: 20, checkpointMinEvents: 300 } as const;
  const script = [
    { atUs: 700_000, action: { type: 'crash', node: 2 } },
    { atUs: 1_400_000, action: { type: 'restart', node: 2 } },
  ] as const;

  function straightTo(tUs: number) {
    const w = createWorld(config, script.map((s) => ({ atUs: s.atUs, action: { ...s.action } })));
    w.runUntil(tUs);
    return w;
  }

  it('lands every seek, back or forward, on exactly what a straight run shows there', () => {
    const w = straightTo(3_000_000);
    for (const t of [2_100_000, 400_000, 2_900_000, 1_000_000, 1_000_000, 2_500_000, 50_000, 3_000_000]) {
      w.seek(t);
      const s = straightTo(t);
      expect(w.nowUs()).toBe(t);
      expect(w.traceHash(), `at ${t}`).toBe(s.traceHash());
      expect(w.history()).toEqual(s.history());
      expect(w.marks()).toEqual(s.marks());
      expect(w.committedCount()).toBe(s.committedCount());
      expect(w.stats()).toEqual(s.stats());
      const recent = s.trace(s.traceCount() - 50, 50);
      const mine = w.trace(s.traceCount() - 50, 50);
      expect(recent.slice(recent.length - mine.length)).toEqual(mine);
    }
  });

  it('keeps later checkpoints across a seek back, so the way forward is fast', () => {
    const w = straightTo(3_000_000);
    const before = w.checkpointCount();
    w.seek(200_000);
    expect(w.checkpointCount()).toBe(before);
    w.seek(3_000_000);
    expect(w.checkpointCount()).toBe(before);
  });

  it('forks when acting in the past: the old future is dropped and the new one replays exactly', () => {
    const w = straightTo(3_000_000);
    w.seek(1_000_000);
    w.act({ type: 'crash', node: 0 });
    w.runUntil(2_000_000);
    w.seek(1_500_000);
    w.seek(2_000_000);
    const replay = createWorld(config, w.actions());
    replay.runUntil(2_000_000);
    expect(w.traceHash()).toBe(replay.traceHash());
    expect(w.history()).toEqual(replay.history());
    expect(w.actions().map((a) => a.action.type)).toEqual(['crash', 'crash']);
  });
});
