/** A benchmark run's progress in numbers and words, for the bars and the status line. */
import type { BenchProgressVM } from './benchStore';

/** One seed's fraction: finished series, plus the part of the one under way. */
function seedFraction(p: BenchProgressVM): number {
  const series = p.labels.length;
  if (series === 0) return p.status === 'done' ? 1 : 0;
  const current = p.status === 'running' && p.index >= p.finished && p.total > 0 ? p.done / p.total : 0;
  return Math.min(1, (p.finished + current) / series);
}

/** Whole-press fraction: seeds finished, plus the part of the one under way (a single seed: its series). */
export function overallFraction(p: BenchProgressVM): number {
  const seeds = Math.max(1, p.seeds.length);
  return Math.min(1, (p.seedIndex + seedFraction(p)) / seeds);
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function statusWords(p: BenchProgressVM, elapsedMs: number): string {
  const n = p.labels.length;
  const seeds = p.seeds.length;
  const seedWords = seeds > 1 ? `Seed ${p.seeds[p.seedIndex]} (${p.seedIndex + 1} of ${seeds}): ` : '';
  switch (p.status) {
    case 'idle':
      return 'Not run yet.';
    case 'running':
      return n === 0 ? `${seedWords}Starting…` : `${seedWords}Running series ${Math.min(p.index + 1, n)} of ${n}: ${p.labels[Math.min(p.index, n - 1)]}.`;
    case 'done':
      return seeds > 1 ? `Done: ${n} series on each of ${seeds} seeds in ${seconds(elapsedMs)}.` : `Done: ${n} series in ${seconds(elapsedMs)}.`;
    case 'cancelled':
      return `${seedWords}Cancelled after ${p.finished} of ${n} series${p.finished > 0 || p.seedIndex > 0 ? '; the finished ones are kept below' : ''}.`;
    case 'failed':
      return `${seedWords}The run failed: ${p.failure ?? 'unknown error'}.`;
  }
}
