/**
 * Each drawn benchmark's figures across the seeds it ran on: a chart of
 * throughput (bars at the mean, whiskers from the lowest to the highest
 * seed, the 95 % interval as the thick stroke: the SVG `npm run bench --
 * … --seeds` writes), and a table of mean ± the half-width of the 95 %
 * confidence interval, whose CSV is the command line's across-seeds.csv.
 * Without two seeds of one benchmark drawn, a line says how to get there.
 */
import { useMemo } from 'react';
import { acrossSeedsCsv, type AcrossSeedsRow, type Spread } from '../../engine/bench/acrossSeeds';
import { acrossSeedsChart, benchChartFiles } from '../../charts/index';
import { BenchChart } from './BenchChart';
import type { BenchRunSet } from './benchTypes';
import { acrossSeedsBarText, acrossSeedsBarsCsv, acrossSeedsRows, chartSubtitle } from './chartData';
import { downloadText } from './download';

const ops = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function plusMinus(s: Spread, format: (v: number) => string): string {
  return `${format(s.mean)} ± ${format(s.ci95)}`;
}

const ms = (v: number) => v.toFixed(2);

function AcrossSeedsChart({ rows, subtitle }: { rows: readonly AcrossSeedsRow[]; subtitle: string | undefined }) {
  const chart = useMemo(() => acrossSeedsChart(rows, { subtitle }), [rows, subtitle]);
  const { model } = chart;
  return (
    <BenchChart
      id="across-seeds"
      what="throughput across seeds"
      svg={chart.svg}
      width={model.width}
      height={model.height}
      plot={model.plot}
      series={model.bars.map((bar) => ({
        name: bar.name,
        color: bar.color,
        points: [{ x: bar.x + bar.width / 2, y: bar.y, text: acrossSeedsBarText(bar.name, bar.opsPerSec, bar.min, bar.max, bar.stddev), data: { 'data-series': bar.name, 'data-ops-per-sec': String(bar.opsPerSec) } }],
      }))}
      fileBase={benchChartFiles.acrossSeeds}
      csv={() => acrossSeedsBarsCsv(model)}
    />
  );
}

export function AcrossSeedsTable({ sets, drawnIds }: { sets: readonly BenchRunSet[]; drawnIds: readonly number[] }) {
  const rows = useMemo(() => acrossSeedsRows(sets, drawnIds), [sets, drawnIds]);
  const drawnSets = useMemo(() => sets.filter((set) => drawnIds.includes(set.id)), [sets, drawnIds]);
  if (rows.length === 0) {
    return <p className="bench-hint">For each figure’s mean and 95 % confidence interval across seeds, set “Seeds to run” above 1, or draw runs of the same benchmarks on other seeds together.</p>;
  }
  return (
    <div className="bench-across">
      <AcrossSeedsChart rows={rows} subtitle={chartSubtitle(drawnSets)} />
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
    </div>
  );
}
