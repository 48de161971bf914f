import { describe, expect, it } from 'vitest';
import { defaultBenchKnobs } from '../../engine/bench/benchmarks';
import { catalogueOrder, planSeries } from './benchPlan';

describe('the series a benchmark run will do', () => {
  it('follow the catalogue’s order whatever order they were ticked in, each once', () => {
    expect(catalogueOrder(['C', 'A', 'C', 'serial'])).toEqual(['A', 'C', 'serial']);
  });

  it('are labelled like the command line’s: the benchmark, or benchmark/series', () => {
    const plan = planSeries(['raft-vs-omnipaxos', 'B'], { ...defaultBenchKnobs, protocol: 'omnipaxos' });
    expect(plan.map((p) => p.label)).toEqual(['B', 'raft-vs-omnipaxos/raft', 'raft-vs-omnipaxos/omnipaxos']);
    expect(plan.map((p) => p.series.protocol)).toEqual(['omnipaxos', 'raft', 'omnipaxos']);
  });

  it('carry the knobs into each world config', () => {
    const [a] = planSeries(['A'], { ...defaultBenchKnobs, seed: 9, latencyMinUs: 500, latencyMaxUs: 700 });
    expect(a.series.config.seed).toBe(9);
    expect(a.series.config.network).toEqual({ latencyMinUs: 500, latencyMaxUs: 700 });
  });

  it('refuse a name that is not a benchmark', () => {
    expect(() => planSeries(['A', 'Z'], defaultBenchKnobs)).toThrow('unknown benchmark "Z"');
  });
});
