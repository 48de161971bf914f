/** Everything works without a mouse: Tab reaches a node, Enter crashes and restarts it. */
import { expect, test } from './fixtures';

test('tab to a node and press Enter to crash it, and again to restart it', async ({ page }) => {
  await page.goto('/?seed=5&speed=1');
  await expect(page.getByRole('button', { name: /^n1, / })).toBeVisible();
  await page.locator('body').focus();

  let name = '';
  for (let presses = 0; presses < 40; presses++) {
    await page.keyboard.press('Tab');
    name = String(await page.evaluate('document.activeElement?.getAttribute("aria-label") ?? ""'));
    if (/^n\d+, /.test(name)) break;
  }
  expect(name, 'Tab never reached a node').toMatch(/^n\d+, /);
  const id = name.split(',')[0];

  await page.keyboard.press('Enter');
  await expect(page.locator(':focus')).toHaveAccessibleName(`${id}, crashed`);
  await expect(page.getByText(`operator: crash ${id}`)).toBeVisible();

  await page.keyboard.press('Enter');
  await expect(page.locator(':focus')).toHaveAccessibleName(new RegExp(`^${id}, (follower|candidate|pre-candidate|leader), term \\d+$`));

  // Tab moves on to the next node, and Space works like Enter.
  await page.keyboard.press('Tab');
  const next = (await page.locator(':focus').getAttribute('aria-label')) ?? '';
  expect(next).toMatch(/^n\d+, /);
  await page.keyboard.press(' ');
  await expect(page.locator(':focus')).toHaveAccessibleName(`${next.split(',')[0]}, crashed`);
});

test('space plays and pauses, and the arrow steps one event', async ({ page }) => {
  await page.goto('/?seed=5');
  const play = page.getByRole('toolbar', { name: 'Run controls' }).getByRole('button', { name: /Pause|Play/ });
  await expect(play).toHaveText(/Pause/);
  await page.locator('body').focus();
  await page.keyboard.press(' ');
  await expect(play).toHaveText(/Play/);
  // Each step processes the next event, so the virtual clock moves to that event's time.
  const clock = page.locator('.clock-time');
  const before = await clock.textContent();
  await expect(async () => {
    await page.keyboard.press('ArrowRight');
    expect(await clock.textContent()).not.toBe(before);
  }).toPass({ timeout: 5_000 });
  await expect(play).toHaveText(/Play/);
});
