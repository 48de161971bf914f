import { describe, expect, it } from 'vitest';
import { CompareSession } from '../sim/compareSession';
import { projectCluster } from '../sim/projectRun';
import { formatMs } from '../view/formatMs';
import { explainScenario } from './scenarioExplanation';

function explainAt(id: string, seed: number, atUs: number) {
  const session = new CompareSession(id, seed);
  session.seek(atUs);
  const clusters = session.runs.map((run) => projectCluster(run, session.window, undefined));
  return { clusters, text: explainScenario(session.scenario, session.window, seed, session.nowUs(), clusters) };
}

describe('the scenario paragraph', () => {
  it('before the fault: the summary and when the lab will cut', () => {
    const { text } = explainAt('constrained-election', 1, 1_000_000);
    expect(text.summary).toMatch(/^Five servers\. First A is cut from the leader/);
    expect(text.measured).toEqual([
      'The lab cuts the network at 2 s, finishes the cut at 2.15 s and heals it at 10 s; each protocol’s down-time counts from the final cut until the first operation proposed after it is decided.',
    ]);
  });

  it('after the fault: each protocol’s numbers, from the run', () => {
    const { clusters, text } = explainAt('constrained-election', 1, 12_000_000);
    const [raft, pvcq, omni] = text.measured.slice(1);
    expect(text.measured[0]).toBe('Seed 1, at 12 s:');
    const raftCounters = clusters[0].counters;
    expect(raft).toContain('Raft made no progress during the 7.85 s partition');
    expect(raft).toContain(`rose from 1 to ${raftCounters.highestTerm}`);
    expect(raft).toContain(`${raftCounters.refusedLogBehind} votes were refused because the candidate’s log was behind`);
    expect(pvcq).toMatch(/^Raft \+ PreVote \+ CheckQuorum made no progress/);
    const omniCounters = clusters[2].counters;
    expect(omni).toMatch(new RegExp(`^OmniPaxos recovered in ${formatMs(omniCounters.downtimeMs ?? -1)} with 1 leader change; now n\\d \\(the scenario’s A\\) leads with ballot \\d+\\.$`));
  });

  it('during the partition: how long without progress so far, and the QC servers', () => {
    // OmniPaxos's BLE round ending at 2.7 s is the first to see the cut.
    const { text } = explainAt('constrained-election', 1, 2_690_000);
    expect(text.measured[1]).toContain('Raft has made no progress for 540 ms so far');
    expect(text.measured[3]).toBe('OmniPaxos has made no progress for 540 ms so far; its highest ballot rose from 1 to 2; 5 of 5 servers are quorum-connected.');
    expect(explainAt('constrained-election', 1, 2_701_000).text.measured[3]).toContain('; 1 of 5 servers are quorum-connected');
  });
});
