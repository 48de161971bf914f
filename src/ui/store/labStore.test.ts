import { describe, expect, it } from 'vitest';
import type { TraceLineVM } from '../model/types';
import { keptLinesPerCategory, trimLines } from './labStore';

const line = (index: number, kind: string): TraceLineVM => ({ index, timeUs: index, kind, tone: kind, text: `${kind} ${index}` });

describe('the message log’s memory', () => {
  it('keeps the newest lines of each category, so a flood of one kind does not push out the rare ones', () => {
    const lines = [line(0, 'faults'), ...Array.from({ length: 3 * keptLinesPerCategory }, (_, i) => line(i + 1, 'clients')), line(9999, 'elections')];
    const kept = trimLines(lines);
    expect(kept[0]).toEqual(line(0, 'faults'));
    expect(kept.filter((l) => l.kind === 'clients')).toHaveLength(keptLinesPerCategory);
    expect(kept.filter((l) => l.kind === 'clients')[0].index).toBe(2 * keptLinesPerCategory + 1);
    expect(kept[kept.length - 1].index).toBe(9999);
  });

  it('returns the same array when nothing needs to go', () => {
    const lines = [line(1, 'log'), line(2, 'faults')];
    expect(trimLines(lines)).toBe(lines);
  });
});
