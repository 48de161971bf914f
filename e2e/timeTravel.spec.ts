/** Time travel: the scrubber, stepping back, branches; seeking never changes what the run does. */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const slider = (page: Page) => page.getByRole('slider', { name: 'Virtual time' });
const hashOf = async (page: Page) => (await page.getByTestId('trace-hash').getAttribute('data-hash')) ?? '';
const nowOf = async (page: Page) => Number(await slider(page).getAttribute('data-now-us'));
const playButton = (page: Page) => page.getByRole('toolbar', { name: 'Run controls' }).getByRole('button', { name: /Pause|Play/ });

async function goTo(page: Page, ms: number): Promise<void> {
  await page.getByLabel('Go to time (ms)').fill(String(ms));
  await page.getByRole('button', { name: 'Go', exact: true }).click();
  await expect.poll(() => nowOf(page)).toBe(Math.round(ms * 1000));
}

/** Pause, and wait for the frame under way to land. */
async function pauseSettled(page: Page): Promise<{ nowUs: number; hash: string }> {
  await playButton(page).click();
  await expect(playButton(page)).toHaveText(/Play/);
  let last = { nowUs: -1, hash: '' };
  await expect
    .poll(async () => {
      const next = { nowUs: await nowOf(page), hash: await hashOf(page) };
      const same = next.nowUs === last.nowUs && next.hash === last.hash;
      last = next;
      return same;
    })
    .toBe(true);
  return last;
}

test('seeking back, stepping and playing on, then seeking to a moment gives the hash of running straight there', async ({ page }) => {
  await page.goto('/?seed=11');
  await expect(slider(page)).toBeVisible();
  // Straight: the default host (Web Workers) plays to about a second.
  await expect.poll(() => nowOf(page), { timeout: 20_000 }).toBeGreaterThan(1_000_000);
  const straight = await pauseSettled(page);
  expect(straight.hash).toMatch(/^[0-9a-f]{8,}$/);

  // Back in time (this moves the run into the page's thread), a few steps, play on, pause.
  await goTo(page, 200);
  expect(await hashOf(page)).not.toBe(straight.hash);
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: /^Step/ }).first().click();
  await playButton(page).click();
  await page.waitForTimeout(400);
  await pauseSettled(page);

  // To the straight run's moment, exactly: the same trace.
  await goTo(page, straight.nowUs / 1000);
  expect(await hashOf(page)).toBe(straight.hash);

  // ← steps back one event: the clock moves to an earlier time.
  await page.locator('body').focus();
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => nowOf(page)).toBeLessThan(straight.nowUs);
});

test('acting in the past starts a branch; the list shows it and switches back', async ({ page }) => {
  await page.goto('/?seed=5&host=inprocess');
  await expect.poll(() => nowOf(page), { timeout: 20_000 }).toBeGreaterThan(800_000);
  await pauseSettled(page);
  const branches = page.getByRole('list', { name: 'Branches' });
  await expect(branches.getByRole('listitem')).toHaveCount(1);
  await goTo(page, 300);
  await page.getByRole('button', { name: 'Heal all' }).click();
  await expect(branches.getByRole('listitem')).toHaveCount(2);
  const fork = branches.getByRole('listitem').filter({ hasText: 'Branch 2' });
  await expect(fork).toContainText('forked at 300.0 ms');
  await expect(fork).toContainText('1 action');
  await expect(fork).toHaveAttribute('aria-current', 'true');
  await branches.getByRole('button', { name: 'Main' }).click();
  await expect(branches.getByRole('listitem').filter({ hasText: 'Main' })).toHaveAttribute('aria-current', 'true');
});
