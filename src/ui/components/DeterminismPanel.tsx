/**
 * For engineers: run the current seed on both hosts, from scratch and with
 * no actions, for the same virtual time, and compare the trace hashes.
 */
import { cancelCompare, compareHostsNow } from '../labActions';
import { useLabStore } from '../store/labStore';
import { formatCount } from '../view/format';

const hostNames = { inprocess: 'In-process', worker: 'Web Workers' } as const;

export function DeterminismPanel() {
  const compare = useLabStore((s) => s.compare);
  const status = useLabStore((s) => s.status);
  const running = compare.status === 'running';
  const [a, b] = compare.results;
  const verdict = compare.status === 'done' && a?.hash != null && b?.hash != null ? (a.hash === b.hash ? 'match' : 'differ') : null;
  return (
    <section className="panel determinism" aria-labelledby="det-title">
      <header className="panel-head">
        <h2 id="det-title">Determinism check</h2>
        {running ? (
          <button type="button" className="small" onClick={cancelCompare}>
            Cancel
          </button>
        ) : (
          <button type="button" className="small" onClick={compareHostsNow} disabled={status === 'starting'}>
            Compare hosts
          </button>
        )}
      </header>
      {compare.status === 'idle' ? (
        <p className="muted">Runs this seed for 5 s of virtual time on both hosts and compares the trace hashes.</p>
      ) : (
        <>
          <p className="muted">
            seed {compare.seed}, {compare.untilUs / 1_000_000} s of virtual time, no actions
          </p>
          <table className="compare">
            <tbody>
              {compare.results.map((r) => (
                <tr key={r.host}>
                  <th scope="row">{hostNames[r.host]}</th>
                  <td className="compare-progress">
                    <progress max={1} value={r.progress} aria-label={`${hostNames[r.host]} progress`} />
                  </td>
                  <td>
                    <code data-testid={`hash-${r.host}`}>{r.hash ?? '…'}</code>
                    <span className="muted"> {formatCount(r.events)} ev</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className={`verdict verdict-${verdict ?? compare.status}`} role="status">
            {verdict === 'match' && '✓ Hashes match: both hosts ran the same events.'}
            {verdict === 'differ' && '✗ Hashes differ: the hosts diverged.'}
            {compare.status === 'running' && 'Running…'}
            {compare.status === 'cancelled' && 'Cancelled.'}
            {compare.status === 'failed' && `The check failed: ${compare.error ?? 'unknown error'}`}
          </p>
        </>
      )}
    </section>
  );
}
