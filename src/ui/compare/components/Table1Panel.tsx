/**
 * The paper's Table 1, measured: every scenario × protocol over seeds 1..N in
 * a Web Worker, with a progress bar and Cancel, then a note on where the lab
 * and the paper's theory part ways (only when the results show it).
 */
import { useState } from 'react';
import { maxTable1Seeds, useCompareStore } from '../store/compareStore';
import { labVersusPaper } from '../table1/paperColumn';
import { cancelTable1, setTable1Seeds, startTable1 } from '../table1/table1Runner';
import { Table1Grid } from './Table1Grid';

function statusWords(t: ReturnType<typeof useCompareStore.getState>['table1']): string {
  const seconds = t.elapsedMs === null ? '' : ` in ${(t.elapsedMs / 1000).toFixed(1)} s`;
  switch (t.status) {
    case 'idle':
      return 'Not run yet.';
    case 'running':
      return `Running seeds 1–${t.seedsRun}: ${t.done} of ${t.total} cells done…`;
    case 'done':
      return `Done: ${t.total} cells × ${t.seedsRun} seed${t.seedsRun === 1 ? '' : 's'}${seconds}.`;
    case 'cancelled':
      return `Cancelled after ${t.done} of ${t.total} cells.`;
    case 'failed':
      return `The run failed: ${t.failure ?? 'unknown error'}.`;
  }
}

function LabNotes() {
  const table = useCompareStore((s) => s.table1);
  if (table.cells.length === 0 || table.status === 'running') return null;
  const { notes, agreeing, compared } = labVersusPaper(table.cells);
  return (
    <div className="cmp-t1-notes" aria-live="polite">
      <h3>Where the lab and the paper’s theory differ</h3>
      {notes.length === 0 ? (
        <p>Nowhere: all {compared} cells measured agree with the paper’s theoretical column.</p>
      ) : (
        <>
          {notes.map((n) => (
            <p key={`${n.scenario}-${n.protocol}`} data-note={`${n.scenario}/${n.protocol}`}>
              {n.text}
            </p>
          ))}
          <p className="muted">
            The other {agreeing} of {compared} cells agree with it.
          </p>
        </>
      )}
    </div>
  );
}

export function Table1Panel() {
  const table = useCompareStore((s) => s.table1);
  const [draft, setDraft] = useState<string | null>(null);
  const running = table.status === 'running';
  const value = draft ?? String(table.seedCount);
  const parsed = Number(value);
  const valid = /^\d+$/.test(value.trim()) && parsed >= 1 && parsed <= maxTable1Seeds;
  const run = () => {
    if (!valid) return;
    setTable1Seeds(parsed);
    setDraft(null);
    startTable1();
  };
  return (
    <section className="cmp-table1" aria-labelledby="cmp-t1-title">
      <header className="cmp-t1-head">
        <div>
          <h2 id="cmp-t1-title">Table 1, measured</h2>
          <p className="muted">The OmniPaxos paper’s partial-connectivity table (EuroSys 2023), run here on every protocol, off the page’s thread.</p>
        </div>
        <form
          className="cmp-t1-controls"
          onSubmit={(e) => {
            e.preventDefault();
            run();
          }}
        >
          <label>
            <span className="control-label">Seeds (1 to N), N</span>
            <input
              type="number"
              min={1}
              max={maxTable1Seeds}
              value={value}
              aria-invalid={!valid}
              onChange={(e) => setDraft(e.currentTarget.value)}
              disabled={running}
            />
          </label>
          <button type="submit" className="primary" disabled={running || !valid}>
            Run Table 1
          </button>
          <button type="button" onClick={cancelTable1} disabled={!running}>
            Cancel
          </button>
        </form>
      </header>
      {!valid && (
        <p className="cmp-field-problem-inline" role="alert">
          Choose a whole number of seeds from 1 to {maxTable1Seeds}.
        </p>
      )}
      <div className="cmp-t1-progress">
        <progress max={Math.max(1, table.total)} value={table.done} aria-label="Table 1 progress" />
        <span role="status" data-testid="table1-status">
          {statusWords(table)}
        </span>
      </div>
      <Table1Grid table={table} />
      <LabNotes />
    </section>
  );
}
