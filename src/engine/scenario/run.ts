/**
 * Running a scenario: turn its config into a world config, apply its
 * timeline at the given virtual times (resolving `leader`, `follower:k` and
 * bound names at the moment each step runs, into concrete actions in the
 * world's action log), then measure the fault period and evaluate the
 * expectations.
 */
import { InvariantViolation } from '../core/assert';
import type { Action } from '../sim/actions';
import type { WorldConfig } from '../sim/config';
import { RoleCode } from '../sim/coordinator';
import { createWorld, type World } from '../sim/world';
import type { Expectation, NodeRef, Scenario, StepAction, TimelineStep } from './types';
import { measureShards, shardsServedAfter, type ShardMeasurements } from './shardMeasure';

export interface ScenarioOverrides {
  protocol?: string;
  seed?: number;
}

export class ScenarioRuntimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioRuntimeError';
  }
}

/** The world config a scenario describes (times in the file are ms, the engine's µs). */
export function scenarioWorldConfig(s: Scenario, overrides: ScenarioOverrides = {}): WorldConfig {
  const c = s.config;
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(c.options ?? {})) {
    // electionTimeoutMs → electionTimeoutUs; other options pass through.
    if (key.endsWith('Ms') && typeof value === 'number') options[key.slice(0, -2) + 'Us'] = Math.round(value * 1000);
    else options[key] = value;
  }
  const net = c.network ?? {};
  return {
    seed: overrides.seed ?? c.seed,
    protocol: overrides.protocol ?? c.protocol,
    nodeCount: c.nodes,
    options,
    network: {
      ...(net.latencyMs ? { latencyMinUs: Math.round(net.latencyMs[0] * 1000), latencyMaxUs: Math.round(net.latencyMs[1] * 1000) } : {}),
      ...(net.lossRatio !== undefined ? { lossRatio: net.lossRatio } : {}),
      ...(net.duplicateRatio !== undefined ? { duplicateRatio: net.duplicateRatio } : {}),
    },
    load: { proposalsPerSecond: c.commandsPerSecond ?? 0, commandBytes: 32 },
    clients: c.clients
      ? {
          count: c.clients.count,
          ...(c.clients.keys !== undefined ? { keys: c.clients.keys } : {}),
          ...(c.clients.readRatio !== undefined ? { readRatio: c.clients.readRatio } : {}),
          ...(c.clients.thinkTimeMs !== undefined ? { thinkTimeUs: Math.round(c.clients.thinkTimeMs * 1000) } : {}),
          ...(c.clients.requestTimeoutMs !== undefined ? { requestTimeoutUs: Math.round(c.clients.requestTimeoutMs * 1000) } : {}),
          ...(c.clients.opsPerClient !== undefined ? { opsPerClient: c.clients.opsPerClient } : {}),
        }
      : undefined,
    snapshotEveryEntries: c.snapshotEveryEntries ?? 0,
    bugs: c.bugs ?? [],
    checkInvariants: true,
    ...(c.shards !== undefined
      ? {
          shards: {
            ...(c.shards.controllerServers !== undefined ? { controllerServers: c.shards.controllerServers } : {}),
            ...(c.shards.groupSizes !== undefined ? { groupSizes: c.shards.groupSizes } : {}),
            ...(c.shards.initialGroups !== undefined ? { initialGroups: c.shards.initialGroups } : {}),
            ...(c.shards.shardCount !== undefined ? { shardCount: c.shards.shardCount } : {}),
            ...(c.shards.pollIntervalMs !== undefined ? { pollIntervalUs: Math.round(c.shards.pollIntervalMs * 1000) } : {}),
            ...(c.shards.groupProtocols !== undefined ? { groupProtocols: c.shards.groupProtocols } : {}),
          },
        }
      : {}),
  };
}

/** The global endpoints of a sharded world's group `gid` (0: the controller). */
function groupNodes(world: World, gid: number): number[] {
  const g = world.config.groups[gid];
  if (g === undefined || world.config.shards === null) throw new ScenarioRuntimeError(`there is no group g${gid}`);
  return Array.from({ length: g.size }, (_, i) => g.base + i);
}

/** Resolve a node reference now: `n3`, `leader`, `follower:k` or a bound `$NAME`. */
export function resolveNode(world: World, ref: NodeRef, bindings: Record<string, number>): number {
  if (ref.startsWith('$')) {
    const bound = bindings[ref.slice(1)];
    if (bound === undefined) throw new ScenarioRuntimeError(`${ref} is not bound`);
    return bound;
  }
  const groupRef = /^(leader:)?g([0-9]+)(?::([0-9]+))?$/.exec(ref);
  if (groupRef !== null) {
    const gid = Number(groupRef[2]);
    const nodes = groupNodes(world, gid);
    if (groupRef[1] !== undefined) {
      const leader = world.leader(gid);
      if (leader === null) throw new ScenarioRuntimeError(`group g${gid} has no leader at ${(world.nowUs() / 1000).toFixed(1)} ms to resolve "${ref}"`);
      return leader;
    }
    const k = Number(groupRef[3]);
    if (!(k >= 1 && k <= nodes.length)) throw new ScenarioRuntimeError(`${ref}: group g${gid} has ${nodes.length} servers`);
    return nodes[k - 1];
  }
  if (ref === 'leader') {
    const leader = world.leader();
    if (leader === null) throw new ScenarioRuntimeError(`no leader at ${(world.nowUs() / 1000).toFixed(1)} ms to resolve "leader"`);
    return leader;
  }
  if (ref.startsWith('follower:')) {
    const k = Number(ref.slice('follower:'.length));
    const leader = world.leader();
    const followers = Array.from({ length: world.config.nodeCount }, (_, n) => n).filter((n) => n !== leader && world.isUp(n));
    if (k > followers.length) throw new ScenarioRuntimeError(`no ${ref} at ${(world.nowUs() / 1000).toFixed(1)} ms (${followers.length} live followers)`);
    return followers[k - 1];
  }
  const n = Number(ref.slice(1)) - 1;
  if (!(n >= 0 && n < world.config.nodeCount)) throw new ScenarioRuntimeError(`${ref} does not exist`);
  return n;
}

/** The concrete actions one step stands for, resolved against the world now. */
export function stepActions(world: World, step: StepAction, bindings: Record<string, number>): Action[] {
  const node = (ref: NodeRef) => resolveNode(world, ref, bindings);
  const n = world.config.nodeCount;
  switch (step.do) {
    case 'crash':
      return [{ type: 'crash', node: node(step.node) }];
    case 'restart':
      return [{ type: 'restart', node: node(step.node) }];
    case 'restart-all':
      return Array.from({ length: n }, (_, k) => k)
        .filter((k) => !world.isUp(k))
        .map((k): Action => ({ type: 'restart', node: k }));
    case 'cut':
      return [{ type: 'cut', from: node(step.from), to: node(step.to), bothWays: step.oneWay !== true }];
    case 'heal':
      return [{ type: 'heal', from: node(step.from), to: node(step.to), bothWays: step.oneWay !== true }];
    case 'isolate':
      return [{ type: 'isolate', node: node(step.node) }];
    case 'keep-only': {
      const self = node(step.node);
      const keep = new Set(step.peers.map(node));
      return Array.from({ length: n }, (_, k) => k)
        .filter((k) => k !== self && !keep.has(k))
        .map((k): Action => ({ type: 'cut', from: self, to: k, bothWays: true }));
    }
    case 'partition':
      return [{ type: 'partition', groups: step.groups.map((g) => g.map(node)) }];
    case 'heal-all':
      return [{ type: 'healAll' }];
    case 'network':
      return [
        {
          type: 'setNetwork',
          from: null,
          to: null,
          ...(step.latencyMs ? { latencyMinUs: Math.round(step.latencyMs[0] * 1000), latencyMaxUs: Math.round(step.latencyMs[1] * 1000) } : {}),
          ...(step.lossRatio !== undefined ? { lossRatio: step.lossRatio } : {}),
          ...(step.duplicateRatio !== undefined ? { duplicateRatio: step.duplicateRatio } : {}),
        },
      ];
    case 'propose':
      return Array.from({ length: step.count ?? 1 }, (_, k): Action => ({ type: 'propose', node: null, body: step.text ?? `cmd${k + 1}`, bytes: 32 }));
    case 'campaign':
      return [{ type: 'control', node: node(step.node), action: 'campaign', target: null }];
    case 'transfer-leadership': {
      const leader = world.leader();
      if (leader === null) throw new ScenarioRuntimeError('no leader to transfer leadership from');
      return [{ type: 'control', node: leader, action: 'transfer-leadership', target: node(step.to) }];
    }
    case 'crash-group':
      return groupNodes(world, step.gid)
        .filter((k) => world.isUp(k))
        .map((k): Action => ({ type: 'crash', node: k }));
    case 'restart-group':
      return groupNodes(world, step.gid)
        .filter((k) => !world.isUp(k))
        .map((k): Action => ({ type: 'restart', node: k }));
    case 'shardctl':
      return [{ type: 'shardctl', op: step.op, gids: step.gids.slice(), ...(step.shard !== undefined ? { shard: step.shard } : {}) }];
  }
}

/**
 * Measurements of the fault period. Down-time (PROTOCOLS.md) runs from the
 * cut until the first operation proposed after it is decided; for a fault
 * made of several steps it counts from the final cut, since operations
 * proposed between the first and the last cut may still commit normally.
 * `null` when nothing proposed after the cut was decided before the fault ended.
 */
export interface FaultMeasurements {
  faultStartMs: number;
  faultEndMs: number;
  /** Time of the last step of the fault (the final cut). */
  finalCutMs: number;
  downtimeMs: number | null;
  /** The same, counted from the first cut (as the OmniPaxos paper reports constrained election). */
  downtimeFromFirstCutMs: number | null;
  leaderChanges: number;
  decidedDuringPartition: number;
}

export interface ScenarioResult {
  scenario: Scenario;
  world: World;
  bindings: Record<string, number>;
  /** Virtual time each timeline step ran at (µs), in order. */
  stepTimesUs: number[];
  fault: FaultMeasurements | null;
  violation: string | null;
  expectations: { expectation: Expectation; ok: boolean; detail: string }[];
  linearizable: boolean | null;
  /** Sharded scenarios: configurations, moves, unaffected down-time (null otherwise). */
  shards: ShardMeasurements | null;
  /** Sharded scenarios: the configuration the groups had reached when the fault started. */
  configAtFaultStart: number;
}

/** Apply one timeline step now: bind names, then act. */
export function applyStep(world: World, step: TimelineStep, bindings: Record<string, number>): void {
  for (const [name, ref] of Object.entries(step.bind ?? {})) bindings[name] = resolveNode(world, ref, bindings);
  for (const action of stepActions(world, step, bindings)) world.act(action);
}

export function measureFault(world: World, startUs: number, finalCutUs: number, endUs: number): FaultMeasurements {
  let firstDecidedUs: number | null = null;
  let decided = 0;
  for (let index = 1; index <= world.committedCount(); index++) {
    const at = world.committedAtUs(index) as number;
    if (at > startUs && at <= endUs) decided++;
    const command = world.committedCommandAt(index);
    if (command === null || command < 0) continue;
    const proposedUs = world.proposedAtUs(command);
    if (proposedUs === null || at > endUs) continue;
    if (proposedUs >= finalCutUs && (firstDecidedUs === null || at < firstDecidedUs)) firstDecidedUs = at;
  }
  const leaderMarks = world.marks().filter((m) => m.kind === 'note' && m.label === 'role' && m.a === RoleCode.leader && m.timeUs > startUs && m.timeUs <= endUs);
  const ms = (us: number) => Math.round(us / 100) / 10;
  return {
    faultStartMs: ms(startUs),
    faultEndMs: ms(endUs),
    finalCutMs: ms(finalCutUs),
    downtimeMs: firstDecidedUs === null ? null : ms(firstDecidedUs - finalCutUs),
    downtimeFromFirstCutMs: firstDecidedUs === null ? null : ms(firstDecidedUs - startUs),
    leaderChanges: leaderMarks.length,
    decidedDuringPartition: decided,
  };
}

function evaluate(e: Expectation, r: Omit<ScenarioResult, 'expectations'>): { ok: boolean; detail: string } {
  const w = r.world;
  switch (e.kind) {
    case 'leader-elected': {
      const ok = Object.keys(w.leadersByTerm()).length > 0;
      return { ok, detail: ok ? 'a leader was elected' : 'no leader was ever elected' };
    }
    case 'leader-changes': {
      const count = e.duringFault ? (r.fault?.leaderChanges ?? 0) : w.marks().filter((m) => m.kind === 'note' && m.label === 'role' && m.a === RoleCode.leader).length;
      const ok = (e.min === undefined || count >= e.min) && (e.max === undefined || count <= e.max);
      return { ok, detail: `${count} leader elections${e.duringFault ? ' during the fault' : ''}` };
    }
    case 'committed': {
      const ok = w.committedCount() >= e.min;
      return { ok, detail: `${w.committedCount()} entries committed` };
    }
    case 'linearizable': {
      const ok = r.linearizable === e.value;
      return { ok, detail: r.linearizable === null ? 'no client history' : r.linearizable ? 'the history is linearizable' : 'the history is not linearizable' };
    }
    case 'invariants-hold':
      return { ok: r.violation === null, detail: r.violation ?? 'every invariant held' };
    case 'invariant-violated':
      return { ok: r.violation !== null, detail: r.violation ?? 'no invariant was violated' };
    case 'recovered-within': {
      const d = r.fault?.downtimeMs ?? null;
      const ok = e.ms === null ? d === null : d !== null && d <= e.ms;
      return { ok, detail: d === null ? 'no progress during the fault' : `recovered in ${d} ms` };
    }
    case 'no-progress-during-fault': {
      const d = r.fault?.downtimeMs ?? null;
      return { ok: d === null, detail: d === null ? 'no operation proposed during the fault was decided' : `recovered in ${d} ms` };
    }
    case 'unaffected-downtime': {
      const d = r.shards?.unaffectedDowntimeMs ?? null;
      return { ok: d !== null && d <= e.maxMs, detail: d === null ? 'not a sharded run' : `unaffected shards (${r.shards?.unaffectedShards.join(', ')}) could not serve for at most ${d} ms` };
    }
    case 'configs-applied': {
      const n = r.shards?.configs ?? 0;
      return { ok: n >= e.min, detail: `every member group applied configuration ${n}` };
    }
    case 'shards-served': {
      const view = w.shardView();
      if (view === null || r.fault === null) return { ok: false, detail: 'needs a sharded run with a fault period' };
      const verdict = shardsServedAfter(view.configs, r.configAtFaultStart, e.shardsOf, w.history(), Math.round(r.fault.faultStartMs * 1000));
      return { ok: verdict.served === e.served, detail: verdict.detail };
    }
  }
}

/** Run a whole scenario headless. Invariant violations are reported, not thrown. */
export function runScenario(s: Scenario, overrides: ScenarioOverrides = {}): ScenarioResult {
  const world = createWorld(scenarioWorldConfig(s, overrides));
  const bindings: Record<string, number> = {};
  const stepTimesUs: number[] = [];
  let violation: string | null = null;
  let faultStartUs: number | null = null;
  let faultEndUs: number | null = null;
  let lastFaultStepUs: number | null = null;
  let configAtFaultStart = 0;
  try {
    for (const step of s.timeline) {
      world.runUntil(Math.round(step.at * 1000));
      if (step.fault === 'start') configAtFaultStart = world.shardView()?.configs.length ? (world.shardView() as NonNullable<ReturnType<World['shardView']>>).configs.length - 1 : 0;
      applyStep(world, step, bindings);
      stepTimesUs.push(world.nowUs());
      if (step.fault === 'start') faultStartUs = world.nowUs();
      if (step.fault === 'end') faultEndUs = world.nowUs();
      else if (faultStartUs !== null && faultEndUs === null) lastFaultStepUs = world.nowUs();
    }
    world.runUntil(Math.round(s.durationMs * 1000));
  } catch (error) {
    if (!(error instanceof InvariantViolation)) throw error;
    violation = error.message;
  }
  const fault = faultStartUs === null ? null : measureFault(world, faultStartUs, lastFaultStepUs ?? faultStartUs, faultEndUs ?? world.nowUs());
  const linearizable = world.history().length === 0 ? null : world.checkHistory({ maxSteps: 20_000_000 }).verdict === 'linearizable';
  const view = world.shardView();
  // The first change after the start-up Join: a `shardctl` action mark later than time 0.
  const firstChange = world.actions().find((a) => a.action.type === 'shardctl');
  const shards = view === null ? null : measureShards(view, world.history(), world.nowUs(), linearizable, firstChange?.atUs ?? Infinity);
  const partial = { scenario: s, world, bindings, stepTimesUs, fault, violation, linearizable, shards, configAtFaultStart };
  return { ...partial, expectations: s.expect.map((expectation) => ({ expectation, ...evaluate(expectation, partial) })) };
}
