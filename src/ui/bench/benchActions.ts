/** The Benchmarks panel's intents: edit the knobs, choose, run, cancel, compare, and open a run in the lab. */
import type { SeriesResult } from '../../engine/bench/runner';
import { startRun, store as labStore } from '../actions/currentRun';
import { labConfigOfWorld } from '../engine/runSource';
import { cancelBench, startBench } from './benchRunner';
import { useBenchStore } from './benchStore';
import { checkKnobs, selectionProblem, type KnobDraft } from './knobs';

const store = useBenchStore;

export function setKnob(field: keyof KnobDraft, value: string): void {
  store.setState((s) => {
    s.draft[field] = value;
  });
}

export function chooseBenchmark(name: string, on: boolean): void {
  store.setState((s) => {
    s.chosen = on ? [...s.chosen.filter((n) => n !== name), name] : s.chosen.filter((n) => n !== name);
  });
}

/** Run the chosen benchmarks with the knobs as typed; with a problem, show every one and run nothing. */
export function runBenchmarks(): boolean {
  const { draft, chosen } = store.getState();
  const knobs = checkKnobs(draft);
  if (!knobs.ok || selectionProblem(chosen) !== null) {
    store.setState((s) => {
      s.triedRun = true;
    });
    return false;
  }
  store.setState((s) => {
    s.triedRun = false;
  });
  startBench(chosen, knobs.knobs, knobs.seedCount);
  return true;
}

export function cancelBenchmarks(): void {
  cancelBench();
}

export function setLogX(on: boolean): void {
  store.setState((s) => {
    s.logX = on;
  });
}

/** Draw a result set with the others drawn, or stop drawing it. */
export function setDrawn(id: number, on: boolean): void {
  store.setState((s) => {
    s.drawn = on ? [...s.drawn.filter((d) => d !== id), id].sort((a, b) => a - b) : s.drawn.filter((d) => d !== id);
  });
}

export function removeSet(id: number): void {
  store.setState((s) => {
    s.sets = s.sets.filter((set) => set.id !== id);
    s.drawn = s.drawn.filter((d) => d !== id);
  });
}

/**
 * Open a series' run in the lab, paused at `atUs`: the world config and
 * action log are the run's own, so the lab rebuilds the same world (same
 * trace). The benchmark turned checkpoints off and shrank the trace ring to
 * run fast; neither changes what happens, and the lab wants both for time
 * travel and its views, so its defaults apply.
 */
export function openSeriesInLab(result: SeriesResult, atUs: number, name: string): void {
  const { checkpointMinEvents: _checkpoints, traceCapacity: _trace, ...worldConfig } = result.config;
  const lab = labStore();
  const at = Math.max(0, Math.round(atUs));
  startRun(labConfigOfWorld(worldConfig, lab.config.speed), { worldConfig, log: result.actions, scenario: null, atUs: at });
  labStore().addNotice({ id: 'bench-opened', tone: 'info', text: `Opened benchmark ${name} in the lab, paused at ${(at / 1e6).toFixed(3)} s of virtual time.` });
}
