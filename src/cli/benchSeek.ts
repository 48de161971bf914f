/**
 * `npm run bench:seek`: time travel speed. Runs a 10-minute virtual run of a
 * 5-node cluster under client load (checkpoints on, as in the page), then
 * seeks to points spread over the run in a scrambled order and reports how
 * long each seek takes (restore the nearest checkpoint, replay to the point),
 * plus the page's projection of the world at that point (views, messages in
 * flight, recent trace). Also checks that every seek lands on the same trace
 * hash as running straight there.
 */
import { performance } from 'node:perf_hooks';
import { createWorld, type WorldConfig } from '../engine/index';
import { UsageError, parseArgs, usageLine, type FlagSpec } from './args';

const specs: Record<string, FlagSpec> = {
  'virtual-s': { kind: 'number', min: 1, max: 3600, help: 'length of the run in virtual seconds (default 600)' },
  seeks: { kind: 'int', min: 1, max: 10_000, help: 'number of seeks (default 200)' },
  clients: { kind: 'int', min: 0, max: 500, help: 'closed-loop key-value clients (default 20)' },
  seed: { kind: 'int', min: 0, help: 'seed (default 1)' },
  json: { kind: 'boolean', help: 'print one JSON object' },
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function main(argv: string[]): number {
  let flags;
  try {
    flags = parseArgs(argv, specs).flags;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${usageLine('npm run bench:seek --', specs)}\n`);
      return 2;
    }
    throw error;
  }
  const virtualS = (flags['virtual-s'] as number | undefined) ?? 600;
  const seeks = (flags.seeks as number | undefined) ?? 200;
  const config: WorldConfig = {
    seed: (flags.seed as number | undefined) ?? 1,
    protocol: 'raft',
    nodeCount: 5,
    clients: { count: (flags.clients as number | undefined) ?? 20, keys: 50 },
    snapshotEveryEntries: 1000,
  };
  const endUs = Math.round(virtualS * 1_000_000);
  const world = createWorld(config);
  const runStart = performance.now();
  world.runUntil(endUs);
  const runMs = performance.now() - runStart;
  // Points spread evenly over the run, visited in a scrambled order (a golden-ratio walk).
  const points = Array.from({ length: seeks }, (_, i) => Math.round((((i * 0.6180339887) % 1) * endUs) / 1000) * 1000);
  const times: number[] = [];
  const hashes = new Map<number, string>();
  for (const t of points) {
    const started = performance.now();
    world.seek(t);
    world.views();
    world.inFlight(500);
    world.trace(Math.max(0, world.traceCount() - 200), 200);
    times.push(performance.now() - started);
    hashes.set(t, world.traceHash());
  }
  // The hash at a point must not depend on how we got there: check a few against straight runs.
  const checked = points.slice(0, 3);
  const mismatches = checked.filter((t) => {
    const straight = createWorld(config);
    straight.runUntil(t);
    return straight.traceHash() !== hashes.get(t);
  });
  const sorted = [...times].sort((a, b) => a - b);
  const result = {
    virtualSeconds: virtualS,
    events: world.stats().events,
    checkpoints: world.checkpointCount(),
    runWallMs: Math.round(runMs),
    seeks,
    p50Ms: percentile(sorted, 0.5),
    p95Ms: percentile(sorted, 0.95),
    maxMs: sorted[sorted.length - 1],
    hashMismatches: mismatches.length,
  };
  if (flags.json) process.stdout.write(JSON.stringify(result) + '\n');
  else {
    process.stdout.write(
      `${virtualS} s virtual run of a 5-node cluster with ${config.clients?.count} clients: ${result.events.toLocaleString('en-US')} events, ${result.checkpoints} checkpoints, ${(runMs / 1000).toFixed(1)} s to run\n` +
        `${seeks} seeks (restore + replay + projection): median ${result.p50Ms.toFixed(1)} ms, p95 ${result.p95Ms.toFixed(1)} ms, max ${result.maxMs.toFixed(1)} ms\n` +
        `trace hash after seeking = running straight there: ${mismatches.length === 0 ? 'yes' : `NO at ${mismatches.join(', ')} us`}\n`,
    );
  }
  return mismatches.length === 0 ? 0 : 1;
}

process.exit(main(process.argv.slice(2)));
