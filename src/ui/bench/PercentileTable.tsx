/** The drawn series' latency percentiles and throughput, as a table and as CSV. */
import { percentileColumns } from '../../charts/index';
import type { DrawnSeries } from './benchTypes';
import { tableCsv, tableRows } from './chartData';
import { downloadText } from './download';

const ms = (value: number) => value.toFixed(2);
const ops = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function PercentileTable({ drawn }: { drawn: readonly DrawnSeries[] }) {
  const rows = tableRows(drawn);
  const truncated = rows.filter((r) => r.truncated).map((r) => r.name);
  return (
    <div className="bench-table-wrap">
      <table className="bench-table">
        <caption>Latency percentiles and throughput</caption>
        <thead>
          <tr>
            <th scope="col">Series</th>
            {percentileColumns.map((c) => (
              <th scope="col" key={c.key}>
                {c.heading}
              </th>
            ))}
            <th scope="col">Throughput (ops/s)</th>
            <th scope="col">Operations measured</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name}>
              <th scope="row">{row.name}</th>
              {percentileColumns.map((c) => (
                <td key={c.key}>{ms(row[c.key])}</td>
              ))}
              <td>{ops.format(row.throughputOpsPerSec)}</td>
              <td>{row.measured.toLocaleString('en-US')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {truncated.length > 0 && <p className="bench-hint">{truncated.join(', ')} stopped at the virtual-time limit before all its operations completed.</p>}
      <button type="button" aria-label="Download the percentile table as CSV" onClick={() => downloadText(tableCsv(drawn), 'percentiles.csv', 'text/csv')}>
        Table CSV
      </button>
    </div>
  );
}
