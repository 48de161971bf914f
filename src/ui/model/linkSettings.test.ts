import { describe, expect, it } from 'vitest';
import { describeSettings, draftOf, parseDraft, parseLatencyRange, parsePercent, parseRatio, reliableSettings, unreliableSettings } from './linkSettings';

describe('link settings as typed', () => {
  it('reads latency ranges in ms, shortest first', () => {
    expect(parseLatencyRange('5..15')).toEqual({ latencyMinUs: 5000, latencyMaxUs: 15_000 });
    expect(parseLatencyRange('0.5-2')).toEqual({ latencyMinUs: 500, latencyMaxUs: 2000 });
    expect(parseLatencyRange('10')).toEqual({ latencyMinUs: 10_000, latencyMaxUs: 10_000 });
    for (const bad of ['15..5', 'fast', '1..2..3', '-1..5', '1..20000', '']) expect(parseLatencyRange(bad)).toBeNull();
  });

  it('reads ratios and percentages', () => {
    expect(parseRatio('0.1')).toBe(0.1);
    expect(parseRatio('10%')).toBe(0.1);
    expect(parsePercent('2.5')).toBe(0.025);
    for (const bad of ['1.5', '-0.1', 'lots', '']) expect(parseRatio(bad)).toBeNull();
    expect(parsePercent('101')).toBeNull();
  });

  it('round-trips the dials through their text', () => {
    for (const s of [reliableSettings, unreliableSettings, { latencyMinUs: 1500, latencyMaxUs: 2500, lossRatio: 0.025, duplicateRatio: 0.333 }]) {
      expect(parseDraft(draftOf(s)).settings).toEqual(s);
    }
  });

  it('names every bad dial at once', () => {
    const result = parseDraft({ latencyMinMs: '20', latencyMaxMs: '10', lossPercent: 'x', duplicatePercent: '200' });
    expect(result.settings).toBeNull();
    expect(result.problems.map((p) => p.field)).toEqual(['latencyMaxMs', 'lossPercent', 'duplicatePercent']);
  });

  it('describes the 6.824 network briefly', () => {
    expect(describeSettings(unreliableSettings)).toBe('1–26 ms · 10 % loss');
    expect(describeSettings(reliableSettings)).toBe('5–15 ms');
  });
});
