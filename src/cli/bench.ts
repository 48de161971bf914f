/**
 * `npm run bench -- A B C [--protocol raft|omnipaxos] [--ops N] [--seed N | --seeds A..B] [--out DIR] [--json]`:
 * run named benchmarks (src/engine/bench/benchmarks.ts) in-process, print a
 * summary table and the wall time, and with --out write, per series,
 * DIR/NAME.csv (one row per operation), DIR/summary.csv, DIR/latency-by-op.csv
 * (percentiles per operation kind), and the charts as
 * SVG (the same bytes the page exports) plus results.json. With --seeds every
 * benchmark runs on each seed: each seed's files go to DIR/seed-N/, and the
 * table and DIR/across-seeds.csv give each figure's mean with a 95 %
 * confidence interval across the seeds, and DIR/throughput-across-seeds.svg
 * draws throughput that way.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchmarkNamed, benchmarkNames, defaultBenchKnobs, type BenchKnobs } from '../engine/bench/benchmarks';
import { runSeries, type SeriesResult } from '../engine/bench/runner';
import { latencyByOpCsv, operationsCsv, summaryCsv } from '../engine/bench/csv';
import { acrossSeeds, acrossSeedsCsv, type AcrossSeedsRow, type Spread } from '../engine/bench/acrossSeeds';
import { acrossSeedsChart, benchChartFiles, benchCharts, runsSubtitle } from '../charts/benchCharts';
import { protocolNames } from '../engine/protocols/registry';
import { UsageError, helpText, parseArgs, runMain, type FlagSpec } from './args';

const maxSeeds = 100;

const specs: Record<string, FlagSpec> = {
  protocol: { kind: 'string', help: `protocol of every group (default raft; ${['raft', 'omnipaxos'].join(', ')})` },
  ops: { kind: 'int', min: 1, max: 10_000_000, help: `operations to complete after the warm-up, per series (default ${defaultBenchKnobs.ops})` },
  seed: { kind: 'int', min: 0, help: 'seed (default 1)' },
  seeds: { kind: 'range', min: 0, help: `run every benchmark on each seed of A..B (2 to ${maxSeeds} seeds) and give each figure's mean with a 95 % confidence interval across them` },
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
  if (flags.seed !== undefined && flags.seeds !== undefined) return usage('give --seed or --seeds, not both');
  let seeds = [(flags.seed as number | undefined) ?? defaultBenchKnobs.seed];
  if (flags.seeds !== undefined) {
    const [first, last] = flags.seeds as [number, number];
    if (!Number.isInteger(first) || !Number.isInteger(last)) return usage('--seeds must be whole numbers');
    if (last === first) return usage(`--seeds ${first}..${last} is one seed: give --seed ${first}, or a range of 2 to ${maxSeeds} seeds`);
    if (last - first + 1 > maxSeeds) return usage(`--seeds ${first}..${last} is ${last - first + 1} seeds; at most ${maxSeeds}`);
    seeds = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  }
  const knobs: BenchKnobs = {
    ...defaultBenchKnobs,
    protocol,
    seed: seeds[0],
    ops: (flags.ops as number | undefined) ?? defaultBenchKnobs.ops,
    clients: (flags.clients as number | undefined) ?? defaultBenchKnobs.clients,
    readRatio: (flags['read-ratio'] as number | undefined) ?? defaultBenchKnobs.readRatio,
    openLoopOpsPerSecond: (flags['open-loop-rate'] as number | undefined) ?? defaultBenchKnobs.openLoopOpsPerSecond,
  };
  const many = seeds.length > 1;
  const started = performance.now();
  const results: SeriesResult[] = [];
  const wallMs: number[] = [];
  for (const seed of seeds) {
    // A benchmark named twice runs once.
    for (const name of new Set(positional)) {
      const definition = benchmarkNamed(name)!;
      for (const series of definition.series({ ...knobs, seed })) {
        const t0 = performance.now();
        const label = definition.name === series.name ? series.name : `${definition.name}/${series.name}`;
        const progressLabel = many ? `${label} seed ${seed}` : label;
        const result = runSeries(series, { ops: knobs.ops, onProgress: (done, total) => (progressLine(progressLabel, done, total), true) });
        if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
        if (result === null) throw new Error('a benchmark was cancelled');
        results.push({ ...result, name: label });
        wallMs.push(performance.now() - t0);
      }
    }
  }
  const totalWallS = (performance.now() - started) / 1000;
  const across = many ? acrossSeeds(results.map((r) => ({ name: r.name, protocol: r.protocol, seed: r.seed, summary: r.summary }))) : null;
  const out = flags.out as string | undefined;
  if (out !== undefined) {
    for (const seed of seeds) {
      writeSeedFiles(
        many ? join(out, `seed-${seed}`) : out,
        results.filter((r) => r.seed === seed),
        { ...knobs, seed },
        flags['log-x'] === true,
      );
    }
    if (across !== null) {
      writeFileSync(join(out, 'across-seeds.csv'), acrossSeedsCsv(across));
      writeFileSync(join(out, `${benchChartFiles.acrossSeeds}.svg`), acrossSeedsChart(across, { subtitle: runsSubtitle([protocol], seeds) }).svg);
    }
  }
  const rows = results.map((r, i) => ({
    benchmark: r.name,
    seed: r.seed,
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
    byOp: r.summary.latencyByKind.map(({ kind, latency }) => ({ op: kind, completed: latency.count, p50Ms: latency.p50Ms, p90Ms: latency.p90Ms, p99Ms: latency.p99Ms, p999Ms: latency.p999Ms, maxMs: latency.maxMs })),
  }));
  if (flags.json === true) {
    process.stdout.write(JSON.stringify({ knobs, seeds, wallSeconds: totalWallS, rows, acrossSeeds: across, out: out ?? null }) + '\n');
    return 0;
  }
  const f = (v: number) => v.toFixed(2);
  const seedColumn = (seed: number) => (many ? `${pad(String(seed), 5, true)} ` : '');
  const seedText = many ? `seeds ${seeds[0]}..${seeds[seeds.length - 1]}` : `seed ${knobs.seed}`;
  const lines = [
    `${pad('benchmark', 28)} ${many ? `${pad('seed', 5, true)} ` : ''}${pad('ops/s', 9, true)} ${pad('p50 ms', 8, true)} ${pad('p90 ms', 8, true)} ${pad('p99 ms', 8, true)} ${pad('p99.9 ms', 9, true)} ${pad('max ms', 8, true)} ${pad('ops', 7, true)} ${pad('wall s', 7, true)}`,
    ...rows.map(
      (r) =>
        `${pad(r.benchmark, 28)} ${seedColumn(r.seed)}${pad(String(r.throughputOpsPerSec), 9, true)} ${pad(f(r.p50Ms), 8, true)} ${pad(f(r.p90Ms), 8, true)} ${pad(f(r.p99Ms), 8, true)} ${pad(f(r.p999Ms), 9, true)} ${pad(f(r.maxMs), 8, true)} ${pad(String(r.ops), 7, true)} ${pad(r.wallS.toFixed(2), 7, true)}${r.truncated ? '  (stopped at the time limit)' : ''}`,
    ),
    ...(across !== null ? acrossSeedsTable(across) : byOpTable(rows)),
    `${protocol}, ${seedText}, ${knobs.ops} operations per series after a 1 s warm-up; wall time ${totalWallS.toFixed(2)} s in all`,
    ...(out !== undefined
      ? [
          many
            ? `wrote, for each of ${seeds.length} seeds, its operation CSVs, summary.csv, latency-by-op.csv, 3 SVG charts and results.json to ${join(out, 'seed-N')}, and across-seeds.csv with its chart to ${out}`
            : `wrote ${results.length} operation CSVs, summary.csv, latency-by-op.csv, 3 SVG charts and results.json to ${out}`,
        ]
      : []),
  ];
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

/** One seed's files: every series' operations, the summary, the three charts and the results without the operations. */
function writeSeedFiles(dir: string, results: readonly SeriesResult[], knobs: BenchKnobs, logX: boolean): void {
  mkdirSync(dir, { recursive: true });
  const charts = benchCharts(
    results.map((r) => ({ name: r.name, summary: r.summary })),
    { logX, subtitle: runsSubtitle([knobs.protocol], [knobs.seed]) },
  );
  for (const r of results) writeFileSync(join(dir, `${r.name.replace(/[^A-Za-z0-9_-]/g, '_')}.csv`), operationsCsv(r.name, r.operations));
  const summaries = results.map((r) => ({ benchmark: r.name, protocol: r.protocol, summary: r.summary }));
  writeFileSync(join(dir, 'summary.csv'), summaryCsv(summaries));
  writeFileSync(join(dir, 'latency-by-op.csv'), latencyByOpCsv(summaries));
  writeFileSync(join(dir, `${benchChartFiles.cdf}.svg`), charts.cdf.svg);
  writeFileSync(join(dir, `${benchChartFiles.throughput}.svg`), charts.throughput.svg);
  writeFileSync(join(dir, `${benchChartFiles.overTime}.svg`), charts.overTime.svg);
  writeFileSync(join(dir, 'results.json'), JSON.stringify({ knobs, results: results.map(({ operations: _ops, ...rest }) => rest) }, null, 1));
}

/** Latency per operation kind, for a one-seed run (with several seeds, each seed's latency-by-op.csv has it). */
function byOpTable(rows: readonly { benchmark: string; byOp: readonly { op: string; completed: number; p50Ms: number; p90Ms: number; p99Ms: number; p999Ms: number }[] }[]): string[] {
  const f = (v: number) => v.toFixed(2);
  return [
    '',
    'latency by operation',
    `${pad('benchmark', 28)} ${pad('op', 8)} ${pad('ops', 7, true)} ${pad('p50 ms', 8, true)} ${pad('p90 ms', 8, true)} ${pad('p99 ms', 8, true)} ${pad('p99.9 ms', 9, true)}`,
    ...rows.flatMap((r) =>
      r.byOp.map((o) => `${pad(r.benchmark, 28)} ${pad(o.op, 8)} ${pad(String(o.completed), 7, true)} ${pad(f(o.p50Ms), 8, true)} ${pad(f(o.p90Ms), 8, true)} ${pad(f(o.p99Ms), 8, true)} ${pad(f(o.p999Ms), 9, true)}`),
    ),
  ];
}

/** The figures across seeds: mean ± half-width of the 95 % interval, and the lowest and highest seed. */
function acrossSeedsTable(rows: readonly AcrossSeedsRow[]): string[] {
  const cell = (s: Spread, digits: number, width: number) => pad(`${s.mean.toFixed(digits)} ± ${s.ci95.toFixed(digits)}`, width, true);
  return [
    '',
    `across ${rows[0].seeds.length} seeds: mean ± 95 % confidence interval (Student's t), and the range of throughput over the seeds`,
    `${pad('benchmark', 28)} ${pad('ops/s', 17, true)} ${pad('p50 ms', 15, true)} ${pad('p99 ms', 15, true)} ${pad('ops/s lowest–highest', 22, true)}`,
    ...rows.map(
      (r) =>
        `${pad(r.benchmark, 28)} ${cell(r.throughputOpsPerSec, 0, 17)} ${cell(r.p50Ms, 2, 15)} ${cell(r.p99Ms, 2, 15)} ${pad(`${r.throughputOpsPerSec.min.toFixed(0)}–${r.throughputOpsPerSec.max.toFixed(0)}`, 22, true)}`,
    ),
  ];
}

runMain(main);
