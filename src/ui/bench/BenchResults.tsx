/**
 * The drawn runs: the latency CDF (linear or log latency axis), throughput
 * bars and throughput over time, each the very SVG the command line writes,
 * with hover and keyboard reading; the percentile table; and downloads of
 * every chart (SVG, PNG, CSV), the tables (CSV: percentiles, and latency
 * by operation kind) and the raw results (JSON);
 * and, when a benchmark is drawn on several seeds, its figures across them.
 * A point on throughput over time opens that series' run in the lab.
 */
import { useMemo } from 'react';
import { benchChartFiles, benchCharts, type BenchCharts } from '../../charts/index';
import { openSeriesInLab, setLogX } from './benchActions';
import { BenchChart, type HoverSeries } from './BenchChart';
import { useBenchStore } from './benchStore';
import type { DrawnSeries } from './benchTypes';
import { barText, cdfCsv, cdfPointText, chartSubtitle, drawnSeries, overTimeCsv, overTimePointText, resultsJson, throughputBarsCsv } from './chartData';
import { downloadText } from './download';
import { PercentileTable } from './PercentileTable';
import { AcrossSeedsTable } from './AcrossSeedsTable';
import { ByOpTable } from './ByOpTable';

function cdfHover(charts: BenchCharts): HoverSeries[] {
  return charts.cdf.model.series.map((s) => ({
    name: s.name,
    color: s.color,
    points: s.points.map((p) => ({ x: p.x, y: p.y, text: cdfPointText(s.name, p.valueUs, p.fraction), data: { 'data-series': s.name, 'data-value-us': String(p.valueUs), 'data-fraction': String(p.fraction) } })),
  }));
}

function barHover(charts: BenchCharts): HoverSeries[] {
  return charts.throughput.model.bars.map((bar) => ({
    name: bar.name,
    color: bar.color,
    points: [{ x: bar.x + bar.width / 2, y: bar.y, text: barText(bar.name, bar.opsPerSec, bar.min, bar.max), data: { 'data-series': bar.name, 'data-ops-per-sec': String(bar.opsPerSec) } }],
  }));
}

function overTimeHover(charts: BenchCharts): HoverSeries[] {
  return charts.overTime.model.series.map((s) => ({
    name: s.name,
    color: s.color,
    points: s.points.map((p) => ({
      x: p.x,
      y: p.y,
      text: overTimePointText(s.name, p.timeUs, p.opsPerSec),
      data: { 'data-series': s.name, 'data-time-us': String(Math.round(p.timeUs)), 'data-ops-per-sec': String(p.opsPerSec) },
    })),
  }));
}

function Charts({ drawn, charts }: { drawn: DrawnSeries[]; charts: BenchCharts }) {
  const { cdf, throughput, overTime } = charts;
  return (
    <div className="bench-charts">
      <BenchChart
        id="cdf"
        what="latency CDF"
        svg={cdf.svg}
        width={cdf.model.width}
        height={cdf.model.height}
        plot={cdf.model.plot}
        series={cdfHover(charts)}
        fileBase={benchChartFiles.cdf}
        csv={() => cdfCsv(cdf.model)}
      />
      <BenchChart
        id="throughput"
        what="throughput"
        svg={throughput.svg}
        width={throughput.model.width}
        height={throughput.model.height}
        plot={throughput.model.plot}
        series={barHover(charts)}
        fileBase={benchChartFiles.throughput}
        csv={() => throughputBarsCsv(throughput.model)}
      />
      <BenchChart
        id="over-time"
        what="throughput over time"
        svg={overTime.svg}
        width={overTime.model.width}
        height={overTime.model.height}
        plot={overTime.model.plot}
        series={overTimeHover(charts)}
        fileBase={benchChartFiles.overTime}
        csv={() => overTimeCsv(overTime.model)}
        activateHint="Click to open this run in the lab here."
        onActivate={(ref) => {
          const series = drawn[ref.series];
          const p = overTime.model.series[ref.series]?.points[ref.index];
          if (series !== undefined && p !== undefined) openSeriesInLab(series.result, p.timeUs, series.name);
        }}
      />
    </div>
  );
}

export function BenchResults() {
  const sets = useBenchStore((s) => s.sets);
  const drawnIds = useBenchStore((s) => s.drawn);
  const logX = useBenchStore((s) => s.logX);
  const drawnSets = useMemo(() => sets.filter((set) => drawnIds.includes(set.id)), [sets, drawnIds]);
  const drawn = useMemo(() => drawnSeries(sets, drawnIds), [sets, drawnIds]);
  const charts = useMemo(
    () => (drawn.length === 0 ? null : benchCharts(drawn.map((s) => ({ name: s.name, summary: s.result.summary })), { logX, subtitle: chartSubtitle(drawnSets) })),
    [drawn, drawnSets, logX],
  );
  if (sets.length === 0) return null;
  if (charts === null) return <p className="bench-hint">Tick a run above to draw it.</p>;
  return (
    <section className="bench-results" aria-label="Benchmark results">
      <div className="bench-results-tools">
        <label className="toggle">
          <input type="checkbox" checked={logX} onChange={(e) => setLogX(e.currentTarget.checked)} />
          <span>Log-scale latency axis</span>
        </label>
        <button type="button" onClick={() => downloadText(resultsJson(drawnSets, drawn), 'bench-results.json', 'application/json')}>
          Download results (JSON)
        </button>
      </div>
      <Charts drawn={drawn} charts={charts} />
      <PercentileTable drawn={drawn} />
      <ByOpTable drawn={drawn} />
      <AcrossSeedsTable sets={sets} drawnIds={drawnIds} />
    </section>
  );
}
