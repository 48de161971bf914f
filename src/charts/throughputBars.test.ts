/** Throughput bars: one bar per series at its throughput, error bars at its spread. */
import { describe, expect, it } from 'vitest';
import { seriesColor } from './palette';
import { findByClass, findElements, textsOfClass } from './testing/svgQuery';
import type { ThroughputBar } from './throughputBars';
import { throughputBars } from './throughputBars';
import { xmlProblems } from './wellFormed';

const bars: ThroughputBar[] = [
  { name: 'raft', opsPerSec: 1200, min: 900, max: 1400, stddev: 120 },
  { name: 'raft PV+CQ <&>', opsPerSec: 600, min: 0, max: 700, stddev: 300 },
  { name: 'omnipaxos, with a name far too long to fit under its bar', opsPerSec: 1000, min: 950, max: 1050, stddev: 20 },
];
const options = { width: 480, height: 320, title: 'Throughput' };

describe('throughput bars chart', () => {
  const { svg, model } = throughputBars(bars, options);
  const bottomPx = model.plot.y + model.plot.height;
  const pxPerOp = (bottomPx - model.plot.y) / (model.yDomainOpsPerSec[1] - model.yDomainOpsPerSec[0]);

  it('is well-formed and accessible', () => {
    expect(xmlProblems(svg)).toEqual([]);
    expect(findElements(svg, 'svg')[0].attributes.role).toBe('img');
    expect(findElements(svg, 'desc')[0].inner).toMatch(/raft: 1,200 ops\/s/);
  });

  it('has the y axis labelled with its unit and the series names under the bars', () => {
    expect(textsOfClass(svg, 'axis-label')).toEqual(['Throughput (ops/s)']);
    const xAxis = findByClass(svg, 'g', 'axis-x')[0].inner;
    const names = textsOfClass(xAxis, 'tick-label');
    expect(names.slice(0, 2)).toEqual(['raft', 'raft PV+CQ <&>']);
    expect(names[2]).toMatch(/^omnipaxos.*…$/);
    expect(textsOfClass(findByClass(svg, 'g', 'axis-y')[0].inner, 'tick-label')[0]).toBe('0');
  });

  it('draws one series rect per bar, in order and palette colours, with the full name and values in its title', () => {
    const rects = findByClass(svg, 'rect', 'series');
    expect(rects.map((r) => r.attributes['data-series'])).toEqual(bars.map((b) => b.name));
    expect(rects.map((r) => r.attributes.fill)).toEqual([0, 1, 2].map(seriesColor));
    expect(findElements(rects[2].inner, 'title')[0].inner).toMatch(/^omnipaxos, with a name far too long to fit under its bar: 1,000 ops\/s/);
  });

  it('makes bar heights proportional to throughput, from the x axis up', () => {
    for (const [i, bar] of model.bars.entries()) {
      expect(bar.y + bar.height).toBeCloseTo(bottomPx, 1);
      expect(bar.height).toBeCloseTo(bars[i].opsPerSec * pxPerOp, 1);
    }
  });

  it('draws a min–max whisker and a ±stddev stroke per bar', () => {
    const errorBars = findByClass(svg, 'g', 'error-bar');
    expect(errorBars.map((e) => e.attributes['data-series'])).toEqual(bars.map((b) => b.name));
    for (const [i, errorBar] of errorBars.entries()) {
      const whisker = findByClass(errorBar.inner, 'line', 'whisker')[0].attributes;
      expect(Number(whisker.y1)).toBeCloseTo(bottomPx - bars[i].min * pxPerOp, 1);
      expect(Number(whisker.y2)).toBeCloseTo(bottomPx - bars[i].max * pxPerOp, 1);
      expect(findByClass(errorBar.inner, 'line', 'whisker-cap')).toHaveLength(2);
      const stddev = findByClass(errorBar.inner, 'line', 'stddev')[0].attributes;
      expect(Number(stddev.y1)).toBeCloseTo(bottomPx - Math.max(0, bars[i].opsPerSec - bars[i].stddev) * pxPerOp, 1);
      expect(Number(stddev.y2)).toBeCloseTo(bottomPx - (bars[i].opsPerSec + bars[i].stddev) * pxPerOp, 1);
    }
  });

  it('scales the y axis to the tallest whisker', () => {
    expect(model.yDomainOpsPerSec[0]).toBe(0);
    expect(model.yDomainOpsPerSec[1]).toBeGreaterThanOrEqual(1400);
  });

  it('is deterministic', () => {
    expect(throughputBars(structuredClone(bars), { ...options }).svg).toBe(svg);
  });

  it('draws an empty chart for no bars', () => {
    const empty = throughputBars([], options);
    expect(xmlProblems(empty.svg)).toEqual([]);
    expect(findByClass(empty.svg, 'rect', 'series')).toHaveLength(0);
    expect(empty.model.bars).toEqual([]);
  });

  it('labels the x axis when asked', () => {
    expect(textsOfClass(throughputBars(bars, { ...options, xLabel: 'Protocol' }).svg, 'axis-label')).toEqual(['Protocol', 'Throughput (ops/s)']);
  });
});

describe('throughput bars across seeds', () => {
  const { svg, model } = throughputBars(bars, { ...options, spread: 'seeds' });

  it('say that bars are means, whiskers the lowest and highest seed, and the thick stroke the 95 % interval', () => {
    expect(xmlProblems(svg)).toEqual([]);
    const desc = findElements(svg, 'desc')[0].inner;
    expect(desc).toMatch(/at its mean over the seeds, with error bars from the lowest to the highest seed and the mean's 95 % confidence interval/);
    expect(desc).toMatch(/raft: mean 1,200 ops\/s \(lowest seed 900, highest 1,400, 95 % interval ± 120\)/);
    expect(desc).not.toMatch(/time bin/);
  });

  it('draw the same marks as over time bins', () => {
    expect(model).toEqual(throughputBars(bars, options).model);
  });
});
