/**
 * One protocol's run of a scenario, advanced in slices: an in-process world,
 * the scenario's timeline applied at its times (each step resolves `leader`,
 * `follower:k` and `$A` in this world, when it runs, so each run keeps its own
 * bindings: the leader may differ between protocols), and the notes read so
 * far. Advancing in slices gives the same run as the engine's `runScenario`,
 * which is what Table 1 measures.
 */
import { InvariantViolation, ScenarioRuntimeError, applyStep, createWorld, scenarioWorldConfig, type Scenario, type World } from '../../../engine/index';
import { createNoteTracker, readNotes, type NoteTracker } from './noteTracker';
import type { FaultWindow } from './faultWindow';

export interface ProtocolRun {
  protocol: string;
  world: World;
  /** Scenario names (`L`, `A`, …) bound to node ids in this world. */
  bindings: Record<string, number>;
  /** Index of the next timeline step to apply. */
  nextStep: number;
  /** Why this run stopped (a step could not resolve its nodes, or an invariant broke); null while it runs. */
  error: string | null;
  notes: NoteTracker;
}

export function createProtocolRun(scenario: Scenario, protocol: string, seed: number, window: FaultWindow): ProtocolRun {
  const world = createWorld(scenarioWorldConfig(scenario, { protocol, seed }));
  const initialTerm = Math.max(0, ...world.views(1).map((v) => v?.term ?? 0));
  return { protocol, world, bindings: {}, nextStep: 0, error: null, notes: createNoteTracker(scenario.config.nodes, window, initialTerm) };
}

function describeFailure(error: unknown, nowUs: number): string {
  const at = `at ${(nowUs / 1000).toFixed(1)} ms`;
  if (error instanceof InvariantViolation) return `An invariant broke ${at}: ${error.message}`;
  if (error instanceof ScenarioRuntimeError) return `The scenario could not place its fault ${at}: ${error.message}`;
  throw error;
}

/** Run to `untilUs`, applying every timeline step due by then at its own time. A failure stops this run only. */
export function advanceRun(run: ProtocolRun, scenario: Scenario, untilUs: number): void {
  if (run.error !== null) return;
  const { world } = run;
  try {
    while (run.nextStep < scenario.timeline.length) {
      const step = scenario.timeline[run.nextStep];
      const atUs = Math.round(step.at * 1000);
      if (atUs > untilUs) break;
      world.runUntil(atUs);
      run.nextStep++;
      applyStep(world, step, run.bindings);
    }
    world.runUntil(untilUs);
  } catch (error) {
    run.error = describeFailure(error, world.nowUs());
  }
  readNotes(run.notes, world.marks());
}

/** The node a scenario name is bound to in this run, by its binding letter (`A` → n2). */
export function bindingOf(run: ProtocolRun, node: number): string | null {
  for (const [name, bound] of Object.entries(run.bindings)) if (bound === node) return name;
  return null;
}
