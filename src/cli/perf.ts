/**
 * `npm run perf`: how fast the simulator runs. A 5-node cluster under steady
 * client load, with the trace and checkpoints on, for a fixed virtual time;
 * prints messages delivered and events per wall second and the peak heap.
 * Also runs a longer run beside the short one (speed must not fall as a run
 * grows), a 10-minute run that reports the heap it needs with the whole
 * client history kept (live heap after a full collection each virtual
 * minute; `npm run perf` passes --expose-gc), and the worker host on the
 * same workload (ratio between hosts).
 */
import { performance } from 'node:perf_hooks';
import { WorkerWorld, createWorld, type WorldConfig } from '../engine/index';
import { threadChannelFactory } from '../engine/host/node/threadChannels';
import { UsageError, parseArgs, usageLine, runMain, type FlagSpec } from './args';

const specs: Record<string, FlagSpec> = {
  protocol: { kind: 'string', help: 'protocol (default raft)' },
  seed: { kind: 'int', min: 0, help: 'seed (default 1)' },
  'virtual-s': { kind: 'number', min: 1, help: 'virtual seconds of the short run (default 60)' },
  'warmup-virtual-s': { kind: 'number', min: 0, help: 'virtual seconds of the unmeasured run before the others, so that the JIT has compiled the hot paths (default 120)' },
  'long-virtual-s': { kind: 'number', min: 0, help: 'virtual seconds of the long run (default 300; 0 skips it)' },
  'worker-virtual-s': { kind: 'number', min: 0, help: 'virtual seconds on the worker host (default 10; 0 skips it)' },
  'memory-virtual-s': { kind: 'number', min: 0, help: 'virtual seconds of the memory run, history kept (default 600; 0 skips it)' },
  clients: { kind: 'int', min: 1, max: 500, help: 'closed-loop key-value clients (default 50)' },
  repeat: { kind: 'int', min: 1, max: 20, help: 'times to run the short and the long run, in turns; their figures are the medians (default 3)' },
  json: { kind: 'boolean', help: 'print one JSON object' },
};

interface Measurement {
  host: string;
  virtualSeconds: number;
  wallSeconds: number;
  delivered: number;
  events: number;
  deliveredPerWallSecond: number;
  eventsPerWallSecond: number;
  peakHeapMb: number;
  /** Live heap (after a full collection), sampled every virtual minute; null without --expose-gc. */
  peakLiveHeapMb: number | null;
  checkpoints: number | null;
  committed: number;
  opsCompleted: number;
  /** Worker host: lookahead windows dispatched, and the mean number of events in one. */
  windows: number | null;
  eventsPerWindow: number | null;
  /** Worker host: wall microseconds of an empty window (one request to every worker, their answers; median of many). */
  emptyWindowUs: number | null;
}

/**
 * The workload: a 5-node cluster serving closed-loop key-value clients (each
 * sends its next request as soon as the last is answered), with snapshots.
 * Client requests travel over the network like any message, so the worker
 * host's lookahead windows are not cut short by them.
 */
function workload(seed: number, protocol: string, clients: number): WorldConfig {
  return {
    seed,
    protocol,
    nodeCount: 5,
    clients: { count: clients, keys: 100, thinkTimeUs: 0, requestTimeoutUs: 500_000 },
    snapshotEveryEntries: 1000,
  };
}

function heapMb(): number {
  return process.memoryUsage().heapUsed / (1024 * 1024);
}

/**
 * One run. `liveHeap`: collect all garbage before it and every virtual minute
 * (not timed) to read the live heap. Only the memory run does: a forced full
 * collection also throws away optimised code whose objects died, so the
 * minutes after one run slower and would blur the speed figures.
 */
async function measure(host: 'inprocess' | 'worker', config: WorldConfig, virtualSeconds: number, liveHeap = false): Promise<Measurement> {
  const gc = liveHeap ? (globalThis as { gc?: () => void }).gc : undefined;
  gc?.();
  const world = host === 'worker' ? await WorkerWorld.create(config, threadChannelFactory(), [], { logTail: 0 }) : createWorld(config);
  let peak = heapMb();
  let peakLive: number | null = null;
  let gcMs = 0;
  const start = performance.now();
  const sliceUs = 1_000_000;
  for (let t = sliceUs; t <= virtualSeconds * 1_000_000; t += sliceUs) {
    await world.runUntil(t);
    peak = Math.max(peak, heapMb());
    if (gc !== undefined && (t % 60_000_000 === 0 || t === virtualSeconds * 1_000_000)) {
      // What the run really holds: collect everything dead, then read the heap (the collection's own time is not counted).
      const before = performance.now();
      gc();
      peakLive = Math.max(peakLive ?? 0, heapMb());
      gcMs += performance.now() - before;
    }
  }
  const wallSeconds = (performance.now() - start - gcMs) / 1000;
  const stats = world.stats();
  const result: Measurement = {
    host,
    virtualSeconds,
    wallSeconds,
    delivered: stats.delivered,
    events: stats.events,
    deliveredPerWallSecond: stats.delivered / wallSeconds,
    eventsPerWallSecond: stats.events / wallSeconds,
    peakHeapMb: peak,
    peakLiveHeapMb: peakLive,
    checkpoints: 'checkpointCount' in world ? world.checkpointCount() : null,
    committed: world.committedCount(),
    opsCompleted: stats.opsCompleted,
    windows: world instanceof WorkerWorld ? world.windows : null,
    eventsPerWindow: world instanceof WorkerWorld ? world.windowEvents / Math.max(1, world.windows) : null,
    emptyWindowUs: world instanceof WorkerWorld ? await emptyWindowUs(world) : null,
  };
  if (world instanceof WorkerWorld) world.close();
  return result;
}

/**
 * What a lookahead window costs the worker host before any event: a request
 * to every worker and their answers (threads woken, messages passed). The
 * median of batches of rounds, after a few unmeasured ones.
 */
async function emptyWindowUs(world: WorkerWorld): Promise<number> {
  for (let i = 0; i < 200; i++) await world.pingAll();
  const perRound: number[] = [];
  for (let batch = 0; batch < 9; batch++) {
    const start = performance.now();
    for (let i = 0; i < 200; i++) await world.pingAll();
    perRound.push(((performance.now() - start) * 1000) / 200);
  }
  perRound.sort((a, b) => a - b);
  return perRound[perRound.length >> 1];
}

/** The run with the median rate (the lower middle one of an even count). */
function median(runs: readonly Measurement[]): Measurement {
  const byRate = [...runs].sort((a, b) => a.deliveredPerWallSecond - b.deliveredPerWallSecond);
  return byRate[(byRate.length - 1) >> 1];
}

function spread(runs: readonly Measurement[]): string {
  const rates = runs.map((m) => Math.round(m.deliveredPerWallSecond));
  return `${Math.min(...rates).toLocaleString('en-US')} to ${Math.max(...rates).toLocaleString('en-US')}`;
}

function row(m: Measurement): string {
  const f = (n: number) => Math.round(n).toLocaleString('en-US');
  return `${m.host.padEnd(10)} ${String(m.virtualSeconds).padStart(5)} s virtual  ${m.wallSeconds.toFixed(2).padStart(7)} s wall  ${f(m.deliveredPerWallSecond).padStart(11)} msg/s  ${f(m.eventsPerWallSecond).padStart(11)} events/s  peak heap ${m.peakHeapMb.toFixed(0).padStart(4)} MB${m.peakLiveHeapMb === null ? '' : ` (live ${m.peakLiveHeapMb.toFixed(0)} MB)`}  (${f(m.delivered)} delivered, ${f(m.committed)} committed, ${f(m.opsCompleted)} client ops${m.checkpoints === null ? '' : `, ${m.checkpoints} checkpoints`}${m.windows === null ? '' : `, ${f(m.windows)} windows of ${(m.eventsPerWindow ?? 0).toFixed(1)} events`})`;
}

async function main(argv: string[]): Promise<number> {
  let flags;
  try {
    flags = parseArgs(argv, specs).flags;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${usageLine('npm run perf --', specs)}\n`);
      return 2;
    }
    throw error;
  }
  const protocol = (flags.protocol as string | undefined) ?? 'raft';
  const seed = (flags.seed as number | undefined) ?? 1;
  const clients = (flags.clients as number | undefined) ?? 50;
  const config = workload(seed, protocol, clients);
  const shortS = (flags['virtual-s'] as number | undefined) ?? 60;
  const longS = (flags['long-virtual-s'] as number | undefined) ?? 300;
  const workerS = (flags['worker-virtual-s'] as number | undefined) ?? 10;
  const memoryS = (flags['memory-virtual-s'] as number | undefined) ?? 600;
  const log = (line: string) => {
    if (!flags.json) process.stdout.write(line + '\n');
  };
  log(`workload: 5-node ${protocol} cluster, ${clients} closed-loop key-value clients, snapshots every 1000 entries, trace and checkpoints on, seed ${seed}`);
  const results: Record<string, Measurement> = {};
  // Unmeasured runs the JIT compiles the hot paths on, so that the measured runs are not slowed by warming up:
  // tiering up takes about a wall second of hot code, and every fresh world's first seconds reach code paths
  // (arrays still empty, first elections) that one long run would have left behind, so the warm-up is four worlds.
  const warmupS = (flags['warmup-virtual-s'] as number | undefined) ?? 120;
  if (warmupS > 0) for (let i = 0; i < 4; i++) await measure('inprocess', config, warmupS / 4);
  // A shared machine's speed drifts from second to second: the short and the long run take turns, each is
  // repeated, and the medians are reported and compared (a drift then hits both alike).
  const repeat = (flags.repeat as number | undefined) ?? 3;
  const shorts: Measurement[] = [];
  const longs: Measurement[] = [];
  for (let i = 0; i < repeat; i++) {
    shorts.push(await measure('inprocess', config, shortS));
    log(row(shorts[i]));
    if (longS > 0) {
      longs.push(await measure('inprocess', config, longS));
      log(row(longs[i]));
    }
  }
  const f = (n: number) => Math.round(n).toLocaleString('en-US');
  results.short = median(shorts);
  if (repeat > 1) log(`short run, median of ${repeat}: ${f(results.short.deliveredPerWallSecond)} messages delivered per wall second (${spread(shorts)})`);
  if (longS > 0) {
    results.long = median(longs);
    if (repeat > 1) log(`long run, median of ${repeat}: ${f(results.long.deliveredPerWallSecond)} messages delivered per wall second (${spread(longs)})`);
    log(`long run rate / short run rate: ${(results.long.eventsPerWallSecond / results.short.eventsPerWallSecond).toFixed(2)}`);
  }
  if (workerS > 0) {
    const inprocessSame = await measure('inprocess', config, workerS);
    results.workerInprocess = inprocessSame;
    results.worker = await measure('worker', config, workerS);
    log(row(inprocessSame));
    log(row(results.worker));
    log(`worker host rate / in-process rate (same ${workerS} s workload): ${(results.worker.eventsPerWallSecond / inprocessSame.eventsPerWallSecond).toFixed(3)}`);
    const worker = results.worker;
    if (worker.emptyWindowUs !== null && worker.windows !== null) {
      // Windows run one after another, so their fixed cost alone bounds the worker host's speed on this machine.
      const floorS = (worker.windows * worker.emptyWindowUs) / 1e6;
      log(
        `worker host floor: an empty window (a request to each of the ${config.nodeCount} workers and their answers) takes ${worker.emptyWindowUs.toFixed(0)} us here; ` +
          `this workload's ${f(worker.windows)} windows need ${floorS.toFixed(2)} s for that alone, against ${inprocessSame.wallSeconds.toFixed(2)} s for the whole in-process run: ` +
          `on this machine the ratio cannot pass ${(inprocessSame.wallSeconds / floorS).toFixed(2)}, even if every event cost nothing`,
      );
    }
  }
  // Last: its forced collections would slow whatever ran after it.
  if (memoryS > 0) {
    results.memory = await measure('inprocess', config, memoryS, true);
    log(row(results.memory));
    log(`memory run: ${memoryS} s virtual with the whole client history kept; live heap at most ${results.memory.peakLiveHeapMb?.toFixed(0) ?? '? (run with node --expose-gc)'} MB, heap used at most ${results.memory.peakHeapMb.toFixed(0)} MB (garbage not yet collected included)`);
  }
  if (flags.json) process.stdout.write(JSON.stringify(results) + '\n');
  return 0;
}

runMain(main);
