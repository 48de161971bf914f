import { describe, expect, it } from 'vitest';
import { World } from '../../engine/index';
import { bugScenarioConfig, bugScenarioFor, runBugScenario } from '../../engine/services/bugScenarios';
import { worldConfigOf } from '../engine/inProcessWorld';
import { defaultLabConfig } from '../params/labParams';
import { allBugs, bugScript, recommendedConfig } from './bugSetups';

describe('bug toggles on the page', () => {
  it('list every bug with the rule it breaks and how it is caught', () => {
    const bugs = allBugs();
    expect(bugs.map((b) => b.name)).toEqual(['stale-reads', 'reply-before-commit', 'forget-sessions', 'vote-without-sync']);
    for (const b of bugs) {
      expect(b.rule.length).toBeGreaterThan(30);
      expect(b.caughtBy).toMatch(/checker|invariant/);
    }
  });

  it('take the scenario’s seed, cluster, clients, snapshots and network, keeping a protocol it was checked with', () => {
    const config = recommendedConfig({ ...defaultLabConfig(), protocol: 'raft-pv-cq', preVote: true, checkQuorum: true, seed: 99 }, 'forget-sessions');
    expect(config).toMatchObject({ bug: 'forget-sessions', seed: 2, nodeCount: 3, clients: 3, snapshotEveryEntries: 1, protocol: 'raft-pv-cq' });
    expect(config.network.lossRatio).toBe(0.2);
  });

  it('leave the scripted faults out, and say why, when the run is not the one they were written for', () => {
    const config = recommendedConfig(defaultLabConfig(), 'stale-reads');
    expect(bugScript(config).actions).toEqual(bugScenarioFor('stale-reads').script);
    const smaller = bugScript({ ...config, nodeCount: 3 });
    expect(smaller.actions).toEqual([]);
    expect(smaller.skipped).toContain('5 nodes and 4 clients');
    expect(bugScript({ ...config, bug: null })).toEqual({ actions: [], skipped: null });
  });

  // The page applies the script as actions when the clock reaches them (so that the user's own actions do not cancel it);
  // that must be the very run the scenario describes, whose shipped seed the checker catches.
  it.each(['stale-reads', 'reply-before-commit', 'forget-sessions'] as const)('%s: the page’s run is the scenario’s run, and the checker catches it', (bug) => {
    const scenario = bugScenarioFor(bug);
    const config = recommendedConfig(defaultLabConfig(), bug);
    const page = new World(worldConfigOf(config));
    for (const { atUs, action } of bugScript(config).actions) {
      page.runUntil(atUs);
      page.act(action);
    }
    page.runUntil(scenario.untilUs);
    const reference = new World(bugScenarioConfig(scenario, scenario.seeds[0], true), scenario.script);
    reference.runUntil(scenario.untilUs);
    expect(page.traceHash()).toBe(reference.traceHash());
    expect(page.checkHistory({ maxSteps: 5_000_000 }).verdict).toBe('not-linearizable');
    expect(runBugScenario(scenario, scenario.seeds[0], true).outcome).toBe('not-linearizable');
  });

  it('vote-without-sync: the page’s run, in-process, stops on the election-safety invariant', () => {
    const config = recommendedConfig(defaultLabConfig(), 'vote-without-sync');
    expect(config.host).toBe('inprocess');
    const page = new World(worldConfigOf(config));
    expect(() => {
      for (const { atUs, action } of bugScript(config).actions) {
        page.runUntil(atUs);
        page.act(action);
      }
      page.runUntil(bugScenarioFor('vote-without-sync').untilUs);
    }).toThrow(/election safety/i);
  });
});
