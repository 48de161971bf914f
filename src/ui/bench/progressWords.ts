/** A benchmark run's progress in numbers and words, for the bars and the status line. */
import type { BenchProgressVM } from './benchStore';

/** Whole-run fraction: finished series, plus the part of the one under way. */
export function overallFraction(p: BenchProgressVM): number {
  const series = p.labels.length;
  if (series === 0) return p.status === 'done' ? 1 : 0;
  const current = p.status === 'running' && p.index >= p.finished && p.total > 0 ? p.done / p.total : 0;
  return Math.min(1, (p.finished + current) / series);
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function statusWords(p: BenchProgressVM, elapsedMs: number): string {
  const n = p.labels.length;
  switch (p.status) {
    case 'idle':
      return 'Not run yet.';
    case 'running':
      return n === 0 ? 'Starting…' : `Running series ${Math.min(p.index + 1, n)} of ${n}: ${p.labels[Math.min(p.index, n - 1)]}.`;
    case 'done':
      return `Done: ${n} series in ${seconds(elapsedMs)}.`;
    case 'cancelled':
      return `Cancelled after ${p.finished} of ${n} series${p.finished > 0 ? '; the finished ones are kept below' : ''}.`;
    case 'failed':
      return `The run failed: ${p.failure ?? 'unknown error'}.`;
  }
}

