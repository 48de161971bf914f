import { describe, expect, it } from 'vitest';
import { builtInScenarios } from './index';
import { DataError } from '../engine/core/schema';
import { runScenario } from '../engine/scenario/run';
import { narrate } from '../engine/scenario/narration';
import { maxScenarioBytes, parseScenario, scenarioProblems } from '../engine/scenario/schema';

const valid = () => JSON.parse(JSON.stringify(builtInScenarios.find((s) => s.id === 'leader-crash')));

function problemsOf(text: string): string[] {
  try {
    parseScenario(text);
    return [];
  } catch (error) {
    if (error instanceof DataError) return [...error.problems];
    throw error;
  }
}

describe('built-in scenarios', () => {
  it('are at least ten, with unique ids', () => {
    expect(builtInScenarios.length).toBeGreaterThanOrEqual(10);
    expect(new Set(builtInScenarios.map((s) => s.id)).size).toBe(builtInScenarios.length);
  });

  for (const scenario of builtInScenarios) {
    it(`${scenario.id}: runs headless and meets its expectations`, () => {
      const r = runScenario(scenario);
      const failed = r.expectations.filter((e) => !e.ok).map((e) => `${e.expectation.kind}: ${e.detail}`);
      expect(failed, `replay: npm run sim -- --scenario ${scenario.id}`).toEqual([]);
      expect(r.stepTimesUs).toHaveLength(scenario.timeline.length);
    });
  }

  it('are deterministic: the same scenario gives the same trace hash', () => {
    const s = builtInScenarios.find((x) => x.id === 'minority-partition')!;
    expect(runScenario(s).world.traceHash()).toBe(runScenario(s).world.traceHash());
    expect(runScenario(s, { seed: 99 }).world.traceHash()).not.toBe(runScenario(s).world.traceHash());
  });

  it('resolve roles when a step runs: the crashed node is the leader of that moment', () => {
    const s = builtInScenarios.find((x) => x.id === 'leader-crash')!;
    const r = runScenario(s);
    const crash = r.world.actions().find((a) => a.action.type === 'crash');
    expect(crash?.action).toEqual({ type: 'crash', node: r.bindings.L });
    expect(r.world.leadersByTerm()['1']).toBe(r.bindings.L);
  });
});

describe('scenario files', () => {
  it('accept a valid file', () => {
    expect(parseScenario(JSON.stringify(valid())).id).toBe('leader-crash');
  });

  it('report every problem with its path', () => {
    const s = valid();
    s.timeline[1].at = 'soon';
    s.config.nodes = -1;
    s.narration[0].waitFor = { event: 'dinner' };
    delete s.title;
    const problems = problemsOf(JSON.stringify(s));
    expect(problems).toContain('timeline[1].at: must be a number, got string "soon"');
    expect(problems).toContain('config.nodes: must be at least 0, got -1');
    const unsharded = valid();
    unsharded.config.nodes = 0;
    expect(problemsOf(JSON.stringify(unsharded))).toEqual(['config.nodes: must be at least 1']);
    expect(problems.some((p) => p.startsWith('narration[0].waitFor.event: must be one of'))).toBe(true);
    expect(problems).toContain('title: is required');
  });

  it('reject unknown keys, including __proto__, anywhere', () => {
    const text = JSON.stringify(valid()).replace('"config":{', '"config":{"__proto__":{"polluted":true},');
    expect(problemsOf(text)).toContain('config.__proto__: this key is not allowed');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const s = valid();
    s.timeline[0].extra = 1;
    expect(problemsOf(JSON.stringify(s)).some((p) => p.startsWith('timeline[0].extra: unknown field'))).toBe(true);
  });

  it('reject references to nodes that do not exist or names never bound', () => {
    const s = valid();
    s.timeline[0].node = 'n9';
    s.timeline[1].node = '$Z';
    const problems = problemsOf(JSON.stringify(s));
    expect(problems).toContain('timeline[0].node: n9 does not exist in a 5-node cluster');
    expect(problems).toContain('timeline[1].node: $Z is not bound by this or an earlier step');
  });

  it('reject steps out of order and newer versions with a clear message', () => {
    const s = valid();
    s.timeline[0].at = 6000;
    s.version = 2;
    expect(scenarioProblems(s)).toEqual(expect.arrayContaining([expect.stringMatching(/^version: this file is version 2, newer than this lab/)]));
    s.version = 1;
    expect(scenarioProblems(s)).toEqual(expect.arrayContaining([expect.stringMatching(/^timeline\[1\]\.at: steps must be in time order/)]));
  });

  it('refuse files over the size limit and text that is not JSON', () => {
    expect(problemsOf('x'.repeat(maxScenarioBytes + 1))[0]).toMatch(/limit is 256 KiB/);
    expect(problemsOf('{"format": ')[0]).toMatch(/^not valid JSON/);
  });
});

describe('narration', () => {
  for (const scenario of builtInScenarios) {
    it(`${scenario.id}: every step happens, in order, with its text filled from the run`, () => {
      const r = runScenario(scenario);
      const steps = narrate(r.world, scenario.narration, r.stepTimesUs, r.bindings);
      expect(steps.map((s) => s.atUs === null)).toEqual(scenario.narration.map(() => false));
      for (let i = 1; i < steps.length; i++) expect(steps[i].atUs as number).toBeGreaterThanOrEqual(steps[i - 1].atUs as number);
      for (const s of steps) expect(s.text, s.text).not.toMatch(/\{\$?[A-Za-z]+\}/);
    });
  }

  it('names the node and term the simulator actually chose', () => {
    const s = builtInScenarios.find((x) => x.id === 'leader-crash')!;
    const r = runScenario(s);
    const [first] = narrate(r.world, s.narration, r.stepTimesUs, r.bindings);
    const [term, leader] = Object.entries(r.world.leadersByTerm())[0];
    expect(first.text).toBe(`n${leader + 1} is the leader of term ${term}.`);
  });
});
