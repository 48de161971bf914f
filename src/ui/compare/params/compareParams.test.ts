import { describe, expect, it } from 'vitest';
import { compareSearch, parseCompareParams, parseCompareSeed } from './compareParams';

describe('the compare page link', () => {
  it('reads a scenario and a seed', () => {
    expect(parseCompareParams('?scenario=chained&seed=7')).toEqual({ params: { scenario: 'chained', seed: 7 }, problems: [] });
  });

  it('uses the defaults when the link says nothing', () => {
    expect(parseCompareParams('')).toEqual({ params: { scenario: 'quorum-loss', seed: 1 }, problems: [] });
  });

  it('explains an unknown scenario and shows the default instead', () => {
    const { params, problems } = parseCompareParams('?scenario=leader-crash&seed=2');
    expect(params).toEqual({ scenario: 'quorum-loss', seed: 2 });
    expect(problems).toHaveLength(1);
    expect(problems[0].code).toBe('bad-scenario');
    expect(problems[0].text).toContain('"leader-crash"');
    expect(problems[0].text).toContain('quorum-loss, constrained-election, chained');
  });

  it('refuses seeds that are not whole numbers in range', () => {
    for (const bad of ['-1', '1.5', 'abc', '', '9007199254740992', '1e3']) {
      const { params, problems } = parseCompareParams(`?scenario=chained&seed=${encodeURIComponent(bad)}`);
      expect(params.seed, bad).toBe(1);
      expect(problems.map((p) => p.code), bad).toEqual(['bad-seed']);
    }
    expect(parseCompareSeed(' 42 ')).toBe(42);
    expect(parseCompareSeed('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('cuts a very long bad value in its message', () => {
    const { problems } = parseCompareParams(`?scenario=${'x'.repeat(500)}`);
    expect(problems[0].text.length).toBeLessThan(200);
  });

  it('writes the link back, keeping other parameters', () => {
    expect(compareSearch('?lang=en&seed=3', { scenario: 'chained', seed: 9 })).toBe('?lang=en&seed=9&scenario=chained');
  });
});
