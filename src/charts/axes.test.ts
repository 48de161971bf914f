/** Axis ticks: exact powers of ten for log axes, compact labels for large linear ones. */
import { scaleLinear } from 'd3';
import { describe, expect, it } from 'vitest';
import { decadeCeil, decadeFloor, linearTicks, powerOfTen, powerOfTenLabel, powerOfTenTicks } from './axes';

describe('powers of ten', () => {
  it('are exact and found by comparison, not by Math.log10', () => {
    expect(powerOfTen(3)).toBe(1000);
    expect(powerOfTen(-3)).toBe(0.001);
    expect(decadeFloor(1000)).toBe(3);
    expect(decadeFloor(999.999)).toBe(2);
    expect(decadeFloor(0.001)).toBe(-3);
    expect(decadeFloor(0.0011)).toBe(-3);
    expect(decadeCeil(1000)).toBe(3);
    expect(decadeCeil(1000.5)).toBe(4);
    expect(decadeCeil(0.002)).toBe(-2);
  });

  it('are labelled as plain decimals', () => {
    expect([-3, -1, 0, 1, 4].map(powerOfTenLabel)).toEqual(['0.001', '0.1', '1', '10', '10,000']);
  });

  it('thin out to every second or third decade when there are many', () => {
    const ticks = powerOfTenTicks(-3, 12, (value) => value);
    expect(ticks.length).toBeLessThanOrEqual(9);
    expect(ticks.map((t) => t.label)).toEqual(['0.001', '0.1', '10', '1,000', '100,000', '10,000,000', '1,000,000,000', '100,000,000,000']);
  });
});

describe('linear ticks', () => {
  it('use d3 round values with matching precision', () => {
    const scale = scaleLinear().domain([0, 1]).range([0, 100]);
    expect(linearTicks(scale, 5).map((t) => [t.label, t.positionPx])).toEqual([
      ['0.0', 0],
      ['0.2', 20],
      ['0.4', 40],
      ['0.6', 60],
      ['0.8', 80],
      ['1.0', 100],
    ]);
  });

  it('switch to SI prefixes from 10,000 up', () => {
    expect(linearTicks(scaleLinear().domain([0, 4000]), 4).map((t) => t.label)).toEqual(['0', '1,000', '2,000', '3,000', '4,000']);
    expect(linearTicks(scaleLinear().domain([0, 150_000]), 3).map((t) => t.label)).toEqual(['0', '50k', '100k', '150k']);
  });
});
