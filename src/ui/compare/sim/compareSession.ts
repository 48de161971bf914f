/**
 * Three protocols, one scenario, one seed, one virtual clock: every advance
 * moves all three worlds to the same virtual time. Going back in time builds
 * the worlds afresh and runs them forward (a whole scenario takes a few tens
 * of milliseconds per protocol), so no world is ever rewound.
 */
import type { Scenario } from '../../../engine/index';
import { builtInScenario } from '../../../scenarios/index';
import { faultWindow, type FaultWindow } from './faultWindow';
import { advanceRun, createProtocolRun, type ProtocolRun } from './protocolRun';

/** The protocols side by side, left to right. */
export const compareProtocols = ['raft', 'raft-pv-cq', 'omnipaxos'] as const;

export class CompareSession {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly window: FaultWindow;
  runs: ProtocolRun[] = [];
  private clockUs = 0;

  constructor(scenarioId: string, seed: number) {
    const scenario = builtInScenario(scenarioId);
    if (scenario === undefined) throw new Error(`unknown scenario ${scenarioId}`);
    this.scenario = scenario;
    this.seed = seed;
    this.window = faultWindow(scenario);
    this.rebuild();
  }

  private rebuild(): void {
    this.runs = compareProtocols.map((protocol) => createProtocolRun(this.scenario, protocol, this.seed, this.window));
    this.clockUs = 0;
  }

  nowUs(): number {
    return this.clockUs;
  }

  durationUs(): number {
    return this.window.durationUs;
  }

  finished(): boolean {
    return this.clockUs >= this.window.durationUs;
  }

  /** Move every world to `tUs` (clamped to the scenario's duration), forwards or back. */
  seek(tUs: number): void {
    const target = Math.max(0, Math.min(Math.round(tUs), this.window.durationUs));
    if (target < this.clockUs) this.rebuild();
    for (const run of this.runs) advanceRun(run, this.scenario, target);
    this.clockUs = target;
  }

  advanceBy(deltaUs: number): void {
    this.seek(this.clockUs + deltaUs);
  }

  /** The next instant at which anything happens in any of the worlds (an event, a load proposal or a timeline step). */
  nextEventUs(): number | null {
    let next: number | null = null;
    for (const run of this.runs) {
      if (run.error !== null) continue;
      const t = run.world.nextEventTimeUs();
      const step = this.scenario.timeline[run.nextStep];
      const stepUs = step === undefined ? null : Math.round(step.at * 1000);
      for (const candidate of [t, stepUs]) if (candidate !== null && (next === null || candidate < next)) next = candidate;
    }
    return next === null ? null : Math.max(next, this.clockUs);
  }

  /** Advance to the next instant anything happens (the shared clock's single step). */
  stepEvent(): void {
    const next = this.nextEventUs();
    this.seek(next === null || next <= this.clockUs ? this.clockUs + 1 : next);
  }
}
