/**
 * The session drives one world for the page. It owns the world (on Web
 * Workers or in this thread), runs the animation loop, and publishes a view
 * model to the store after every run, step and action.
 *
 * Each animation frame moves virtual time by the real time since the last
 * frame times the speed. A run is awaited before the next one starts; frames
 * that arrive while a run is under way are skipped. Steps and actions go
 * through the same queue, so nothing ever lands in the middle of a run.
 */
import type { Action } from '../../engine/index';
import { traceLines } from '../model/traceText';
import type { LabConfig, NodeVM } from '../model/types';
import type { WorldSnapshot } from '../store/labStore';
import { ElectionTimerTracker } from './electionTimers';
import { frameAdvanceUs } from './frameClock';
import { openLabWorld, type LabWorld } from './labWorld';
import { projectCrashed, projectLinks, projectMessages, projectNode, projectStats } from './project';
import { SerialQueue } from './serialQueue';

/** Where a session reports; the store implements it. */
export interface SessionSink {
  publish(snapshot: WorldSnapshot): void;
  started(): void;
  failed(message: string, replay: string | null): void;
}

/** Most trace records read per publish; older ones of a very long frame are skipped. */
const maxRecordsPerPublish = 4000;
/** How many message descriptions are remembered for the log. */
const maxDescriptions = 5000;

export class LabSession {
  private world: LabWorld | null = null;
  private readonly queue = new SerialQueue();
  private disposed = false;
  private playing = true;
  private speed: number;
  private frameRequest = 0;
  private lastFrameMs: number | null = null;
  private traceCursor = 0;
  private readonly timers: ElectionTimerTracker;
  private readonly descriptions = new Map<number, string>();
  private lastNodes: NodeVM[] = [];

  constructor(
    readonly config: LabConfig,
    private readonly sink: SessionSink,
  ) {
    this.speed = config.speed;
    this.timers = new ElectionTimerTracker(config.nodeCount);
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

  /** Process one event (or due action) and publish. */
  stepEvent(): Promise<boolean> {
    return this.enqueue(async (world) => {
      const stepped = await world.stepEvent();
      this.publish();
      return stepped;
    }, false);
  }

  /** Apply an operator action at the current virtual time and publish. */
  act(action: Action): Promise<void> {
    return this.enqueue(async (world) => {
      await world.act(action);
      this.publish();
    }, undefined);
  }

  /** Read the world after the queue has drained (e.g. the outcome of a proposal). */
  read<T>(reader: (world: LabWorld) => T): Promise<T | null> {
    return this.enqueue(async (world) => reader(world), null);
  }

  private enqueue<T>(task: (world: LabWorld) => Promise<T>, fallback: T): Promise<T> {
    return this.queue.run(async () => {
      const world = this.world;
      if (world === null || this.disposed) return fallback;
      try {
        return await task(world);
      } catch (error) {
        this.fail(world, error);
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
    this.sink.failed(`The run stopped at t = ${(world.base.nowUs() / 1000).toFixed(3)} ms: ${messageOf(error)}`, replay);
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
      await world.runUntil(world.base.nowUs() + advanceUs);
      this.publish();
    }, undefined);
  };

  private publish(): void {
    const world = this.world;
    if (world === null || this.disposed) return;
    const base = world.base;
    const count = base.traceCount();
    const from = Math.max(this.traceCursor, count - maxRecordsPerPublish);
    const records = base.trace(from, count - from);
    this.traceCursor = count;
    this.timers.observe(records);
    const lines = traceLines(records, (id) => this.descriptions.get(id));

    const inFlight = base.inFlight();
    for (const m of inFlight) this.descriptions.set(m.id, m.description);
    if (this.descriptions.size > maxDescriptions) {
      let extra = this.descriptions.size - maxDescriptions;
      for (const id of this.descriptions.keys()) {
        if (extra-- <= 0) break;
        this.descriptions.delete(id);
      }
    }

    const views = world.views();
    const nodes = views.map((view, id) => (view === null ? projectCrashed(this.lastNodes[id], id) : projectNode(view, id)));
    this.lastNodes = nodes;
    const nodeCount = this.config.nodeCount;
    this.sink.publish({
      frame: { nowUs: base.nowUs(), messages: projectMessages(inFlight) },
      nodes,
      links: projectLinks(nodeCount, (a, b) => base.linkUp(a, b)),
      timers: this.timers.timers(views),
      leader: base.leader(),
      stats: projectStats(base.stats(), base.committedCount(), Object.keys(base.leadersByTerm()).length),
      newLines: lines,
      traceHash: base.traceHash(),
    });
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
