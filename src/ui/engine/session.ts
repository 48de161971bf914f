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
 * worker host cannot, so the first seek moves the run into this thread (a
 * world from the same config and log gives the same trace by design).
 *
 * Branches: acting before the furthest moment a branch has reached starts a
 * new branch; each keeps its own action log, and switching rebuilds a world
 * from it. A scenario's timeline steps are applied like plan actions, at
 * their times, on whichever branch is current.
 */
import { applyStep, narrate, ScenarioRuntimeError, type Action, type InFlightMessage, type LoggedAction, type NarratedStep, type Scenario, type TraceRecord, type WorldConfig } from '../../engine/index';
import { traceLines } from '../model/traceText';
import type { BranchVM, FaultSpanVM, HistoryVM, HistoryWindowVM, LaneSpanVM, LabConfig, NarrationVM, NodeVM, SpaceTimeVM, TimelineVM } from '../model/types';
import type { WorldSnapshot } from '../store/labStore';
import { isReliable } from '../model/linkSettings';
import { faultSpans, spansIn } from '../view/faultSpans';
import { ElectionTimerTracker } from './electionTimers';
import { frameAdvanceUs } from './frameClock';
import { HistoryProjector, historyWindowAt, type OperationRecord } from './historyProjection';
import { openWorld, viewLogTail, worldConfigOf, type LabWorld } from './labWorld';
import { recoverBindings, stepAtUs, type RunSource } from './runSource';
import { laneSpans, SpaceTimeProjector, spaceTimeVM } from './spaceTimeProjection';
import { TimelineProjector } from './timelineProjection';
import { projectCrashed, projectLinks, projectMessages, projectNetwork, projectNode, projectStats } from './project';
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

/** One branch of the run: its action log and how far it has run. */
interface Branch {
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
  /** Scripted actions still to apply, in time order (a bug's plan). */
  private readonly plan: LoggedAction[];
  private spansCache: { actions: number; spans: FaultSpanVM[] } = { actions: -1, spans: [] };
  /** Snapshots each node installed from its leader, counted from the marks (kept for the whole run). */
  private installs: number[];
  private marksCursor = 0;
  private lastHistoryMs = -Infinity;
  private readonly spaceTime = new SpaceTimeProjector();
  private spanCache: { marks: number; nowUs: number; endpoints: number; spans: LaneSpanVM[] } = { marks: -1, nowUs: -1, endpoints: 0, spans: [] };
  private lastSpaceTimeMs = -Infinity;
  /** The world config run, as given or as the lab config describes it. */
  readonly worldConfig: WorldConfig;
  readonly scenario: Scenario | null;
  private readonly startAtUs: number | null;
  private branches: Branch[];
  private branch: Branch;
  private branchCounter = 1;
  private branchesChanged = true;
  private readonly timeline = new TimelineProjector();
  /** The narration as read at the branch's frontier (it covers the future of a seek back). */
  private narration: NarratedStep[] = [];
  private narrationChanged = true;

  constructor(
    readonly config: LabConfig,
    private readonly sink: SessionSink,
    plan: readonly LoggedAction[] = [],
    source: RunSource | null = null,
  ) {
    this.speed = config.speed;
    this.timers = new ElectionTimerTracker(config.nodeCount);
    this.installs = new Array<number>(config.nodeCount).fill(0);
    this.plan = plan.map((a) => ({ atUs: a.atUs, action: a.action }));
    this.worldConfig = source?.worldConfig ?? worldConfigOf(config);
    this.scenario = source?.scenario ?? null;
    this.startAtUs = source?.atUs ?? null;
    const log = (source?.log ?? []).map((a) => ({ atUs: a.atUs, action: a.action }));
    this.branch = { id: 1, name: 'Main', forkUs: 0, log, horizonUs: 0, stepCursor: 0, stepTimesUs: [], bindings: {}, planCursor: 0 };
    this.branches = [this.branch];
    if (this.scenario !== null && log.length > 0) {
      // A saved run holds the steps it had reached: those replay from its log, the rest apply live.
      const reachedUs = Math.max(source?.atUs ?? 0, log[log.length - 1].atUs);
      const done = this.scenario.timeline.filter((s) => stepAtUs(s) <= reachedUs).length;
      this.branch.stepCursor = done;
      this.branch.stepTimesUs = this.scenario.timeline.slice(0, done).map(stepAtUs);
      this.branch.bindings = recoverBindings(this.worldConfig, log, this.scenario.timeline, done);
    }
  }

  /** Open the world, publish its first state and start the loop. */
  async start(): Promise<void> {
    try {
      // Scenario steps act on the world itself (they resolve `leader` at their moment), so they run in this thread.
      const host = this.scenario !== null ? 'inprocess' : this.config.host;
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
      const dueUs = this.nextScriptedUs();
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
    const parent = this.branch;
    const stepsDone = this.scenario === null ? 0 : this.scenario.timeline.filter((s) => stepAtUs(s) <= nowUs).length;
    const plansDone = this.plan.filter((a) => a.atUs <= nowUs).length;
    const stepCursor = Math.min(parent.stepCursor, stepsDone);
    const child: Branch = {
      id: ++this.branchCounter,
      name: `Branch ${this.branchCounter}`,
      forkUs: nowUs,
      log: [],
      horizonUs: nowUs,
      stepCursor,
      stepTimesUs: parent.stepTimesUs.slice(0, stepCursor),
      bindings: { ...parent.bindings },
      planCursor: Math.min(parent.planCursor, plansDone),
    };
    this.branches.push(child);
    this.branch = child;
    this.branchesChanged = true;
    this.narrationChanged = true;
  }

  /** Switch to another branch: a world from its log, at the same moment (or its horizon, if it ends sooner). */
  switchBranch(id: number): Promise<boolean> {
    return this.enqueue(async (world) => {
      const target = this.branches.find((b) => b.id === id);
      if (target === undefined || target === this.branch) return false;
      const atUs = Math.min(world.base.nowUs(), target.horizonUs);
      const rebuilt = await openWorld(this.worldConfig, 'inprocess', viewLogTail, target.log);
      // Run to the horizon first, so that the timeline and the narration cover the whole branch.
      await rebuilt.runUntil(target.horizonUs);
      world.close();
      this.world = rebuilt;
      this.branch = target;
      this.branchesChanged = true;
      this.timeline.reset(rebuilt.base);
      this.readNarration(rebuilt);
      if (rebuilt.seek !== null) await rebuilt.seek(atUs);
      this.rewind();
      this.publish();
      return true;
    }, false);
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
        const moved = await openWorld(this.worldConfig, 'inprocess', viewLogTail, log);
        await moved.runUntil(Math.min(tUs, current.base.nowUs()));
        current.close();
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
    return this.enqueue(async (world) => {
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
    }, 0).then((previousUs) => this.seek(previousUs));
  }

  /**
   * Run on until narration step `number` has happened (at most to the
   * scenario's end), then seek to its moment. Returns whether it happened.
   */
  goToNarrationStep(number: number): Promise<boolean> {
    return this.enqueue(async (world) => {
      const scenario = this.scenario;
      if (scenario === null) return false;
      let step = this.narration[number - 1];
      if (step?.atUs === null || step === undefined) {
        const endUs = Math.max(Math.round(scenario.durationMs * 1000), this.branch.horizonUs);
        if (world.base.nowUs() < this.branch.horizonUs && world.seek !== null) await world.seek(this.branch.horizonUs);
        await this.advanceTo(world, endUs);
        step = this.narration[number - 1];
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
    this.spaceTime.reset();
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

  /** The time of the next plan action or scenario step not yet applied on this branch, or null. */
  private nextScriptedUs(): number | null {
    const planned = this.plan[this.branch.planCursor];
    const step = this.scenario?.timeline[this.branch.stepCursor];
    const times = [planned?.atUs, step === undefined ? undefined : stepAtUs(step)].filter((t): t is number => t !== undefined);
    return times.length === 0 ? null : Math.min(...times);
  }

  /**
   * Run to `tUs`, applying every plan action and scenario step due on the way
   * at its own time, so that they enter the action log and replay like clicks.
   */
  private async advanceTo(world: LabWorld, tUs: number): Promise<void> {
    for (;;) {
      const dueUs = this.nextScriptedUs();
      if (dueUs === null || dueUs > tUs) break;
      if (dueUs > world.base.nowUs()) await world.runUntil(dueUs);
      const planned = this.plan[this.branch.planCursor];
      if (planned !== undefined && planned.atUs === dueUs) {
        this.branch.planCursor++;
        await world.act(planned.action);
      } else {
        this.applyScenarioStep(world);
      }
      this.branch.log = world.base.actions();
    }
    await world.runUntil(tUs);
    this.noteProgress(world);
  }

  private applyScenarioStep(world: LabWorld): void {
    const scenario = this.scenario;
    const branch = this.branch;
    if (scenario === null) return;
    const index = branch.stepCursor++;
    const step = scenario.timeline[index];
    branch.stepTimesUs[index] = world.base.nowUs();
    if (world.world === null) throw new Error('scenario steps need the in-process world');
    try {
      applyStep(world.world, step, branch.bindings);
    } catch (error) {
      if (!(error instanceof ScenarioRuntimeError)) throw error;
      this.sink.note(`Scenario step ${index + 1} (${step.do} at ${step.at} ms) was skipped: ${error.message}.`);
    }
  }

  /** After the world moved forward: extend the horizon, the timeline and the narration. */
  private noteProgress(world: LabWorld): void {
    const nowUs = world.base.nowUs();
    if (nowUs >= this.branch.horizonUs) {
      this.branch.horizonUs = nowUs;
      const applied = world.base.actions();
      if (applied.length >= this.branch.log.length) this.branch.log = applied;
      this.branchesChanged = true;
    }
    this.timeline.observe(world.base);
    if (nowUs >= this.branch.horizonUs) this.readNarration(world);
  }

  private readNarration(world: LabWorld): void {
    const scenario = this.scenario;
    if (scenario === null) return;
    const next = narrate(world.base, scenario.narration, this.branch.stepTimesUs, this.branch.bindings);
    const same = next.length === this.narration.length && next.every((s, i) => s.atUs === this.narration[i].atUs && s.text === this.narration[i].text);
    if (same) return;
    this.narration = next;
    this.narrationChanged = true;
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

  private branchVMs(): BranchVM[] {
    return this.branches.map((b) => ({ id: b.id, name: b.name, forkUs: b.forkUs, actionCount: b.log.length, current: b === this.branch }));
  }

  private narrationVM(): NarrationVM | null {
    const scenario = this.scenario;
    if (scenario === null) return null;
    return {
      scenarioId: scenario.id,
      title: scenario.title,
      summary: scenario.summary,
      durationUs: Math.round(scenario.durationMs * 1000),
      steps: this.narration.map((s) => ({ number: s.number, atUs: s.atUs, text: s.text })),
    };
  }

  /** `playing`: a playback frame, after which the history view may wait for the next one. */
  private publish(playing = false): void {
    const world = this.world;
    if (world === null || this.disposed) return;
    const base = world.base;
    const nodeCount = this.config.nodeCount;
    const count = base.traceCount();
    const from = Math.max(this.traceCursor, count - maxRecordsPerPublish);
    const records = from < count ? base.trace(from, count - from) : [];
    // Records were skipped (a very long frame): the space-time pairing no longer follows on.
    if (from > this.traceCursor) this.spaceTime.stale = true;
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
    const timeline: TimelineVM | undefined = this.timeline.take(this.branch.log);
    const branches = this.branchesChanged ? this.branchVMs() : undefined;
    this.branchesChanged = false;
    const narration = this.narrationChanged ? this.narrationVM() : undefined;
    this.narrationChanged = false;
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
      spaceTime: this.spaceTimeFor(world, records, inFlight, playing),
      snapshotsInstalled: this.installs.slice(),
      timeline,
      branches,
      narration,
      liveHost: world.host,
    });
  }

  /**
   * The space-time diagram's window, or null when it is not shown (the
   * projector then forgets, and reads the trace's ring again when it opens),
   * or undefined to keep the one shown (a playback frame soon after the last).
   */
  private spaceTimeFor(world: LabWorld, records: readonly TraceRecord[], inFlight: readonly InFlightMessage[], playing: boolean): SpaceTimeVM | null | undefined {
    const view = this.sink.spaceTimeView();
    if (view === null) {
      if (!this.spaceTime.stale) this.spaceTime.reset();
      return null;
    }
    const base = world.base;
    if (this.spaceTime.stale) this.spaceTime.rebuild(base);
    else this.spaceTime.observe(records);
    const nowMs = performance.now();
    if (playing && nowMs - this.lastSpaceTimeMs < historyFrameMs) return undefined;
    this.lastSpaceTimeMs = nowMs;
    const nowUs = base.nowUs();
    const clientLanes = view.clients ? this.config.clients : 0;
    const endpoints = this.config.nodeCount + clientLanes;
    const marks = base.marks();
    const cache = this.spanCache;
    if (cache.marks !== marks.length || cache.nowUs !== nowUs || cache.endpoints !== endpoints) {
      this.spanCache = { marks: marks.length, nowUs, endpoints, spans: laneSpans(marks, endpoints, nowUs) };
    }
    const window = historyWindowAt(view.window, nowUs);
    return spaceTimeVM(this.spaceTime, this.spanCache.spans, window, nowUs, inFlight, this.config.nodeCount, clientLanes, (id) => this.descriptions.get(id));
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
