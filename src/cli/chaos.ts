/**
 * `npm run chaos -- --protocol raft [--store log|kv|shards] --seeds 1..500`:
 * seeded chaos sweeps over the log, the key-value store or the sharded store.
 * Prints every failing seed with its replay command; exits 1 if any failed.
 */
import { performance } from 'node:perf_hooks';
import { chaosStores, mixedProtocols, runChaos, type ChaosStore } from '../engine/sim/chaos';
import { protocolNames } from '../engine/index';
import { bugNames, isBugName } from '../engine/sim/bugs';
import { UsageError, parseArgs, usageLine, type FlagSpec } from './args';

const specs: Record<string, FlagSpec> = {
  protocol: { kind: 'string', help: `protocol to torture (default raft); with --store shards also ${mixedProtocols}: each group draws its own` },
  store: { kind: 'string', help: 'what runs on the log: log (steady proposals), kv (the key-value store, client histories checked for linearizability) or shards (the sharded store with joins, leaves and moves); default log' },
  bug: { kind: 'string', help: `rules to break on purpose, comma-separated (${bugNames.join(', ')}), to watch the sweep catch them` },
  seeds: { kind: 'range', min: 0, help: 'seed or range of seeds, e.g. 1..500 (default 1..200)' },
  json: { kind: 'boolean', help: 'print one JSON object with every result' },
  verbose: { kind: 'boolean', help: 'print a line for every seed' },
};

function main(argv: string[]): number {
  let flags;
  try {
    flags = parseArgs(argv, specs).flags;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${usageLine('npm run chaos --', specs)}\n`);
      return 2;
    }
    throw error;
  }
  const protocol = (flags.protocol as string | undefined) ?? 'raft';
  const store = ((flags.store as string | undefined) ?? 'log') as ChaosStore;
  if (!protocolNames().includes(protocol) && !(protocol === mixedProtocols && store === 'shards')) {
    process.stderr.write(
      `--protocol must be one of ${protocolNames().join(', ')} (or ${mixedProtocols} with --store shards: each group draws its own), got "${protocol}"\n${usageLine('npm run chaos --', specs)}\n`,
    );
    return 2;
  }
  if (!chaosStores.includes(store)) {
    process.stderr.write(`--store must be one of ${chaosStores.join(', ')}, got "${store}"\n${usageLine('npm run chaos --', specs)}\n`);
    return 2;
  }
  const bugs = flags.bug === undefined ? [] : String(flags.bug).split(',');
  const unknown = bugs.filter((b) => !isBugName(b));
  if (unknown.length > 0) {
    process.stderr.write(`--bug must name bugs among ${bugNames.join(', ')}, got "${unknown.join(',')}"\n${usageLine('npm run chaos --', specs)}\n`);
    return 2;
  }
  const [first, last] = (flags.seeds as [number, number] | undefined) ?? [1, 200];
  if (!Number.isInteger(first) || !Number.isInteger(last)) {
    process.stderr.write(`--seeds must be whole numbers\n${usageLine('npm run chaos --', specs)}\n`);
    return 2;
  }
  const label = store === 'log' ? protocol : `${protocol} ${store}`;
  const started = performance.now();
  const results = [];
  let failed = 0;
  const tty = process.stderr.isTTY;
  for (let seed = first; seed <= last; seed++) {
    const r = runChaos(seed, protocol, store, bugs);
    results.push(r);
    if (!r.ok) failed++;
    if (!flags.json && (flags.verbose || !r.ok)) {
      process.stdout.write(
        r.ok
          ? `seed ${seed}: ok, recovered in ${r.recoveryMs} ms — ${r.recipe}\n`
          : `seed ${seed}: FAILED — ${r.failure}\n  faults: ${r.recipe}\n  replay: ${r.replay}\n`,
      );
    }
    if (tty) process.stderr.write(`\r${label}: ${seed - first + 1}/${last - first + 1} seeds, ${failed} failed`);
  }
  if (tty) process.stderr.write('\n');
  const wallS = (performance.now() - started) / 1000;
  const recoveries = results.filter((r) => r.recoveryMs !== null).map((r) => r.recoveryMs as number).sort((a, b) => a - b);
  const median = recoveries.length > 0 ? recoveries[Math.floor(recoveries.length / 2)] : null;
  if (flags.json) {
    process.stdout.write(JSON.stringify({ protocol, store, first, last, failed, wallSeconds: wallS, medianRecoveryMs: median, results }) + '\n');
  } else {
    process.stdout.write(
      `${label}: ${results.length - failed} of ${results.length} seeds passed (${failed} failed) in ${wallS.toFixed(1)} s; ` +
        `median recovery after healing ${median === null ? '—' : median.toFixed(0) + ' ms'}\n`,
    );
  }
  return failed === 0 ? 0 : 1;
}

process.exit(main(process.argv.slice(2)));
