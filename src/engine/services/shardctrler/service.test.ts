/**
 * The shard controller service alone, modelled on the 6.824 lab 4A test
 * families (PROTOCOLS.md, "The MIT 6.824 / 6.5840 lab tests": Shard
 * controller): basic join/leave/move/query, historical queries, minimal
 * transfers after joins and leaves (single and multi-group), balance after
 * every change, refused operations, exactly-once, snapshots, and
 * determinism across replicas whatever order a Join's map was built in.
 */
import { describe, expect, it } from 'vitest';
import type { CommittedEntry } from '../../protocols/contract';
import { configProblems, transitionProblems } from './checks';
import { imbalance } from './rebalance';
import { createShardCtrlerService, type ShardCtrlerState } from './service';
import { sortedGids, type Config, type CtrlerApplyResult, type CtrlerCommandBody, type CtrlerOp, type Gid } from './types';

const shardCount = 10;
const service = createShardCtrlerService({ shardCount });

interface Harness {
  state: ShardCtrlerState;
  log: CommittedEntry[];
  seq: Record<number, number>;
}

function harness(): Harness {
  return { state: service.create(), log: [], seq: {} };
}

function entryFor(index: number, body: unknown): CommittedEntry {
  return { index, term: 1, command: { id: index, body, bytes: 16 } };
}

/** Log and apply one request; the client's next sequence number unless `seq` is given (a retry). */
function submit(h: Harness, op: CtrlerOp, client = 1, seq?: number): CtrlerApplyResult | null {
  const s = seq ?? (h.seq[client] = (h.seq[client] ?? 0) + 1);
  const body: CtrlerCommandBody = { client, seq: s, op };
  const entry = entryFor(h.log.length + 1, body);
  h.log.push(entry);
  return service.apply(h.state, entry) as CtrlerApplyResult | null;
}

const serversOf = (gid: Gid): string[] => [`server-${gid}-a`, `server-${gid}-b`, `server-${gid}-c`];
const joinOp = (...gids: Gid[]): CtrlerOp => ({ kind: 'join', servers: Object.fromEntries(gids.map((gid) => [gid, serversOf(gid)])) });
const leaveOp = (...gids: Gid[]): CtrlerOp => ({ kind: 'leave', gids });
const moveOp = (shard: number, gid: Gid): CtrlerOp => ({ kind: 'move', shard, gid });
const queryOp = (num: number): CtrlerOp => ({ kind: 'query', num });

function latest(h: Harness): Config {
  return (submit(h, queryOp(-1), 999) as CtrlerApplyResult).config as Config;
}

/** 6.824's check(): the latest configuration has exactly these groups, with their servers, owning every shard, balanced. */
function check(h: Harness, gids: readonly Gid[]): Config {
  const c = latest(h);
  expect(sortedGids(c.groups)).toEqual(gids.slice().sort((a, b) => a - b));
  for (const gid of gids) expect(c.groups[gid]).toEqual(serversOf(gid));
  expect(configProblems(c, shardCount)).toEqual([]);
  expect(imbalance(c.shards, gids), `shards ${c.shards.join(' ')}`).toBeLessThanOrEqual(1);
  return c;
}

/** Apply a configuration change and hold it to the transition rules (groups, balance, minimal moves against the twin). */
function change(h: Harness, op: CtrlerOp, client = 1): Config {
  const before = latest(h);
  const reply = submit(h, op, client) as CtrlerApplyResult;
  expect(reply.err).toBeNull();
  const after = reply.config as Config;
  expect(transitionProblems(before, after, op)).toEqual([]);
  expect(configProblems(after, shardCount)).toEqual([]);
  return after;
}

function ownedBy(c: Config, gid: Gid): number[] {
  return c.shards.flatMap((owner, shard) => (owner === gid ? [shard] : []));
}

describe('basic join, leave, move and query (6.824 "Basic leave/join", "Move")', () => {
  it('configuration 0 has no groups and every shard unassigned; −1 and numbers past the latest mean the latest', () => {
    const h = harness();
    const zero = latest(h);
    expect(zero).toEqual({ num: 0, shards: new Array(shardCount).fill(0), groups: {} });
    expect((submit(h, queryOp(0)) as CtrlerApplyResult).config).toEqual(zero);
    expect((submit(h, queryOp(7)) as CtrlerApplyResult).config).toEqual(zero);
    change(h, joinOp(1));
    expect((submit(h, queryOp(1_000)) as CtrlerApplyResult).config?.num).toBe(1);
    expect((submit(h, queryOp(-1)) as CtrlerApplyResult).config?.num).toBe(1);
  });

  it('join, join, leave: each creates the next configuration, and the shards follow the members', () => {
    const h = harness();
    const c1 = change(h, joinOp(1));
    expect(c1.num).toBe(1);
    expect(c1.shards).toEqual(new Array(shardCount).fill(1));
    check(h, [1]);
    const c2 = change(h, joinOp(2));
    expect(c2.num).toBe(2);
    expect(ownedBy(c2, 1)).toHaveLength(5);
    expect(ownedBy(c2, 2)).toHaveLength(5);
    check(h, [1, 2]);
    const c3 = change(h, leaveOp(1));
    expect(c3.num).toBe(3);
    expect(c3.shards).toEqual(new Array(shardCount).fill(2));
    check(h, [2]);
    // Everyone leaves: back to no groups, every shard to 0; a new group then takes them all.
    const c4 = change(h, leaveOp(2));
    expect(c4).toEqual({ num: 4, shards: new Array(shardCount).fill(0), groups: {} });
    expect(change(h, joinOp(9)).shards).toEqual(new Array(shardCount).fill(9));
  });

  it('Move puts exactly one shard where it is told, without rebalancing; a later Join rebalances from there', () => {
    const h = harness();
    change(h, joinOp(3));
    change(h, joinOp(4));
    for (let shard = 0; shard < shardCount; shard++) {
      const c = change(h, moveOp(shard, shard < shardCount / 2 ? 3 : 4));
      expect(c.shards[shard]).toBe(shard < shardCount / 2 ? 3 : 4);
    }
    const moved = latest(h);
    expect(moved.shards).toEqual([3, 3, 3, 3, 3, 4, 4, 4, 4, 4]);
    // A Move may unbalance: all ten to g3.
    for (let shard = 5; shard < shardCount; shard++) change(h, moveOp(shard, 3));
    expect(imbalance(latest(h).shards, [3, 4])).toBe(10);
    // Moving a shard to its current owner still makes a configuration (every Move does).
    expect(change(h, moveOp(0, 3)).shards).toEqual(latest(h).shards);
    const c = change(h, joinOp(5));
    expect(ownedBy(c, 3).length + ownedBy(c, 4).length + ownedBy(c, 5).length).toBe(shardCount);
    check(h, [3, 4, 5]);
  });

  it('historical queries (6.824 "Historical queries"): every past configuration is returned exactly, forever', () => {
    const h = harness();
    const seen: Config[] = [latest(h)];
    const ops: CtrlerOp[] = [joinOp(1), joinOp(2, 3), moveOp(0, 3), leaveOp(1), joinOp(4), moveOp(9, 2), leaveOp(2, 4), joinOp(1)];
    for (const op of ops) seen.push(change(h, op));
    const copies = JSON.parse(JSON.stringify(seen)) as Config[];
    for (let round = 0; round < 2; round++) {
      for (let num = 0; num < seen.length; num++) expect((submit(h, queryOp(num), 7) as CtrlerApplyResult).config).toEqual(copies[num]);
      change(h, joinOp(20 + round));
    }
    // Past configurations are frozen: nobody can rewrite history through a reply.
    expect(() => {
      (seen[1].shards as Gid[])[0] = 42;
    }).toThrow(TypeError);
    expect(Object.isFrozen(seen[2].groups[2])).toBe(true);
    // And a restored replica answers the same.
    const restored = service.restore(structuredClone(service.snapshot(h.state)));
    for (let num = 0; num < seen.length; num++) expect(restored.configs[num]).toEqual(copies[num]);
  });
});

describe('refused operations create no configuration', () => {
  it('names what is wrong and leaves the history alone', () => {
    const h = harness();
    change(h, joinOp(1, 2));
    const refusals: [CtrlerOp, string][] = [
      [joinOp(2), 'gid-exists'],
      [joinOp(3, 1), 'gid-exists'],
      [{ kind: 'join', servers: {} }, 'empty'],
      [{ kind: 'join', servers: { 0: ['x'] } }, 'bad-gid'],
      [{ kind: 'join', servers: { [-4]: ['x'] } }, 'bad-gid'],
      [{ kind: 'join', servers: { '07': ['x'] } as unknown as Record<number, string[]> }, 'bad-gid'],
      [{ kind: 'join', servers: { 5: [] } }, 'bad-servers'],
      [leaveOp(), 'empty'],
      [leaveOp(3), 'no-such-gid'],
      [leaveOp(1, 3), 'no-such-gid'],
      [leaveOp(0), 'bad-gid'],
      [moveOp(shardCount, 1), 'bad-shard'],
      [moveOp(-1, 1), 'bad-shard'],
      [moveOp(0, 3), 'no-such-gid'],
      [moveOp(0, 1.5), 'bad-gid'],
      [queryOp(-2), 'bad-num'],
      [queryOp(0.5), 'bad-num'],
    ];
    for (const [op, err] of refusals) {
      const reply = submit(h, op) as CtrlerApplyResult;
      expect(reply, JSON.stringify(op)).toMatchObject({ err, config: null });
    }
    expect(h.state.configs).toHaveLength(2);
    expect(h.state.refused).toBe(refusals.length);
    // A refusal is remembered like any reply: its retry gets the same answer and is not counted again.
    const retried = submit(h, queryOp(0.5), 1, h.seq[1]) as CtrlerApplyResult;
    expect(retried.err).toBe('bad-num');
    expect(h.state.refused).toBe(refusals.length);
    // Leave of a repeated gid is one leave.
    expect(change(h, leaveOp(2, 2)).groups).toEqual({ 1: serversOf(1) });
  });

  it('ignores no-op entries and commands that are not controller requests', () => {
    const h = harness();
    const before = JSON.stringify(h.state);
    expect(service.apply(h.state, { index: 1, term: 1, command: null })).toBeNull();
    expect(service.apply(h.state, entryFor(2, 'hello'))).toBeNull();
    expect(service.apply(h.state, entryFor(3, { client: 1, seq: 1, op: { kind: 'put', key: 'k', value: 'v' } }))).toBeNull();
    expect(service.apply(h.state, entryFor(4, { client: 1, seq: 1 }))).toBeNull();
    expect(JSON.stringify(h.state)).toBe(before);
  });

  it('refuses a shard count that is not a positive integer', () => {
    expect(() => createShardCtrlerService({ shardCount: 0 })).toThrow();
    expect(() => createShardCtrlerService({ shardCount: 2.5 })).toThrow();
  });
});

describe('minimal movement (6.824 "Minimal transfers after joins / leaves / multijoins / multileaves")', () => {
  const npara = 10;
  const oldGids = Array.from({ length: npara }, (_, i) => i + 1);
  const newGids = Array.from({ length: 5 }, (_, i) => 1_000 + i);

  /** After joins, an old group may only lose shards: anything it owns now it owned before. */
  function oldGroupsGainNothing(before: Config, after: Config): void {
    for (const gid of oldGids) for (const shard of ownedBy(after, gid)) expect(before.shards[shard], `shard ${shard} moved to old group g${gid}`).toBe(gid);
  }

  /** After leaves, an old group keeps everything it owned. */
  function oldGroupsKeepEverything(before: Config, after: Config): void {
    for (const gid of oldGids) for (const shard of ownedBy(before, gid)) expect(after.shards[shard], `shard ${shard} left old group g${gid}`).toBe(gid);
  }

  it('one group at a time: joins move shards only to the newcomers, leaves only away from the leavers', () => {
    const h = harness();
    for (const gid of oldGids) change(h, joinOp(gid));
    const c1 = check(h, oldGids);
    for (const gid of newGids) change(h, joinOp(gid));
    const c2 = check(h, [...oldGids, ...newGids]);
    // With 15 groups and 10 shards, five groups hold nothing.
    expect(sortedGids(c2.groups).filter((gid) => ownedBy(c2, gid).length === 0)).toHaveLength(5);
    oldGroupsGainNothing(c1, c2);
    for (const gid of newGids) change(h, leaveOp(gid));
    const c3 = check(h, oldGids);
    oldGroupsKeepEverything(c2, c3);
  });

  it('many groups at once: one Join of ten, one Join of five more, one Leave of those five', () => {
    const h = harness();
    change(h, joinOp(...oldGids));
    const c1 = check(h, oldGids);
    expect(c1.num).toBe(1);
    const c2 = change(h, joinOp(...newGids));
    check(h, [...oldGids, ...newGids]);
    oldGroupsGainNothing(c1, c2);
    const c3 = change(h, leaveOp(...newGids));
    check(h, oldGids);
    oldGroupsKeepEverything(c2, c3);
    expect(c3.num).toBe(3);
  });

  it('more groups than shards: the groups without a shard are the ones with the largest gids, and a leave costs one move', () => {
    const h = harness();
    const gids = Array.from({ length: 12 }, (_, i) => i + 1);
    const c = change(h, joinOp(...gids));
    expect(ownedBy(c, 11)).toEqual([]);
    expect(ownedBy(c, 12)).toEqual([]);
    for (let gid = 1; gid <= 10; gid++) expect(ownedBy(c, gid)).toHaveLength(1);
    const after = change(h, leaveOp(4));
    expect(after.shards.filter((gid, shard) => gid !== c.shards[shard])).toEqual([11]);
  });

  it('joins and leaves of mixed sizes, from balanced and from Move-disturbed configurations, always take the fewest moves', () => {
    const h = harness();
    const script: CtrlerOp[] = [
      joinOp(1, 2, 3),
      moveOp(0, 1),
      moveOp(1, 1),
      moveOp(2, 1),
      joinOp(4),
      leaveOp(2),
      joinOp(5, 6, 7, 8),
      leaveOp(1, 5, 7),
      moveOp(9, 3),
      leaveOp(3),
      joinOp(9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19),
      leaveOp(4, 6, 8),
    ];
    for (const op of script) change(h, op);
    check(h, [9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  });
});

describe('exactly-once: the table lives in the state', () => {
  it('a retried Join with the same seq gets the first reply and creates nothing', () => {
    const h = harness();
    const first = submit(h, joinOp(1), 5) as CtrlerApplyResult;
    const again = submit(h, joinOp(1), 5, 1) as CtrlerApplyResult;
    expect(again).toEqual(first);
    expect(again.err).toBeNull();
    expect(h.state.configs).toHaveLength(2);
    expect(h.state.duplicates).toBe(1);
    // An older request than the last one applied is answered with nothing and changes nothing.
    submit(h, joinOp(2), 5);
    expect(submit(h, leaveOp(1), 5, 1)).toBeNull();
    expect(latestGroups(h)).toEqual([1, 2]);
  });

  it('a retried Query gets the configuration it was first answered with, not a newer one', () => {
    const h = harness();
    submit(h, joinOp(1), 1);
    const q = submit(h, queryOp(-1), 2) as CtrlerApplyResult;
    submit(h, joinOp(2), 1);
    expect((submit(h, queryOp(-1), 2, q.seq) as CtrlerApplyResult).config?.num).toBe(1);
  });

  it('clients are independent: the same seq from two clients is two requests', () => {
    const h = harness();
    submit(h, joinOp(1), 1, 1);
    submit(h, joinOp(2), 2, 1);
    expect(latestGroups(h)).toEqual([1, 2]);
  });

  it('the table survives a snapshot and restore: a retry after restore is not applied twice', () => {
    const h = harness();
    const first = submit(h, joinOp(1, 2), 3) as CtrlerApplyResult;
    const leave = submit(h, leaveOp(2), 3) as CtrlerApplyResult;
    const restored = service.restore(structuredClone(service.snapshot(h.state)));
    const retry = service.apply(restored, entryFor(99, { client: 3, seq: leave.seq, op: leaveOp(2) })) as CtrlerApplyResult;
    expect(retry).toEqual(leave);
    expect(retry.err).toBeNull();
    expect(restored.configs).toHaveLength(3);
    expect(service.apply(restored, entryFor(100, { client: 3, seq: first.seq, op: joinOp(1, 2) }))).toBeNull();
    expect(restored.configs).toHaveLength(3);
  });
});

function latestGroups(h: Harness): Gid[] {
  return sortedGids(latest(h).groups);
}

describe('snapshot and restore', () => {
  it('a restored replica equals the original and stays equal as both apply the same entries', () => {
    const h = harness();
    for (const op of [joinOp(1, 2, 3), moveOp(4, 1), leaveOp(2), queryOp(1)]) submit(h, op, 4);
    const snap = service.snapshot(h.state);
    const restored = service.restore(structuredClone(snap));
    expect(restored).toEqual(h.state);
    expect(service.sizeBytes(restored)).toBe(service.sizeBytes(h.state));
    for (const op of [joinOp(7), leaveOp(1), moveOp(0, 7)]) {
      const entry = entryFor(h.log.length + 1, { client: 6, seq: (h.seq[6] = (h.seq[6] ?? 0) + 1), op });
      h.log.push(entry);
      expect(service.apply(restored, entry)).toEqual(service.apply(h.state, entry));
    }
    expect(restored).toEqual(h.state);
    // The snapshot taken earlier did not change as the state moved on.
    expect(service.restore(snap).configs).toHaveLength(4);
    expect(Object.isFrozen(snap)).toBe(true);
  });

  it('sizeBytes grows with the history and the sessions', () => {
    const h = harness();
    const empty = service.sizeBytes(h.state);
    expect(empty).toBeGreaterThan(0);
    submit(h, joinOp(1), 1);
    const one = service.sizeBytes(h.state);
    expect(one).toBeGreaterThan(empty);
    submit(h, queryOp(-1), 2);
    expect(service.sizeBytes(h.state)).toBeGreaterThan(one);
  });
});

/** The same gid → servers map, but Object.keys (and everything built on it) sees the keys in the order given. */
function withKeyOrder(servers: Record<number, string[]>, order: readonly string[]): Record<number, string[]> {
  return new Proxy(servers, { ownKeys: () => order.slice() });
}

describe('determinism: every replica computes the same configurations', () => {
  it('two replicas applying the same log agree, whatever order each Join map was built or iterated in', () => {
    const gids = [8, 3, 15, 1, 6, 12, 2];
    const logA: CommittedEntry[] = [];
    const logB: CommittedEntry[] = [];
    const ops = (reverse: boolean): CtrlerOp[] => {
      const pairs = gids.map((gid): [string, string[]] => [String(gid), serversOf(gid)]);
      const ordered = reverse ? pairs.slice().reverse() : pairs;
      const servers = Object.fromEntries(ordered) as Record<number, string[]>;
      const keys = ordered.map(([key]) => key);
      return [
        { kind: 'join', servers: withKeyOrder(servers, keys) },
        leaveOp(...(reverse ? [15, 3] : [3, 15])),
        { kind: 'join', servers: withKeyOrder(Object.fromEntries(reverse ? [['30', serversOf(30)], ['4', serversOf(4)]] : [['4', serversOf(4)], ['30', serversOf(30)]]), reverse ? ['30', '4'] : ['4', '30']) },
        moveOp(2, 30),
        leaveOp(...(reverse ? [1, 8, 30] : [30, 1, 8])),
      ];
    };
    const a = service.create();
    const b = service.create();
    ops(false).forEach((op, i) => logA.push(entryFor(i + 1, { client: 1, seq: i + 1, op })));
    ops(true).forEach((op, i) => logB.push(entryFor(i + 1, { client: 1, seq: i + 1, op })));
    for (let i = 0; i < logA.length; i++) {
      const ra = service.apply(a, logA[i]) as CtrlerApplyResult;
      const rb = service.apply(b, logB[i]) as CtrlerApplyResult;
      expect(ra.err).toBeNull();
      expect(JSON.stringify(ra)).toBe(JSON.stringify(rb));
    }
    expect(JSON.stringify(a.configs)).toBe(JSON.stringify(b.configs));
    expect(a.configs).toHaveLength(6);
    // A replica that joins late, from a snapshot of one and the tail of the other's log, agrees too.
    const c = service.restore(structuredClone(service.snapshot(a)));
    expect(JSON.stringify(c.configs)).toBe(JSON.stringify(b.configs));
  });
});
