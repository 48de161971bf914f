/**
 * The session drives one world for the page. It owns the world (on Web
 * Workers or in this thread), runs the animation loop, and publishes a view
 * model to the store after every run, step and action.
 *
 * Each animation frame moves virtual time by the real time since the last
 * frame times the speed. A run is awaited before the next one starts; frames
 * that arrive while a run is under way are skipped. Steps and actions go
 * through the same queue, so nothing ever lands in the middle of a run.
 *
 * This is the loop; session.ts adds time travel and branches on top. The
 * scripted part of a run (a bug's plan, a scenario) is in runScript.ts, what
 * is published in sessionProjection.ts.
 */
import type { Action, LoggedAction, Scenario, WorldConfig } from '../../engine/index';
import type { HistoryWindowVM, LabConfig } from '../model/types';
import type { WorldSnapshot } from '../store/labStore';
import { BranchBook, type Branch } from './branches';
import { frameAdvanceUs } from './frameClock';
import type { OperationRecord } from './historyProjection';
import { openWorld, viewLogTail, worldConfigOf, type LabWorld } from './labWorld';
import { RunScript } from './runScript';
import type { RunSource } from './runSource';
import { SessionProjector } from './sessionProjection';
import { TimelineProjector } from './timelineProjection';
import { SerialQueue } from './serialQueue';

/** Where a session reports; the store implements it. */
export interface SessionSink {
  publish(snapshot: WorldSnapshot): void;
  started(): void;
  failed(message: string, replay: string | null): void;
  /** The history view's window, or null when the view is not shown (the session then skips the work). */
  historyWindow(): HistoryWindowVM | null;
  /** The space-time diagram's window and whether it draws the clerks, or null when it is not shown. */
  spaceTimeView(): { window: HistoryWindowVM; clients: boolean } | null;
  /** The world went back in time: the lines shown so far are of a future that is gone. */
  rewound(): void;
  /** Something worth saying that is not a failure (a scenario step that could not resolve its nodes). */
  note(text: string): void;
}

/** The run loop: the world, its queue and the animation frames, acting and publishing. */
export class SessionLoop {
  protected world: LabWorld | null = null;
  private readonly queue = new SerialQueue();
  private disposed = false;
  private playing = true;
  private speed: number;
  private frameRequest = 0;
  private lastFrameMs: number | null = null;
  private readonly projector: SessionProjector;
  protected readonly script: RunScript;
  /** The world config run, as given or as the lab config describes it. */
  readonly worldConfig: WorldConfig;
  readonly scenario: Scenario | null;
  private readonly startAtUs: number | null;
  protected readonly branches: BranchBook;
  protected readonly timeline = new TimelineProjector();

  constructor(
    readonly config: LabConfig,
    protected readonly sink: SessionSink,
    plan: readonly LoggedAction[] = [],
    source: RunSource | null = null,
  ) {
    this.speed = config.speed;
    this.projector = new SessionProjector(config, sink);
    this.worldConfig = source?.worldConfig ?? worldConfigOf(config);
    this.scenario = source?.scenario ?? null;
    this.script = new RunScript(plan, this.scenario, (text) => this.sink.note(text));
    this.startAtUs = source?.atUs ?? null;
    const log = (source?.log ?? []).map((a) => ({ atUs: a.atUs, action: a.action }));
    this.branches = new BranchBook(log);
    this.script.recover(this.branch, this.worldConfig, source?.atUs ?? null);
  }

  protected get branch(): Branch {
    return this.branches.current;
  }

  /** Open the world, publish its first state and start the loop. */
  async start(): Promise<void> {
    try {
      // Scenario steps act on the world itself (they resolve `leader` at their moment), and the shard view reads
      // the replicas' state: both run in this thread.
      const host = this.scenario !== null || this.worldConfig.shards !== undefined ? 'inprocess' : this.config.host;
      const world = await openWorld(this.worldConfig, host, viewLogTail, this.branch.log);
      if (this.disposed) {
        world.close();
        return;
      }
      this.world = world;
      // Plan actions due at time zero go in before anything runs.
      await this.advanceTo(world, this.startAtUs ?? 0);
      this.publish();
      this.sink.started();
      this.frameRequest = requestAnimationFrame(this.frame);
    } catch (error) {
      // The banner says what failed; the console keeps the stack for whoever debugs it.
      console.error(error);
      if (!this.disposed) this.sink.failed(`The run could not start: ${messageOf(error)}`, null);
    }
  }

  dispose(): void {
    this.disposed = true;
    cancelAnimationFrame(this.frameRequest);
    this.world?.close();
    this.world = null;
  }

  setPlaying(playing: boolean): void {
    this.playing = playing;
    this.lastFrameMs = null;
  }

  setSpeed(speed: number): void {
    this.speed = speed;
  }

  /** Process one event (or due action, or plan action, or scenario step) and publish. */
  stepEvent(): Promise<boolean> {
    return this.enqueue(async (world) => {
      const dueUs = this.script.nextDueUs(this.branch);
      const nextUs = world.base.nextEventTimeUs();
      let stepped: boolean;
      if (dueUs !== null && (nextUs === null || nextUs > dueUs)) {
        await this.advanceTo(world, dueUs);
        stepped = true;
      } else {
        stepped = await world.stepEvent();
        this.noteProgress(world);
      }
      this.publish();
      return stepped;
    }, false);
  }

  /** Apply an operator action at the current virtual time and publish. */
  act(action: Action): Promise<void> {
    return this.actAll([action]);
  }

  /**
   * Apply several actions at one instant, in order (both directions of a
   * link). Acting before the branch's horizon starts a new branch: the world
   * cuts its log here (ARCHITECTURE.md, time travel) and the old branch keeps
   * its whole log, to switch back to.
   */
  actAll(actions: readonly Action[]): Promise<void> {
    return this.enqueue(async (world) => {
      const nowUs = world.base.nowUs();
      const forking = nowUs < this.branch.horizonUs || this.branch.log.some((a) => a.atUs > nowUs);
      if (forking) this.fork(nowUs);
      for (const action of actions) await world.act(action);
      this.branch.log = world.base.actions();
      if (forking) this.timeline.reset(world.base);
      this.noteProgress(world);
      this.publish();
    }, undefined);
  }

  private fork(nowUs: number): void {
    this.branches.fork(nowUs, this.script.forkCursors(this.branch, nowUs));
    this.script.narrationChanged = true;
  }

  /** Publish again (the page changed what it wants to see, e.g. the history window, while paused). */
  refresh(): Promise<void> {
    return this.enqueue(async () => this.publish(), undefined);
  }

  /** Read the world after the queue has drained (e.g. the outcome of a proposal). */
  read<T>(reader: (world: LabWorld) => T): Promise<T | null> {
    return this.enqueue(async (world) => reader(world), null);
  }

  /** The client history so far, after the queue has drained. */
  readHistory(): Promise<{ records: OperationRecord[]; nowUs: number } | null> {
    return this.read((world) => ({ records: world.base.history(), nowUs: world.base.nowUs() }));
  }

  protected rewind(): void {
    const world = this.world;
    if (world === null) return;
    this.projector.rewind(world);
    this.sink.rewound();
  }

  protected enqueue<T>(task: (world: LabWorld) => Promise<T>, fallback: T): Promise<T> {
    return this.queue.run(async () => {
      const world = this.world;
      if (world === null || this.disposed) return fallback;
      try {
        return await task(world);
      } catch (error) {
        this.fail(this.world ?? world, error);
        return fallback;
      }
    });
  }

  private fail(world: LabWorld, error: unknown): void {
    if (this.disposed) return;
    this.playing = false;
    let replay: string | null = null;
    try {
      replay = world.base.replayCommand();
    } catch {
      replay = null;
    }
    // Show what the world looked like when it stopped.
    try {
      this.publish();
    } catch {
      // The world may be too broken to read; the banner still says what happened.
    }
    this.sink.failed(`The run stopped at t = ${(world.base.nowUs() / 1000).toFixed(3)} ms: ${messageOf(error)}`, replay);
  }

  /**
   * Run to `tUs`, applying every plan action and scenario step due on the way
   * at its own time, so that they enter the action log and replay like clicks.
   */
  protected async advanceTo(world: LabWorld, tUs: number): Promise<void> {
    for (;;) {
      const dueUs = this.script.nextDueUs(this.branch);
      if (dueUs === null || dueUs > tUs) break;
      if (dueUs > world.base.nowUs()) await world.runUntil(dueUs);
      const planned = this.script.takePlanned(this.branch, dueUs);
      if (planned !== null) await world.act(planned);
      else this.script.applyScenarioStep(world, this.branch);
      this.branch.log = world.base.actions();
    }
    await world.runUntil(tUs);
    this.noteProgress(world);
  }

  /** After the world moved forward: extend the horizon, the timeline and the narration. */
  private noteProgress(world: LabWorld): void {
    const nowUs = world.base.nowUs();
    if (nowUs >= this.branch.horizonUs) {
      this.branch.horizonUs = nowUs;
      const applied = world.base.actions();
      if (applied.length >= this.branch.log.length) this.branch.log = applied;
      this.branches.changed = true;
    }
    this.timeline.observe(world.base);
    if (nowUs >= this.branch.horizonUs) this.script.readNarration(world, this.branch);
  }

  private readonly frame = (timeMs: number): void => {
    if (this.disposed) return;
    this.frameRequest = requestAnimationFrame(this.frame);
    if (!this.playing || this.world === null) {
      this.lastFrameMs = null;
      return;
    }
    // A run is still going: skip this frame; the next one accounts for the time.
    if (!this.queue.idle) return;
    const gapMs = this.lastFrameMs === null ? 0 : timeMs - this.lastFrameMs;
    this.lastFrameMs = timeMs;
    const advanceUs = frameAdvanceUs(gapMs, this.speed);
    if (advanceUs <= 0) return;
    void this.enqueue(async (world) => {
      await this.advanceTo(world, world.base.nowUs() + advanceUs);
      this.publish(true);
    }, undefined);
  };

  /** `playing`: a playback frame, after which the history view may wait for the next one. */
  protected publish(playing = false): void {
    const world = this.world;
    if (world === null || this.disposed) return;
    const snapshot = this.projector.snapshot(world, playing, () => ({
      timeline: this.timeline.take(this.branch.log),
      branches: this.branches.takeVMs(),
      narration: this.script.takeNarrationVM(),
    }));
    this.sink.publish(snapshot);
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
