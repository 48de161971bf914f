/**
 * Each drawn benchmark's figures across the seeds it ran on: mean ± the
 * half-width of the 95 % confidence interval, and the lowest and highest
 * seed's throughput; its CSV is the bytes `npm run bench -- … --seeds` writes
 * to across-seeds.csv. Without two seeds of one benchmark drawn, a line says
 * how to get there.
 */
import { acrossSeedsCsv, type Spread } from '../../engine/bench/acrossSeeds';
import type { BenchRunSet } from './benchTypes';
import { acrossSeedsRows } from './chartData';
import { downloadText } from './download';

const ops = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function plusMinus(s: Spread, format: (v: number) => string): string {
  return `${format(s.mean)} ± ${format(s.ci95)}`;
}

const ms = (v: number) => v.toFixed(2);

export function AcrossSeedsTable({ sets, drawnIds }: { sets: readonly BenchRunSet[]; drawnIds: readonly number[] }) {
  const rows = acrossSeedsRows(sets, drawnIds);
  if (rows.length === 0) {
    return <p className="bench-hint">For each figure’s mean and 95 % confidence interval across seeds, set “Seeds to run” above 1, or draw runs of the same benchmarks on other seeds together.</p>;
  }
  return (
    <div className="bench-table-wrap">
      <table className="bench-table" aria-describedby="bench-across-note">
        <caption>Across seeds: mean ± 95 % confidence interval</caption>
        <thead>
          <tr>
            <th scope="col">Series</th>
            <th scope="col">Seeds</th>
            <th scope="col">Throughput (ops/s)</th>
            <th scope="col">p50 (ms)</th>
            <th scope="col">p99 (ms)</th>
            <th scope="col">Throughput, lowest–highest seed</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.benchmark}>
              <th scope="row">{row.benchmark}</th>
              <td>{row.seeds.join(', ')}</td>
              <td>{plusMinus(row.throughputOpsPerSec, (v) => ops.format(v))}</td>
              <td>{plusMinus(row.p50Ms, ms)}</td>
              <td>{plusMinus(row.p99Ms, ms)}</td>
              <td>
                {ops.format(row.throughputOpsPerSec.min)}–{ops.format(row.throughputOpsPerSec.max)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="bench-hint" id="bench-across-note">
        Student’s t with one degree of freedom fewer than the seeds. An interval of 0.00 ms: every seed’s percentile fell in the same histogram bucket (0.4 % wide).
      </p>
      <button type="button" aria-label="Download the figures across seeds as CSV" onClick={() => downloadText(acrossSeedsCsv(rows), 'across-seeds.csv', 'text/csv')}>
        Across-seeds CSV
      </button>
    </div>
  );
}
