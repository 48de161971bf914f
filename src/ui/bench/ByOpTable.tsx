/**
 * The drawn series' latency per operation kind (reads and writes apart), as
 * a table and as CSV: the bytes `npm run bench --out` writes to
 * latency-by-op.csv for the same series.
 */
import { latencyByOpCsv } from '../../engine/bench/csv';
import type { DrawnSeries } from './benchTypes';
import { downloadText } from './download';

const ms = (value: number) => value.toFixed(2);

export function ByOpTable({ drawn }: { drawn: readonly DrawnSeries[] }) {
  const rows = drawn.map((s) => ({ benchmark: s.name, protocol: s.result.protocol, summary: s.result.summary }));
  return (
    <div className="bench-table-wrap">
      <table className="bench-table">
        <caption>Latency by operation</caption>
        <thead>
          <tr>
            <th scope="col">Series</th>
            <th scope="col">Operation</th>
            <th scope="col">Completed</th>
            <th scope="col">p50 (ms)</th>
            <th scope="col">p90 (ms)</th>
            <th scope="col">p99 (ms)</th>
            <th scope="col">p99.9 (ms)</th>
            <th scope="col">max (ms)</th>
          </tr>
        </thead>
        <tbody>
          {rows.flatMap(({ benchmark, summary }) =>
            summary.latencyByKind.map(({ kind, latency }) => (
              <tr key={`${benchmark}\u0000${kind}`}>
                <th scope="row">{benchmark}</th>
                <td>{kind}</td>
                <td>{latency.count.toLocaleString('en-US')}</td>
                <td>{ms(latency.p50Ms)}</td>
                <td>{ms(latency.p90Ms)}</td>
                <td>{ms(latency.p99Ms)}</td>
                <td>{ms(latency.p999Ms)}</td>
                <td>{ms(latency.maxMs)}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
      <button type="button" aria-label="Download the latency by operation as CSV" onClick={() => downloadText(latencyByOpCsv(rows), 'latency-by-op.csv', 'text/csv')}>
        By-operation CSV
      </button>
    </div>
  );
}
