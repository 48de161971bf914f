/**
 * What a session publishes: the world read into a view-model snapshot. It
 * keeps what must follow on from one publish to the next (the trace cursor,
 * election timers, message descriptions, snapshot installs, the history and
 * space-time projectors) and forgets it when the world goes back in time.
 */
import type { InFlightMessage, TraceRecord } from '../../engine/index';
import { traceLines } from '../model/traceText';
import type { FaultSpanVM, HistoryVM, LaneSpanVM, LabConfig, NodeVM, ShardsVM, SpaceTimeVM } from '../model/types';
import type { WorldSnapshot } from '../store/labStore';
import { isReliable } from '../model/linkSettings';
import { faultSpans, spansIn } from '../view/faultSpans';
import { ElectionTimerTracker } from './electionTimers';
import { HistoryProjector, historyWindowAt } from './historyProjection';
import type { LabWorld } from './labWorld';
import { laneSpans, SpaceTimeProjector, spaceTimeVM } from './spaceTimeProjection';
import { projectCrashed, projectLinks, projectMessages, projectNetwork, projectNode, projectStats } from './project';
import { ConfigMarkReader, projectShards, sameShards } from './shardProjection';
import type { SessionSink } from './sessionLoop';

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

/** The parts of a snapshot the session itself keeps: the timeline, the branches and the narration. */
export type LineageParts = Pick<WorldSnapshot, 'timeline' | 'branches' | 'narration'>;

export class SessionProjector {
  private traceCursor = 0;
  private timers: ElectionTimerTracker;
  private readonly descriptions = new Map<number, string>();
  private lastNodes: NodeVM[] = [];
  private readonly history = new HistoryProjector();
  private spansCache: { actions: number; spans: FaultSpanVM[] } = { actions: -1, spans: [] };
  /** Snapshots each node installed from its leader, counted from the marks (kept for the whole run). */
  private installs: number[];
  private marksCursor = 0;
  private lastHistoryMs = -Infinity;
  private readonly spaceTime = new SpaceTimeProjector();
  private spanCache: { marks: number; nowUs: number; endpoints: number; spans: LaneSpanVM[] } = { marks: -1, nowUs: -1, endpoints: 0, spans: [] };
  private lastSpaceTimeMs = -Infinity;
  /** Sharded worlds: when each configuration was announced, and the Shards view last published. */
  private readonly configMarks = new ConfigMarkReader();
  private lastShards: ShardsVM | null = null;
  /** Per node: the global index of its group's first replica (views name nodes inside their group). */
  private groupBaseOf: number[] | null = null;

  constructor(
    private readonly config: LabConfig,
    private readonly sink: Pick<SessionSink, 'historyWindow' | 'spaceTimeView'>,
  ) {
    this.timers = new ElectionTimerTracker(config.nodeCount);
    this.installs = new Array<number>(config.nodeCount).fill(0);
  }

  /** The world went back in time: start over from its recent past. */
  rewind(world: LabWorld): void {
    const count = world.base.traceCount();
    this.traceCursor = Math.max(0, count - recordsAfterSeek);
    this.timers = new ElectionTimerTracker(this.config.nodeCount);
    this.history.reset();
    this.spansCache = { actions: -1, spans: [] };
    this.installs = new Array<number>(this.config.nodeCount).fill(0);
    this.marksCursor = 0;
    this.spaceTime.reset();
    this.configMarks.reset();
  }

  /**
   * The snapshot to publish. `playing`: a playback frame, after which the
   * history view may wait for the next one. `lineage` is asked for the
   * session's own parts once the world has been read.
   */
  snapshot(world: LabWorld, playing: boolean, lineage: () => LineageParts): WorldSnapshot {
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
    const bases = this.groupBases(world);
    const nodes = views.map((view, id) => (view === null ? projectCrashed(this.lastNodes[id], id) : projectNode(view, id, bases[id] ?? 0)));
    this.lastNodes = nodes;
    const { timeline, branches, narration } = lineage();
    return {
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
      shards: this.shardsFor(world, marks),
    };
  }

  private groupBases(world: LabWorld): number[] {
    if (this.groupBaseOf === null) {
      const bases: number[] = [];
      for (const g of world.base.config.groups) for (let i = 0; i < g.size; i++) bases.push(g.base);
      this.groupBaseOf = bases;
    }
    return this.groupBaseOf;
  }

  /**
   * The Shards view, or null for a one-group world, or undefined when it did
   * not change (most publishes: it moves with configurations, not messages).
   */
  private shardsFor(world: LabWorld, marks: ReturnType<LabWorld['base']['marks']>): ShardsVM | null | undefined {
    const view = world.world?.shardView() ?? null;
    if (view === null) {
      if (this.lastShards === null) return undefined;
      this.lastShards = null;
      return null;
    }
    this.configMarks.observe(marks);
    const next = projectShards(view, this.configMarks.marks);
    if (sameShards(this.lastShards, next)) return undefined;
    this.lastShards = next;
    return next;
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
