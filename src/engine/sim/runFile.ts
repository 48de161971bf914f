/**
 * A run as a file or a permalink: the world config, the seed and the action
 * log (plus where the viewer was), which together reproduce the run exactly.
 * Everything is checked against a schema on the way in: a malformed or
 * hostile file is refused with every problem and its path, and nothing of
 * the current run is touched.
 */
import { DataError, checkValue, optional, parseJsonLimited, required, type Spec } from '../core/schema';
import type { LoggedAction } from './actions';
import { validateAction } from './actions';
import { ConfigError, normalizeConfig, type WorldConfig } from './config';
import type { ClientSettings } from '../clients/clerk';
import type { ShardSettings } from './topology';
import type { CpuSettings } from './cpu';

export const runFormat = 'consensus-lab/run';
export const runVersion = 1;
/** Run files and decompressed permalinks larger than this are refused. */
export const maxRunBytes = 1024 * 1024;

export interface RunFile {
  format: typeof runFormat;
  version: number;
  /** The built-in scenario this run started from, if any. */
  scenario?: string;
  config: {
    protocol: string;
    nodeCount: number;
    seed: number;
    options?: Record<string, number | boolean>;
    network?: { latencyMinUs?: number; latencyMaxUs?: number; lossRatio?: number; duplicateRatio?: number };
    load?: { proposalsPerSecond?: number; commandBytes?: number };
    clients?: Partial<ClientSettings>;
    snapshotEveryEntries?: number;
    bugs?: string[];
    shards?: Partial<ShardSettings>;
    cpu?: Partial<CpuSettings>;
  };
  actions: LoggedAction[];
  /** Virtual time the viewer was at. */
  atUs: number;
}

const us: Spec = { type: 'number', integer: true, min: 0, max: 1e13 };
const ratio: Spec = { type: 'number', min: 0, max: 1 };
const endpoint: Spec = { type: 'number', integer: true, min: 0, max: 1000 };

const actionSpec: Spec = {
  type: 'tagged',
  tag: 'type',
  variants: {
    crash: { node: required(endpoint) },
    restart: { node: required(endpoint) },
    cut: { from: required(endpoint), to: required(endpoint), bothWays: required({ type: 'boolean' }) },
    heal: { from: required(endpoint), to: required(endpoint), bothWays: required({ type: 'boolean' }) },
    isolate: { node: required(endpoint) },
    partition: { groups: required({ type: 'array', items: { type: 'array', items: endpoint, maxItems: 1000 }, maxItems: 1000 }) },
    healAll: {},
    setNetwork: {
      from: required({ type: 'nullable', spec: endpoint }),
      to: required({ type: 'nullable', spec: endpoint }),
      latencyMinUs: optional(us),
      latencyMaxUs: optional(us),
      lossRatio: optional(ratio),
      duplicateRatio: optional(ratio),
    },
    propose: { node: required({ type: 'nullable', spec: endpoint }), body: required({ type: 'string', maxLength: 256 }), bytes: required({ type: 'number', integer: true, min: 0, max: 1 << 20 }) },
    control: { node: required(endpoint), action: required({ type: 'enum', values: ['transfer-leadership', 'campaign', 'reconfigure'] }), target: required({ type: 'nullable', spec: endpoint }) },
    shardctl: {
      op: required({ type: 'enum', values: ['join', 'leave', 'move'] }),
      gids: required({ type: 'array', items: { type: 'number', integer: true, min: 0, max: 64 }, maxItems: 64 }),
      shard: optional({ type: 'number', integer: true, min: 0, max: 1000 }),
    },
  },
};

const count = (max: number): Spec => ({ type: 'number', integer: true, min: 0, max });
const clientsSpec: Spec = {
  type: 'object',
  fields: {
    count: optional(count(500)),
    keys: optional(count(1_000_000)),
    keyDistribution: optional({ type: 'enum', values: ['uniform', 'zipf', 'hot-shards'] }),
    zipfSkew: optional({ type: 'number', min: 0, max: 10 }),
    hotShards: optional({ type: 'array', items: count(255), maxItems: 256 }),
    hotFraction: optional(ratio),
    valueBytes: optional(count(1_000_000)),
    readRatio: optional(ratio),
    appendRatio: optional(ratio),
    thinkTimeUs: optional(us),
    requestTimeoutUs: optional(us),
    opsPerClient: optional(count(1e12)),
    openLoopOpsPerSecond: optional({ type: 'number', min: 0, max: 1_000_000 }),
  },
};
const shardsSpec: Spec = {
  type: 'object',
  fields: {
    controllerServers: optional(count(15)),
    groupSizes: optional({ type: 'array', items: count(15), maxItems: 12 }),
    initialGroups: optional(count(12)),
    shardCount: optional(count(256)),
    pollIntervalUs: optional(us),
    groupProtocols: optional({ type: 'array', items: { type: 'string', pattern: /^[a-z][a-z0-9-]{0,31}$/, patternHint: 'must be a protocol name' }, maxItems: 13 }),
  },
};
const cpuSpec: Spec = { type: 'object', fields: { messageUs: optional(us), applyUs: optional(us), clientOpUs: optional(us) } };

const runSpec: Spec = {
  type: 'object',
  fields: {
    format: required({ type: 'literal', value: runFormat }),
    version: required({ type: 'number', integer: true }),
    scenario: optional({ type: 'string', pattern: /^[a-z0-9][a-z0-9-]{0,47}$/, patternHint: 'must be a scenario id' }),
    config: required({
      type: 'object',
      fields: {
        protocol: required({ type: 'string', pattern: /^[a-z][a-z0-9-]{0,31}$/, patternHint: 'must be a protocol name' }),
        nodeCount: required({ type: 'number', integer: true, min: 0, max: 64 }),
        seed: required({ type: 'number', integer: true, min: 0, max: Number.MAX_SAFE_INTEGER }),
        options: optional({ type: 'record', keys: /^[a-zA-Z][a-zA-Z0-9]{0,39}$/, keysHint: 'option names are letters and digits', values: { type: 'numberOrBoolean', min: 0, max: 1e12 }, maxKeys: 20 }),
        network: optional({ type: 'object', fields: { latencyMinUs: optional(us), latencyMaxUs: optional(us), lossRatio: optional(ratio), duplicateRatio: optional(ratio) } }),
        load: optional({ type: 'object', fields: { proposalsPerSecond: optional({ type: 'number', min: 0, max: 100_000 }), commandBytes: optional({ type: 'number', integer: true, min: 0, max: 1 << 20 }) } }),
        clients: optional(clientsSpec),
        snapshotEveryEntries: optional({ type: 'number', integer: true, min: 0, max: 1_000_000 }),
        bugs: optional({ type: 'array', items: { type: 'string', maxLength: 40 }, maxItems: 8 }),
        shards: optional(shardsSpec),
        cpu: optional(cpuSpec),
      },
    }),
    actions: required({ type: 'array', items: { type: 'object', fields: { atUs: required(us), action: required(actionSpec) } }, maxItems: 100_000 }),
    atUs: required(us),
  },
};

/** The world config a run file describes. */
export function runWorldConfig(run: RunFile): WorldConfig {
  const c = run.config;
  return {
    seed: c.seed,
    protocol: c.protocol,
    nodeCount: c.nodeCount,
    options: c.options ?? {},
    network: c.network ?? {},
    load: c.load ?? {},
    clients: c.clients ?? {},
    snapshotEveryEntries: c.snapshotEveryEntries ?? 0,
    bugs: c.bugs ?? [],
    ...(c.shards !== undefined ? { shards: c.shards } : {}),
    ...(c.cpu !== undefined ? { cpu: c.cpu } : {}),
  };
}

/** Every problem of a parsed value as a run file (schema, version, config, actions in order and in range). */
export function runFileProblems(value: unknown, knownProtocols: readonly string[]): string[] {
  const problems: string[] = [];
  checkValue(value, runSpec, '', problems);
  if (problems.length > 0) return problems;
  const run = value as RunFile;
  if (run.version !== runVersion) {
    return [
      run.version > runVersion
        ? `version: this run was saved by a newer lab (format version ${run.version}); this lab reads version ${runVersion}`
        : `version: format version ${run.version} is too old for this lab (it reads version ${runVersion})`,
    ];
  }
  if (!knownProtocols.includes(run.config.protocol)) problems.push(`config.protocol: "${run.config.protocol}" is not a protocol of this lab (${knownProtocols.join(', ')})`);
  try {
    const resolved = normalizeConfig({ ...runWorldConfig(run), protocol: run.config.protocol });
    const sharded = resolved.shards;
    const endpoints = resolved.nodeCount + resolved.clients.count + (sharded !== null ? 1 : 0);
    const shape = sharded === null ? null : { groupCount: sharded.groupSizes.length, shardCount: sharded.shardCount };
    let last = 0;
    run.actions.forEach((logged, i) => {
      for (const p of validateAction(logged.action, resolved.nodeCount, endpoints, shape)) problems.push(`actions[${i}].action.${p}`);
      if (logged.atUs < last) problems.push(`actions[${i}].atUs: actions must be in time order`);
      last = logged.atUs;
    });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems.map((p) => `config.${p}`));
  }
  return problems;
}

export function parseRunFile(text: string, knownProtocols: readonly string[]): RunFile {
  const value = parseJsonLimited(text, 'run file', maxRunBytes);
  const problems = runFileProblems(value, knownProtocols);
  if (problems.length > 0) throw new DataError('run file', problems);
  return value as RunFile;
}

export function makeRunFile(config: WorldConfig & { protocol: string }, actions: readonly LoggedAction[], atUs: number, scenario?: string): RunFile {
  const resolved = normalizeConfig(config);
  return {
    format: runFormat,
    version: runVersion,
    ...(scenario !== undefined ? { scenario } : {}),
    config: {
      protocol: config.protocol,
      nodeCount: resolved.nodeCount,
      seed: resolved.seed,
      options: resolved.options as Record<string, number | boolean>,
      network: resolved.network,
      load: resolved.load,
      clients: { ...resolved.clients, hotShards: [...resolved.clients.hotShards] },
      snapshotEveryEntries: resolved.snapshotEveryEntries,
      bugs: resolved.bugs,
      ...(resolved.shards !== null ? { shards: { ...resolved.shards, groupSizes: [...resolved.shards.groupSizes], groupProtocols: [...resolved.shards.groupProtocols] } } : {}),
      ...(resolved.cpu.messageUs + resolved.cpu.applyUs + resolved.cpu.clientOpUs > 0 ? { cpu: { ...resolved.cpu } } : {}),
    },
    actions: actions.map((a) => ({ atUs: a.atUs, action: a.action })),
    atUs,
  };
}
