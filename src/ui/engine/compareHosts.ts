/**
 * The determinism check: run the same config, with no actions, on both hosts
 * for the same virtual time, and compare the trace hashes. Fresh worlds, so
 * the page's own run is untouched. The run goes in short slices that yield to
 * the browser between them, so the page keeps drawing and the progress moves.
 */
import type { HostKind } from '../model/types';
import { openLabWorld, type RunConfig } from './labWorld';

/** Virtual time each host runs for. */
export const compareUntilUs = 5_000_000;
/** Virtual time per slice between two yields to the browser. */
const sliceUs = 100_000;

export interface CompareReport {
  host: HostKind;
  progress: number;
  hash: string | null;
  events: number;
}

const yieldToBrowser = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class CompareCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CompareCancelled';
  }
}

async function runOne(config: RunConfig, host: HostKind, untilUs: number, report: (r: CompareReport) => void, signal: AbortSignal): Promise<CompareReport> {
  // No views: the check needs only the trace, and views cost a copy per batch.
  const world = await openLabWorld(config, host, 0);
  try {
    for (let t = sliceUs; ; t += sliceUs) {
      if (signal.aborted) throw new CompareCancelled();
      const target = Math.min(t, untilUs);
      await world.runUntil(target);
      report({ host, progress: target / untilUs, hash: null, events: world.base.stats().events });
      if (target >= untilUs) break;
      await yieldToBrowser();
    }
    const done: CompareReport = { host, progress: 1, hash: world.base.traceHash(), events: world.base.stats().events };
    report(done);
    return done;
  } finally {
    world.close();
  }
}

/** Run in-process first, then on workers; `report` hears every slice. */
export async function compareHosts(
  config: RunConfig,
  untilUs: number,
  report: (r: CompareReport) => void,
  signal: AbortSignal,
): Promise<CompareReport[]> {
  const results: CompareReport[] = [];
  for (const host of ['inprocess', 'worker'] as const) results.push(await runOne(config, host, untilUs, report, signal));
  return results;
}
