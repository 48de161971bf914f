/** Counters of the run so far. */
import { useLabStore } from '../store/labStore';
import { formatCount } from '../view/format';

export function StatsPanel() {
  const stats = useLabStore((s) => s.stats);
  const traceHash = useLabStore((s) => s.traceHash);
  const clients = useLabStore((s) => s.config.clients);
  const items: [string, number][] = [
    ['sent', stats.sent],
    ['delivered', stats.delivered],
    ['dropped', stats.dropped],
    ['committed', stats.committed],
    ['elections', stats.elections],
    // With clients, what they got done says more than the raw event count.
    clients > 0 ? ['client ops', stats.opsCompleted] : ['events', stats.events],
  ];
  return (
    <section className="panel stats" aria-labelledby="stats-title">
      <header className="panel-head">
        <h2 id="stats-title">Run</h2>
        <code className="hash" title={`Trace hash so far: ${traceHash}`} data-testid="trace-hash" data-hash={traceHash}>
          {traceHash ? `#${traceHash.slice(0, 12)}` : ''}
        </code>
      </header>
      <dl className="stat-grid">
        {items.map(([label, value]) => (
          <div key={label} className={`stat stat-${label.replace(' ', '-')}`}>
            <dt>{label}</dt>
            <dd>{formatCount(value)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
