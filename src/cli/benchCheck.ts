/**
 * Runs the linearizability checker over the whole test corpus (Porcupine's
 * 102 Jepsen etcd histories and 6 key-value histories, see
 * ../shared/testdata/linearizability/README.md) and reports verdict
 * mismatches and timings.
 *
 *   npm run bench:check [-- --time-limit-ms N] [--verbose] [--all-whole]
 *
 * Key-value files are checked per key and, for 1 and 10 clients, also as one
 * whole history; the unpartitioned search is out of reach for 50 clients
 * (see corpus.test.ts), so those two runs happen only with --all-whole.
 *
 * The corpus is found at ../shared/testdata/linearizability relative to the
 * project root, or at $LAB_TESTDATA. Exit code 0 when every verdict matches,
 * 1 otherwise, 2 for a bad flag or a missing corpus.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { check, kvModel, parseEdnHistory, parseJepsenLog, registerModel } from '../engine/check/linearizability';
import type { CheckResult, Verdict } from '../engine/check/linearizability';

const usage = 'usage: npm run bench:check -- [--time-limit-ms N] [--verbose] [--all-whole]';

interface Row {
  readonly name: string;
  readonly expected: Verdict;
  readonly actual: Verdict;
  readonly wallMs: number;
  readonly operations: number;
  readonly steps: number;
}

function corpusDir(): string {
  const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
  return process.env.LAB_TESTDATA ?? path.resolve(projectRoot, '../shared/testdata/linearizability');
}

function main(argv: readonly string[]): number {
  let timeLimitMs = 60_000;
  let verbose = false;
  let allWhole = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--verbose') verbose = true;
    else if (flag === '--all-whole') allWhole = true;
    else if (flag === '--time-limit-ms' && /^\d+$/.test(argv[i + 1] ?? '')) timeLimitMs = Number(argv[++i]);
    else {
      console.error(`bad flag ${flag}\n${usage}`);
      return 2;
    }
  }
  const dir = corpusDir();
  if (!existsSync(path.join(dir, 'jepsen-etcd', 'VERDICTS.txt'))) {
    console.error(`corpus not found at ${dir} (set LAB_TESTDATA to the folder holding jepsen-etcd/ and kv/)`);
    return 2;
  }
  const options = { timeLimitMs, clock: () => performance.now() };
  const rows: Row[] = [];
  const run = (name: string, expected: Verdict, body: () => CheckResult): void => {
    const start = performance.now();
    const result = body();
    const wallMs = performance.now() - start;
    rows.push({ name, expected, actual: result.verdict, wallMs, operations: result.operations, steps: result.steps });
  };

  const verdictLines = readFileSync(path.join(dir, 'jepsen-etcd', 'VERDICTS.txt'), 'utf8').split('\n').filter((l) => l.trim() !== '');
  for (const line of verdictLines) {
    const [file, expected] = line.trim().split(/\s+/);
    const text = readFileSync(path.join(dir, 'jepsen-etcd', file), 'utf8');
    run(`jepsen-etcd/${file}`, expected as Verdict, () => check(parseJepsenLog(text), registerModel, options));
  }
  const kvFiles = readdirSync(path.join(dir, 'kv')).filter((f) => /^c\d+-(ok|bad)\.txt$/.test(f)).sort();
  for (const file of kvFiles) {
    const text = readFileSync(path.join(dir, 'kv', file), 'utf8');
    const expected: Verdict = file.includes('-ok') ? 'linearizable' : 'not-linearizable';
    run(`kv/${file} (per key)`, expected, () => check(parseEdnHistory(text), kvModel, options));
    if (allWhole || !file.startsWith('c50')) {
      run(`kv/${file} (whole)`, expected, () => check(parseEdnHistory(text), kvModel, { ...options, partition: false }));
    }
  }

  const mismatches = rows.filter((r) => r.actual !== r.expected);
  const totalMs = rows.reduce((sum, r) => sum + r.wallMs, 0);
  const slowest = rows.reduce((a, b) => (b.wallMs > a.wallMs ? b : a));
  if (verbose) {
    for (const r of rows) {
      console.log(`${r.name.padEnd(32)} ${r.actual.padEnd(17)} ${r.operations.toString().padStart(5)} ops ${r.steps.toString().padStart(9)} steps ${r.wallMs.toFixed(1).padStart(8)} ms`);
    }
  }
  for (const r of mismatches) console.log(`MISMATCH ${r.name}: expected ${r.expected}, got ${r.actual}`);
  const wholeRuns = rows.filter((r) => r.name.endsWith('(whole)')).length;
  console.log(`checked ${rows.length} histories from ${dir}: ${verdictLines.length} etcd, ${kvFiles.length} kv per key, ${wholeRuns} kv whole`);
  console.log(`mismatches: ${mismatches.length}`);
  const etcdMs = rows.filter((r) => r.name.startsWith('jepsen')).reduce((sum, r) => sum + r.wallMs, 0);
  console.log(`total ${totalMs.toFixed(0)} ms (etcd ${etcdMs.toFixed(0)} ms), slowest ${slowest.name} ${slowest.wallMs.toFixed(0)} ms`);
  return mismatches.length === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
