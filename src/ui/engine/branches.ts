/**
 * Time travel and branches of a session's run.
 *
 * Seeking: the in-process world travels itself (checkpoint and replay). The
 * worker host cannot, so the first seek moves the run into this thread (a
 * world from the same config and log gives the same trace by design).
 *
 * Branches: acting before the furthest moment a branch has reached starts a
 * new branch; each keeps its own action log, and switching rebuilds a world
 * from it.
 */
import type { LoggedAction, WorldConfig } from '../../engine/index';
import type { BranchVM } from '../model/types';
import { openWorld, viewLogTail, type LabWorld } from './labWorld';

/** One branch of the run: its action log and how far it has run. */
export interface Branch {
  id: number;
  name: string;
  forkUs: number;
  log: LoggedAction[];
  horizonUs: number;
  /** Scenario steps applied on this branch, and when each ran and what it bound. */
  stepCursor: number;
  stepTimesUs: number[];
  bindings: Record<string, number>;
  planCursor: number;
}

/** Where a new branch's scripted steps stand: what its parent had applied by the fork. */
export type BranchCursors = Pick<Branch, 'stepCursor' | 'stepTimesUs' | 'bindings' | 'planCursor'>;

/** Every branch of a run, and the one the world is on. */
export class BranchBook {
  private readonly all: Branch[];
  current: Branch;
  private counter = 1;
  /** The branch list changed since it was last published. */
  changed = true;

  constructor(log: LoggedAction[]) {
    this.current = { id: 1, name: 'Main', forkUs: 0, log, horizonUs: 0, stepCursor: 0, stepTimesUs: [], bindings: {}, planCursor: 0 };
    this.all = [this.current];
  }

  /** Start a new branch at `nowUs` and make it current. */
  fork(nowUs: number, cursors: BranchCursors): void {
    const child: Branch = {
      id: ++this.counter,
      name: `Branch ${this.counter}`,
      forkUs: nowUs,
      log: [],
      horizonUs: nowUs,
      ...cursors,
    };
    this.all.push(child);
    this.current = child;
    this.changed = true;
  }

  find(id: number): Branch | undefined {
    return this.all.find((b) => b.id === id);
  }

  switchTo(target: Branch): void {
    this.current = target;
    this.changed = true;
  }

  /** The branch list when it changed since the last call, else undefined. */
  takeVMs(): BranchVM[] | undefined {
    const branches = this.changed ? this.all.map((b) => ({ id: b.id, name: b.name, forkUs: b.forkUs, actionCount: b.log.length, current: b === this.current })) : undefined;
    this.changed = false;
    return branches;
  }
}

/**
 * The worker host cannot travel: an in-process world from the same config
 * and log, which gives the same trace by design (both hosts are tested to
 * agree), run to `tUs` or the old world's present, whichever is sooner. The
 * old world is closed.
 */
export async function moveInProcess(world: LabWorld, worldConfig: WorldConfig, log: LoggedAction[], tUs: number): Promise<LabWorld> {
  const moved = await openWorld(worldConfig, 'inprocess', viewLogTail, log);
  await moved.runUntil(Math.min(tUs, world.base.nowUs()));
  world.close();
  return moved;
}

/** A world rebuilt from a branch's log. */
export async function openBranchWorld(worldConfig: WorldConfig, branch: Branch): Promise<LabWorld> {
  const rebuilt = await openWorld(worldConfig, 'inprocess', viewLogTail, branch.log);
  // Run to the horizon first, so that the timeline and the narration cover the whole branch.
  await rebuilt.runUntil(branch.horizonUs);
  return rebuilt;
}

/** The time of the latest trace record before now (0 if none): one event back. */
export function previousEventUs(world: LabWorld): number {
  const base = world.base;
  const nowUs = base.nowUs();
  let previousUs = 0;
  for (let end = base.traceCount(); end > 0; end -= 256) {
    const from = Math.max(0, end - 256);
    const records = base.trace(from, end - from);
    if (records.length === 0) break;
    const earlier = records.filter((r) => r.timeUs < nowUs);
    if (earlier.length > 0) {
      previousUs = earlier[earlier.length - 1].timeUs;
      break;
    }
  }
  return previousUs;
}
