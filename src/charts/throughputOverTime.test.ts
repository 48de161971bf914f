/** Throughput over time: a line per series, fault periods shaded and named beneath them. */
import { describe, expect, it } from 'vitest';
import type { FaultPeriod } from '../engine/bench/summary';
import { findByClass, findElements, pathNumbers, textsOfClass } from './testing/svgQuery';
import type { TimeSeries } from './throughputOverTime';
import { throughputOverTime } from './throughputOverTime';
import { xmlProblems } from './wellFormed';

const series: TimeSeries[] = [
  {
    name: 'raft',
    points: [0.25, 0.75, 1.25, 1.75, 2.25, 2.75].map((s, i) => ({ timeUs: s * 1e6, opsPerSec: [400, 410, 20, 0, 380, 420][i] })),
  },
  { name: 'omni "paxos" & co', points: [0.5, 1.5, 2.5].map((s, i) => ({ timeUs: s * 1e6, opsPerSec: [390, 300, 395][i] })) },
];
const faults: FaultPeriod[] = [
  { fromUs: 1_000_000, toUs: 2_000_000, label: 'crash n1 <leader>' },
  { fromUs: 2_500_000, toUs: 4_000_000, label: 'partition {n1,n2} | {n3}' },
  { fromUs: 5_000_000, toUs: 6_000_000, label: 'after the window' },
];
const options = { width: 720, height: 360, title: 'Throughput over time', domainUs: [0, 3_000_000] as const };

describe('throughput over time chart', () => {
  const { svg, model } = throughputOverTime(series, faults, options);

  it('is well-formed and accessible, naming the faults in its description', () => {
    expect(xmlProblems(svg)).toEqual([]);
    expect(findElements(svg, 'svg')[0].attributes.role).toBe('img');
    expect(findElements(svg, 'desc')[0].inner).toMatch(/shaded: crash n1 &lt;leader&gt;, partition/);
  });

  it('has both axes labelled with units, x ticks in seconds', () => {
    expect(textsOfClass(svg, 'axis-label')).toEqual(['Virtual time (s)', 'Throughput (ops/s)']);
    const xLabels = textsOfClass(findByClass(svg, 'g', 'axis-x')[0].inner, 'tick-label');
    expect(xLabels[0]).toBe('0.0');
    expect(xLabels[xLabels.length - 1]).toBe('3.0');
  });

  it('draws exactly one path per series through its points', () => {
    const paths = findElements(svg, 'path');
    expect(paths.map((p) => p.attributes['data-series'])).toEqual(series.map((s) => s.name));
    for (const [i, path] of paths.entries()) {
      expect(path.attributes.class).toBe('series');
      expect(pathNumbers(path.attributes.d)).toEqual(model.series[i].points.flatMap((p) => [p.x, p.y]));
    }
  });

  it('maps time linearly from the start of the domain to the right of the plot', () => {
    const { plot } = model;
    const xOf = (timeUs: number) => plot.x + (timeUs / 3_000_000) * plot.width;
    for (const point of model.series.flatMap((s) => s.points)) expect(point.x).toBeCloseTo(xOf(point.timeUs), 1);
    const zero = model.series[0].points[3];
    expect(zero.opsPerSec).toBe(0);
    expect(zero.y).toBe(plot.y + plot.height);
  });

  it('shades the faults that overlap the window, clipped to it, each with a title naming it', () => {
    const rects = findByClass(svg, 'rect', 'fault');
    expect(rects.map((r) => r.attributes['data-fault'])).toEqual(['crash n1 <leader>', 'partition {n1,n2} | {n3}']);
    expect(findElements(rects[0].inner, 'title')[0].inner).toBe('crash n1 &lt;leader&gt; (1–2 s)');
    const { plot } = model;
    expect(Number(rects[1].attributes.x) + Number(rects[1].attributes.width)).toBeCloseTo(plot.x + plot.width, 1);
    expect(model.faults.map((f) => f.label)).toEqual(['crash n1 <leader>', 'partition {n1,n2} | {n3}']);
    expect(svg.indexOf('class="fault"')).toBeLessThan(svg.indexOf('class="series"'));
  });

  it('lists the series in the legend, then the fault shading as a note', () => {
    const entries = findByClass(svg, 'g', 'legend-entry');
    expect(entries.map((e) => e.attributes['data-series'])).toEqual(['raft', 'omni "paxos" & co', undefined]);
    expect(entries[2].attributes.class).toBe('legend-entry legend-note');
    expect(findByClass(svg, 'rect', 'fault')).toHaveLength(2);
  });

  it('is deterministic', () => {
    expect(throughputOverTime(structuredClone(series), structuredClone(faults), { ...options }).svg).toBe(svg);
  });

  it('takes the x range from the points when none is given, and draws no fault note without faults', () => {
    const plain = throughputOverTime(series, [], { width: 720, height: 360, title: 't' });
    expect(plain.model.xDomainUs).toEqual([250_000, 2_750_000]);
    expect(findByClass(plain.svg, 'rect', 'fault')).toHaveLength(0);
    expect(findByClass(plain.svg, 'g', 'legend-note')).toHaveLength(0);
    expect(xmlProblems(throughputOverTime([], [], { width: 300, height: 200, title: 'empty' }).svg)).toEqual([]);
  });
});
