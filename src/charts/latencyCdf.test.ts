/** The latency CDF chart: a well-formed, accessible, deterministic SVG with one step line per series. */
import { describe, expect, it } from 'vitest';
import { cdf, createHistogram, record } from '../engine/bench/histogram';
import { powerOfTen } from './axes';
import type { CdfSeries } from './latencyCdf';
import { latencyCdf } from './latencyCdf';
import { seriesColor } from './palette';
import { findByClass, findElements, pathNumbers, textsOfClass } from './testing/svgQuery';
import { xmlProblems } from './wellFormed';

function series(name: string, latenciesUs: readonly number[]): CdfSeries {
  const h = createHistogram();
  for (const us of latenciesUs) record(h, us);
  return { name, points: cdf(h) };
}

const data: CdfSeries[] = [
  series('raft', [0, 150, 400, 900, 1_200, 2_500, 48_000]),
  series('raft <PV & CQ> "fast"', [300, 310, 320, 2_000, 9_000]),
  series('omnipaxos', [800, 850, 860, 870, 120_000, 3_600_000_000]),
];
const options = { width: 640, height: 400, title: 'Latency: "steady" & <crash>' };

describe('latency CDF chart', () => {
  const { svg, model } = latencyCdf(data, options);

  it('is well-formed XML with an accessible title, description, white background and inline font', () => {
    expect(xmlProblems(svg)).toEqual([]);
    const root = findElements(svg, 'svg')[0].attributes;
    expect(root.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(root.role).toBe('img');
    expect(root['font-family']).toMatch(/sans-serif/);
    expect(root.viewBox).toBe('0 0 640 400');
    expect(findElements(svg, 'title')[0].inner).toBe('Latency: &quot;steady&quot; &amp; &lt;crash&gt;');
    expect(findElements(svg, 'desc')[0].inner).toMatch(/3 series: raft, raft &lt;PV &amp; CQ&gt; &quot;fast&quot;, omnipaxos/);
    expect(findByClass(svg, 'rect', 'background')[0].attributes.fill).toBe('#ffffff');
    expect(textsOfClass(svg, 'chart-title')).toEqual([options.title]);
  });

  it('has both axes with their labels, units and ticks', () => {
    expect(textsOfClass(svg, 'axis-label')).toEqual(['Latency (ms)', 'Fraction of operations ≤ latency']);
    const xAxis = findByClass(svg, 'g', 'axis-x')[0].inner;
    const yAxis = findByClass(svg, 'g', 'axis-y')[0].inner;
    expect(findByClass(xAxis, 'line', 'tick').length).toBeGreaterThanOrEqual(3);
    expect(textsOfClass(yAxis, 'tick-label')).toEqual(['0.0', '0.2', '0.4', '0.6', '0.8', '1.0']);
    expect(Number(textsOfClass(xAxis, 'tick-label')[0])).toBe(0);
  });

  it('draws exactly one path per series, in input order and palette colours', () => {
    const paths = findElements(svg, 'path');
    expect(paths).toHaveLength(data.length);
    expect(paths.map((p) => p.attributes['data-series'])).toEqual(data.map((s) => s.name));
    expect(paths.every((p) => p.attributes.class === 'series')).toBe(true);
    expect(paths.map((p) => p.attributes.stroke)).toEqual([0, 1, 2].map(seriesColor));
  });

  it('has one legend entry per series', () => {
    const entries = findByClass(svg, 'g', 'legend-entry');
    expect(entries.map((e) => e.attributes['data-series'])).toEqual(data.map((s) => s.name));
    expect(entries.map((e) => e.attributes.class)).toEqual(['legend-entry', 'legend-entry', 'legend-entry']);
  });

  it('draws steps that only go right and up, through the model points', () => {
    for (const [i, path] of findElements(svg, 'path').entries()) {
      const points = model.series[i].points;
      const numbers = pathNumbers(path.attributes.d);
      // M x,baseline V y0 then H x V y per further point.
      expect(numbers).toHaveLength(3 + 2 * (points.length - 1));
      expect(numbers[1]).toBe(model.plot.y + model.plot.height);
      const xs = [numbers[0], ...numbers.slice(3).filter((_, k) => k % 2 === 0)];
      const ys = [numbers[2], ...numbers.slice(4).filter((_, k) => k % 2 === 0)];
      expect(xs).toEqual(points.map((p) => p.x));
      expect(ys).toEqual(points.map((p) => p.y));
      for (let k = 1; k < xs.length; k++) {
        expect(xs[k]).toBeGreaterThanOrEqual(xs[k - 1]);
        expect(ys[k]).toBeLessThan(ys[k - 1]);
      }
      expect(ys[ys.length - 1]).toBe(model.plot.y);
    }
  });

  it('gives the page every point with its data value, inside the plot area', () => {
    expect(model.series.map((s) => s.points.length)).toEqual(data.map((s) => s.points.length));
    expect(model.series[1].points.map((p) => [p.valueUs, p.fraction])).toEqual(data[1].points.map((p) => [p.valueUs, p.fraction]));
    const { plot } = model;
    for (const point of model.series.flatMap((s) => s.points)) {
      expect(point.x).toBeGreaterThanOrEqual(plot.x);
      expect(point.x).toBeLessThanOrEqual(plot.x + plot.width);
      expect(point.y).toBeGreaterThanOrEqual(plot.y);
      expect(point.y).toBeLessThanOrEqual(plot.y + plot.height);
    }
    expect(model.xDomainMs[0]).toBe(0);
    expect(model.xDomainMs[1]).toBeGreaterThanOrEqual(3_600_000);
    expect(model.logX).toBe(false);
  });

  it('is deterministic: the same data gives the same bytes', () => {
    expect(latencyCdf(structuredClone(data), { ...options }).svg).toBe(svg);
  });
});

describe('latency CDF chart, log scale', () => {
  const { svg, model } = latencyCdf(data, { ...options, logX: true });

  it('says so in the axis label', () => {
    expect(xmlProblems(svg)).toEqual([]);
    expect(textsOfClass(svg, 'axis-label')[0]).toBe('Latency (ms, log scale)');
  });

  it('has x ticks at powers of ten covering every value', () => {
    const xAxis = findByClass(svg, 'g', 'axis-x')[0].inner;
    const values = textsOfClass(xAxis, 'tick-label').map((label) => Number(label.replace(/,/g, '')));
    expect(values.length).toBeGreaterThanOrEqual(3);
    const powersOfTen = new Set(Array.from({ length: 25 }, (_, k) => powerOfTen(k - 12)));
    for (const value of values) expect(powersOfTen.has(value), `tick ${value}`).toBe(true);
    // Evenly spaced: every decade, or every second one when eleven decades would crowd the axis.
    expect(values.map((value) => Math.round(Math.log10(value)))).toEqual([-3, -1, 1, 3, 5, 7]);
    // 0 µs is drawn at 1 µs; the slowest value is one hour.
    expect(model.xDomainMs).toEqual([0.001, 10_000_000]);
  });

  it('puts a 0 µs latency at the left edge and keeps every point inside the plot', () => {
    expect(model.series[0].points[0]).toMatchObject({ valueUs: 0, x: model.plot.x });
    for (const point of model.series.flatMap((s) => s.points)) {
      expect(point.x).toBeGreaterThanOrEqual(model.plot.x);
      expect(point.x).toBeLessThanOrEqual(model.plot.x + model.plot.width);
    }
  });
});

describe('latency CDF chart, edge cases', () => {
  it('draws axes and no line for no series, and an empty path for a series with no points', () => {
    const none = latencyCdf([], options).svg;
    expect(xmlProblems(none)).toEqual([]);
    expect(findElements(none, 'path')).toHaveLength(0);
    expect(textsOfClass(none, 'axis-label')).toHaveLength(2);
    const empty = latencyCdf([{ name: 'idle', points: [] }], { ...options, logX: true }).svg;
    expect(xmlProblems(empty)).toEqual([]);
    expect(findElements(empty, 'path').map((p) => p.attributes.d)).toEqual(['']);
  });

  it('cuts a long legend name and keeps it whole in a title', () => {
    const name = 'a benchmark name far too long for any legend column';
    const { svg } = latencyCdf([{ name, points: [{ valueUs: 5, fraction: 1 }] }], options);
    const entry = findByClass(svg, 'g', 'legend-entry')[0];
    expect(entry.attributes['data-series']).toBe(name);
    expect(findElements(entry.inner, 'text')[0].inner).toMatch(/…$/);
    expect(findElements(entry.inner, 'title')[0].inner).toBe(name);
  });

  it('refuses a chart without a size', () => {
    expect(() => latencyCdf(data, { ...options, width: 0 })).toThrow(/width/);
  });
});
