import { describe, expect, it } from 'vitest';
import { bugScenarioFor } from '../../engine/services/bugScenarios';
import { scriptLines } from './scriptText';

describe('a bug script in words', () => {
  it('reads the stale-reads script as three instants, the clerks’ cut links as one change', () => {
    expect(scriptLines(bugScenarioFor('stale-reads').script, 5)).toEqual([
      { atUs: 500_000, text: 'partition {n1} {n2,n3,n4,n5}' },
      { atUs: 1_500_000, text: 'c3, c4 ↔ n2, n3, n4, n5: every message lost' },
      { atUs: 2_500_000, text: 'heal all links; every link: 0 % loss' },
    ]);
  });

  it('keeps crash and restart instants apart', () => {
    const lines = scriptLines(bugScenarioFor('forget-sessions').script, 3);
    expect(lines[0]).toEqual({ atUs: 600_000, text: 'crash n1; crash n2; crash n3' });
    expect(lines[1]).toEqual({ atUs: 600_001, text: 'restart n1; restart n2; restart n3' });
  });
});
