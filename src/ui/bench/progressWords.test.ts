import { describe, expect, it } from 'vitest';
import { idleProgress, type BenchProgressVM } from './benchStore';
import { overallFraction, statusWords } from './progressWords';

const running = (change: Partial<BenchProgressVM>): BenchProgressVM => ({ ...idleProgress, status: 'running', labels: ['A', 'B', 'C', 'D'], total: 300, ...change });

describe('benchmark progress', () => {
  it('counts finished series whole and the one under way by its operations', () => {
    expect(overallFraction(running({ index: 0, done: 0 }))).toBe(0);
    expect(overallFraction(running({ index: 1, done: 150, finished: 1 }))).toBe(1.5 / 4);
  });

  it('does not count a series twice between its end and the next one’s first progress', () => {
    expect(overallFraction(running({ index: 1, done: 300, finished: 2 }))).toBe(2 / 4);
  });

  it('stops where Cancel left it', () => {
    expect(overallFraction({ ...running({ index: 2, done: 100, finished: 2 }), status: 'cancelled' })).toBe(2 / 4);
  });

  it('says which series runs, and how a run ended', () => {
    expect(statusWords(running({ index: 1, finished: 1 }), 0)).toBe('Running series 2 of 4: B.');
    expect(statusWords({ ...running({ finished: 4 }), status: 'done' }, 2345)).toBe('Done: 4 series in 2.3 s.');
    expect(statusWords({ ...running({ finished: 1 }), status: 'cancelled' }, 0)).toBe('Cancelled after 1 of 4 series; the finished ones are kept below.');
  });
});

describe('benchmark progress over several seeds', () => {
  const seeded = (change: Partial<BenchProgressVM>) => running({ seeds: [3, 4, 5, 6, 7], ...change });

  it('counts finished seeds whole and the one under way by its series', () => {
    expect(overallFraction(seeded({ seedIndex: 0, index: 0, done: 0 }))).toBe(0);
    expect(overallFraction(seeded({ seedIndex: 2, index: 2, done: 0, finished: 2 }))).toBe((2 + 2 / 4) / 5);
    expect(overallFraction({ ...seeded({ seedIndex: 4, finished: 4 }), status: 'done' })).toBe(1);
  });

  it('names the seed under way, and how the press ended', () => {
    expect(statusWords(seeded({ seedIndex: 1, index: 0 }), 0)).toBe('Seed 4 (2 of 5): Running series 1 of 4: A.');
    expect(statusWords({ ...seeded({ seedIndex: 4, finished: 4 }), status: 'done' }, 9000)).toBe('Done: 4 series on each of 5 seeds in 9.0 s.');
    expect(statusWords({ ...seeded({ seedIndex: 2, finished: 0 }), status: 'cancelled' }, 0)).toBe('Seed 5 (3 of 5): Cancelled after 0 of 4 series; the finished ones are kept below.');
  });
});
