import { describe, expect, it } from 'vitest';
import { sparkTop, termSparkPath, type SparkGeometry } from './sparkline';

const g: SparkGeometry = { width: 112, height: 43, padLeft: 12, padTop: 3 };

describe('the term sparkline', () => {
  it('steps up at each rise and runs flat to now', () => {
    // x: 0..1000 µs → 12..110 px; y: 0..4 → 40..3 px.
    const path = termSparkPath(
      [
        { timeUs: 0, term: 0 },
        { timeUs: 500, term: 2 },
      ],
      750,
      1000,
      g,
      4,
    );
    // d3's step curve repeats its last point.
    expect(path).toBe('M12,40L61,40L61,21.5L85.5,21.5L85.5,21.5');
  });

  it('draws nothing of the future', () => {
    expect(termSparkPath([{ timeUs: 0, term: 0 }, { timeUs: 900, term: 9 }], 100, 1000, g, 9)).toBe('M12,40L21.8,40L21.8,40');
  });

  it('keeps a quiet cluster low on the scale', () => {
    expect(sparkTop([{ timeUs: 0, term: 1 }])).toBe(4);
    expect(sparkTop([{ timeUs: 0, term: 1 }, { timeUs: 5, term: 22 }])).toBe(22);
  });
});
