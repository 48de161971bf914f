import { describe, expect, it } from 'vitest';
import type { ConfigTickVM, ShardCellVM, ShardGroupVM } from '../model/types';
import { configTickLabel, configTickText, groupLabel, keyRouteText, shardCellLabel, shardStateWord } from './shardLabels';

const cell = (over: Partial<ShardCellVM>): ShardCellVM => ({ shard: 4, owner: 3, state: 'serving', from: null, inFlight: false, keys: 2, ...over });

describe('shard names', () => {
  it('say the shard, its owner, its state and where it comes from', () => {
    expect(shardCellLabel(cell({}))).toBe('shard 4, owned by g3, serving');
    expect(shardCellLabel(cell({ state: 'receiving', from: 1, inFlight: true }))).toBe('shard 4, owned by g3, receiving from g1');
    expect(shardCellLabel(cell({ state: 'sending', from: 2, inFlight: true }))).toBe('shard 4, owned by g3, sending from g2');
    expect(shardCellLabel(cell({ state: 'absent', from: 1 }))).toBe('shard 4, owned by g3, absent, still at g1');
    expect(shardCellLabel(cell({ owner: 0, state: 'parked' }))).toBe('shard 4, unassigned, parked');
    expect(shardCellLabel(cell({ owner: 0, state: 'absent' }))).toBe('shard 4, unassigned, absent');
    expect(shardStateWord(cell({ state: 'absent', from: 1 }))).toBe('still at g1');
    expect(shardStateWord(cell({ state: 'parked', owner: 0 }))).toBe('parked');
  });
});

describe('group names', () => {
  const group: ShardGroupVM = {
    gid: 2,
    controller: false,
    servers: [
      { id: 6, name: 'n7', up: true, leader: false },
      { id: 7, name: 'n8', up: true, leader: true },
      { id: 8, name: 'n9', up: false, leader: false },
    ],
    leader: 7,
    term: 4,
    configNum: 3,
    keysHeld: 1,
    member: false,
    serving: 0,
  };

  it('say who is up, who leads, under what term or ballot, and what the group holds', () => {
    expect(groupLabel(group)).toBe('g2, 2 of 3 servers up, leader n8, term 4, configuration 3, 1 key, serving 0 shards, not a member');
    expect(groupLabel({ ...group, gid: 0, controller: true, member: true, leader: null }, 'ballot')).toBe('g0 controller, 2 of 3 servers up, no leader, ballot 4, configuration 3');
  });
});

describe('configuration ticks', () => {
  const tick: ConfigTickVM = { num: 2, atUs: 2_015_300, label: 'Join(g3)', joined: [3], left: [], moved: [1, 4, 7].map((shard) => ({ shard, from: 1, to: 3 })) };

  it('word what changed, for the tick and for its accessible name', () => {
    expect(configTickText(tick)).toBe('g3 joined');
    expect(configTickLabel(tick, true)).toBe('configuration 2, Join(g3), at 2015.3 ms: g3 joined; shards 1, 4 and 7 moved to g3 (current)');
    const move: ConfigTickVM = { num: 3, atUs: null, label: null, joined: [], left: [], moved: [{ shard: 4, from: 3, to: 2 }] };
    expect(configTickText(move)).toBe('shard 4 moved');
    expect(configTickLabel(move, false)).toBe('configuration 3: shard 4 moved to g2');
    const leave: ConfigTickVM = { num: 4, atUs: 5, label: 'Leave(g1, g2)', joined: [], left: [1, 2], moved: [{ shard: 0, from: 1, to: 0 }] };
    expect(configTickLabel(leave, false)).toBe('configuration 4, Leave(g1, g2), at 0.0 ms: g1 and g2 left; shard 0 left without an owner');
  });
});

describe('key routes', () => {
  it('read key → shard → group → servers, marking the leader and the servers down', () => {
    const servers = [
      { id: 6, name: 'n7', up: true, leader: true },
      { id: 7, name: 'n8', up: false, leader: false },
    ];
    expect(keyRouteText({ key: 'k7', shard: 3, owner: 2, state: 'serving', servers })).toBe('k7 → shard 3 → g2 → n7 (leader), n8 (down)');
    expect(keyRouteText({ key: 'k7', shard: 3, owner: 0, state: 'absent', servers: [] })).toBe('k7 → shard 3 → no group (unassigned)');
  });
});
