/**
 * When a scenario's fault happens, read from its timeline the way the engine's
 * `runScenario` reads it: the fault starts at the step marked `start`, ends at
 * the step marked `end`, and down-time counts from the final cut (the last
 * step before the end), since operations proposed between the first and the
 * last cut may still commit normally.
 */
import type { Scenario } from '../../../engine/index';

export interface FaultWindow {
  startUs: number;
  finalCutUs: number;
  endUs: number;
  durationUs: number;
  /** Every timeline step's time, in order (several steps may share one). */
  stepTimesUs: number[];
}

const usOf = (ms: number) => Math.round(ms * 1000);

export function faultWindow(scenario: Scenario): FaultWindow {
  const durationUs = usOf(scenario.durationMs);
  let startUs: number | null = null;
  let endUs: number | null = null;
  let finalCutUs: number | null = null;
  for (const step of scenario.timeline) {
    const atUs = usOf(step.at);
    if (step.fault === 'start') startUs = atUs;
    if (step.fault === 'end') endUs = atUs;
    else if (startUs !== null && endUs === null) finalCutUs = atUs;
  }
  if (startUs === null) throw new Error(`scenario ${scenario.id} marks no fault`);
  return {
    startUs,
    finalCutUs: finalCutUs ?? startUs,
    endUs: endUs ?? durationUs,
    durationUs,
    stepTimesUs: scenario.timeline.map((step) => usOf(step.at)),
  };
}

export type FaultPhase = 'before' | 'cutting' | 'during' | 'after';

/** Where `nowUs` is: before the first cut, between the first and the final cut, in the partition, or after it healed. */
export function faultPhase(window: FaultWindow, nowUs: number): FaultPhase {
  if (nowUs < window.startUs) return 'before';
  if (nowUs < window.finalCutUs) return 'cutting';
  if (nowUs < window.endUs) return 'during';
  return 'after';
}
