/**
 * The scripted part of a session's run: a bug's plan and a scenario's
 * timeline and narration.
 *
 * A plan (a bug scenario's scripted faults) is applied as ordinary actions
 * when the clock reaches each one's time, exactly as a scenario runner applies
 * them, so that they enter the action log and replay like a click. The user's
 * own actions do not cancel the rest of the plan. A scenario's timeline steps
 * are applied like plan actions, at their times, on whichever branch is
 * current. Each branch keeps its own cursors into both.
 */
import { applyStep, narrate, ScenarioRuntimeError, type Action, type LoggedAction, type NarratedStep, type Scenario, type WorldConfig } from '../../engine/index';
import type { NarrationVM } from '../model/types';
import type { Branch, BranchCursors } from './branches';
import type { LabWorld } from './labWorld';
import { recoverBindings, stepAtUs } from './runSource';

export class RunScript {
  /** Scripted actions still to apply, in time order (a bug's plan). */
  private readonly plan: LoggedAction[];
  /** The narration as read at the branch's frontier (it covers the future of a seek back). */
  private narration: NarratedStep[] = [];
  /** The narration changed since it was last published. */
  narrationChanged = true;

  constructor(
    plan: readonly LoggedAction[],
    readonly scenario: Scenario | null,
    /** Says something worth saying that is not a failure. */
    private readonly note: (text: string) => void,
  ) {
    this.plan = plan.map((a) => ({ atUs: a.atUs, action: a.action }));
  }

  /** A saved run holds the steps it had reached: those replay from its log, the rest apply live. */
  recover(branch: Branch, worldConfig: WorldConfig, atUs: number | null): void {
    const scenario = this.scenario;
    const log = branch.log;
    if (scenario === null || log.length === 0) return;
    const reachedUs = Math.max(atUs ?? 0, log[log.length - 1].atUs);
    const done = scenario.timeline.filter((s) => stepAtUs(s) <= reachedUs).length;
    branch.stepCursor = done;
    branch.stepTimesUs = scenario.timeline.slice(0, done).map(stepAtUs);
    branch.bindings = recoverBindings(worldConfig, log, scenario.timeline, done);
  }

  /** The cursors of a branch forked from `parent` at `nowUs`. */
  forkCursors(parent: Branch, nowUs: number): BranchCursors {
    const stepsDone = this.scenario === null ? 0 : this.scenario.timeline.filter((s) => stepAtUs(s) <= nowUs).length;
    const plansDone = this.plan.filter((a) => a.atUs <= nowUs).length;
    const stepCursor = Math.min(parent.stepCursor, stepsDone);
    return {
      stepCursor,
      stepTimesUs: parent.stepTimesUs.slice(0, stepCursor),
      bindings: { ...parent.bindings },
      planCursor: Math.min(parent.planCursor, plansDone),
    };
  }

  /** The time of the next plan action or scenario step not yet applied on this branch, or null. */
  nextDueUs(branch: Branch): number | null {
    const planned = this.plan[branch.planCursor];
    const step = this.scenario?.timeline[branch.stepCursor];
    const times = [planned?.atUs, step === undefined ? undefined : stepAtUs(step)].filter((t): t is number => t !== undefined);
    return times.length === 0 ? null : Math.min(...times);
  }

  /** The plan action due at `dueUs`, taken (its cursor moves on), or null when what is due is a scenario step. */
  takePlanned(branch: Branch, dueUs: number): Action | null {
    const planned = this.plan[branch.planCursor];
    if (planned === undefined || planned.atUs !== dueUs) return null;
    branch.planCursor++;
    return planned.action;
  }

  /** Apply the branch's next scenario step now; a step that cannot resolve its nodes is skipped, with a note. */
  applyScenarioStep(world: LabWorld, branch: Branch): void {
    const scenario = this.scenario;
    if (scenario === null) return;
    const index = branch.stepCursor++;
    const step = scenario.timeline[index];
    branch.stepTimesUs[index] = world.base.nowUs();
    if (world.world === null) throw new Error('scenario steps need the in-process world');
    try {
      applyStep(world.world, step, branch.bindings);
    } catch (error) {
      if (!(error instanceof ScenarioRuntimeError)) throw error;
      this.note(`Scenario step ${index + 1} (${step.do} at ${step.at} ms) was skipped: ${error.message}.`);
    }
  }

  readNarration(world: LabWorld, branch: Branch): void {
    const scenario = this.scenario;
    if (scenario === null) return;
    const next = narrate(world.base, scenario.narration, branch.stepTimesUs, branch.bindings);
    const same = next.length === this.narration.length && next.every((s, i) => s.atUs === this.narration[i].atUs && s.text === this.narration[i].text);
    if (same) return;
    this.narration = next;
    this.narrationChanged = true;
  }

  /** Narration step `number` (1-based) as read so far, if any. */
  narrationStep(number: number): NarratedStep | undefined {
    return this.narration[number - 1];
  }

  /** The narration when it changed since the last call, else undefined. */
  takeNarrationVM(): NarrationVM | null | undefined {
    const narration = this.narrationChanged ? this.narrationVM() : undefined;
    this.narrationChanged = false;
    return narration;
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
}
