/**
 * `npm run bench -- A B C [--protocol raft|omnipaxos] [--ops N] [--seed N] [--out DIR] [--json]`:
 * run named benchmarks (src/engine/bench/benchmarks.ts) in-process, print a
 * summary table and the wall time, and with --out write, per series,
 * DIR/NAME.csv (one row per operation), DIR/summary.csv, and the charts as
 * SVG (the same bytes the page exports) plus results.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchmarkNamed, benchmarkNames, defaultBenchKnobs, type BenchKnobs } from '../engine/bench/benchmarks';
import { runSeries, type SeriesResult } from '../engine/bench/runner';
import { operationsCsv, summaryCsv } from '../engine/bench/csv';
import { benchChartFiles, benchCharts } from '../charts/benchCharts';
import { protocolNames } from '../engine/protocols/registry';
import { UsageError, helpText, parseArgs, runMain, type FlagSpec } from './args';

const specs: Record<string, FlagSpec> = {
  protocol: { kind: 'string', help: `protocol of every group (default raft; ${['raft', 'omnipaxos'].join(', ')})` },
  ops: { kind: 'int', min: 1, max: 10_000_000, help: `operations to complete after the warm-up, per series (default ${defaultBenchKnobs.ops})` },
  seed: { kind: 'int', min: 0, help: 'seed (default 1)' },
  clients: { kind: 'int', min: 1, max: 500, help: `closed-loop clients where the benchmark does not fix them (default ${defaultBenchKnobs.clients})` },
  'open-loop-rate': { kind: 'number', min: 0, max: 1_000_000, help: 'open loop: operations per virtual second over all clients (default 0: closed loop)' },
  'read-ratio': { kind: 'number', min: 0, max: 1, help: `fraction of Gets (default ${defaultBenchKnobs.readRatio})` },
  'log-x': { kind: 'boolean', help: 'latency CDF on a log-scaled latency axis' },
  out: { kind: 'string', help: 'directory for the CSV files, the SVG charts and results.json' },
  json: { kind: 'boolean', help: 'print one JSON object instead of the table' },
  help: { kind: 'boolean', help: 'show this help' },
};

const command = 'npm run bench -- NAME… ';

function usage(message: string): number {
  process.stderr.write(`${message}\n${helpText(command, specs)}\n  names: ${benchmarkNames.join(', ')}\n`);
  return 2;
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

function progressLine(label: string, done: number, total: number): void {
  if (!process.stderr.isTTY) return;
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(`\r${pad(label, 24)} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total}`);
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(argv, specs);
  } catch (error) {
    if (error instanceof UsageError) return usage(error.message);
    throw error;
  }
  const { flags, positional } = parsed;
  if (flags.help === true) {
    process.stdout.write(`${helpText(command, specs)}\n  names: ${benchmarkNames.join(', ')}\n`);
    return 0;
  }
  if (positional.length === 0) return usage('name at least one benchmark');
  const unknown = positional.filter((name) => benchmarkNamed(name) === undefined);
  if (unknown.length > 0) return usage(`unknown benchmark ${unknown.map((n) => `"${n}"`).join(', ')}`);
  const protocol = (flags.protocol as string | undefined) ?? 'raft';
  if (!protocolNames().includes(protocol)) return usage(`--protocol must be one of ${protocolNames().join(', ')}, got "${protocol}"`);
  const knobs: BenchKnobs = {
    ...defaultBenchKnobs,
    protocol,
    seed: (flags.seed as number | undefined) ?? defaultBenchKnobs.seed,
    ops: (flags.ops as number | undefined) ?? defaultBenchKnobs.ops,
    clients: (flags.clients as number | undefined) ?? defaultBenchKnobs.clients,
    readRatio: (flags['read-ratio'] as number | undefined) ?? defaultBenchKnobs.readRatio,
    openLoopOpsPerSecond: (flags['open-loop-rate'] as number | undefined) ?? defaultBenchKnobs.openLoopOpsPerSecond,
  };
  const started = performance.now();
  const results: SeriesResult[] = [];
  const wallMs: number[] = [];
  for (const name of positional) {
    const definition = benchmarkNamed(name)!;
    for (const series of definition.series(knobs)) {
      const t0 = performance.now();
      const label = definition.name === series.name ? series.name : `${definition.name}/${series.name}`;
      const result = runSeries(series, { ops: knobs.ops, onProgress: (done, total) => (progressLine(label, done, total), true) });
      if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
      if (result === null) throw new Error('a benchmark was cancelled');
      results.push({ ...result, name: label });
      wallMs.push(performance.now() - t0);
    }
  }
  const totalWallS = (performance.now() - started) / 1000;
  const charts = benchCharts(
    results.map((r) => ({ name: r.name, summary: r.summary })),
    { logX: flags['log-x'] === true, subtitle: `${protocol}, seed ${knobs.seed}` },
  );
  const out = flags.out as string | undefined;
  if (out !== undefined) {
    mkdirSync(out, { recursive: true });
    for (const r of results) writeFileSync(join(out, `${r.name.replace(/[^A-Za-z0-9_-]/g, '_')}.csv`), operationsCsv(r.name, r.operations));
    writeFileSync(join(out, 'summary.csv'), summaryCsv(results.map((r) => ({ benchmark: r.name, protocol: r.protocol, summary: r.summary }))));
    writeFileSync(join(out, `${benchChartFiles.cdf}.svg`), charts.cdf.svg);
    writeFileSync(join(out, `${benchChartFiles.throughput}.svg`), charts.throughput.svg);
    writeFileSync(join(out, `${benchChartFiles.overTime}.svg`), charts.overTime.svg);
    writeFileSync(join(out, 'results.json'), JSON.stringify({ knobs, results: results.map(({ operations: _ops, ...rest }) => rest) }, null, 1));
  }
  const rows = results.map((r, i) => ({
    benchmark: r.name,
    protocol: r.protocol,
    ops: r.summary.measured,
    throughputOpsPerSec: Math.round(r.summary.throughputOpsPerSec),
    p50Ms: r.summary.latency.p50Ms,
    p90Ms: r.summary.latency.p90Ms,
    p99Ms: r.summary.latency.p99Ms,
    p999Ms: r.summary.latency.p999Ms,
    maxMs: r.summary.latency.maxMs,
    virtualS: r.endUs / 1e6,
    wallS: wallMs[i] / 1000,
    truncated: r.truncated,
  }));
  if (flags.json === true) {
    process.stdout.write(JSON.stringify({ knobs, wallSeconds: totalWallS, rows, out: out ?? null }) + '\n');
    return 0;
  }
  const f = (v: number) => v.toFixed(2);
  const lines = [
    `${pad('benchmark', 28)} ${pad('ops/s', 9, true)} ${pad('p50 ms', 8, true)} ${pad('p90 ms', 8, true)} ${pad('p99 ms', 8, true)} ${pad('p99.9 ms', 9, true)} ${pad('max ms', 8, true)} ${pad('ops', 7, true)} ${pad('wall s', 7, true)}`,
    ...rows.map(
      (r) =>
        `${pad(r.benchmark, 28)} ${pad(String(r.throughputOpsPerSec), 9, true)} ${pad(f(r.p50Ms), 8, true)} ${pad(f(r.p90Ms), 8, true)} ${pad(f(r.p99Ms), 8, true)} ${pad(f(r.p999Ms), 9, true)} ${pad(f(r.maxMs), 8, true)} ${pad(String(r.ops), 7, true)} ${pad(r.wallS.toFixed(2), 7, true)}${r.truncated ? '  (stopped at the time limit)' : ''}`,
    ),
    `${protocol}, seed ${knobs.seed}, ${knobs.ops} operations per series after a 1 s warm-up; wall time ${totalWallS.toFixed(2)} s in all`,
    ...(out !== undefined ? [`wrote ${results.length} operation CSVs, summary.csv, 3 SVG charts and results.json to ${out}`] : []),
  ];
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

runMain(main);
