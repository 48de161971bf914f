/**
 * One paragraph per scenario: its summary, then what the lab measured in
 * this run, protocol by protocol, with every number taken from the run (the
 * live counters and the servers as they are now). Nothing is scripted: if
 * a protocol behaves differently on another seed, the paragraph says so.
 */
import type { Scenario } from '../../../engine/index';
import type { ClusterVM, CompareNodeVM } from '../sim/compareModel';
import type { FaultWindow } from '../sim/faultWindow';
import type { TermPoint } from '../sim/noteTracker';
import { formatMs, plural } from '../view/formatMs';
import { protocolInfo } from '../view/protocolInfo';

export interface Explanation {
  summary: string;
  /** Sentences about this run; empty before the fault. */
  measured: string[];
}

const seconds = (us: number) => `${Number((us / 1_000_000).toFixed(2))} s`;

function termAt(terms: readonly TermPoint[], timeUs: number): number {
  let term = 0;
  for (const p of terms) if (p.timeUs <= timeUs) term = p.term;
  return term;
}

/** The leader with the highest term: an isolated old leader may still believe it leads. */
export function currentLeader(nodes: readonly CompareNodeVM[]): CompareNodeVM | null {
  let best: CompareNodeVM | null = null;
  for (const n of nodes) if (n.role === 'leader' && (best === null || n.term > best.term)) best = n;
  return best;
}

function leaderWords(leader: CompareNodeVM, termWord: string): string {
  const who = leader.binding === null ? leader.name : `${leader.name} (the scenario’s ${leader.binding})`;
  return `${who} leads with ${termWord} ${leader.term}`;
}

function refusals(c: ClusterVM['counters']): string {
  const parts: string[] = [];
  if (c.refusedLogBehind > 0) parts.push(`${plural(c.refusedLogBehind, 'vote')} ${c.refusedLogBehind === 1 ? 'was' : 'were'} refused because the candidate’s log was behind`);
  if (c.refusedLeaderActive > 0) parts.push(`${plural(c.refusedLeaderActive, 'vote')} ${c.refusedLeaderActive === 1 ? 'was' : 'were'} refused because a leader was still heard`);
  return parts.length === 0 ? '' : `; ${parts.join(', and ')}`;
}

function clusterSentence(cluster: ClusterVM, window: FaultWindow, nowUs: number, nodeCount: number): string {
  const info = protocolInfo(cluster.protocol);
  if (cluster.error !== null) return `${info.title} stopped: ${cluster.error}`;
  const c = cluster.counters;
  const leader = currentLeader(cluster.nodes);
  const rose = c.highestTerm - termAt(cluster.terms, window.startUs);
  const termText = rose > 0 ? `; its highest ${info.termWord} rose from ${c.highestTerm - rose} to ${c.highestTerm}` : `; its ${info.termWord} stayed at ${c.highestTerm}`;
  const qc = c.qcServers === null || c.phase === 'after' ? '' : `; ${c.qcServers} of ${nodeCount} servers are quorum-connected`;
  if (c.downtimeMs !== null) {
    const now = leader === null ? '' : `; now ${leaderWords(leader, info.termWord)}`;
    return `${info.title} recovered in ${formatMs(c.downtimeMs)} with ${plural(c.leaderChanges, 'leader change')}${now}${refusals(c)}.`;
  }
  if (c.phase === 'cutting') return `${info.title} is between the first and the final cut${qc}.`;
  if (c.phase === 'after') return `${info.title} made no progress during the ${seconds(window.endUs - window.finalCutUs)} partition${termText}${refusals(c)}.`;
  return `${info.title} has made no progress for ${formatMs(c.sinceCutMs ?? nowUs / 1000)} so far${termText}${qc}${refusals(c)}.`;
}

export function explainScenario(scenario: Scenario, window: FaultWindow, seed: number, nowUs: number, clusters: readonly ClusterVM[]): Explanation {
  const summary = scenario.summary;
  if (nowUs < window.startUs) {
    const steps = window.finalCutUs > window.startUs ? `, finishes the cut at ${seconds(window.finalCutUs)}` : '';
    return {
      summary,
      measured: [`The lab cuts the network at ${seconds(window.startUs)}${steps} and heals it at ${seconds(window.endUs)}; each protocol’s down-time counts from the final cut until the first operation proposed after it is decided.`],
    };
  }
  const head = `Seed ${seed}, at ${seconds(nowUs)}:`;
  return { summary, measured: [head, ...clusters.map((c) => clusterSentence(c, window, nowUs, scenario.config.nodes))] };
}
