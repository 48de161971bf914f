/**
 * The page's session: the run loop (sessionLoop.ts) with time travel and
 * branches on top.
 *
 * Seeking: the in-process world travels itself (checkpoint and replay). The
 * worker host cannot, so the first seek moves the run into this thread (a
 * world from the same config and log gives the same trace by design).
 *
 * Branches: acting before the furthest moment a branch has reached starts a
 * new branch; each keeps its own action log, and switching rebuilds a world
 * from it. A scenario's timeline steps are applied like plan actions, at
 * their times, on whichever branch is current.
 */
import type { LoggedAction, WorldConfig } from '../../engine/index';
import { moveInProcess, openBranchWorld, previousEventUs } from './branches';
import { SessionLoop } from './sessionLoop';

export { messageOf, type SessionSink } from './sessionLoop';

export class LabSession extends SessionLoop {
  /** Switch to another branch: a world from its log, at the same moment (or its horizon, if it ends sooner). */
  switchBranch(id: number): Promise<boolean> {
    return this.enqueue(async (world) => {
      const target = this.branches.find(id);
      if (target === undefined || target === this.branch) return false;
      const atUs = Math.min(world.base.nowUs(), target.horizonUs);
      const rebuilt = await openBranchWorld(this.worldConfig, target);
      world.close();
      this.world = rebuilt;
      this.branches.switchTo(target);
      this.timeline.reset(rebuilt.base);
      this.script.readNarration(rebuilt, this.branch);
      if (rebuilt.seek !== null) await rebuilt.seek(atUs);
      this.rewind();
      this.publish();
      return true;
    }, false);
  }

  /**
   * Go to virtual time `tUs` (the caller pauses first). Back: the in-process
   * world restores its nearest checkpoint and replays. The worker host cannot
   * travel, so the first seek moves the run into this thread: an in-process
   * world from the same config and log, which gives the same trace by design
   * (both hosts are tested to agree), and travels from then on. Forward: run,
   * applying scripted actions and scenario steps on the way.
   */
  seek(tUs: number): Promise<boolean> {
    return this.enqueue(async (world) => {
      let current = world;
      if (current.seek === null) {
        const log = current.base.actions().length >= this.branch.log.length ? current.base.actions() : this.branch.log;
        this.branch.log = log;
        const moved = await moveInProcess(current, this.worldConfig, log, tUs);
        this.world = moved;
        current = moved;
      }
      const target = Math.max(0, Math.round(tUs));
      if (target < current.base.nowUs() && current.seek !== null) await current.seek(target);
      else await this.advanceTo(current, target);
      this.rewind();
      this.publish();
      return true;
    }, false);
  }

  /** Seek to the time of the latest trace record before now: one event back. */
  stepBack(): Promise<boolean> {
    return this.enqueue(async (world) => previousEventUs(world), 0).then((previousUs) => this.seek(previousUs));
  }

  /**
   * Run on until narration step `number` has happened (at most to the
   * scenario's end), then seek to its moment. Returns whether it happened.
   */
  goToNarrationStep(number: number): Promise<boolean> {
    return this.enqueue(async (world) => {
      const scenario = this.scenario;
      if (scenario === null) return false;
      let step = this.script.narrationStep(number);
      if (step?.atUs === null || step === undefined) {
        const endUs = Math.max(Math.round(scenario.durationMs * 1000), this.branch.horizonUs);
        if (world.base.nowUs() < this.branch.horizonUs && world.seek !== null) await world.seek(this.branch.horizonUs);
        await this.advanceTo(world, endUs);
        step = this.script.narrationStep(number);
      }
      const atUs = step?.atUs ?? null;
      if (atUs === null) {
        this.publish();
        return false;
      }
      if (atUs < world.base.nowUs() && world.seek !== null) await world.seek(atUs);
      else await this.advanceTo(world, atUs);
      this.rewind();
      this.publish();
      return true;
    }, false);
  }

  /** The run as a run file's parts: config, the branch's whole log, and now. */
  runParts(): Promise<{ worldConfig: WorldConfig; actions: LoggedAction[]; atUs: number; scenarioId: string | null } | null> {
    return this.read((world) => {
      const applied = world.base.actions();
      const actions = applied.length >= this.branch.log.length ? applied : this.branch.log;
      return { worldConfig: this.worldConfig, actions, atUs: world.base.nowUs(), scenarioId: this.scenario?.id ?? null };
    });
  }
}
