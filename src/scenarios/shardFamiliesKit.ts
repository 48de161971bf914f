/**
 * The 6.824 sharded key-value test families (lab 4B and its challenges),
 * each over 20 seeds on Raft and on OmniPaxos, with every invariant checked
 * after every event (per-group protocol invariants and the shard invariants
 * of check/shardInvariants.ts) and every client history checked for
 * linearizability. A failing seed prints the command that replays it.
 * Each protocol has its own test file, so that they run in parallel.
 */
import { describe, expect, it } from 'vitest';
import { builtInScenario } from './index';
import { runScenario } from '../engine/scenario/run';
import { createWorld, type World } from '../engine/sim/world';
import type { LoggedAction, WorldConfig } from '../engine/index';
import type { ShardKvState } from '../engine/services/shardkv/state';

const seeds = Array.from({ length: 20 }, (_, i) => i + 1);

function replay(w: World): string {
  return w.replayCommand();
}

function runScenarioSeeds(id: string, protocol: string, extra: (r: ReturnType<typeof runScenario>) => string | null = () => null): void {
  const scenario = builtInScenario(id);
  if (scenario === undefined) throw new Error(`no scenario ${id}`);
  const failures: string[] = [];
  for (const seed of seeds) {
    const r = runScenario(scenario, { protocol, seed });
    const bad = r.expectations.filter((e) => !e.ok).map((e) => `${e.expectation.kind}: ${e.detail}`);
    if (r.violation !== null) bad.push(r.violation);
    if (r.linearizable !== true) bad.push(`history linearizable: ${r.linearizable}`);
    const more = extra(r);
    if (more !== null) bad.push(more);
    if (bad.length > 0) failures.push(`seed ${seed}: ${bad.join('; ')}\n  replay: npm run sim -- --scenario ${id} --protocol ${protocol} --seed ${seed}`);
  }
  expect(failures).toEqual([]);
}

function world(protocol: string, seed: number, config: Partial<WorldConfig>, actions: LoggedAction[]): World {
  return createWorld({ seed, protocol, nodeCount: 0, shards: {}, clients: { count: 6, keys: 30, thinkTimeUs: 5_000 }, checkInvariants: true, ...config }, actions);
}

function finalChecks(w: World, failures: string[], seed: number, what: string): void {
  const verdict = w.checkHistory({ maxSteps: 20_000_000 }).verdict;
  if (verdict !== 'linearizable') failures.push(`seed ${seed} (${what}): history ${verdict}\n  replay: ${replay(w)}`);
}

function groupStates(w: World, gid: number): ShardKvState[] {
  const g = w.config.groups[gid];
  return Array.from({ length: g.size }, (_, i) => g.base + i)
    .filter((n) => w.isUp(n))
    .map((n) => w.serviceState(n) as ShardKvState);
}

export function defineShardFamilies(protocol: string): void {
  describe(`sharded key-value store on ${protocol} (20 seeds each)`, () => {
    it('static shards: a dead group’s shards fail, the others’ succeed', () => runScenarioSeeds('shards-static', protocol));

    it('join and leave: shards move under load, every history linearizable', () => runScenarioSeeds('shards-join-leave', protocol));

    it('snapshots and full restarts: every server crashes and restarts mid-run', () => {
      const failures: string[] = [];
      for (const seed of seeds) {
        const all = Array.from({ length: 12 }, (_, n) => n);
        const actions: LoggedAction[] = [
          { atUs: 1_500_000, action: { type: 'shardctl', op: 'leave', gids: [2] } },
          ...all.map((node): LoggedAction => ({ atUs: 2_500_000, action: { type: 'crash', node } })),
          ...all.map((node): LoggedAction => ({ atUs: 3_000_000, action: { type: 'restart', node } })),
          { atUs: 3_500_000, action: { type: 'shardctl', op: 'join', gids: [2] } },
        ];
        const w = world(protocol, seed, { snapshotEveryEntries: 25 }, actions);
        w.runUntil(6_000_000);
        const before = w.stats().opsCompleted;
        w.runUntil(7_000_000);
        if (w.stats().opsCompleted <= before) failures.push(`seed ${seed}: no operation completed after the restart\n  replay: ${replay(w)}`);
        const view = w.shardView();
        if (view === null || view.groups.some((g) => g.configNum !== 3)) failures.push(`seed ${seed}: groups did not all reach configuration 3`);
        finalChecks(w, failures, seed, 'full restart');
      }
      expect(failures).toEqual([]);
    });

    it('missed configuration changes: servers down through several changes catch up', () => {
      const failures: string[] = [];
      for (const seed of seeds) {
        const actions: LoggedAction[] = [
          { atUs: 800_000, action: { type: 'crash', node: 3 } },
          { atUs: 800_000, action: { type: 'crash', node: 6 } },
          { atUs: 1_200_000, action: { type: 'shardctl', op: 'leave', gids: [3] } },
          { atUs: 2_000_000, action: { type: 'shardctl', op: 'join', gids: [3] } },
          { atUs: 2_800_000, action: { type: 'shardctl', op: 'leave', gids: [1] } },
          { atUs: 3_400_000, action: { type: 'restart', node: 3 } },
          { atUs: 3_400_000, action: { type: 'restart', node: 6 } },
          { atUs: 3_600_000, action: { type: 'crash', node: 4 } },
          { atUs: 3_600_000, action: { type: 'crash', node: 7 } },
          { atUs: 4_000_000, action: { type: 'shardctl', op: 'join', gids: [1] } },
          { atUs: 5_000_000, action: { type: 'restart', node: 4 } },
          { atUs: 5_000_000, action: { type: 'restart', node: 7 } },
        ];
        const w = world(protocol, seed, { snapshotEveryEntries: 30 }, actions);
        w.runUntil(7_500_000);
        for (const node of [3, 4, 6, 7]) {
          const s = w.serviceState(node) as ShardKvState;
          if (s.config.num !== 5) failures.push(`seed ${seed}: n${node + 1} is at configuration ${s.config.num}, not 5\n  replay: ${replay(w)}`);
        }
        finalChecks(w, failures, seed, 'missed changes');
      }
      expect(failures).toEqual([]);
    });

    it('concurrent changes: joins, leaves and moves in quick succession with leader crashes', () => {
      const failures: string[] = [];
      for (const seed of seeds) {
        const actions: LoggedAction[] = [];
        // A deterministic schedule that differs per seed: membership flips every 250 ms, a move, and group leaders crash.
        const ops: LoggedAction['action'][] = [
          { type: 'shardctl', op: 'leave', gids: [1 + (seed % 3)] },
          { type: 'shardctl', op: 'move', gids: [1 + ((seed + 1) % 3)], shard: seed % 10 },
          { type: 'shardctl', op: 'join', gids: [1 + (seed % 3)] },
          { type: 'shardctl', op: 'leave', gids: [1 + ((seed + 2) % 3)] },
          { type: 'shardctl', op: 'join', gids: [1 + ((seed + 2) % 3)] },
        ];
        ops.forEach((action, i) => actions.push({ atUs: 1_000_000 + i * 250_000, action }));
        actions.push({ atUs: 1_300_000, action: { type: 'crash', node: 3 + (seed % 3) } });
        actions.push({ atUs: 1_900_000, action: { type: 'restart', node: 3 + (seed % 3) } });
        actions.push({ atUs: 1_600_000, action: { type: 'crash', node: 6 + (seed % 3) } });
        actions.push({ atUs: 2_400_000, action: { type: 'restart', node: 6 + (seed % 3) } });
        actions.sort((a, b) => a.atUs - b.atUs);
        const w = world(protocol, seed, { clients: { count: 8, keys: 30, thinkTimeUs: 2_000 } }, actions);
        w.runUntil(6_000_000);
        const view = w.shardView();
        if (view === null || view.groups.some((g) => g.configNum !== view.configs.length - 1)) failures.push(`seed ${seed}: a group did not reach the newest configuration\n  replay: ${replay(w)}`);
        finalChecks(w, failures, seed, 'concurrent');
      }
      expect(failures).toEqual([]);
    });

    it('unreliable network: pushes, acknowledgements and requests lost and duplicated', () => runScenarioSeeds('shards-join-leave-unreliable', protocol));

    it('crashes during handoffs: leaders of the groups and the controller crash mid-change', () => runScenarioSeeds('shards-join-leave-crash', protocol));

    it('challenge 1: a group that gave all its shards away holds none of their data', () => {
      const failures: string[] = [];
      for (const seed of seeds) {
        const w = world(protocol, seed, { snapshotEveryEntries: 20 }, [{ atUs: 1_500_000, action: { type: 'shardctl', op: 'leave', gids: [2] } }]);
        w.runUntil(3_500_000);
        for (const s of groupStates(w, 2)) {
          const held = s.shards.filter((slot) => slot.data !== null).length;
          if (held > 0 || s.config.num !== 2) failures.push(`seed ${seed}: g2 still holds ${held} shards at configuration ${s.config.num}\n  replay: ${replay(w)}`);
        }
        finalChecks(w, failures, seed, 'delete');
      }
      expect(failures).toEqual([]);
    });

    it('challenge 2: shards untouched by a change never stop (unaffected down-time 0)', () =>
      runScenarioSeeds('shards-unaffected', protocol, (r) => (r.shards?.unaffectedDowntimeMs === 0 ? null : `unaffectedDowntimeMs ${r.shards?.unaffectedDowntimeMs}`)));

    it('challenge 2: a shard that arrived serves while others of the same change are missing', () => runScenarioSeeds('shards-partial', protocol));
  });
}
