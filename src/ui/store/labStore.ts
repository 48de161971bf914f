/**
 * The page's store: projections of the running world for display, and the
 * page's own state (what is selected, which notices are open). Updated with
 * immer; never holds an engine object. A publish keeps the old object for
 * anything that did not change, so components that select it do not re-render.
 */
import { create } from 'zustand';
import { immer } from 'zustand/middleware/immer';
import { sameLink, sameNetLink, sameNode, sameStats, sameTimer } from '../engine/project';
import { traceCategories, type TraceCategory } from '../model/traceText';
import type { BranchVM, CheckVM, CompareVM, FrameVM, HostKind, NarrationVM, ShardsVM, SpaceTimeVM, TimelineVM, HistoryVM, HistoryWindowVM, LabConfig, LinkVM, NetLinkVM, NodeVM, Notice, StatsVM, TimerVM, TraceLineVM } from '../model/types';
import { defaultLabConfig, defaultSeed } from '../params/labParams';

/**
 * How many lines the message log keeps of each category: per category, so
 * that a flood of one kind (client traffic, drops on a lossy network) does
 * not push the rare ones (faults, elections) out before anyone reads them.
 */
export const keptLinesPerCategory = 200;

/** The newest `keptLinesPerCategory` lines of each category, in order. */
export function trimLines(lines: readonly TraceLineVM[]): TraceLineVM[] {
  const counts = new Map<string, number>();
  const keep: boolean[] = new Array<boolean>(lines.length);
  let dropped = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    const count = (counts.get(lines[i].kind) ?? 0) + 1;
    counts.set(lines[i].kind, count);
    keep[i] = count <= keptLinesPerCategory;
    if (!keep[i]) dropped++;
  }
  return dropped === 0 ? (lines as TraceLineVM[]) : lines.filter((_, i) => keep[i]);
}

export type RunStatus = 'starting' | 'running' | 'failed';

/** What the session publishes after each run, step or action. */
export interface WorldSnapshot {
  frame: FrameVM;
  nodes: NodeVM[];
  links: LinkVM[];
  timers: TimerVM[];
  leader: number | null;
  stats: StatsVM;
  /** Lines for records traced since the last snapshot. */
  newLines: TraceLineVM[];
  traceHash: string;
  /** Settings of every replica-to-replica link. */
  network: NetLinkVM[];
  /** The history view's window, when it is shown and the run has clients (undefined: unchanged). */
  history: HistoryVM | null | undefined;
  /** Per node: snapshots installed from a leader (InstallSnapshot) so far. */
  snapshotsInstalled: number[];
  /** The timeline (undefined: unchanged). */
  timeline?: TimelineVM;
  /** The branches (undefined: unchanged). */
  branches?: BranchVM[];
  /** The scenario's narration (undefined: unchanged). */
  narration?: NarrationVM | null;
  /** The host the world runs on now (time travel moves a worker run into this thread). */
  liveHost?: HostKind;
  /** The space-time diagram's window, when it is shown (undefined: unchanged). */
  spaceTime?: SpaceTimeVM | null;
  /** A sharded world's groups, shards and configurations; null for one group (undefined: unchanged). */
  shards?: ShardsVM | null;
}

/** A dialog listing every problem of something the user opened (a scenario file, a run file, a link). */
export interface ProblemDialogVM {
  title: string;
  problems: string[];
}

export type StageTab = 'logs' | 'history' | 'spacetime' | 'bench';

/** A scripted fault of the bug's scenario, worded. */
export interface ScriptItemVM {
  atUs: number;
  text: string;
}

export const defaultHistoryWindow: HistoryWindowVM = { mode: 'follow', widthUs: 2_000_000, centerUs: 0 };
/** Messages take milliseconds: the space-time diagram looks at a fifth of a second. */
export const defaultSpaceTimeWindow: HistoryWindowVM = { mode: 'follow', widthUs: 200_000, centerUs: 0 };

export const idleCheck: CheckVM = {
  status: 'idle',
  uptoUs: 0,
  operations: 0,
  verdict: null,
  elapsedMs: null,
  failingKey: null,
  stuck: [],
  orders: [],
  error: null,
};

export interface LabState {
  config: LabConfig;
  status: RunStatus;
  /** Why the run stopped, and how to replay it, when status is 'failed'. */
  failure: { message: string; replay: string | null } | null;
  playing: boolean;
  frame: FrameVM;
  nodes: NodeVM[];
  links: LinkVM[];
  timers: TimerVM[];
  leader: number | null;
  stats: StatsVM;
  lines: TraceLineVM[];
  traceHash: string;
  selectedNode: number;
  notices: Notice[];
  logFilter: Record<TraceCategory, boolean>;
  /** The outcome of the last client command, in words. */
  proposalNote: string | null;
  /** What became of the last "Make leader", in words. */
  transferNote: string | null;
  compare: CompareVM;
  network: NetLinkVM[];
  /** The link the network dials act on (a < b), or null for every link. */
  netScope: { a: number; b: number } | null;
  stageTab: StageTab;
  history: HistoryVM | null;
  snapshotsInstalled: number[];
  historyWindow: HistoryWindowVM;
  spaceTime: SpaceTimeVM | null;
  spaceTimeWindow: HistoryWindowVM;
  /** Draw the clerks' lanes (and their traffic) too. */
  spaceTimeClients: boolean;
  check: CheckVM;
  /** The scripted faults of the bug's scenario, and why they were left out if they were. */
  script: ScriptItemVM[];
  scriptSkipped: string | null;
  /** A seek is being carried out (the worker host rebuilds the world). */
  seeking: boolean;
  timeline: TimelineVM | null;
  branches: BranchVM[];
  narration: NarrationVM | null;
  liveHost: HostKind | null;
  problemDialog: ProblemDialogVM | null;
  /** The last permalink made by "Copy link", shown so it can be copied by hand. */
  permalink: string | null;
  classroom: boolean;
  shortcutsOpen: boolean;
  /** A sharded run: its groups, shards and configurations (null: one replicated group). */
  shards: ShardsVM | null;
  /** The group the cluster view shows (its gid; 0 is the controller), or null for every server. */
  clusterGroup: number | null;
  /** What the Shards view's Move control holds: a shard and the group to hand it to. */
  shardMove: { shard: number; gid: number };

  // --- state changes (the session and the named actions call these) ---
  beginRun(config: LabConfig): void;
  publish(snapshot: WorldSnapshot): void;
  runStarted(): void;
  runFailed(message: string, replay: string | null): void;
  setPlaying(playing: boolean): void;
  setSpeed(speed: number): void;
  selectNode(node: number): void;
  addNotice(notice: Notice): void;
  dismissNotice(id: string): void;
  toggleCategory(category: TraceCategory): void;
  setProposalNote(note: string | null): void;
  setCompare(update: (compare: CompareVM) => void): void;
  setTransferNote(note: string | null): void;
  setNetScope(scope: { a: number; b: number } | null): void;
  setStageTab(tab: StageTab): void;
  setHistoryWindow(window: HistoryWindowVM): void;
  setSpaceTimeWindow(window: HistoryWindowVM): void;
  setSpaceTimeClients(on: boolean): void;
  setCheck(update: (check: CheckVM) => void): void;
  resetCheck(): void;
  setScript(script: ScriptItemVM[], skipped: string | null): void;
  setSeeking(seeking: boolean): void;
  rewound(): void;
  setProblemDialog(dialog: ProblemDialogVM | null): void;
  setPermalink(link: string | null): void;
  setClassroom(on: boolean): void;
  setShortcutsOpen(open: boolean): void;
  setClusterGroup(gid: number | null): void;
  setShardMove(move: { shard: number; gid: number }): void;
}

const emptyStats: StatsVM = { opsCompleted: 0, events: 0, sent: 0, delivered: 0, dropped: 0, committed: 0, proposals: 0, proposalsRefused: 0, elections: 0 };

const initialConfig: LabConfig = defaultLabConfig();

/** Replace the items of `target` that changed, keeping the unchanged ones (and their identity). */
function mergeList<T>(target: T[], next: readonly T[], same: (a: T, b: T) => boolean): void {
  if (target.length > next.length) target.length = next.length;
  for (let i = 0; i < next.length; i++) {
    if (i >= target.length || !same(target[i], next[i])) target[i] = next[i];
  }
}

export const useLabStore = create<LabState>()(
  immer((set, get) => ({
    config: initialConfig,
    status: 'starting',
    failure: null,
    playing: true,
    frame: { nowUs: 0, messages: [] },
    nodes: [],
    links: [],
    timers: [],
    leader: null,
    stats: emptyStats,
    lines: [],
    traceHash: '',
    selectedNode: 0,
    notices: [],
    logFilter: Object.fromEntries(traceCategories.map((c) => [c, true])) as Record<TraceCategory, boolean>,
    proposalNote: null,
    transferNote: null,
    compare: { status: 'idle', seed: defaultSeed, untilUs: 0, results: [], error: null },
    network: [],
    netScope: null,
    stageTab: 'logs',
    history: null,
    snapshotsInstalled: [],
    historyWindow: defaultHistoryWindow,
    spaceTime: null,
    spaceTimeWindow: defaultSpaceTimeWindow,
    spaceTimeClients: false,
    check: idleCheck,
    script: [],
    scriptSkipped: null,
    seeking: false,
    timeline: null,
    branches: [],
    narration: null,
    liveHost: null,
    problemDialog: null,
    permalink: null,
    classroom: false,
    shortcutsOpen: false,
    shards: null,
    clusterGroup: null,
    shardMove: { shard: 0, gid: 1 },

    beginRun: (config) =>
      set((s) => {
        s.config = config;
        s.status = 'starting';
        s.failure = null;
        s.frame = { nowUs: 0, messages: [] };
        s.nodes = [];
        s.links = [];
        s.timers = [];
        s.leader = null;
        s.stats = emptyStats;
        s.lines = [];
        s.traceHash = '';
        s.proposalNote = null;
        s.transferNote = null;
        s.network = [];
        s.history = null;
        s.snapshotsInstalled = [];
        s.historyWindow = { ...s.historyWindow, mode: 'follow' };
        s.spaceTime = null;
        s.spaceTimeWindow = { ...s.spaceTimeWindow, mode: 'follow' };
        s.check = idleCheck;
        s.seeking = false;
        s.timeline = null;
        s.branches = [];
        s.narration = null;
        s.liveHost = null;
        s.permalink = null;
        if (s.selectedNode >= config.nodeCount) s.selectedNode = 0;
        if (s.netScope !== null && s.netScope.b >= config.nodeCount) s.netScope = null;
        if (config.clients === 0 && s.stageTab === 'history') s.stageTab = 'logs';
        s.shards = null;
        if (config.shards === null || (s.clusterGroup ?? 0) > config.shards.groups) s.clusterGroup = null;
        if (config.shards !== null && s.shardMove.gid > config.shards.groups) s.shardMove = { shard: s.shardMove.shard, gid: 1 };
      }),

    publish: (snap) => {
      // Trim outside the draft: the lines are plain, frozen objects, and a draft of a thousand of them per frame is waste.
      const lines = snap.newLines.length > 0 ? trimLines(get().lines.concat(snap.newLines)) : null;
      set((s) => {
        s.frame = snap.frame;
        mergeList(s.nodes, snap.nodes, sameNode);
        mergeList(s.links, snap.links, sameLink);
        mergeList(s.timers, snap.timers, sameTimer);
        s.leader = snap.leader;
        if (!sameStats(s.stats, snap.stats)) s.stats = snap.stats;
        if (lines !== null) s.lines = lines;
        s.traceHash = snap.traceHash;
        mergeList(s.network, snap.network, sameNetLink);
        if (snap.history !== undefined && (snap.history !== null || s.history !== null)) s.history = snap.history;
        mergeList(s.snapshotsInstalled, snap.snapshotsInstalled, (a, b) => a === b);
        if (snap.timeline !== undefined) s.timeline = snap.timeline;
        if (snap.branches !== undefined) s.branches = snap.branches;
        if (snap.narration !== undefined) s.narration = snap.narration;
        if (snap.liveHost !== undefined && s.liveHost !== snap.liveHost) s.liveHost = snap.liveHost;
        if (snap.spaceTime !== undefined && (snap.spaceTime !== null || s.spaceTime !== null)) s.spaceTime = snap.spaceTime;
        if (snap.shards !== undefined) s.shards = snap.shards;
      });
    },

    runStarted: () =>
      set((s) => {
        s.status = 'running';
      }),

    runFailed: (message, replay) =>
      set((s) => {
        s.status = 'failed';
        s.playing = false;
        s.failure = { message, replay };
      }),

    setPlaying: (playing) =>
      set((s) => {
        s.playing = playing;
      }),

    setSpeed: (speed) =>
      set((s) => {
        s.config.speed = speed;
      }),

    selectNode: (node) =>
      set((s) => {
        s.selectedNode = node;
      }),

    addNotice: (notice) =>
      set((s) => {
        s.notices = s.notices.filter((n) => n.id !== notice.id);
        s.notices.push(notice);
      }),

    dismissNotice: (id) =>
      set((s) => {
        s.notices = s.notices.filter((n) => n.id !== id);
      }),

    toggleCategory: (category) =>
      set((s) => {
        s.logFilter[category] = !s.logFilter[category];
      }),

    setProposalNote: (note) =>
      set((s) => {
        s.proposalNote = note;
      }),

    setCompare: (update) => set((s) => void update(s.compare)),

    setTransferNote: (note) =>
      set((s) => {
        s.transferNote = note;
      }),

    setNetScope: (scope) =>
      set((s) => {
        s.netScope = scope;
      }),

    setStageTab: (tab) =>
      set((s) => {
        s.stageTab = tab;
      }),

    setHistoryWindow: (window) =>
      set((s) => {
        s.historyWindow = window;
      }),

    setSpaceTimeWindow: (window) =>
      set((s) => {
        s.spaceTimeWindow = window;
      }),

    setSpaceTimeClients: (on) =>
      set((s) => {
        s.spaceTimeClients = on;
      }),

    setCheck: (update) => set((s) => void update(s.check)),

    resetCheck: () =>
      set((s) => {
        s.check = idleCheck;
      }),

    setScript: (script, skipped) =>
      set((s) => {
        s.script = script;
        s.scriptSkipped = skipped;
      }),

    setSeeking: (seeking) =>
      set((s) => {
        s.seeking = seeking;
      }),

    rewound: () =>
      set((s) => {
        s.lines = [];
      }),

    setProblemDialog: (dialog) =>
      set((s) => {
        s.problemDialog = dialog;
      }),

    setPermalink: (link) =>
      set((s) => {
        s.permalink = link;
      }),

    setClassroom: (on) =>
      set((s) => {
        s.classroom = on;
      }),

    setShortcutsOpen: (open) =>
      set((s) => {
        s.shortcutsOpen = open;
      }),

    setClusterGroup: (gid) =>
      set((s) => {
        s.clusterGroup = gid;
      }),

    setShardMove: (move) =>
      set((s) => {
        s.shardMove = move;
      }),
  })),
);
