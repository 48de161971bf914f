/**
 * Teaching by breaking: turn on the stale-reads bug from the "Break a rule"
 * menu (with the keyboard), let its scripted faults run, and the checker
 * finds a history no single order explains; the operations it is stuck on
 * are red in the history view, and one click takes the run back to the
 * moment one of them returned.
 */
import { expect, test } from './fixtures';

const seconds = (text: string | null) => Number(/([\d.]+) s/.exec(text ?? '')?.[1] ?? NaN);

test('stale reads: the checker reports a violation and the history shows where', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.goto('/?speed=2');
  await expect(page.getByRole('button', { name: /Pause/ })).toBeEnabled();

  // The menu, by keyboard: open, move to stale-reads, choose.
  const menuButton = page.getByRole('button', { name: 'Break a rule' });
  await menuButton.focus();
  await page.keyboard.press('ArrowDown');
  const menu = page.getByRole('menu', { name: 'Break a rule' });
  await expect(menu.getByRole('menuitemradio', { name: /None/ })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitemradio', { name: /stale-reads/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveCount(0);

  // The page says plainly that a rule is broken, and the link carries it.
  await expect(page.getByRole('region', { name: /Rule broken on purpose/ })).toContainText('Read from any replica without a quorum');
  await expect(page.getByRole('button', { name: /Rule broken: stale-reads/ })).toBeFocused();
  await expect(page).toHaveURL(/[?&]bug=stale-reads(&|$)/);
  await expect(page).toHaveURL(/[?&]clients=4(&|$)/);
  await expect(page.getByRole('tab', { name: /History/ })).toHaveAttribute('aria-selected', 'true');

  // Past the scripted partition, the stale reads have happened.
  const clock = page.locator('.clock-time');
  await expect(async () => expect(seconds(await clock.textContent())).toBeGreaterThan(1.6)).toPass({ timeout: 45_000 });
  await page.getByRole('button', { name: 'Check linearizability' }).click();
  const verdict = page.locator('.check-verdict');
  await expect(verdict).toContainText('Not linearizable', { timeout: 30_000 });
  await expect(page.getByRole('tab', { name: /violation/ })).toBeVisible();

  const stuck = page.locator('[data-stuck="true"]');
  await expect(stuck.first()).toBeVisible();
  await expect(stuck.first()).toHaveAttribute('aria-label', /^Stuck operation: c\d get k\d read /);
  await page.screenshot({ path: testInfo.outputPath('history-violation.png'), fullPage: true });

  // Jump to the moment the first stuck read returned: the run pauses there.
  const jump = page.getByRole('list', { name: 'Operations the checker is stuck on' }).getByRole('button').first();
  const target = seconds(await jump.textContent());
  await jump.click();
  await expect(page.getByRole('button', { name: /Play/ })).toBeVisible();
  await expect(async () => expect(Math.abs(seconds(await clock.textContent()) - target)).toBeLessThan(0.0011)).toPass({ timeout: 30_000 });
  await expect(page.locator('[data-stuck="true"]').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('history-jump.png'), fullPage: true });

  // And back to the correct protocol.
  await page.getByRole('button', { name: 'Restore the rule' }).click();
  await expect(page.getByRole('region', { name: /Rule broken on purpose/ })).toHaveCount(0);
  await expect(page).not.toHaveURL(/bug=/);
});
