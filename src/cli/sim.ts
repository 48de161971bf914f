/**
 * `npm run sim`: run a world headless and print a summary (or one JSON object).
 * Exit codes: 0 ran clean, 1 an invariant was violated, 2 bad flags.
 */
import { ConfigError, InvariantViolation, WorkerWorld, createWorld, protocolNames, type LoggedAction, type WorldConfig } from '../engine/index';
import { threadChannelFactory } from '../engine/host/node/threadChannels';
import { UsageError, helpText, parseArgs, usageLine, runMain, type FlagSpec } from './args';
import { readFileSync, writeFileSync } from 'node:fs';
import { formatLabHistory, labHistory } from '../engine/check/linearizability/history';
import { bugNames, isBugName } from '../engine/sim/bugs';
import { builtInScenario, builtInScenarios } from '../scenarios/index';
import { parseScenario } from '../engine/scenario/schema';
import { runScenario } from '../engine/scenario/run';
import type { Scenario } from '../engine/scenario/types';
import { DataError } from '../engine/core/schema';

const specs: Record<string, FlagSpec> = {
  seed: { kind: 'int', min: 0, help: 'world seed (default 1)' },
  nodes: { kind: 'int', min: 1, max: 15, help: 'number of replicas (default 5)' },
  protocol: { kind: 'string', help: 'protocol: raft or raft-pv-cq (default raft)' },
  host: { kind: 'string', choices: ['inprocess', 'worker'], help: 'in-process, or one worker thread per node' },
  'until-ms': { kind: 'number', min: 1, help: 'virtual time to run, in ms (default 10000)' },
  rate: { kind: 'number', min: 0, max: 100000, help: 'commands per virtual second sent to the leader (default 20, or 0 with --clients)' },
  'command-bytes': { kind: 'int', min: 0, max: 1 << 20, help: 'payload bytes per command (default 64)' },
  'latency-ms': { kind: 'range', min: 0, help: 'link latency range in ms, e.g. 5..15' },
  loss: { kind: 'number', min: 0, max: 1, help: 'loss ratio of every link, 0..1' },
  duplicate: { kind: 'number', min: 0, max: 1, help: 'duplication ratio of every link, 0..1' },
  'snapshot-every': { kind: 'int', min: 0, help: 'service snapshots every N applied entries (0: never)' },
  options: { kind: 'json', help: 'protocol options as JSON, e.g. {"preVote":true}' },
  clients: { kind: 'int', min: 0, max: 500, help: 'closed-loop key-value clients (their history is checked for linearizability)' },
  'client-settings': { kind: 'json', help: 'clerk settings as JSON: count, keys, readRatio, appendRatio, thinkTimeUs, requestTimeoutUs, opsPerClient' },
  bug: { kind: 'string', help: `break a rule on purpose: ${bugNames.join(', ')} (comma-separated for several)` },
  scenario: { kind: 'string', help: `a built-in scenario (${builtInScenarios.map((x) => x.id).join(', ')}) or a scenario file path` },
  actions: { kind: 'json', help: 'action log as JSON [{"atUs":…,"action":{…}}] (as printed by replay commands)' },
  shards: { kind: 'json', help: 'a sharded world as JSON: controllerServers, groupSizes, initialGroups, shardCount, pollIntervalUs, groupProtocols (then --nodes is 0 or the total)' },
  cpu: { kind: 'json', help: 'the CPU model as JSON: messageUs, applyUs, clientOpUs' },
  'history-out': { kind: 'string', help: 'write the client history to FILE as a lab history (for npm run check)' },
  json: { kind: 'boolean', help: 'print one JSON object' },
  help: { kind: 'boolean', help: 'show this help' },
};

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(argv, specs);
    if (parsed.positional.length > 0) throw new UsageError(`unexpected argument "${parsed.positional[0]}"`);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${usageLine('npm run sim --', specs)}\n`);
      return 2;
    }
    throw error;
  }
  const f = parsed.flags;
  if (f.help) {
    process.stdout.write(helpText('npm run sim --', specs) + '\n');
    return 0;
  }
  const protocol = (f.protocol as string | undefined) ?? 'raft';
  if (!protocolNames().includes(protocol)) {
    process.stderr.write(`--protocol must be one of ${protocolNames().join(', ')}, got "${protocol}"\n${usageLine('npm run sim --', specs)}\n`);
    return 2;
  }
  const bugs = typeof f.bug === 'string' ? f.bug.split(',').filter((b) => b !== '') : [];
  const badBug = bugs.find((b) => !isBugName(b));
  if (badBug !== undefined) {
    process.stderr.write(`--bug must be one of ${bugNames.join(', ')}, got "${badBug}"\n${usageLine('npm run sim --', specs)}\n`);
    return 2;
  }
  if (typeof f.scenario === 'string') return runScenarioCommand(f.scenario, f, bugs);
  const latency = f['latency-ms'] as [number, number] | undefined;
  const config: WorldConfig = {
    seed: (f.seed as number | undefined) ?? 1,
    protocol,
    nodeCount: (f.nodes as number | undefined) ?? (f.shards !== undefined ? 0 : 5),
    ...(f.shards !== undefined ? { shards: f.shards as WorldConfig['shards'] } : {}),
    ...(f.cpu !== undefined ? { cpu: f.cpu as WorldConfig['cpu'] } : {}),
    options: (f.options as Record<string, unknown> | undefined) ?? {},
    network: {
      ...(latency ? { latencyMinUs: Math.round(latency[0] * 1000), latencyMaxUs: Math.round(latency[1] * 1000) } : {}),
      ...(f.loss !== undefined ? { lossRatio: f.loss as number } : {}),
      ...(f.duplicate !== undefined ? { duplicateRatio: f.duplicate as number } : {}),
    },
    snapshotEveryEntries: (f['snapshot-every'] as number | undefined) ?? 0,
    clients: { ...((f['client-settings'] as Record<string, number> | undefined) ?? {}), ...(f.clients !== undefined ? { count: f.clients as number } : {}) },
    bugs,
    load: { proposalsPerSecond: (f.rate as number | undefined) ?? (f.clients || f['client-settings'] || f.shards ? 0 : 20), commandBytes: (f['command-bytes'] as number | undefined) ?? 64 },
    checkInvariants: true,
  };
  const actions = (f.actions as LoggedAction[] | undefined) ?? [];
  if (!Array.isArray(actions)) {
    process.stderr.write(`--actions must be a JSON array\n${usageLine('npm run sim --', specs)}\n`);
    return 2;
  }
  const untilUs = Math.round(((f['until-ms'] as number | undefined) ?? 10_000) * 1000);
  const host = (f.host as string | undefined) ?? 'inprocess';

  let world;
  try {
    world = host === 'worker' ? await WorkerWorld.create(config, threadChannelFactory(), actions, { logTail: 0 }) : createWorld(config, actions);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n${usageLine('npm run sim --', specs)}\n`);
      return 2;
    }
    throw error;
  }
  const invariantViolations: string[] = [];
  try {
    await world.runUntil(untilUs);
  } catch (error) {
    if (!(error instanceof InvariantViolation)) throw error;
    invariantViolations.push(error.message);
  } finally {
    if (world instanceof WorkerWorld) world.close();
  }
  const verdict = world.history().length > 0 ? world.checkHistory({ maxSteps: 50_000_000 }).verdict : null;
  if (typeof f['history-out'] === 'string') writeFileSync(f['history-out'], formatLabHistory(labHistory('kv', world.historyOperations())));
  const summary = { ...world.summary(), host, linearizable: verdict === null ? null : verdict === 'linearizable', historyVerdict: verdict, invariantViolations, replay: world.replayCommand() };
  if (f.json) {
    process.stdout.write(JSON.stringify(summary) + '\n');
  } else {
    const leaders = Object.entries(summary.leaders).map(([term, node]) => `t${term}:n${node + 1}`).join(' ');
    process.stdout.write(
      [
        `seed ${summary.seed} · ${summary.protocol} · ${summary.nodeCount} nodes · ${host} host`,
        `virtual time   ${summary.virtualTimeMs.toFixed(1)} ms`,
        `trace hash     ${summary.traceHash}`,
        `leaders        ${leaders || '(none)'}`,
        `committed      ${summary.committed} entries`,
        `messages       ${summary.messages.sent} sent, ${summary.messages.delivered} delivered, ${summary.messages.dropped} dropped`,
        ...(verdict === null ? [] : [`client ops     ${summary.opsCompleted} completed, history ${verdict}`]),
        `invariants     ${invariantViolations.length === 0 ? 'all held' : invariantViolations.join('; ')}`,
      ].join('\n') + '\n',
    );
  }
  return invariantViolations.length === 0 ? 0 : 1;
}

function loadScenario(nameOrPath: string): Scenario {
  const builtIn = builtInScenario(nameOrPath);
  if (builtIn !== undefined) return builtIn;
  if (!nameOrPath.endsWith('.json')) throw new UsageError(`--scenario: no built-in scenario "${nameOrPath}" (known: ${builtInScenarios.map((x) => x.id).join(', ')}); a file must end in .json`);
  let text: string;
  try {
    text = readFileSync(nameOrPath, 'utf8');
  } catch (error) {
    throw new UsageError(`--scenario: cannot read ${nameOrPath}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseScenario(text);
}

function runScenarioCommand(nameOrPath: string, f: Record<string, unknown>, bugs: string[]): number {
  let scenario: Scenario;
  try {
    scenario = loadScenario(nameOrPath);
  } catch (error) {
    if (error instanceof DataError || error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (bugs.length > 0) scenario = { ...scenario, config: { ...scenario.config, bugs: [...(scenario.config.bugs ?? []), ...bugs] } };
  const protocol = f.protocol as string | undefined;
  if (protocol !== undefined && !protocolNames().includes(protocol)) {
    process.stderr.write(`--protocol must be one of ${protocolNames().join(', ')}, got "${protocol}"\n`);
    return 2;
  }
  const r = runScenario(scenario, { protocol, seed: f.seed as number | undefined });
  const w = r.world;
  const summary = {
    ...w.summary(),
    scenario: scenario.id,
    linearizable: r.linearizable,
    opsCompleted: w.stats().opsCompleted,
    ...(r.fault ?? {}),
    ...(r.shards === null
      ? {}
      : {
          configs: r.shards.configs,
          shardMoves: r.shards.shardMoves,
          unaffectedDowntimeMs: r.shards.unaffectedDowntimeMs,
          unaffectedShards: r.shards.unaffectedShards,
          keysHeld: r.shards.keysHeld,
        }),
    invariantViolations: r.violation === null ? [] : [r.violation],
    expectations: r.expectations.map((e) => ({ kind: e.expectation.kind, ok: e.ok, detail: e.detail })),
    replay: w.replayCommand(),
  };
  if (f.json) process.stdout.write(JSON.stringify(summary) + '\n');
  else {
    process.stdout.write(
      [
        `${scenario.title} · ${summary.protocol} · seed ${summary.seed} · ${summary.virtualTimeMs} ms virtual`,
        `trace hash     ${summary.traceHash}`,
        `committed      ${summary.committed} entries; leader elections: ${Object.keys(summary.leaders).length}`,
        ...(r.fault ? [`fault          ${r.fault.faultStartMs}–${r.fault.faultEndMs} ms: downtime ${r.fault.downtimeMs === null ? 'no progress' : r.fault.downtimeMs + ' ms'}, ${r.fault.leaderChanges} leader changes, ${r.fault.decidedDuringPartition} decided`] : []),
        ...(r.linearizable === null ? [] : [`client ops     ${summary.opsCompleted} completed, ${r.linearizable ? 'linearizable' : 'NOT linearizable'}`]),
        ...(r.shards === null
          ? []
          : [
              `shards         ${r.shards.configs} configurations applied, ${r.shards.shardMoves} shard moves; unaffected shards (${r.shards.unaffectedShards.join(', ') || 'none'}) down ${r.shards.unaffectedDowntimeMs} ms`,
              `keys held      ${Object.entries(r.shards.keysHeld).map(([gid, keys]) => `g${gid}: ${keys}`).join(', ')}`,
            ]),
        `invariants     ${r.violation ?? 'all held'}`,
        ...r.expectations.map((e) => `expect ${e.ok ? '✓' : '✗'} ${e.expectation.kind}: ${e.detail}`),
      ].join('\n') + '\n',
    );
  }
  return r.violation === null ? 0 : 1;
}

runMain(main);
