import { describe, expect, it } from 'vitest';
import { World } from '../../engine/index';
import { key2shard } from '../../engine/services/shardctrler/key2shard';
import type { Config } from '../../engine/services/shardctrler/types';
import type { ShardPhase } from '../../engine/services/shardkv/types';
import type { ShardGroupView, ShardWorldView } from '../../engine/sim/shardView';
import type { MessageVM } from '../model/types';
import { ConfigMarkReader, configTicks, projectShards, routeKey, sameShards, shardCells, shardFlights } from './shardProjection';

const servers = (gid: number) => [`n${gid * 3 + 1}`, `n${gid * 3 + 2}`, `n${gid * 3 + 3}`];

function config(num: number, shards: number[], gids: number[]): Config {
  return { num, shards, groups: Object.fromEntries(gids.map((g) => [g, servers(g)])) };
}

function group(gid: number, phases: ShardPhase[], keys: number[] = phases.map((p) => (p === 'absent' || p === 'receiving' ? 0 : 2)), member = true): ShardGroupView {
  const nodes = [gid * 3, gid * 3 + 1, gid * 3 + 2];
  return { gid, nodes, up: [true, true, true], leader: nodes[0], term: 1, configNum: 1, phases, keys, keysHeld: keys.reduce((a, b) => a + b, 0), member };
}

const a = 'absent' as const;
const sv = 'serving' as const;
const rc = 'receiving' as const;
const sd = 'sending' as const;
const pk = 'parked' as const;

/** Four shards; configuration 1 gives g1 all, configuration 2 (Join g2) moves shards 2 and 3 to g2. */
function view(g1: ShardPhase[], g2: ShardPhase[], configs: Config[] = [config(0, [0, 0, 0, 0], []), config(1, [1, 1, 1, 1], [1]), config(2, [1, 1, 2, 2], [1, 2])]): ShardWorldView {
  return {
    shardCount: 4,
    configs,
    controller: { nodes: [0, 1, 2], up: [true, false, true], leader: 2, term: 3 },
    groups: [group(1, g1), group(2, g2, undefined, configs[configs.length - 1].groups[2] !== undefined)],
  };
}

describe('shard states', () => {
  it('a shard is drawn as its newest owner sees it: serving, or receiving from the group still sending it', () => {
    const cells = shardCells(view([sv, sv, sd, sv], [a, a, rc, a]));
    expect(cells.map((c) => [c.owner, c.state, c.from, c.inFlight])).toEqual([
      [1, 'serving', null, false],
      [1, 'serving', null, false],
      [2, 'receiving', 1, true],
      // g2 has not applied configuration 2 yet; g1 still serves shard 3 under configuration 1.
      [2, 'absent', 1, false],
    ]);
  });

  it('the old owner pushing before the new owner knows the configuration is "sending", in flight', () => {
    const [, , cell] = shardCells(view([sv, sv, sd, sd], [a, a, a, a]));
    expect(cell).toMatchObject({ owner: 2, state: 'sending', from: 1, inFlight: true, keys: 2 });
  });

  it('once installed the new owner serves it, and the old copy waiting for its ack is no longer in flight', () => {
    const cells = shardCells(view([sv, sv, sd, a], [a, a, sv, sv]));
    expect(cells[2]).toMatchObject({ owner: 2, state: 'serving', from: null, inFlight: false });
    expect(cells[3]).toMatchObject({ owner: 2, state: 'serving', from: null, inFlight: false });
  });

  it('after every group left a shard has no owner and is parked where it was, or absent', () => {
    const configs = [config(0, [0, 0, 0, 0], []), config(1, [1, 1, 1, 1], [1]), config(2, [0, 0, 0, 0], [])];
    const cells = shardCells(view([pk, pk, a, a], [a, a, a, a], configs));
    expect(cells.map((c) => [c.owner, c.state, c.from])).toEqual([
      [0, 'parked', null],
      [0, 'parked', null],
      [0, 'absent', null],
      [0, 'absent', null],
    ]);
  });

  it('a receiver takes the keys count of the shard on its way', () => {
    const [, , cell] = shardCells(view([sv, sv, sd, sv], [a, a, rc, a]));
    expect(cell.keys).toBe(2);
  });
});

describe('groups', () => {
  it('lists the controller first, then each group with its servers, leader, applied configuration and shards served', () => {
    const vm = projectShards(view([sv, sv, sd, sv], [a, a, rc, a]), new Map());
    expect(vm.configNum).toBe(2);
    expect(vm.groups.map((g) => [g.gid, g.controller, g.member, g.serving])).toEqual([
      [0, true, true, 0],
      [1, false, true, 3],
      [2, false, true, 0],
    ]);
    expect(vm.groups[0].servers).toEqual([
      { id: 0, name: 'n1', up: true, leader: false },
      { id: 1, name: 'n2', up: false, leader: false },
      { id: 2, name: 'n3', up: true, leader: true },
    ]);
    expect(vm.groups[0]).toMatchObject({ leader: 2, term: 3, configNum: 2 });
    expect(vm.servers).toEqual({ 1: servers(1), 2: servers(2) });
  });
});

describe('configuration timeline', () => {
  it('one tick per configuration: groups joined and left, shards moved, and when and why from the marks', () => {
    const configs = [config(0, [0, 0, 0, 0], []), config(1, [1, 1, 1, 1], [1]), config(2, [1, 1, 2, 2], [1, 2]), config(3, [2, 2, 2, 2], [2])];
    const ticks = configTicks(configs, new Map([[2, { atUs: 2_010_000, label: 'Join(g2)' }]]));
    expect(ticks.map((t) => [t.num, t.joined, t.left, t.moved.map((m) => `s${m.shard}:g${m.from}→g${m.to}`)])).toEqual([
      [0, [], [], []],
      [1, [1], [], ['s0:g0→g1', 's1:g0→g1', 's2:g0→g1', 's3:g0→g1']],
      [2, [2], [], ['s2:g1→g2', 's3:g1→g2']],
      [3, [], [1], ['s0:g1→g2', 's1:g1→g2']],
    ]);
    expect(ticks[0]).toMatchObject({ atUs: 0, label: null });
    expect(ticks[2]).toMatchObject({ atUs: 2_010_000, label: 'Join(g2)' });
    expect(ticks[3]).toMatchObject({ atUs: null, label: null });
  });

  it('reads the administrator’s marks, skips refusals, and reads again after the trace is rewound', () => {
    const mark = (timeUs: number, label: string, num: number) => ({ timeUs, kind: 'note', node: 12, peer: -1, label, a: num, b: 0 });
    const reader = new ConfigMarkReader();
    const marks = [mark(50, 'install-snapshot', 0), mark(100, 'Join(g1, g2) → config', 1), mark(300, 'Join(g1) refused: gid-exists', -1), mark(500, 'Move(s4 → g2) → config', 2)];
    reader.observe(marks);
    expect([...reader.marks]).toEqual([
      [1, { atUs: 100, label: 'Join(g1, g2)' }],
      [2, { atUs: 500, label: 'Move(s4 → g2)' }],
    ]);
    reader.observe(marks.slice(0, 2));
    expect([...reader.marks.keys()]).toEqual([1]);
  });
});

describe('key routing', () => {
  it('key → shard (key2shard) → owner in the newest configuration → its servers, with the leader marked', () => {
    const vm = projectShards(view([sv, sv, sd, sv], [a, a, rc, a]), new Map());
    for (const key of ['k0', 'k1', 'k2', 'user:7']) {
      const route = routeKey(key, vm);
      const shard = key2shard(key, 4);
      const owner = [1, 1, 2, 2][shard];
      expect(route).toMatchObject({ key, shard, owner });
      expect(route?.servers.map((s) => s.name)).toEqual(servers(owner));
      expect(route?.servers.filter((s) => s.leader).map((s) => s.id)).toEqual([owner * 3]);
    }
    expect(routeKey('', vm)).toBeNull();
  });

  it('a shard nobody owns routes to no servers', () => {
    const configs = [config(0, [0, 0, 0, 0], []), config(1, [0, 0, 0, 0], [])];
    const route = routeKey('k0', projectShards(view([a, a, a, a], [a, a, a, a], configs), new Map()));
    expect(route).toMatchObject({ owner: 0, servers: [] });
  });
});

describe('flights', () => {
  const message = (id: number, description: string, shard: number | null, sentUs: number, deliverUs: number): MessageVM => ({ id, from: 3, to: 6, type: description.split(' ')[0], description, shard, sentUs, deliverUs });

  it('a shard in flight rides its furthest ShardPush on the wire, else waits at the sender', () => {
    const cells = shardCells(view([sv, sd, sd, sv], [a, rc, rc, a], [config(0, [0, 0, 0, 0], []), config(1, [1, 1, 1, 1], [1]), config(2, [1, 2, 2, 1], [1, 2])]));
    const messages = [message(1, 'ShardPush s1 config #2 from g1 (2 keys, 0 sessions)', 1, 1000, 2000), message(2, 'ShardPush s1 config #2 from g1 (2 keys, 0 sessions)', 1, 1200, 1800), message(3, 'ShardAck s9 config #2 installed by g2', null, 1000, 2000)];
    expect(shardFlights(cells, messages, 1500)).toEqual([
      { shard: 1, from: 1, to: 2, progress: 0.5 },
      { shard: 2, from: 1, to: 2, progress: 0 },
    ]);
  });
});

describe('the projection of a real sharded world', () => {
  it('two groups serve every shard; after Join(g3) some shards move to g3, travel, and end up served there', () => {
    const world = new World({ seed: 3, protocol: 'raft', nodeCount: 0, shards: { groupSizes: [3, 3, 3], initialGroups: 2 }, clients: { count: 2, keys: 20 } });
    const reader = new ConfigMarkReader();
    const at = (tUs: number) => {
      world.runUntil(tUs);
      reader.observe(world.marks());
      return projectShards(world.shardView() as ShardWorldView, reader.marks);
    };
    const before = at(1_500_000);
    expect(before.cells.every((c) => (c.owner === 1 || c.owner === 2) && c.state === 'serving')).toBe(true);
    expect(before.groups.find((g) => g.gid === 3)?.member).toBe(false);
    expect(before.configs[1]).toMatchObject({ num: 1, joined: [1, 2], label: 'Join(g1, g2)' });

    world.act({ type: 'shardctl', op: 'join', gids: [3] });
    const seen = new Set<string>();
    const pushed = new Set<number>();
    let after = before;
    for (let t = 1_510_000; t <= 4_000_000; t += 2_000) {
      after = at(t);
      for (const c of after.cells) if (c.owner === 3) seen.add(c.state);
      // A message in flight names the shard it hands over (what the flight markers ride on), and no other message names one.
      for (const m of world.inFlight(400)) {
        if (m.type !== 'ShardPush') expect(m.shard).toBeNull();
        else {
          expect(m.description.startsWith(`ShardPush s${m.shard} `)).toBe(true);
          pushed.add(m.shard as number);
        }
      }
    }
    const join = after.configs[after.configs.length - 1];
    expect(join).toMatchObject({ num: 2, joined: [3], label: 'Join(g3)' });
    expect(join.moved.length).toBeGreaterThan(0);
    expect(join.moved.every((m) => m.to === 3)).toBe(true);
    expect(seen.has('receiving') || seen.has('sending')).toBe(true);
    const moved = new Set(join.moved.map((m) => m.shard));
    expect(pushed.size).toBeGreaterThan(0);
    expect([...pushed].every((shard) => moved.has(shard))).toBe(true);
    expect(after.cells.filter((c) => moved.has(c.shard)).every((c) => c.owner === 3 && c.state === 'serving' && !c.inFlight)).toBe(true);
    expect(after.groups.find((g) => g.gid === 3)).toMatchObject({ member: true, configNum: 2, serving: moved.size });
    expect(sameShards(after, at(4_000_000))).toBe(true);
  });
});
