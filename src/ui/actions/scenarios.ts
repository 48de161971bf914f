/** Scenarios and their narration. */
import { DataError, parseScenario, protocolNames, scenarioWorldConfig, type Scenario } from '../../engine/index';
import { builtInScenario } from '../../scenarios/index';
import { labConfigOfWorld, type RunSource } from '../engine/runSource';
import { messageOf } from '../engine/session';
import type { LabConfig } from '../model/types';
import { haltPlayback, session, startRun, store } from './currentRun';
import { seekRunning } from './timeTravel';

function scenarioSource(scenario: Scenario): { config: LabConfig; source: RunSource } {
  const worldConfig = scenarioWorldConfig(scenario);
  return { config: labConfigOfWorld(worldConfig, store().config.speed), source: { worldConfig, log: [], scenario, atUs: null } };
}

/** Run a scenario from time zero: its config, its timeline applied at its times, its narration. */
export function startScenario(scenario: Scenario): void {
  const { config, source } = scenarioSource(scenario);
  store().setPlaying(true);
  startRun(config, source);
}

export function startBuiltInScenario(id: string): boolean {
  const scenario = builtInScenario(id);
  if (scenario === undefined) return false;
  startScenario(scenario);
  return true;
}

/** A user's scenario file: run it, or list every problem and leave the current run as it is. */
export function openScenarioText(text: string, fileName: string): void {
  let scenario: Scenario;
  try {
    scenario = parseScenario(text);
  } catch (error) {
    const problems = error instanceof DataError ? [...error.problems] : [messageOf(error)];
    store().setProblemDialog({ title: `${fileName} is not a scenario this lab can run`, problems });
    return;
  }
  if (!protocolNames().includes(scenario.config.protocol)) {
    store().setProblemDialog({ title: `${fileName} is not a scenario this lab can run`, problems: [`config.protocol: "${scenario.config.protocol}" is not a protocol of this lab (${protocolNames().join(', ')})`] });
    return;
  }
  startScenario(scenario);
}

/** Go to narration step `number` (1-based): seek to when it happened, or run on until it does. */
export function goToNarrationStep(number: number): void {
  const current = session;
  if (current === null || store().status !== 'running' || seekRunning) return;
  haltPlayback();
  store().setSeeking(true);
  void current.goToNarrationStep(number).finally(() => {
    if (current === session) store().setSeeking(false);
  });
}

/** The narration step the present is in: the last one that has happened by now (0: none yet). */
export function currentNarrationStep(): number {
  const narration = store().narration;
  if (narration === null) return 0;
  const nowUs = store().frame.nowUs;
  let current = 0;
  for (const step of narration.steps) if (step.atUs !== null && step.atUs <= nowUs) current = step.number;
  return current;
}

export function narrationNext(): void {
  const narration = store().narration;
  if (narration === null) return;
  goToNarrationStep(Math.min(narration.steps.length, currentNarrationStep() + 1));
}

export function narrationBack(): void {
  if (store().narration === null) return;
  goToNarrationStep(Math.max(1, currentNarrationStep() - 1));
}
