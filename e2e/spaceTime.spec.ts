/**
 * The Space-time tab: a lane per node, messages as arrows between them. Run
 * a second, pause, open the tab: arrows are drawn, one click reads a message,
 * and the cursor (the present) moves when the run steps.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const slider = (page: Page) => page.getByRole('slider', { name: 'Virtual time' });
const nowOf = async (page: Page) => Number(await slider(page).getAttribute('data-now-us'));
const playButton = (page: Page) => page.getByRole('toolbar', { name: 'Run controls' }).getByRole('button', { name: /Pause|Play/ });

test('the space-time diagram draws messages, reads one out, and follows the clock', async ({ page }, testInfo) => {
  await page.goto('/?seed=7');
  await expect(slider(page)).toBeVisible();
  await expect.poll(() => nowOf(page), { timeout: 20_000 }).toBeGreaterThan(1_000_000);
  await playButton(page).click();
  await expect(playButton(page)).toHaveText(/Play/);

  await page.getByRole('tab', { name: 'Space-time' }).click();
  await expect(page.getByRole('tab', { name: 'Space-time' })).toHaveAttribute('aria-selected', 'true');
  const chart = page.getByRole('group', { name: /^Space-time diagram of \d+ nodes/ });
  await expect(chart).toBeVisible();
  await expect(chart.getByRole('img', { name: /^n1 lane/ })).toBeVisible();
  const arrows = chart.getByRole('list', { name: 'Messages' }).getByRole('button');
  await expect.poll(() => arrows.count()).toBeGreaterThanOrEqual(10);
  await expect(arrows.first()).toHaveAttribute('aria-label', /^\w+ n\d→n\d, sent [\d.]+ ms, (delivered|dropped|in flight)/);

  // Click a delivered message: its details say what it was.
  const delivered = chart.getByRole('button', { name: /^AppendEntries n\d→n\d, sent [\d.]+ ms, delivered [\d.]+ ms$/ }).last();
  const name = (await delivered.getAttribute('aria-label')) ?? '';
  const [, type, from, to] = /^(\w+) (n\d)→(n\d)/.exec(name) ?? [];
  // The chart redraws while the page settles; dispatch the click rather than wait for a still frame.
  await delivered.dispatchEvent('click');
  const details = page.getByRole('region', { name: 'Message details' });
  await expect(details).toContainText(type);
  await expect(details).toContainText(`${from} → ${to}`);
  await expect(details).toContainText(/sent [\d.]+ ms · delivered [\d.]+ ms/);
  await expect(delivered).toHaveAttribute('aria-pressed', 'true');
  await page.screenshot({ path: testInfo.outputPath('space-time.png'), fullPage: true });

  // Keyboard: Enter on a focused arrow shows it; ←/→ move between messages without stepping the run.
  const before = await nowOf(page);
  await delivered.focus();
  await page.keyboard.press('ArrowLeft');
  const focused = page.locator(':focus');
  await expect.poll(async () => (await focused.getAttribute('aria-label')) ?? '').not.toBe(name);
  const moved = (await focused.getAttribute('aria-label')) ?? '';
  await page.keyboard.press('Enter');
  await expect(details).toContainText(moved.split(',')[0].split(' ')[0]);
  expect(await nowOf(page)).toBe(before);

  // Step: the cursor (the present) moves right.
  const cursor = chart.locator('.st-now');
  const x0 = Number(await cursor.getAttribute('data-x'));
  const nowText = await cursor.textContent();
  for (let i = 0; i < 5; i++) await page.getByRole('region', { name: 'Timeline' }).getByRole('button', { name: 'Step' }).click();
  await expect.poll(() => nowOf(page)).toBeGreaterThan(before);
  await expect(cursor).not.toHaveText(nowText ?? '');
  // Following the present: the window moves with it, so the cursor stays at the right edge; its time grows.
  expect(Number(await cursor.getAttribute('data-x'))).toBeGreaterThanOrEqual(x0 - 1);

  // Hold the window still (a little earlier, and wider, so that the present is inside it), then step: the cursor itself moves right.
  const tools = page.getByRole('toolbar', { name: 'Space-time view' });
  await tools.getByRole('button', { name: 'Earlier' }).click();
  await tools.getByRole('button', { name: '1 s' }).click();
  await expect(tools.getByRole('button', { name: 'Follow now' })).toHaveAttribute('aria-pressed', 'false');
  await expect(cursor).toBeVisible();
  const held = Number(await cursor.getAttribute('data-x'));
  const stepped = await nowOf(page);
  for (let i = 0; i < 10; i++) await page.getByRole('region', { name: 'Timeline' }).getByRole('button', { name: 'Step' }).click();
  await expect.poll(() => nowOf(page)).toBeGreaterThan(stepped);
  await expect.poll(async () => Number(await cursor.getAttribute('data-x'))).toBeGreaterThan(held);
});
