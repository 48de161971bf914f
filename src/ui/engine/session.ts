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
 * A plan (a bug scenario's scripted faults) is applied as ordinary actions
 * when the clock reaches each one's time, exactly as a scenario runner applies
 * them, so that they enter the action log and replay like a click. The user's
 * own actions do not cancel the rest of the plan.
 *
 * Seeking: the in-process world travels itself (checkpoint and replay). The
 * worker host cannot, so the session builds a new world from the config and
 * the whole action log and runs it to the moment: slower, and just as exact.
 */
import type { Action, LoggedAction } from '../../engine/index';
import { traceLines } from '../model/traceText';
import type { FaultSpanVM, HistoryVM, HistoryWindowVM, LabConfig, NodeVM } from '../model/types';
import type { WorldSnapshot } from '../store/labStore';
import { isReliable } from '../model/linkSettings';
import { faultSpans, spansIn } from '../view/faultSpans';
import { ElectionTimerTracker } from './electionTimers';
import { frameAdvanceUs } from './frameClock';
import { HistoryProjector, historyWindowAt, type OperationRecord } from './historyProjection';
import { openLabWorld, viewLogTail, type LabWorld } from './labWorld';
import { projectCrashed, projectLinks, projectMessages, projectNetwork, projectNode, projectStats } from './project';
import { SerialQueue } from './serialQueue';

/** Where a session reports; the store implements it. */
export interface SessionSink {
  publish(snapshot: WorldSnapshot): void;
  started(): void;
  failed(message: string, replay: string | null): void;
  /** The history view's window, or null when the view is not shown (the session then skips the work). */
  historyWindow(): HistoryWindowVM | null;
  /** The world went back in time: the lines shown so far are of a future that is gone. */
  rewound(): void;
}

/** Most trace records read per publish; older ones of a very long frame are skipped. */
const maxRecordsPerPublish = 4000;
/** How many message descriptions are remembered for the log. */
const maxDescriptions = 5000;
/** Trace records shown again after a seek (the log's recent past). */
const recordsAfterSeek = 400;
/**
 * While playing, the history view is redrawn at most this often (wall time):
 * hundreds of bars moving every frame cost more than they show.
 */
const historyFrameMs = 80;

export class LabSession {
  private world: LabWorld | null = null;
  private readonly queue = new SerialQueue();
  private disposed = false;
  private playing = true;
  private speed: number;
  private frameRequest = 0;
  private lastFrameMs: number | null = null;
  private traceCursor = 0;
  private timers: ElectionTimerTracker;
  private readonly descriptions = new Map<number, string>();
  private lastNodes: NodeVM[] = [];
  private readonly history = new HistoryProjector();
  /** Scripted actions still to apply, in time order. */
  private readonly plan: LoggedAction[];
  private planCursor = 0;
  /**
   * The whole action log as far as the session knows it: after a seek back,
   * the world has applied only a prefix, and the rest replays as the clock
   * moves on. A rebuilt world is given all of it.
   */
  private knownLog: LoggedAction[] = [];
  private spansCache: { actions: number; spans: FaultSpanVM[] } = { actions: -1, spans: [] };
  /** Snapshots each node installed from its leader, counted from the marks (kept for the whole run). */
  private installs: number[];
  private marksCursor = 0;
  private lastHistoryMs = -Infinity;

  constructor(
    readonly config: LabConfig,
    private readonly sink: SessionSink,
    plan: readonly LoggedAction[] = [],
  ) {
    this.speed = config.speed;
    this.timers = new ElectionTimerTracker(config.nodeCount);
    this.installs = new Array<number>(config.nodeCount).fill(0);
    this.plan = plan.map((a) => ({ atUs: a.atUs, action: a.action }));
  }

  /** Open the world, publish its first state and start the loop. */
  async start(): Promise<void> {
    try {
      const world = await openLabWorld(this.config, this.config.host);
      if (this.disposed) {
        world.close();
        return;
      }
      this.world = world;
      // Plan actions due at time zero go in before anything runs.
      await this.applyPlanUntil(world, 0);
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

  /** Process one event (or due action, or plan action) and publish. */
  stepEvent(): Promise<boolean> {
    return this.enqueue(async (world) => {
      const planned = this.plan[this.planCursor];
      const nextUs = world.base.nextEventTimeUs();
      let stepped: boolean;
      if (planned !== undefined && (nextUs === null || nextUs > planned.atUs)) {
        await this.applyPlanUntil(world, planned.atUs);
        stepped = true;
      } else stepped = await world.stepEvent();
      this.publish();
      return stepped;
    }, false);
  }

  /** Apply an operator action at the current virtual time and publish. */
  act(action: Action): Promise<void> {
    return this.enqueue(async (world) => {
      await world.act(action);
      // Acting cuts whatever of the log lay ahead (a fork); what was applied is now the whole log.
      this.knownLog = world.base.actions();
      this.publish();
    }, undefined);
  }

  /** Apply several actions at one instant, in order (both directions of a link). */
  actAll(actions: readonly Action[]): Promise<void> {
    return this.enqueue(async (world) => {
      for (const action of actions) await world.act(action);
      this.knownLog = world.base.actions();
      this.publish();
    }, undefined);
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

  /**
   * Go to virtual time `tUs` (the caller pauses first). In-process: the
   * world's own time travel. On workers: a new world, the whole known log,
   * run to `tUs`.
   */
  seek(tUs: number): Promise<boolean> {
    return this.enqueue(async (world) => {
      const applied = world.base.actions();
      const log = applied.length >= this.knownLog.length ? applied : this.knownLog;
      this.knownLog = log;
      if (world.seek !== null) {
        await world.seek(tUs);
      } else {
        const rebuilt = await openLabWorld(this.config, world.host, viewLogTail, log);
        if (this.disposed) {
          rebuilt.close();
          return false;
        }
        try {
          await rebuilt.runUntil(tUs);
        } catch (error) {
          rebuilt.close();
          throw error;
        }
        world.close();
        this.world = rebuilt;
      }
      // Plan actions already in the log replay with it; only those after the known log are still to apply.
      const lastLoggedUs = log.length > 0 ? log[log.length - 1].atUs : -1;
      while (this.planCursor < this.plan.length && this.plan[this.planCursor].atUs <= lastLoggedUs) this.planCursor++;
      this.rewind();
      this.publish();
      return true;
    }, false);
  }

  private rewind(): void {
    const world = this.world;
    if (world === null) return;
    const count = world.base.traceCount();
    this.traceCursor = Math.max(0, count - recordsAfterSeek);
    this.timers = new ElectionTimerTracker(this.config.nodeCount);
    this.history.reset();
    this.spansCache = { actions: -1, spans: [] };
    this.installs = new Array<number>(this.config.nodeCount).fill(0);
    this.marksCursor = 0;
    this.sink.rewound();
  }

  private enqueue<T>(task: (world: LabWorld) => Promise<T>, fallback: T): Promise<T> {
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

  /** Run to `tUs`, applying every plan action due on the way at its own time. */
  private async applyPlanUntil(world: LabWorld, tUs: number): Promise<void> {
    for (;;) {
      const next = this.plan[this.planCursor];
      if (next === undefined || next.atUs > tUs) break;
      if (next.atUs > world.base.nowUs()) await world.runUntil(next.atUs);
      this.planCursor++;
      await world.act(next.action);
      this.knownLog = world.base.actions();
    }
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
      const target = world.base.nowUs() + advanceUs;
      await this.applyPlanUntil(world, target);
      await world.runUntil(target);
      this.publish(true);
    }, undefined);
  };

  /** `playing`: a playback frame, after which the history view may wait for the next one. */
  private publish(playing = false): void {
    const world = this.world;
    if (world === null || this.disposed) return;
    const base = world.base;
    const nodeCount = this.config.nodeCount;
    const count = base.traceCount();
    const from = Math.max(this.traceCursor, count - maxRecordsPerPublish);
    const records = from < count ? base.trace(from, count - from) : [];
    this.traceCursor = count;
    this.timers.observe(records);
    const lines = traceLines(records, (id) => this.descriptions.get(id), nodeCount);

    const inFlight = base.inFlight();
    for (const m of inFlight) this.descriptions.set(m.id, m.description);
    if (this.descriptions.size > maxDescriptions) {
      let extra = this.descriptions.size - maxDescriptions;
      for (const id of this.descriptions.keys()) {
        if (extra-- <= 0) break;
        this.descriptions.delete(id);
      }
    }

    const marks = base.marks();
    if (marks.length < this.marksCursor) {
      this.installs = new Array<number>(nodeCount).fill(0);
      this.marksCursor = 0;
    }
    for (; this.marksCursor < marks.length; this.marksCursor++) {
      const m = marks[this.marksCursor];
      if (m.kind === 'note' && m.label === 'install-snapshot' && m.node >= 0 && m.node < nodeCount) this.installs[m.node]++;
    }

    const views = world.views();
    const nodes = views.map((view, id) => (view === null ? projectCrashed(this.lastNodes[id], id) : projectNode(view, id)));
    this.lastNodes = nodes;
    this.sink.publish({
      frame: { nowUs: base.nowUs(), messages: projectMessages(inFlight, nodeCount) },
      nodes,
      links: projectLinks(nodeCount, (a, b) => base.linkUp(a, b)),
      network: projectNetwork(base.network(), nodeCount),
      timers: this.timers.timers(views),
      leader: base.leader(),
      stats: projectStats(base.stats(), base.committedCount(), Object.keys(base.leadersByTerm()).length),
      newLines: lines,
      traceHash: base.traceHash(),
      history: this.historyFor(world, playing),
      snapshotsInstalled: this.installs.slice(),
    });
  }

  /** The history view's snapshot, or undefined to keep the one shown (a playback frame soon after the last). */
  private historyFor(world: LabWorld, playing: boolean): HistoryVM | null | undefined {
    const nowMs = performance.now();
    if (playing && nowMs - this.lastHistoryMs < historyFrameMs) return undefined;
    this.lastHistoryMs = nowMs;
    return this.projectHistory(world);
  }

  private projectHistory(world: LabWorld): HistoryVM | null {
    if (this.config.clients === 0) return null;
    const view = this.sink.historyWindow();
    if (view === null) return null;
    const base = world.base;
    this.history.refresh(base, performance.now());
    const nowUs = base.nowUs();
    const { fromUs, toUs } = historyWindowAt(view, nowUs);
    const { ops, truncated } = this.history.inWindow(fromUs, toUs);
    const actions = base.actions();
    if (this.spansCache.actions !== actions.length) {
      this.spansCache = { actions: actions.length, spans: faultSpans(actions, this.config.nodeCount, !isReliable(this.config.network) && (this.config.network.lossRatio > 0 || this.config.network.duplicateRatio > 0)) };
    }
    return {
      clientCount: this.config.clients,
      nowUs,
      fromUs,
      toUs,
      ops,
      faults: spansIn(this.spansCache.spans, fromUs, toUs).map((s) => ({ ...s })),
      totalOps: this.history.total,
      completedOps: this.history.completedCount,
      truncated,
    };
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
