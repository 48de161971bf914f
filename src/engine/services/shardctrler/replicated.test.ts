/**
 * The 6.824 shard controller families (lab 4A) on the real simulator: the
 * controller is a replicated group of three running Raft or OmniPaxos, and
 * an administrator's clerk sends Join, Leave and Move over the network.
 * 20 seeds per protocol; invariants after every event. After each change
 * the configuration must be balanced and have moved exactly as few shards
 * as the brute-force minimum (checks.ts: transitionProblems).
 */
import { describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../sim/world';
import type { Action, LoggedAction } from '../../sim/actions';
import { configProblems, transitionProblems } from './checks';
import type { ShardCtrlerState } from './service';
import type { CtrlerOp } from './types';

const seeds = Array.from({ length: 20 }, (_, i) => i + 1);
type ShardAction = Extract<Action, { type: 'shardctl' }>;

function controllerWorld(protocol: string, seed: number, actions: LoggedAction[], clients = 0): World {
  return createWorld(
    { seed, protocol, nodeCount: 0, shards: { groupSizes: [3, 3, 3, 3], initialGroups: 0 }, clients: { count: clients, keys: 20 }, checkInvariants: true },
    actions,
  );
}

/** The controller op an action stands for (servers named as the world names them). */
function opOf(w: World, a: ShardAction): CtrlerOp {
  if (a.op === 'move') return { kind: 'move', shard: a.shard ?? 0, gid: a.gids[0] };
  if (a.op === 'leave') return { kind: 'leave', gids: a.gids };
  const servers: Record<number, string[]> = {};
  for (const gid of a.gids) {
    const g = w.config.groups[gid];
    servers[gid] = Array.from({ length: g.size }, (_, i) => `n${g.base + i + 1}`);
  }
  return { kind: 'join', servers };
}

function controllerConfigs(w: World): ShardCtrlerState['configs'][] {
  return [0, 1, 2].filter((n) => w.isUp(n)).map((n) => (w.serviceState(n) as ShardCtrlerState).configs);
}

/** Every transition valid, every replica with the same history, and all `ops` applied in order. */
function checkHistory(w: World, ops: ShardAction[], seed: number, failures: string[]): void {
  const histories = controllerConfigs(w);
  const longest = histories.reduce((a, b) => (b.length > a.length ? b : a), []);
  if (longest.length !== ops.length + 1) failures.push(`seed ${seed}: ${longest.length - 1} configurations for ${ops.length} changes\n  replay: ${w.replayCommand()}`);
  for (const h of histories) {
    h.forEach((c, i) => {
      if (JSON.stringify(c) !== JSON.stringify(longest[i])) failures.push(`seed ${seed}: replicas disagree on configuration ${i}`);
    });
  }
  for (let i = 1; i < longest.length; i++) {
    const problems = [...configProblems(longest[i], 10), ...transitionProblems(longest[i - 1], longest[i], opOf(w, ops[i - 1]))];
    if (problems.length > 0) failures.push(`seed ${seed}: ${problems.join('; ')}\n  replay: ${w.replayCommand()}`);
  }
}

const sequence: ShardAction[] = [
  { type: 'shardctl', op: 'join', gids: [1] },
  { type: 'shardctl', op: 'join', gids: [2] },
  { type: 'shardctl', op: 'join', gids: [3] },
  { type: 'shardctl', op: 'leave', gids: [2] },
  { type: 'shardctl', op: 'move', gids: [1], shard: 3 },
  { type: 'shardctl', op: 'join', gids: [2, 4] },
  { type: 'shardctl', op: 'leave', gids: [1, 3] },
  { type: 'shardctl', op: 'join', gids: [1] },
  { type: 'shardctl', op: 'leave', gids: [2, 4] },
];

for (const protocol of ['raft', 'omnipaxos']) {
  describe(`replicated shard controller on ${protocol} (20 seeds each)`, () => {
    it('basic, multi-group joins and leaves, moves: balanced with minimal movement after every change', () => {
      const failures: string[] = [];
      for (const seed of seeds) {
        const actions = sequence.map((action, i): LoggedAction => ({ atUs: 600_000 + i * 300_000, action }));
        const w = controllerWorld(protocol, seed, actions);
        w.runUntil(600_000 + sequence.length * 300_000 + 1_000_000);
        checkHistory(w, sequence, seed, failures);
      }
      expect(failures).toEqual([]);
    });

    it('historical queries: configurations never change once made, through a leader crash and restart', () => {
      const failures: string[] = [];
      for (const seed of seeds) {
        const actions = sequence.slice(0, 4).map((action, i): LoggedAction => ({ atUs: 600_000 + i * 300_000, action }));
        const w = controllerWorld(protocol, seed, actions);
        w.runUntil(2_200_000);
        const before = JSON.stringify(controllerConfigs(w)[0]);
        const leader = w.leader(0);
        if (leader === null) {
          failures.push(`seed ${seed}: no controller leader at 2.2 s`);
          continue;
        }
        w.act({ type: 'crash', node: leader });
        w.runUntil(3_000_000);
        w.act({ type: 'restart', node: leader });
        w.act({ type: 'shardctl', op: 'join', gids: [4] });
        w.runUntil(5_000_000);
        for (const h of controllerConfigs(w)) {
          if (JSON.stringify(h.slice(0, 5)) !== before) failures.push(`seed ${seed}: a past configuration changed\n  replay: ${w.replayCommand()}`);
          if (h.length !== 6) failures.push(`seed ${seed}: ${h.length - 1} configurations, expected 5`);
        }
      }
      expect(failures).toEqual([]);
    });

    it('concurrent: changes queued back to back while shard clerks query and the controller leader crashes', () => {
      const failures: string[] = [];
      for (const seed of seeds) {
        const actions: LoggedAction[] = sequence.map((action, i) => ({ atUs: 500_000 + i * 20_000, action }));
        actions.push({ atUs: 560_000, action: { type: 'crash', node: seed % 3 } });
        actions.push({ atUs: 1_500_000, action: { type: 'restart', node: seed % 3 } });
        actions.sort((a, b) => a.atUs - b.atUs);
        const w = controllerWorld(protocol, seed, actions, 6);
        w.runUntil(5_000_000);
        checkHistory(w, sequence, seed, failures);
      }
      expect(failures).toEqual([]);
    });
  });
}
