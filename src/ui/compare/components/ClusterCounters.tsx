/**
 * One protocol's counters: down-time (live), leader changes and entries
 * decided during the partition, its highest term or ballot, and one line of
 * what explains it: votes refused (Raft) or servers quorum-connected
 * (OmniPaxos). Each value carries its number in `data-value` for the tests.
 */
import type { ClusterVM } from '../sim/compareModel';
import type { FaultWindow } from '../sim/faultWindow';
import { downtimeText } from '../view/counterText';
import { plural } from '../view/formatMs';
import { protocolInfo } from '../view/protocolInfo';

interface CounterProps {
  id: string;
  label: string;
  value: string;
  dataValue: number | null;
  caption?: string;
  tone?: string;
  /** The whole row: the value and its caption side by side. */
  wide?: boolean;
}

function Counter({ id, label, value, dataValue, caption, tone = 'neutral', wide = false }: CounterProps) {
  return (
    <div className={`cmp-counter cmp-tone-${tone}${wide ? ' cmp-counter-wide' : ''}`}>
      <dt>{label}</dt>
      <dd data-testid={id} data-value={dataValue ?? ''}>
        <span className="cmp-counter-value">{value}</span>
        {caption !== undefined && <span className="cmp-counter-caption">{caption}</span>}
      </dd>
    </div>
  );
}

function explainLine(cluster: ClusterVM, nodeCount: number): string {
  const c = cluster.counters;
  if (c.qcServers !== null) return `${c.qcServers} of ${nodeCount} servers quorum-connected`;
  const parts = [`votes refused in the partition: ${plural(c.refusedLogBehind, 'time')} “log behind”`];
  if (cluster.protocol === 'raft-pv-cq' || c.refusedLeaderActive > 0) parts.push(`${plural(c.refusedLeaderActive, 'time')} “leader alive”`);
  return parts.join(', ');
}

export function ClusterCounters({ cluster, window }: { cluster: ClusterVM; window: FaultWindow }) {
  const c = cluster.counters;
  const p = cluster.protocol;
  const down = downtimeText(c, window);
  const termWord = protocolInfo(p).termWord;
  const started = c.phase !== 'before';
  return (
    <>
      <dl className="cmp-counters" aria-label={`${protocolInfo(p).title} counters`}>
        <Counter id={`counter-${p}-downtime`} label="Down-time" value={down.value} dataValue={c.downtimeMs} caption={down.caption} tone={down.tone} wide />
        <Counter id={`counter-${p}-leader-changes`} label="Leader changes" value={started ? String(c.leaderChanges) : '—'} dataValue={c.leaderChanges} caption="in the partition" />
        <Counter id={`counter-${p}-decided`} label="Decided" value={started ? c.decided.toLocaleString('en-US') : '—'} dataValue={c.decided} caption="in the partition" />
        <Counter id={`counter-${p}-term`} label={`Highest ${termWord}`} value={String(c.highestTerm)} dataValue={c.highestTerm} caption="now" />
      </dl>
      <p className="cmp-explain-line">{explainLine(cluster, cluster.nodes.length)}</p>
    </>
  );
}
