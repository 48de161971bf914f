/**
 * Teaching by breaking (bugs.ts): every bug toggle has a scenario
 * (bugScenarios.ts) whose shipped seeds catch it. With the toggle on, the
 * checker rejects the history (or a safety invariant fires); with it off,
 * the same seeds, configuration and script give a linearizable history.
 */
import { describe, expect, it } from 'vitest';
import { validateAction } from '../sim/actions';
import { bugNames } from '../sim/bugs';
import { normalizeConfig } from '../sim/config';
import { bugRunAsExpected, bugScenarioConfig, bugScenarioFor, bugScenarios, runBugScenario, type BugRunResult, type BugScenario } from './bugScenarios';

function describeRun(scenario: BugScenario, seed: number, bugOn: boolean, protocol: string, result: BugRunResult): string {
  const expected = !bugOn ? 'linearizable' : scenario.detection.kind === 'invariant' ? `invariant "${scenario.detection.invariant}"` : 'not-linearizable';
  return [
    `bug ${scenario.bug} ${bugOn ? 'on' : 'off'}, protocol ${protocol}, seed ${seed}: expected ${expected}, got ${result.outcome}` +
      (result.invariant === null ? '' : ` (${result.message})`) +
      (result.calmVerdict === null ? '' : `; before the first fault the history was ${result.calmVerdict}`),
    `replay: ${result.replay}`,
    `config: ${JSON.stringify(bugScenarioConfig(scenario, seed, bugOn, protocol))}`,
    `script: ${JSON.stringify(scenario.script)}`,
  ].join('\n');
}

describe('bug scenarios', () => {
  it('cover every bug toggle', () => {
    expect(bugScenarios.map((s) => s.bug).sort()).toEqual([...bugNames].sort());
    for (const bug of bugNames) expect(bugScenarioFor(bug).bug).toBe(bug);
  });

  for (const scenario of bugScenarios) {
    it(`${scenario.bug}: is plain, valid data (a valid config, valid actions in time order, JSON round trip)`, () => {
      expect(JSON.parse(JSON.stringify(scenario))).toEqual(scenario);
      expect(() => normalizeConfig(bugScenarioConfig(scenario, 1, true))).not.toThrow();
      let last = 0;
      for (const { atUs, action } of scenario.script) {
        expect(validateAction(action, scenario.config.nodeCount, scenario.config.nodeCount + (scenario.config.clients?.count ?? 0)), `${action.type} at ${atUs}us`).toEqual([]);
        expect(atUs).toBeGreaterThanOrEqual(last);
        expect(atUs).toBeLessThan(scenario.untilUs);
        last = atUs;
      }
      expect(scenario.seeds.length).toBeGreaterThanOrEqual(5);
      expect(scenario.description.length).toBeGreaterThan(100);
    });

    for (const protocol of [scenario.config.protocol as string, ...scenario.alsoProtocols]) {
      const caught = scenario.detection.kind === 'invariant' ? `the "${scenario.detection.invariant}" invariant fires` : 'the checker finds a violation';
      it(`${scenario.bug} over ${protocol}: ${caught} on seeds ${scenario.seeds.join(', ')}, and the same seeds pass without the bug`, () => {
        const failures: string[] = [];
        for (const seed of scenario.seeds) {
          for (const bugOn of [true, false]) {
            const result = runBugScenario(scenario, seed, bugOn, protocol);
            if (!bugRunAsExpected(scenario, bugOn, result)) failures.push(describeRun(scenario, seed, bugOn, protocol, result));
            // A clean run must have served clients, so that "linearizable" is not vacuous.
            if (!bugOn && scenario.config.clients !== undefined && result.opsCompleted < 5) {
              failures.push(`bug ${scenario.bug} off, protocol ${protocol}, seed ${seed}: only ${result.opsCompleted} operations completed`);
            }
          }
        }
        expect(failures, failures.join('\n\n')).toEqual([]);
      });
    }
  }
});
