/** One protocol's card: its name and idea, who leads, the ring, the counters and the term sparkline. */
import { currentLeader } from '../explain/scenarioExplanation';
import { selectCluster, useCompareStore } from '../store/compareStore';
import { protocolInfo } from '../view/protocolInfo';
import { ClusterCounters } from './ClusterCounters';
import { CompareRing } from './CompareRing';
import { TermSparkline } from './TermSparkline';

function LeaderLine({ index }: { index: number }) {
  const cluster = useCompareStore(selectCluster(index));
  if (cluster === undefined) return null;
  const leader = currentLeader(cluster.nodes);
  const word = protocolInfo(cluster.protocol).termWord;
  // A leader cut off from the majority may still believe it leads (Raft without CheckQuorum; OmniPaxos's old leader until it hears a higher ballot).
  const stale = cluster.nodes.filter((n) => n.role === 'leader' && n !== leader);
  return (
    <p className="cmp-leader-line">
      {leader === null ? (
        <span className="cmp-no-leader">no leader</span>
      ) : (
        <>
          leader <strong>{leader.name}</strong>
          {leader.binding !== null && <span className="cmp-binding-inline">{leader.binding}</span>} · {word} {leader.term}
          {stale.map((n) => (
            <span key={n.id} className="muted">
              {' '}
              · {n.name} still acts as leader ({word} {n.term})
            </span>
          ))}
        </>
      )}
    </p>
  );
}

export function ClusterPanel({ index }: { index: number }) {
  const cluster = useCompareStore(selectCluster(index));
  const window = useCompareStore((s) => s.window);
  if (cluster === undefined) return null;
  const info = protocolInfo(cluster.protocol);
  const headingId = `cmp-card-${cluster.protocol}`;
  return (
    <article className="cmp-card" aria-labelledby={headingId} style={{ ['--accent' as string]: info.accent }} data-protocol={cluster.protocol}>
      <header className="cmp-card-head">
        <h2 id={headingId}>{info.title}</h2>
        <p className="cmp-tagline">{info.tagline}</p>
        <LeaderLine index={index} />
      </header>
      <CompareRing index={index} />
      {cluster.error !== null && (
        <p className="cmp-run-error" role="alert">
          {cluster.error}
        </p>
      )}
      <ClusterCounters cluster={cluster} window={window} />
      <TermSparkline cluster={cluster} window={window} />
    </article>
  );
}
