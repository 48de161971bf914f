/**
 * The History tab: the clients' operations over time, the window's controls,
 * and the linearizability check with its verdict. With no clients it says
 * how to get some.
 */
import { useEffect, useState } from 'react';
import { cancelCheck, checkLinearizability, followHistory, jumpToOperation, panHistory, setClients, setHistoryWidth } from '../labActions';
import type { CheckVM } from '../model/types';
import { useLabStore } from '../store/labStore';
import { clientName, keyColor, opLabel } from '../view/historyLayout';
import { HistoryChart } from './HistoryChart';
import { WindowControls } from './WindowControls';

const widths: [number, string][] = [
  [500_000, '0.5 s'],
  [2_000_000, '2 s'],
  [10_000_000, '10 s'],
];

function seconds(us: number): string {
  return `${(us / 1_000_000).toFixed(3)} s`;
}

function Elapsed() {
  const [startMs] = useState(() => performance.now());
  const [nowMs, setNowMs] = useState(startMs);
  useEffect(() => {
    const timer = window.setInterval(() => setNowMs(performance.now()), 250);
    return () => window.clearInterval(timer);
  }, []);
  return <span className="muted">{((nowMs - startMs) / 1000).toFixed(1)} s</span>;
}

/** After a jump back, the check is about a longer history than the world now has: say so. */
function Since({ check }: { check: CheckVM }) {
  // Re-render only when the run crosses back over the checked moment, and by the millisecond while behind it.
  const behindMs = useLabStore((s) => (s.frame.nowUs < s.check.uptoUs ? Math.floor(s.frame.nowUs / 1000) : null));
  if (check.status !== 'done' || behindMs === null) return null;
  return (
    <p className="muted">
      The run is back at {seconds(behindMs * 1000)}; Play replays the same future (same seed and actions), and acting now starts a new branch.
    </p>
  );
}

function Verdict({ check }: { check: CheckVM }) {
  switch (check.status) {
    case 'idle':
      return <p className="muted">Not checked yet. Press “Check linearizability”, or pause: a pause checks the history so far.</p>;
    case 'running':
      return (
        <p className="check-running">
          <progress aria-label="Checking the history" />
          Checking {check.operations > 0 ? `${check.operations.toLocaleString('en-US')} operations` : 'the history'}… <Elapsed />
        </p>
      );
    case 'cancelled':
      return <p className="muted">Check cancelled.</p>;
    case 'failed':
      return <p className="verdict-text verdict-bad">The check failed: {check.error ?? 'unknown error'}</p>;
    case 'done':
      break;
  }
  const upto = `${check.operations.toLocaleString('en-US')} operations up to ${seconds(check.uptoUs)}`;
  if (check.verdict === 'linearizable') {
    return (
      <p className="verdict-text verdict-good">
        <span aria-hidden="true">✓ </span>Linearizable: {upto} fit one order per key. The numbered points show where each operation takes effect.
      </p>
    );
  }
  if (check.verdict === 'unknown') {
    return <p className="verdict-text verdict-unknown">? Undecided: the checker gave up on {upto} before reaching a verdict (that is not a pass).</p>;
  }
  const prefix = check.orders.find((o) => o.key === check.failingKey)?.ids.length ?? 0;
  return (
    <div className="verdict-text verdict-bad">
      <p>
        <span aria-hidden="true">✗ </span>Not linearizable: on key <strong>{check.failingKey}</strong>, after {prefix} operations in order,{' '}
        {check.stuck.length === 1 ? 'the operation in red cannot take effect next' : `none of the ${check.stuck.length} operations in red can take effect next`}: no single order of
        the operations explains what the clients saw ({upto}).
      </p>
      <ul className="stuck-list" aria-label="Operations the checker is stuck on">
        {check.stuck.map((op) => (
          <li key={op.id}>
            <button type="button" className="small stuck-jump" onClick={() => jumpToOperation(op)}>
              <span className="mono">
                {clientName(op.client)} {opLabel(op)}
              </span>
              <span className="muted">jump to {seconds(op.returnUs ?? op.invokeUs)}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function KeyLegend({ check, keyFilter, setKeyFilter }: { check: CheckVM; keyFilter: string | null; setKeyFilter: (key: string | null) => void }) {
  if (check.status === 'idle' || check.orders.length === 0 || check.verdict === 'not-linearizable') return null;
  const keys = check.orders.map((o) => o.key).sort();
  return (
    <label className="key-filter">
      <span className="control-label">Order of</span>
      <select value={keyFilter ?? ''} onChange={(e) => setKeyFilter(e.currentTarget.value === '' ? null : e.currentTarget.value)}>
        <option value="">every key</option>
        {keys.map((k) => (
          <option key={k} value={k}>
            {k}
          </option>
        ))}
      </select>
      <span className="key-swatches" aria-hidden="true">
        {keys.map((k) => (
          <span key={k} style={{ color: keyColor(k) }}>
            ● {k}
          </span>
        ))}
      </span>
    </label>
  );
}

export function HistoryPanel() {
  const clients = useLabStore((s) => s.config.clients);
  const history = useLabStore((s) => s.history);
  const check = useLabStore((s) => s.check);
  const view = useLabStore((s) => s.historyWindow);
  const status = useLabStore((s) => s.status);
  const seeking = useLabStore((s) => s.seeking);
  const [keyFilter, setKeyFilter] = useState<string | null>(null);

  if (clients === 0) {
    return (
      <div className="history-empty">
        <p>
          The history view shows what key-value clients asked and saw. This run has no clients: it replicates a plain command log.
        </p>
        <button type="button" onClick={() => setClients(3)}>
          Add 3 clients
        </button>
      </div>
    );
  }

  return (
    <div className="history">
      <div className="history-toolbar" role="toolbar" aria-label="History view">
        {check.status === 'running' ? (
          <button type="button" onClick={cancelCheck}>
            Cancel check
          </button>
        ) : (
          <button type="button" className="check-button" onClick={() => checkLinearizability()} disabled={status !== 'running' || seeking} aria-keyshortcuts="L">
            Check linearizability
          </button>
        )}
        <WindowControls widths={widths} view={view} setWidth={setHistoryWidth} pan={panHistory} follow={followHistory} />
        <KeyLegend check={check} keyFilter={keyFilter} setKeyFilter={setKeyFilter} />
        <span className="muted history-count">
          {history === null ? '' : `${history.completedOps.toLocaleString('en-US')} of ${history.totalOps.toLocaleString('en-US')} operations returned`}
          {seeking ? ' · going back in time…' : ''}
        </span>
      </div>
      <div className="check-verdict" role="status" aria-live="polite">
        <Verdict check={check} />
      </div>
      <Since check={check} />
      {history === null ? <p className="muted">Starting…</p> : <HistoryChart history={history} check={check} keyFilter={keyFilter} />}
      <p className="muted history-foot">
        bar: call → return · dashed, open: no answer yet · <span className="swatch swatch-get" /> get <span className="swatch swatch-put" /> put{' '}
        <span className="swatch swatch-append" /> append · shaded: a fault in force
      </p>
    </div>
  );
}
