/**
 * The page's store: projections of the running world for display, and the
 * page's own state (what is selected, which notices are open). Updated with
 * immer; never holds an engine object. A publish keeps the old object for
 * anything that did not change, so components that select it do not re-render.
 */
import { create } from 'zustand';
import { immer } from 'zustand/middleware/immer';
import { sameLink, sameNode, sameStats, sameTimer } from '../engine/project';
import { traceCategories, type TraceCategory } from '../model/traceText';
import type { CompareVM, FrameVM, LabConfig, LinkVM, NodeVM, Notice, StatsVM, TimerVM, TraceLineVM } from '../model/types';
import { defaultHost, defaultNodeCount, defaultProtocol, defaultSeed, defaultSnapshotEveryEntries, defaultSpeed } from '../params/labParams';

/** How many lines the message log keeps. */
export const keptLines = 250;

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
}

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
  compare: CompareVM;

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
}

const emptyStats: StatsVM = { events: 0, sent: 0, delivered: 0, dropped: 0, committed: 0, proposals: 0, proposalsRefused: 0, elections: 0 };

const initialConfig: LabConfig = {
  seed: defaultSeed,
  nodeCount: defaultNodeCount,
  host: defaultHost,
  protocol: defaultProtocol,
  snapshotEveryEntries: defaultSnapshotEveryEntries,
  speed: defaultSpeed,
};

/** Replace the items of `target` that changed, keeping the unchanged ones (and their identity). */
function mergeList<T>(target: T[], next: readonly T[], same: (a: T, b: T) => boolean): void {
  if (target.length > next.length) target.length = next.length;
  for (let i = 0; i < next.length; i++) {
    if (i >= target.length || !same(target[i], next[i])) target[i] = next[i];
  }
}

export const useLabStore = create<LabState>()(
  immer((set) => ({
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
    compare: { status: 'idle', seed: defaultSeed, untilUs: 0, results: [], error: null },

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
        if (s.selectedNode >= config.nodeCount) s.selectedNode = 0;
      }),

    publish: (snap) =>
      set((s) => {
        s.frame = snap.frame;
        mergeList(s.nodes, snap.nodes, sameNode);
        mergeList(s.links, snap.links, sameLink);
        mergeList(s.timers, snap.timers, sameTimer);
        s.leader = snap.leader;
        if (!sameStats(s.stats, snap.stats)) s.stats = snap.stats;
        if (snap.newLines.length > 0) {
          const lines = s.lines.concat(snap.newLines);
          s.lines = lines.length > keptLines ? lines.slice(lines.length - keptLines) : lines;
        }
        s.traceHash = snap.traceHash;
      }),

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
  })),
);
