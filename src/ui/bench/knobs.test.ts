import { describe, expect, it } from 'vitest';
import { defaultBenchKnobs } from '../../engine/bench/benchmarks';
import { checkKnobs, draftOf, selectionProblem, type KnobDraft } from './knobs';

const defaults = draftOf(defaultBenchKnobs);

function problemsOf(change: Partial<KnobDraft>) {
  const result = checkKnobs({ ...defaults, ...change });
  return result.ok ? {} : result.problems;
}

describe('benchmark knobs', () => {
  it('read back the defaults exactly from their own text', () => {
    const result = checkKnobs(defaults);
    expect(result).toEqual({ ok: true, knobs: { ...defaultBenchKnobs, cpu: { ...defaultBenchKnobs.cpu } }, seedCount: 1 });
  });

  it('take a count of seeds from 1 to 20 whose last seed stays in range', () => {
    const five = checkKnobs({ ...defaults, seed: '3', seedCount: '5' });
    expect(five.ok && [five.knobs.seed, five.seedCount]).toEqual([3, 5]);
    expect(problemsOf({ seedCount: '0' })).toEqual({ seedCount: 'Seeds to run: enter a whole number from 1 to 20.' });
    expect(problemsOf({ seedCount: '21' })).toEqual({ seedCount: 'Seeds to run: enter a whole number from 1 to 20.' });
    expect(problemsOf({ seed: '4294967294', seedCount: '3' })).toEqual({ seedCount: 'Seeds to run: the last seed would pass 4294967295; lower the seed or run fewer.' });
  });

  it('take milliseconds of latency to whole microseconds, and trim spaces', () => {
    const result = checkKnobs({ ...defaults, latencyMinMs: ' 0.5 ', latencyMaxMs: '2.125', ops: ' 300', readRatio: '.9', openLoopOpsPerSecond: '2500.5' });
    expect(result.ok && [result.knobs.latencyMinUs, result.knobs.latencyMaxUs, result.knobs.ops, result.knobs.readRatio, result.knobs.openLoopOpsPerSecond]).toEqual([500, 2125, 300, 0.9, 2500.5]);
  });

  it('name each bad field with what it takes, and leave the good ones alone', () => {
    const problems = problemsOf({ ops: '0', clients: '1e2', readRatio: '1.5', seed: '-1', messageUs: '2.5', openLoopOpsPerSecond: 'fast' });
    expect(problems).toEqual({
      ops: 'Operations per series: enter a whole number from 1 to 100,000.',
      clients: 'Clients: enter a whole number from 1 to 500.',
      readRatio: 'Read ratio: enter a number from 0 to 1, such as 0.5.',
      seed: 'Seed: enter a whole number from 0 to 4294967295.',
      messageUs: 'CPU per message: enter a whole number of microseconds from 0 to 1,000,000.',
      openLoopOpsPerSecond: 'Open-loop rate: enter a number of operations per second from 0 to 1,000,000 (0 for closed loop).',
    });
  });

  it('refuse an empty field, an unknown protocol, and more than three decimals of a millisecond', () => {
    expect(Object.keys(problemsOf({ seed: '', protocol: 'paxos', latencyMinMs: '0.0005' })).sort()).toEqual(['latencyMinMs', 'protocol', 'seed']);
  });

  it('want the latency range in order, and say so on the maximum', () => {
    expect(problemsOf({ latencyMinMs: '5', latencyMaxMs: '4' })).toEqual({ latencyMaxMs: 'Link latency, max: must be at least the minimum.' });
    expect(problemsOf({ latencyMinMs: '4', latencyMaxMs: '4' })).toEqual({});
  });

  it('want at least one benchmark', () => {
    expect(selectionProblem([])).toBe('Benchmarks: choose at least one.');
    expect(selectionProblem(['A'])).toBeNull();
  });
});
