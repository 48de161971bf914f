/**
 * The Benchmarks tab: choose A and B with 300 operations, run them in a
 * worker, read the charts by hovering, switch the CDF to a log axis,
 * download every export and check what is inside, open a point of
 * throughput over time in the lab (the same world: same trace hash), and
 * keep the lab running through a long benchmark that is then cancelled.
 */
import { readFile } from 'node:fs/promises';
import type { Download, Locator, Page } from '@playwright/test';
import { defaultBenchKnobs } from '../src/engine/bench/benchmarks';
import { createWorld } from '../src/engine/sim/world';
import { planSeries } from '../src/ui/bench/benchPlan';
import { runSeries } from '../src/engine/bench/runner';
import { acrossSeeds } from '../src/engine/bench/acrossSeeds';
import { acrossSeedsChart, runsSubtitle } from '../src/charts/benchCharts';
import { expect, test } from './fixtures';

const slider = (page: Page) => page.getByRole('slider', { name: 'Virtual time' });
const nowOf = async (page: Page) => Number(await slider(page).getAttribute('data-now-us'));
const panel = (page: Page) => page.getByRole('tabpanel', { name: 'Benchmarks' });
const status = (page: Page) => page.getByTestId('bench-status');

async function openBenchmarks(page: Page): Promise<void> {
  await page.getByRole('tab', { name: /^Benchmarks/ }).click();
  await expect(panel(page).getByRole('form', { name: 'Benchmark settings' })).toBeVisible();
}

async function choose(page: Page, names: string[]): Promise<void> {
  for (const checkbox of await panel(page).getByRole('group', { name: 'Benchmarks' }).getByRole('checkbox').all()) {
    const name = (await checkbox.getAttribute('aria-describedby'))?.replace('bench-desc-', '') ?? '';
    await checkbox.setChecked(names.includes(name));
  }
}

async function download(page: Page, button: Locator): Promise<{ file: Download; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = await file.path();
  return { file, bytes: await readFile(path) };
}

/** Data lines of a CSV (after its header), and the header. */
function csvRows(text: string): { header: string; rows: string[] } {
  const lines = text.trimEnd().split('\n');
  return { header: lines[0], rows: lines.slice(1) };
}

test('A and B with 300 operations: progress, charts, hover, log scale, every export, and a point opened in the lab', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/?seed=3');
  await expect(slider(page)).toBeVisible();
  await openBenchmarks(page);
  await choose(page, ['A', 'B']);

  // A bad value is named under its field, nothing runs, and what was typed stays.
  const ops = panel(page).getByRole('textbox', { name: 'Operations per series' });
  await ops.fill('3OO');
  await expect(panel(page).getByText('Operations per series: enter a whole number from 1 to 100,000.')).toBeVisible();
  await panel(page).getByRole('button', { name: 'Run benchmarks' }).click();
  await expect(panel(page).getByRole('alert')).toHaveText('Nothing ran: fix the problem above first.');
  await expect(ops).toBeFocused();
  await expect(ops).toHaveValue('3OO');
  await expect(ops).toHaveAttribute('aria-invalid', 'true');
  await ops.fill('300');
  await expect(panel(page).getByRole('alert')).toHaveCount(0);

  await panel(page).getByRole('button', { name: 'Run benchmarks' }).click();
  const overall = panel(page).getByRole('progressbar', { name: 'Overall progress' });
  await expect(overall).toHaveAttribute('aria-valuenow', /^\d+$/);
  await expect(status(page)).toHaveText(/^Done: 2 series in [\d.]+ s\.$/, { timeout: 60_000 });
  await expect(overall).toHaveAttribute('aria-valuenow', '100');
  await expect(panel(page).getByRole('progressbar', { name: 'Series progress' })).toHaveAttribute('aria-valuenow', '300');
  await expect(page.getByRole('tab', { name: /^Benchmarks/ })).toHaveAttribute('aria-selected', 'true');

  // The three charts, each the generated SVG with its accessible title, and the table.
  const results = panel(page).getByRole('region', { name: 'Benchmark results' });
  await expect(results.getByRole('img', { name: 'Latency CDF (raft, seed 1)' })).toBeVisible();
  await expect(results.getByRole('img', { name: 'Throughput (raft, seed 1)' })).toBeVisible();
  await expect(results.getByRole('img', { name: 'Throughput over time (raft, seed 1)' })).toBeVisible();
  const table = results.getByRole('table', { name: 'Latency percentiles and throughput' });
  await expect(table.getByRole('rowheader')).toHaveText(['A', 'B']);
  await expect(table.getByRole('columnheader')).toHaveText(['Series', 'p50 (ms)', 'p90 (ms)', 'p99 (ms)', 'p99.9 (ms)', 'max (ms)', 'Throughput (ops/s)', 'Operations measured']);
  await expect(table.getByRole('row', { name: /^A / }).getByRole('cell').first()).toHaveText(/^\d+\.\d\d$/);

  // On screen the charts look like their files: the page's own chart styles do not reach them.
  const cdfSvg = results.getByRole('img', { name: /^Latency CDF/ });
  const axisLabel = cdfSvg.locator('.axis-label').first();
  const style = (element: Locator) =>
    element.evaluate((e) => {
      const computed = (globalThis as unknown as { getComputedStyle: (e: unknown) => { fontFamily: string; fontSize: string; fill: string } }).getComputedStyle(e);
      return [computed.fontFamily, computed.fontSize, computed.fill];
    });
  expect(await style(axisLabel)).toEqual(await style(cdfSvg));

  // Hover on the CDF: the nearest point's latency and percentile.
  const cdf = results.getByRole('group', { name: 'Latency CDF chart' });
  await cdf.hover();
  const cdfReadout = page.getByTestId('bench-readout-cdf');
  await expect(cdfReadout).toHaveText(/^[AB]: \d+\.\d{3} ms, percentile \d+\.\d$/);
  // The keyboard reads points too: focus, then step along and across series.
  await cdf.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await expect(cdfReadout).toHaveText(/^[AB]: \d+\.\d{3} ms, percentile \d+\.\d$/);

  // Log scale: the CDF is redrawn on a log latency axis.
  await expect(cdf.locator('svg[role="img"]')).not.toContainText('log scale');
  await results.getByRole('checkbox', { name: 'Log-scale latency axis' }).check();
  await expect(cdf.locator('svg[role="img"]')).toContainText('Latency (ms, log scale)');

  // Every export: the chart files, the table and the raw results.
  for (const [what, base] of [
    ['latency CDF', 'latency-cdf'],
    ['throughput', 'throughput'],
    ['throughput over time', 'throughput-over-time'],
  ] as const) {
    const svg = await download(page, results.getByRole('button', { name: `Download ${what} as SVG` }));
    expect(svg.file.suggestedFilename()).toBe(`${base}.svg`);
    const text = svg.bytes.toString('utf8');
    expect(text.startsWith('<svg')).toBe(true);
    expect(text.match(/class="series"/g)).toHaveLength(2);
    expect(text).toContain('data-series="A"');
    expect(text).toContain('data-series="B"');
    if (base === 'latency-cdf') expect(text).toContain('Latency (ms, log scale)');

    const png = await download(page, results.getByRole('button', { name: `Download ${what} as PNG` }));
    expect(png.file.suggestedFilename()).toBe(`${base}.png`);
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // Twice the chart's 720 × 400 (the IHDR chunk's width and height).
    expect([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)]).toEqual([1440, 800]);

    const csv = await download(page, results.getByRole('button', { name: `Download ${what} as CSV` }));
    expect(csv.file.suggestedFilename()).toBe(`${base}.csv`);
    const { header, rows } = csvRows(csv.bytes.toString('utf8'));
    expect(header).toMatch(/^series,/);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(new Set(rows.map((r) => r.split(',')[0]))).toEqual(new Set(['A', 'B']));
  }
  const tableCsv = await download(page, results.getByRole('button', { name: 'Download the percentile table as CSV' }));
  expect(tableCsv.file.suggestedFilename()).toBe('percentiles.csv');
  const tableFile = csvRows(tableCsv.bytes.toString('utf8'));
  expect(tableFile.header).toBe('name,p50_ms,p90_ms,p99_ms,p99_9_ms,max_ms,throughput_ops_per_s,measured');
  expect(tableFile.rows.map((r) => r.split(',')[0])).toEqual(['A', 'B']);
  // Latency by operation: reads and writes apart, per series; its CSV is the command line's latency-by-op.csv.
  const byOp = results.getByRole('table', { name: 'Latency by operation' });
  await expect(byOp.getByRole('row', { name: /^A get / })).toBeVisible();
  await expect(byOp.getByRole('row', { name: /^B put / })).toBeVisible();
  const byOpCsv = await download(page, results.getByRole('button', { name: 'Download the latency by operation as CSV' }));
  expect(byOpCsv.file.suggestedFilename()).toBe('latency-by-op.csv');
  const byOpFile = csvRows(byOpCsv.bytes.toString('utf8'));
  expect(byOpFile.header).toBe('benchmark,protocol,op,completed,p50_ms,p90_ms,p99_ms,p99_9_ms,max_ms,mean_ms');
  expect(byOpFile.rows.map((r) => r.split(',').slice(0, 3).join(','))).toEqual(['A,raft,get', 'A,raft,put', 'B,raft,get', 'B,raft,put']);
  const json = await download(page, results.getByRole('button', { name: 'Download results (JSON)' }));
  expect(json.file.suggestedFilename()).toBe('bench-results.json');
  const parsed = JSON.parse(json.bytes.toString('utf8'));
  expect(parsed.format).toBe('consensus-lab/bench-results');
  expect(parsed.runs[0].series.map((s: { name: string }) => s.name)).toEqual(['A', 'B']);
  for (const s of parsed.runs[0].series) {
    expect(s.operations.length).toBeGreaterThanOrEqual(300);
    expect(s.summary.latency.p50Ms).toBeGreaterThan(0);
  }

  // Hover on throughput over time: the time and ops/s; a click opens that run in the lab, paused there.
  const overTime = results.getByRole('group', { name: 'Throughput over time chart' });
  await overTime.scrollIntoViewIfNeeded();
  await overTime.hover();
  const readout = page.getByTestId('bench-readout-over-time');
  await expect(readout).toContainText(/^[AB]: \d+\.\d{3} s, [\d,]+ ops\/s/);
  const series = (await readout.getAttribute('data-series')) ?? '';
  const atUs = Number(await readout.getAttribute('data-time-us'));
  expect(atUs).toBeGreaterThan(1_000_000);
  await overTime.click();
  await expect.poll(() => nowOf(page), { timeout: 30_000 }).toBe(atUs);
  await expect(page.getByRole('toolbar', { name: 'Run controls' }).getByRole('button', { name: /Play/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Shards' })).toBeVisible();
  await expect(page.getByText(`Opened benchmark ${series} in the lab, paused at ${(atUs / 1e6).toFixed(3)} s of virtual time.`)).toBeVisible();

  // The same world as the benchmark's: its config and actions, run to that moment here, give the same trace hash.
  const planned = planSeries(['A', 'B'], { ...defaultBenchKnobs, ops: 300 }).find((p) => p.label === series)!;
  const { checkpointMinEvents: _checkpoints, traceCapacity: _trace, ...config } = planned.series.config;
  const world = createWorld(config);
  world.runUntil(atUs);
  await expect(page.getByTestId('trace-hash')).toHaveAttribute('data-hash', world.traceHash());

  // The results stay for comparison, and the tab is still there to compare them.
  await expect(panel(page).getByRole('checkbox', { name: /^Run 1: A, B · raft, seed 1, 300 operations/ })).toBeChecked();
});

test('the lab keeps running while a long benchmark runs, and Cancel stops it', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/?seed=5');
  await expect.poll(() => nowOf(page), { timeout: 20_000 }).toBeGreaterThan(0);
  await openBenchmarks(page);
  // Ten series of 100,000 operations: many seconds of work, whatever the machine.
  await choose(page, ['A', 'B', 'C', 'serial', 'concurrent', 'sharded', 'raft-vs-omnipaxos', 'uniform-vs-hotspot']);
  await panel(page).getByRole('textbox', { name: 'Operations per series' }).fill('100000');
  await panel(page).getByRole('button', { name: 'Run benchmarks' }).click();
  await expect(status(page)).toHaveText(/^Running series \d+ of 10: /);
  await expect(page.getByRole('tab', { name: /^Benchmarks/ })).toContainText(/running \d+\/10/);

  // Progress moves and, meanwhile, the lab's clock advances and the page keeps drawing frames.
  const seriesBar = panel(page).getByRole('progressbar', { name: 'Series progress' });
  const overallBar = panel(page).getByRole('progressbar', { name: 'Overall progress' });
  const progress = async () => `${await overallBar.getAttribute('aria-valuenow')}/${await seriesBar.getAttribute('aria-valuenow')}`;
  await expect.poll(async () => Number(await seriesBar.getAttribute('aria-valuenow')), { timeout: 20_000 }).toBeGreaterThan(0);
  const before = await nowOf(page);
  const progressBefore = await progress();
  // Two seconds of frames. A benchmark on the page's thread would freeze it for a whole series (seconds
  // at 100,000 operations); off it, frames keep coming, if slowly on a busy two-core machine.
  const frames = await page.evaluate(
    () =>
      new Promise<{ count: number; longestGapMs: number }>((resolve) => {
        // The page's own frame clock (this file is type-checked without the DOM library).
        const { requestAnimationFrame } = globalThis as unknown as { requestAnimationFrame: (callback: (ms: number) => void) => number };
        let count = 0;
        let longestGapMs = 0;
        const start = performance.now();
        let last = start;
        const tick = () => {
          const now = performance.now();
          count++;
          longestGapMs = Math.max(longestGapMs, now - last);
          last = now;
          if (now - start < 2000) requestAnimationFrame(tick);
          else resolve({ count, longestGapMs });
        };
        requestAnimationFrame(tick);
      }),
  );
  expect(frames.count).toBeGreaterThanOrEqual(3);
  expect(frames.longestGapMs).toBeLessThan(3000);
  await expect.poll(() => nowOf(page), { timeout: 10_000 }).toBeGreaterThan(before);
  await expect.poll(progress, { timeout: 10_000 }).not.toBe(progressBefore);
  await expect(status(page)).toHaveText(/^Running series \d+ of 10: /);

  // Cancel: the worker ends at once, the series under way is dropped, and the lab plays on.
  await panel(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(status(page)).toHaveText(/^Cancelled after \d+ of 10 series/);
  const finished = Number(/after (\d+) of/.exec((await status(page).textContent()) ?? '')?.[1]);
  await expect(panel(page).getByRole('button', { name: 'Cancel' })).toBeDisabled();
  await expect(panel(page).getByRole('button', { name: 'Run benchmarks' })).toBeEnabled();
  await expect(page.getByRole('tab', { name: /^Benchmarks/ })).not.toContainText('running');
  const stopped = await progress();
  await page.waitForTimeout(500);
  expect(await progress()).toBe(stopped);
  // Series finished before Cancel are kept (not drawn until ticked); nothing is drawn meanwhile.
  if (finished > 0) await expect(panel(page).getByRole('checkbox', { name: new RegExp(`\\(cancelled: ${finished} of 10 series\\)$`) })).not.toBeChecked();
  else await expect(panel(page).getByRole('list', { name: 'Benchmark runs' })).toHaveCount(0);
  await expect(panel(page).getByRole('region', { name: 'Benchmark results' })).toHaveCount(0);
  const afterCancel = await nowOf(page);
  await expect.poll(() => nowOf(page), { timeout: 10_000 }).toBeGreaterThan(afterCancel);
});

test('compare runs: A alone, then B, drawn together; the keyboard opens a point in the lab', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/?seed=2');
  await openBenchmarks(page);
  await panel(page).getByRole('textbox', { name: 'Operations per series' }).fill('300');
  const run = async (name: string, done: RegExp) => {
    await choose(page, [name]);
    await panel(page).getByRole('button', { name: 'Run benchmarks' }).click();
    await expect(status(page)).toHaveText(done, { timeout: 60_000 });
  };
  await run('A', /^Done: 1 series/);
  await run('B', /^Done: 1 series/);

  // The newest run is drawn alone; tick the first to draw both.
  const runs = panel(page).getByRole('list', { name: 'Benchmark runs' });
  const first = runs.getByRole('checkbox', { name: /^Run 1: A · / });
  const second = runs.getByRole('checkbox', { name: /^Run 2: B · / });
  await expect(first).not.toBeChecked();
  await expect(second).toBeChecked();
  const cdf = panel(page).getByRole('img', { name: /^Latency CDF/ });
  await expect(cdf.locator('path.series')).toHaveCount(1);
  await first.check();
  await expect(cdf.locator('path.series')).toHaveCount(2);
  await expect(cdf.locator('path.series')).toHaveCount(2);
  expect(await cdf.locator('path.series').evaluateAll((paths) => paths.map((p) => p.getAttribute('data-series')))).toEqual(['A', 'B']);
  const percentiles = panel(page).getByRole('table', { name: 'Latency percentiles and throughput' });
  await expect(percentiles.getByRole('rowheader')).toHaveText(['A', 'B']);
  await second.uncheck();
  await expect(percentiles.getByRole('rowheader')).toHaveText(['A']);
  await second.check();

  // By keyboard: focus throughput over time, move to B's third point, Enter opens it in the lab.
  const overTime = panel(page).getByRole('group', { name: 'Throughput over time chart' });
  await overTime.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const readout = page.getByTestId('bench-readout-over-time');
  await expect(readout).toHaveAttribute('data-series', 'B');
  const atUs = Number(await readout.getAttribute('data-time-us'));
  await page.keyboard.press('Enter');
  await expect.poll(() => nowOf(page), { timeout: 30_000 }).toBe(atUs);
  await expect(page.getByText(/^Opened benchmark B in the lab/)).toBeVisible();
});

test('several seeds in one press: a run each, drawn together, and each figure across them with its CSV', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/?seed=2');
  await expect(slider(page)).toBeVisible();
  await openBenchmarks(page);
  await choose(page, ['A', 'B']);
  await panel(page).getByRole('textbox', { name: 'Operations per series' }).fill('200');
  await panel(page).getByRole('textbox', { name: 'Seed', exact: true }).fill('3');
  const seeds = panel(page).getByRole('textbox', { name: 'Seeds to run' });
  // A bad count is named and keeps what was typed.
  await seeds.fill('25');
  await panel(page).getByRole('button', { name: 'Run benchmarks' }).click();
  await expect(panel(page).getByText('Seeds to run: enter a whole number from 1 to 20.')).toBeVisible();
  await expect(seeds).toHaveValue('25');
  await seeds.fill('3');

  await panel(page).getByRole('button', { name: 'Run benchmarks' }).click();
  await expect(status(page)).toHaveText(/^Done: 2 series on each of 3 seeds in [\d.]+ s\.$/, { timeout: 90_000 });
  await expect(panel(page).getByRole('progressbar', { name: 'Overall progress' })).toHaveAttribute('aria-valuenow', '100');
  for (const [run, seed] of [
    [1, 3],
    [2, 4],
    [3, 5],
  ]) {
    await expect(panel(page).getByRole('checkbox', { name: new RegExp(`^Run ${run}: A, B · raft, seed ${seed}, 200 operations`) })).toBeChecked();
  }
  const results = panel(page).getByRole('region', { name: 'Benchmark results' });
  await expect(results.getByRole('img', { name: 'Latency CDF (raft, seeds 3, 4 & 5)' })).toBeVisible();

  const across = results.getByRole('table', { name: 'Across seeds: mean ± 95 % confidence interval' });
  await expect(across.getByRole('rowheader')).toHaveText(['A', 'B']);
  await expect(across.getByRole('row', { name: /^A / }).getByRole('cell').first()).toHaveText('3, 4, 5');
  await expect(across.getByRole('row', { name: /^A / }).getByRole('cell').nth(1)).toHaveText(/^[\d,]+ ± [\d,]+$/);

  // Its CSV: one row per benchmark, three seeds each, and the p50 mean is the mean of the three runs' p50.
  const csv = await download(page, results.getByRole('button', { name: 'Download the figures across seeds as CSV' }));
  expect(csv.file.suggestedFilename()).toBe('across-seeds.csv');
  const { header, rows } = csvRows(csv.bytes.toString('utf8'));
  const columns = header.split(',');
  expect(columns.slice(0, 4)).toEqual(['benchmark', 'protocol', 'seeds', 'throughput_ops_per_s_mean']);
  expect(rows.map((r) => r.split(',').slice(0, 3).join(','))).toEqual(['A,raft,3', 'B,raft,3']);
  const tableRows = await results.getByRole('table', { name: 'Latency percentiles and throughput' }).getByRole('row', { name: /^A \(run \d\) / }).all();
  const p50Cells = await Promise.all(tableRows.map((row) => row.getByRole('cell').first().innerText()));
  const mean = p50Cells.map(Number).reduce((a, b) => a + b, 0) / p50Cells.length;
  expect(p50Cells).toHaveLength(3);
  // The table shows two decimals, so its mean is within 0.005 ms of the file's.
  expect(Math.abs(Number(rows[0].split(',')[columns.indexOf('p50_ms_mean')]) - mean)).toBeLessThanOrEqual(0.005);

  // The chart across seeds: a bar per benchmark at its mean, hover reads it, and its files download.
  const acrossChart = results.getByRole('group', { name: 'Throughput across seeds chart' });
  await expect(acrossChart.getByRole('img', { name: 'Throughput across seeds (raft, seeds 3, 4 & 5)' })).toBeVisible();
  await acrossChart.scrollIntoViewIfNeeded();
  await acrossChart.hover();
  await expect(page.getByTestId('bench-readout-across-seeds')).toHaveText(/^[AB]: mean [\d,]+ ± [\d,]+ ops\/s \(seeds from [\d,]+ to [\d,]+\)$/);
  const acrossSvg = await download(page, results.getByRole('button', { name: 'Download throughput across seeds as SVG' }));
  expect(acrossSvg.file.suggestedFilename()).toBe('throughput-across-seeds.svg');
  expect(acrossSvg.bytes.toString('utf8').match(/class="series"/g)).toHaveLength(2);
  // The very bytes the command line writes for these runs (`npm run bench -- A B --ops 200 --seeds 3..5`).
  const sameRuns = [3, 4, 5].flatMap((seed) =>
    planSeries(['A', 'B'], { ...defaultBenchKnobs, ops: 200, seed }).map((p) => ({ ...runSeries(p.series, { ops: 200 })!, name: p.label })),
  );
  expect(acrossSvg.bytes.toString('utf8')).toBe(acrossSeedsChart(acrossSeeds(sameRuns), { subtitle: runsSubtitle(['raft'], [3, 4, 5]) }).svg);
  const acrossBars = await download(page, results.getByRole('button', { name: 'Download throughput across seeds as CSV' }));
  expect(csvRows(acrossBars.bytes.toString('utf8')).header).toBe('series,mean_ops_per_s,lowest_seed_ops_per_s,highest_seed_ops_per_s,ci95_ops_per_s');

  // Untick a run: the row lists the two seeds left; with one seed left, the hint comes back.
  await panel(page).getByRole('checkbox', { name: /^Run 3: / }).uncheck();
  await expect(across.getByRole('row', { name: /^A / }).getByRole('cell').first()).toHaveText('3, 4');
  await panel(page).getByRole('checkbox', { name: /^Run 2: / }).uncheck();
  await expect(results.getByText(/For each figure’s mean and 95 % confidence interval across seeds/)).toBeVisible();
});
