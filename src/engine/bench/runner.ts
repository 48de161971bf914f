/**
 * Running one benchmark series in-process: build the world, let the store
 * settle (the warm-up: the initial configuration is applied and every
 * client has gone round once), then run until `ops` operations have
 * completed after the warm-up, reporting progress and letting the caller
 * cancel between slices of virtual time. The result is plain data: the
 * operations, the summary, and figures about the run itself.
 */
import { createWorld } from '../sim/world';
import { summarizeBench, type BenchOperation, type BenchSummary, type FaultPeriod } from './summary';
import type { BenchFault, BenchSeries } from './benchmarks';
import type { LoggedAction } from '../sim/actions';

export interface SeriesResult {
  name: string;
  protocol: string;
  seed: number;
  /** Operations invoked from the start of the measurement window on (the warm-up's are left out). */
  operations: BenchOperation[];
  summary: BenchSummary;
  /** Virtual time the run reached, and events processed. */
  endUs: number;
  events: number;
  messages: number;
  /** Fraction of time each replica's CPU was busy, by node. */
  cpuUtilisation: number[];
  /** The world config and actions: enough to open the run in the lab at any moment. */
  config: BenchSeries['config'];
  actions: LoggedAction[];
  /** True when it stopped at the virtual-time limit before `ops` completed. */
  truncated: boolean;
}

export interface RunSeriesOptions {
  ops: number;
  warmupUs?: number;
  /** Stop anyway at this virtual time after the warm-up (default 600 s). */
  maxMeasureUs?: number;
  /** Width of a throughput-over-time bin (default: about 40 bins). */
  binUs?: number;
  /** Called between slices; return false to cancel (the result is then null). */
  onProgress?: (completed: number, total: number) => boolean;
  /** Fault periods to shade besides the series' own faults. */
  faults?: FaultPeriod[];
  actions?: LoggedAction[];
}

const sliceUs = 50_000;

export function runSeries(series: BenchSeries, opts: RunSeriesOptions): SeriesResult | null {
  const world = createWorld(series.config, opts.actions ?? []);
  const warmupUs = opts.warmupUs ?? 1_000_000;
  world.runUntil(warmupUs);
  const startIndex = world.historyLength();
  const maxUs = warmupUs + (opts.maxMeasureUs ?? 600_000_000);
  const completedBefore = world.stats().opsCompleted;
  let completed = 0;
  // Faults happen at their times whatever the slices: each is a crash of whoever leads then, and a restart later.
  const pending = (series.faults ?? []).flatMap((f) => [
    { atUs: f.atUs, fault: f, start: true },
    { atUs: f.atUs + f.durationUs, fault: f, start: false },
  ]);
  pending.sort((a, b) => a.atUs - b.atUs);
  const crashed = new Map<BenchFault, number>();
  const faults: FaultPeriod[] = [...(opts.faults ?? [])];
  while (completed < opts.ops && world.nowUs() < maxUs) {
    const sliceEnd = world.nowUs() + sliceUs;
    while (pending.length > 0 && pending[0].atUs <= sliceEnd) {
      const step = pending.shift()!;
      world.runUntil(step.atUs);
      if (step.start) {
        const leader = world.leader(step.fault.gid);
        if (leader !== null) {
          world.act({ type: 'crash', node: leader });
          crashed.set(step.fault, leader);
          faults.push({ fromUs: step.atUs, toUs: step.atUs + step.fault.durationUs, label: `g${step.fault.gid}'s leader n${leader + 1} crashed` });
        }
      } else {
        const node = crashed.get(step.fault);
        if (node !== undefined) world.act({ type: 'restart', node });
      }
    }
    world.runUntil(sliceEnd);
    completed = world.stats().opsCompleted - completedBefore;
    if (opts.onProgress !== undefined && !opts.onProgress(Math.min(completed, opts.ops), opts.ops)) return null;
  }
  const endUs = world.nowUs();
  const operations: BenchOperation[] = world.history(startIndex).map((op) => ({ client: op.client, kind: op.kind, key: op.key, invokeUs: op.invokeUs, returnUs: op.returnUs }));
  const span = endUs - warmupUs;
  const binUs = opts.binUs ?? Math.max(10_000, Math.round(span / 40 / 10_000) * 10_000);
  const summary = summarizeBench(operations, { startUs: warmupUs, endUs, binUs, faults });
  const stats = world.stats();
  const busy = world.cpuBusyUs();
  return {
    name: series.name,
    protocol: series.protocol,
    seed: world.config.seed,
    operations,
    summary,
    endUs,
    events: stats.events,
    messages: stats.delivered,
    cpuUtilisation: busy.map((us) => (endUs > 0 ? us / endUs : 0)),
    config: series.config,
    actions: world.actions(),
    truncated: completed < opts.ops,
  };
}
