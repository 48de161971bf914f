/**
 * The compare page's store: projections of the three runs for display, the
 * Table 1 results, and the page's own state. Updated with immer; never holds
 * an engine object. Selectors live here, at module level.
 */
import { create } from 'zustand';
import { immer } from 'zustand/middleware/immer';
import type { Table1Cell } from '../../../scenarios/table1';
import type { CompareScenarioId } from '../params/compareParams';
import type { ClusterFrameVM, ClusterVM } from '../sim/compareModel';
import type { FaultWindow } from '../sim/faultWindow';

export interface CompareNotice {
  id: string;
  text: string;
}

export type Table1Status = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export interface Table1CellError {
  scenario: string;
  protocol: string;
  message: string;
}

export interface Table1State {
  status: Table1Status;
  /** Seeds 1..seedCount, as chosen for the next run. */
  seedCount: number;
  /** Seeds of the run shown. */
  seedsRun: number;
  done: number;
  total: number;
  cells: Table1Cell[];
  errors: Table1CellError[];
  elapsedMs: number | null;
  /** Why the worker failed, when it did. */
  failure: string | null;
}

export interface CompareState {
  scenarioId: CompareScenarioId;
  seed: number;
  notices: CompareNotice[];
  playing: boolean;
  /** Virtual seconds per real second. */
  speed: number;
  nowUs: number;
  window: FaultWindow;
  clusters: ClusterVM[];
  frames: ClusterFrameVM[];
  /** The latest thing worth saying aloud (polite live region). */
  announcement: string;
  table1: Table1State;
}

/** Speeds offered: at 0.1× a message glides for 50–150 ms of real time (links take 5–15 ms). */
export const speedChoices = [0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20] as const;
export const defaultSpeed = 0.1;
export const defaultTable1Seeds = 5;
export const maxTable1Seeds = 50;

export const idleTable1: Table1State = { status: 'idle', seedCount: defaultTable1Seeds, seedsRun: 0, done: 0, total: 0, cells: [], errors: [], elapsedMs: null, failure: null };

const emptyWindow: FaultWindow = { startUs: 0, finalCutUs: 0, endUs: 0, durationUs: 1, stepTimesUs: [] };

export const useCompareStore = create<CompareState>()(
  immer(() => ({
    scenarioId: 'quorum-loss' as CompareScenarioId,
    seed: 1,
    notices: [] as CompareNotice[],
    playing: false,
    speed: defaultSpeed,
    nowUs: 0,
    window: emptyWindow,
    clusters: [] as ClusterVM[],
    frames: [] as ClusterFrameVM[],
    announcement: '',
    table1: idleTable1,
  })),
);

export const selectCluster = (index: number) => (s: CompareState) => s.clusters[index] as ClusterVM | undefined;
export const selectFrame = (index: number) => (s: CompareState) => s.frames[index] as ClusterFrameVM | undefined;
