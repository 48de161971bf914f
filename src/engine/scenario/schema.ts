/**
 * The schema of scenario files. Every field is listed; anything else is an
 * error with its path. Files are limited to `maxScenarioBytes`.
 */
import { DataError, checkValue, optional, parseJsonLimited, required, type Field, type Spec } from '../core/schema';
import { scenarioFormat, scenarioVersion, type Scenario } from './types';

export const maxScenarioBytes = 256 * 1024;

const nodeRef: Spec = {
  type: 'string',
  pattern: /^(n[1-9][0-9]?|leader|follower:[1-9]|leader:g[0-9]{1,2}|g[0-9]{1,2}:[1-9][0-9]?|\$[A-Za-z][A-Za-z0-9_]{0,15})$/,
  patternHint: 'must name a node: n1…n64, leader, follower:K, leader:gG, gG:K (K-th server of group G; g0 is the shard controller) or a bound name like $A',
};
const ms: Spec = { type: 'number', min: 0, max: 3_600_000 };
const ratio: Spec = { type: 'number', min: 0, max: 1 };
const latency: Spec = { type: 'tuple', items: [ms, ms] };
const text: Spec = { type: 'string', maxLength: 2000 };
const gidSpec: Spec = { type: 'number', integer: true, min: 1, max: 12 };

const step = (fields: Record<string, Field>): Record<string, Field> => ({
  at: required(ms),
  bind: optional({ type: 'record', keys: /^[A-Za-z][A-Za-z0-9_]{0,15}$/, keysHint: 'names are letters, digits and _, starting with a letter', values: nodeRef, maxKeys: 16 }),
  fault: optional({ type: 'enum', values: ['start', 'end'] }),
  ...fields,
});

const timelineStep: Spec = {
  type: 'tagged',
  tag: 'do',
  variants: {
    crash: step({ node: required(nodeRef) }),
    restart: step({ node: required(nodeRef) }),
    'restart-all': step({}),
    cut: step({ from: required(nodeRef), to: required(nodeRef), oneWay: optional({ type: 'boolean' }) }),
    heal: step({ from: required(nodeRef), to: required(nodeRef), oneWay: optional({ type: 'boolean' }) }),
    isolate: step({ node: required(nodeRef) }),
    'keep-only': step({ node: required(nodeRef), peers: required({ type: 'array', items: nodeRef, maxItems: 15 }) }),
    partition: step({ groups: required({ type: 'array', items: { type: 'array', items: nodeRef, minItems: 1, maxItems: 15 }, minItems: 2, maxItems: 15 }) }),
    'heal-all': step({}),
    network: step({ latencyMs: optional(latency), lossRatio: optional(ratio), duplicateRatio: optional(ratio) }),
    propose: step({ text: optional({ type: 'string', maxLength: 64 }), count: optional({ type: 'number', integer: true, min: 1, max: 1000 }) }),
    'transfer-leadership': step({ to: required(nodeRef) }),
    campaign: step({ node: required(nodeRef) }),
    'crash-group': step({ gid: required(gidSpec) }),
    'restart-group': step({ gid: required(gidSpec) }),
    shardctl: step({
      op: required({ type: 'enum', values: ['join', 'leave', 'move'] }),
      gids: required({ type: 'array', items: gidSpec, minItems: 1, maxItems: 12 }),
      shard: optional({ type: 'number', integer: true, min: 0, max: 255 }),
    }),
  },
};

const waitFor: Spec = {
  type: 'tagged',
  tag: 'event',
  variants: {
    start: {},
    time: { atMs: required(ms) },
    'leader-elected': { minTerm: optional({ type: 'number', integer: true, min: 0 }), notNode: optional(nodeRef) },
    commit: { index: required({ type: 'number', integer: true, min: 1 }) },
    step: { step: required({ type: 'number', integer: true, min: 1, max: 1000 }) },
    'vote-refused': {},
    'term-above': { term: required({ type: 'number', integer: true, min: 0 }) },
    snapshot: {},
    'op-completed': { count: required({ type: 'number', integer: true, min: 1 }) },
  },
};

const expectation: Spec = {
  type: 'tagged',
  tag: 'kind',
  variants: {
    'leader-elected': {},
    'leader-changes': { min: optional({ type: 'number', integer: true, min: 0 }), max: optional({ type: 'number', integer: true, min: 0 }), duringFault: optional({ type: 'boolean' }) },
    committed: { min: required({ type: 'number', integer: true, min: 0 }) },
    linearizable: { value: required({ type: 'boolean' }) },
    'invariants-hold': {},
    'invariant-violated': {},
    'recovered-within': { ms: required(ms) },
    'no-progress-during-fault': {},
    'unaffected-downtime': { maxMs: required(ms) },
    'shards-served': { shardsOf: required(gidSpec), served: required({ type: 'boolean' }) },
    'configs-applied': { min: required({ type: 'number', integer: true, min: 0 }) },
  },
};

export const scenarioSpec: Spec = {
  type: 'object',
  fields: {
    format: required({ type: 'literal', value: scenarioFormat }),
    version: required({ type: 'number', integer: true }),
    id: required({ type: 'string', pattern: /^[a-z0-9][a-z0-9-]{0,47}$/, patternHint: 'must be lowercase letters, digits and dashes' }),
    title: required({ type: 'string', minLength: 1, maxLength: 120 }),
    summary: required(text),
    config: required({
      type: 'object',
      fields: {
        protocol: required({ type: 'string', pattern: /^[a-z][a-z0-9-]{0,31}$/, patternHint: 'must be a protocol name like raft' }),
        nodes: required({ type: 'number', integer: true, min: 0, max: 64 }),
        seed: required({ type: 'number', integer: true, min: 0, max: Number.MAX_SAFE_INTEGER }),
        network: optional({ type: 'object', fields: { latencyMs: optional(latency), lossRatio: optional(ratio), duplicateRatio: optional(ratio) } }),
        options: optional({ type: 'record', keys: /^[a-zA-Z][a-zA-Z0-9]{0,39}$/, keysHint: 'option names are letters and digits', values: { type: 'numberOrBoolean', min: 0, max: 1e9 }, maxKeys: 20 }),
        commandsPerSecond: optional({ type: 'number', min: 0, max: 100_000 }),
        clients: optional({
          type: 'object',
          fields: {
            count: required({ type: 'number', integer: true, min: 0, max: 500 }),
            keys: optional({ type: 'number', integer: true, min: 1, max: 1_000_000 }),
            readRatio: optional(ratio),
            thinkTimeMs: optional(ms),
            requestTimeoutMs: optional({ type: 'number', min: 1, max: 3_600_000 }),
            opsPerClient: optional({ type: 'number', integer: true, min: 0 }),
          },
        }),
        snapshotEveryEntries: optional({ type: 'number', integer: true, min: 0, max: 1_000_000 }),
        shards: optional({
          type: 'object',
          fields: {
            controllerServers: optional({ type: 'number', integer: true, min: 1, max: 15 }),
            groupSizes: optional({ type: 'array', items: { type: 'number', integer: true, min: 1, max: 15 }, minItems: 1, maxItems: 12 }),
            initialGroups: optional({ type: 'number', integer: true, min: 0, max: 12 }),
            shardCount: optional({ type: 'number', integer: true, min: 1, max: 256 }),
            pollIntervalMs: optional({ type: 'number', min: 1, max: 10_000 }),
            groupProtocols: optional({ type: 'array', items: { type: 'string', pattern: /^[a-z][a-z0-9-]{0,31}$/, patternHint: 'must be a protocol name like raft' }, maxItems: 13 }),
          },
        }),
        bugs: optional({ type: 'array', items: { type: 'string', maxLength: 40 }, maxItems: 8 }),
      },
    }),
    durationMs: required({ type: 'number', min: 1, max: 3_600_000 }),
    timeline: required({ type: 'array', items: timelineStep, maxItems: 1000 }),
    narration: required({ type: 'array', items: { type: 'object', fields: { waitFor: required(waitFor), text: required(text) } }, maxItems: 200 }),
    expect: required({ type: 'array', items: expectation, maxItems: 50 }),
  },
};

/** Problems of an already-parsed scenario value (empty when valid), including rules the schema cannot express. */
export function scenarioProblems(value: unknown): string[] {
  const problems: string[] = [];
  checkValue(value, scenarioSpec, '', problems);
  if (problems.length > 0) return problems;
  const s = value as Scenario;
  if (s.version !== scenarioVersion) {
    problems.push(
      s.version > scenarioVersion
        ? `version: this file is version ${s.version}, newer than this lab understands (${scenarioVersion}); update the lab`
        : `version: version ${s.version} is no longer supported; this lab reads version ${scenarioVersion}`,
    );
  }
  const sharded = s.config.shards !== undefined;
  const groupSizes = s.config.shards?.groupSizes ?? [3, 3, 3];
  const nodes = sharded ? (s.config.shards?.controllerServers ?? 3) + groupSizes.reduce((a, b) => a + b, 0) : s.config.nodes;
  if (sharded && s.config.nodes !== 0 && s.config.nodes !== nodes) problems.push(`config.nodes: these shard groups have ${nodes} servers in all; write 0 or ${nodes}`);
  if (!sharded && s.config.nodes < 1) problems.push('config.nodes: must be at least 1');
  if (!sharded && s.config.nodes > 15) problems.push('config.nodes: a cluster has at most 15 nodes');
  if (sharded && (s.config.shards?.initialGroups ?? groupSizes.length) > groupSizes.length) problems.push(`config.shards.initialGroups: there are only ${groupSizes.length} groups`);
  const groupRef = /^(?:leader:g|g)([0-9]+)(?::([0-9]+))?$/;
  let last = 0;
  s.timeline.forEach((t, i) => {
    if (t.at < last) problems.push(`timeline[${i}].at: steps must be in time order (${t.at} ms comes after ${last} ms)`);
    last = Math.max(last, t.at);
    if (t.at > s.durationMs) problems.push(`timeline[${i}].at: ${t.at} ms is after the end of the scenario (durationMs ${s.durationMs})`);
  });
  const nodeNumber = /^n([0-9]+)$/;
  const checkRefs = (ref: string, path: string, bound: Set<string>) => {
    const m = nodeNumber.exec(ref);
    if (m !== null && Number(m[1]) > nodes) problems.push(`${path}: ${ref} does not exist in a ${nodes}-node ${sharded ? 'world' : 'cluster'}`);
    const g = groupRef.exec(ref);
    if (g !== null) {
      const gidOf = Number(g[1]);
      const size = gidOf === 0 ? (s.config.shards?.controllerServers ?? 3) : groupSizes[gidOf - 1];
      if (!sharded) problems.push(`${path}: ${ref} names a replica group, but this scenario has no shards`);
      else if (size === undefined) problems.push(`${path}: there is no group g${gidOf} (groups are g1 … g${groupSizes.length}, g0 is the controller)`);
      else if (g[2] !== undefined && Number(g[2]) > size) problems.push(`${path}: group g${gidOf} has ${size} servers`);
    }
    if (ref.startsWith('$') && !bound.has(ref.slice(1))) problems.push(`${path}: ${ref} is not bound by this or an earlier step`);
  };
  const bound = new Set<string>();
  s.timeline.forEach((t, i) => {
    for (const name of Object.keys(t.bind ?? {})) bound.add(name);
    for (const [name, ref] of Object.entries(t.bind ?? {})) if (ref.startsWith('$')) checkRefs(ref, `timeline[${i}].bind.${name}`, bound);
    const refs: [string, string][] = [];
    if ('node' in t) refs.push([t.node, 'node']);
    if ('from' in t) refs.push([t.from, 'from'], [t.to, 'to']);
    if ('peers' in t) t.peers.forEach((p, j) => refs.push([p, `peers[${j}]`]));
    if ('groups' in t) t.groups.forEach((g, j) => g.forEach((p, k) => refs.push([p, `groups[${j}][${k}]`])));
    if (t.do === 'transfer-leadership') refs.push([t.to, 'to']);
    for (const [ref, field] of refs) checkRefs(ref, `timeline[${i}].${field}`, bound);
    if ((t.do === 'crash-group' || t.do === 'restart-group' || t.do === 'shardctl') && !sharded) problems.push(`timeline[${i}].do: ${t.do} needs a sharded scenario (config.shards)`);
    if (t.do === 'crash-group' || t.do === 'restart-group') {
      if (t.gid > groupSizes.length) problems.push(`timeline[${i}].gid: there is no group g${t.gid}`);
    }
    if (t.do === 'shardctl') {
      t.gids.forEach((gid, j) => gid > groupSizes.length && problems.push(`timeline[${i}].gids[${j}]: there is no group g${gid}`));
      if (t.op === 'move' && (t.shard === undefined || t.gids.length !== 1)) problems.push(`timeline[${i}]: move names one shard and exactly one group`);
      if (t.shard !== undefined && t.shard >= (s.config.shards?.shardCount ?? 10)) problems.push(`timeline[${i}].shard: there are only ${s.config.shards?.shardCount ?? 10} shards`);
    }
  });
  s.expect.forEach((e, i) => {
    if ((e.kind === 'unaffected-downtime' || e.kind === 'shards-served' || e.kind === 'configs-applied') && !sharded) problems.push(`expect[${i}].kind: ${e.kind} needs a sharded scenario`);
    if (e.kind === 'shards-served' && e.shardsOf > groupSizes.length) problems.push(`expect[${i}].shardsOf: there is no group g${e.shardsOf}`);
  });
  return problems;
}

/** Parse and validate a scenario file's text; throws DataError with every problem, and changes nothing. */
export function parseScenario(textOfFile: string): Scenario {
  const value = parseJsonLimited(textOfFile, 'scenario file', maxScenarioBytes);
  const problems = scenarioProblems(value);
  if (problems.length > 0) throw new DataError('scenario file', problems);
  return value as Scenario;
}
