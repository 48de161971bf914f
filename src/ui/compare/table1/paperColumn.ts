/**
 * The OmniPaxos paper's Table 1, theoretical column (PROTOCOLS.md), and where
 * the lab's runs disagree with it. A note is written only when the results
 * say so, with the numbers from the results; the reasons are the protocols'
 * rules, which is why the lab and the theory can part ways.
 */
import type { Table1Cell } from '../../../scenarios/table1';
import { formatMs, plural } from '../view/formatMs';
import { protocolInfo } from '../view/protocolInfo';

export type Verdict = 'recovers' | 'no-progress';

export interface PaperClaim {
  verdict: Verdict;
  /** The paper's words, shortened. */
  words: string;
}

const recovers: PaperClaim = { verdict: 'recovers', words: 'recovers' };
const noProgress: PaperClaim = { verdict: 'no-progress', words: 'no progress' };

export const paperTheory: Record<string, Record<string, PaperClaim>> = {
  'quorum-loss': { raft: { verdict: 'no-progress', words: 'no progress in theory (recovered in the paper’s runs)' }, 'raft-pv-cq': recovers, omnipaxos: recovers },
  'constrained-election': { raft: noProgress, 'raft-pv-cq': noProgress, omnipaxos: recovers },
  chained: { raft: { verdict: 'no-progress', words: 'livelock in theory' }, 'raft-pv-cq': recovers, omnipaxos: { verdict: 'recovers', words: 'recovers, full throughput' } },
};

export const scenarioTitles: Record<string, string> = {
  'quorum-loss': 'Quorum loss',
  'constrained-election': 'Constrained election',
  chained: 'Chained',
};

export function labVerdict(cell: Table1Cell): Verdict {
  return cell.recovered > 0 ? 'recovers' : 'no-progress';
}

export interface LabNote {
  scenario: string;
  protocol: string;
  text: string;
}

function seedsText(cell: Table1Cell): string {
  return `${cell.recovered} of ${plural(cell.runs.length, 'seed')}`;
}

function quorumLossRaft(cell: Table1Cell): string {
  return (
    `Quorum loss, Raft: the paper’s theory says no progress, but the lab’s Raft recovered on ${seedsText(cell)} ` +
    `(median ${formatMs(cell.medianDowntimeMs ?? 0)} after the cut, ${plural(cell.medianLeaderChanges, 'leader change')}), as the paper’s own measured runs did. ` +
    'Every server still reaches the follower A, and A’s log is as up to date as any: once A’s own election timer fires, every server votes for it, and the old leader steps down when it hears A’s higher term.'
  );
}

function chainedRaft(cell: Table1Cell, omni: Table1Cell | undefined): string {
  const cost =
    omni !== undefined && omni.medianDecided > cell.medianDecided
      ? ` The elections still cost throughput: Raft decided ${cell.medianDecided.toLocaleString('en-US')} entries during the partition (median), OmniPaxos ${omni.medianDecided.toLocaleString('en-US')}.`
      : '';
  return (
    `Chained, Raft: the theory predicts a livelock, but the lab’s Raft settled on ${seedsText(cell)} after a median of ${plural(cell.medianLeaderChanges, 'leader change')}. ` +
    'C, cut from the leader L, keeps timing out and deposing L with a higher term, but only until B, which reaches both, times out first: B wins (both vote for it), both hear its heartbeats, and the elections stop.' +
    cost
  );
}

function generic(cell: Table1Cell, claim: PaperClaim): string {
  const lab = cell.recovered === 0 ? 'no progress' : `recovery on ${seedsText(cell)} (median ${formatMs(cell.medianDowntimeMs ?? 0)})`;
  return `${scenarioTitles[cell.scenario] ?? cell.scenario}, ${protocolInfo(cell.protocol).title}: the paper’s theory says ${claim.words}; the lab measured ${lab}.`;
}

export interface Comparison {
  notes: LabNote[];
  /** Cells whose verdict matches the theoretical column. */
  agreeing: number;
  compared: number;
}

/** Where the lab's results part from the paper's theoretical column, explained; only cells the results contain. */
export function labVersusPaper(cells: readonly Table1Cell[]): Comparison {
  const notes: LabNote[] = [];
  let agreeing = 0;
  let compared = 0;
  for (const cell of cells) {
    const claim = paperTheory[cell.scenario]?.[cell.protocol];
    if (claim === undefined || cell.runs.length === 0) continue;
    compared++;
    const lab = labVerdict(cell);
    const note = (text: string) => notes.push({ scenario: cell.scenario, protocol: cell.protocol, text });
    if (lab === claim.verdict) {
      agreeing++;
      if (lab === 'recovers' && cell.recovered < cell.runs.length) note(`${generic(cell, claim)} It did not recover on every seed.`);
    } else if (cell.scenario === 'quorum-loss' && cell.protocol === 'raft') note(quorumLossRaft(cell));
    else if (cell.scenario === 'chained' && cell.protocol === 'raft') note(chainedRaft(cell, cells.find((c) => c.scenario === 'chained' && c.protocol === 'omnipaxos')));
    else note(generic(cell, claim));
  }
  return { notes, agreeing, compared };
}
