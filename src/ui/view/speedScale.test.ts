import { describe, expect, it } from 'vitest';
import { formatSpeed, nextSpeed, sliderSteps, sliderToSpeed, speedToSlider } from './speedScale';

describe('speed slider', () => {
  it('spans 0.1× to 100× on a log scale', () => {
    expect(sliderToSpeed(0)).toBe(0.1);
    expect(sliderToSpeed(sliderSteps)).toBe(100);
    // 1× sits a third of the way: one decade of three.
    expect(speedToSlider(1)).toBe(Math.round(sliderSteps / 3));
  });

  it('round-trips positions to speeds closely', () => {
    for (const speed of [0.1, 0.25, 1, 3, 10, 100]) expect(sliderToSpeed(speedToSlider(speed)) / speed).toBeCloseTo(1, 1);
  });

  it('steps along round values and stops at the ends', () => {
    expect(nextSpeed(0.1, 1)).toBe(0.2);
    expect(nextSpeed(0.25, 1)).toBe(0.5);
    expect(nextSpeed(0.25, -1)).toBe(0.2);
    expect(nextSpeed(100, 1)).toBe(100);
    expect(nextSpeed(0.1, -1)).toBe(0.1);
  });

  it('labels speeds briefly', () => {
    expect(formatSpeed(0.1)).toBe('0.1×');
    expect(formatSpeed(0.25)).toBe('0.25×');
    expect(formatSpeed(2.5)).toBe('2.5×');
    expect(formatSpeed(40)).toBe('40×');
  });
});
