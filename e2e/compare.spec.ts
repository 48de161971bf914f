/**
 * The compare page: the chained scenario on three protocols at once, run
 * past its partition, then the paper's Table 1 measured in a Web Worker.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

function counter(page: Page, protocol: string, name: 'downtime' | 'leader-changes' | 'decided' | 'term') {
  return page.getByTestId(`counter-${protocol}-${name}`);
}

async function counterValue(page: Page, protocol: string, name: 'downtime' | 'leader-changes' | 'decided' | 'term'): Promise<number> {
  const raw = await counter(page, protocol, name).getAttribute('data-value');
  expect(raw, `${protocol} ${name}`).not.toBe('');
  const value = Number(raw);
  expect(Number.isFinite(value), `${protocol} ${name} is a number: ${raw}`).toBe(true);
  return value;
}

test('chained: three protocols past the partition, then Table 1 with one seed', async ({ page, errors }, testInfo) => {
  await page.goto('/compare.html?scenario=chained&seed=1');
  await expect(page.getByRole('heading', { name: 'Chained (partial connectivity)' })).toBeVisible();
  for (const protocol of ['raft', 'raft-pv-cq', 'omnipaxos']) {
    await expect(page.getByRole('group', { name: / cluster$/ }).getByRole('img', { name: new RegExp(`^${protocol} n\\d+, `) })).toHaveCount(3);
  }

  // Run at high speed until the scenario ends (the partition is 2 s – 10 s of 12 s).
  await page.getByRole('combobox', { name: /^Speed/ }).selectOption('20');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Replay' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('slider', { name: 'Virtual time' })).toHaveAttribute('aria-valuetext', '12.000 s');

  // OmniPaxos and Raft with PreVote + CheckQuorum recover, and PV+CQ keeps its leader.
  for (const protocol of ['omnipaxos', 'raft-pv-cq']) {
    await expect(counter(page, protocol, 'downtime')).toContainText(/\d ms/);
    expect(await counterValue(page, protocol, 'downtime')).toBeGreaterThan(0);
  }
  for (const protocol of ['raft', 'raft-pv-cq', 'omnipaxos']) {
    for (const name of ['leader-changes', 'decided', 'term'] as const) expect(await counterValue(page, protocol, name)).toBeGreaterThanOrEqual(0);
    expect(await counterValue(page, protocol, 'decided')).toBeGreaterThan(0);
  }
  expect(await counterValue(page, 'raft-pv-cq', 'leader-changes')).toBe(0);
  await expect(counter(page, 'raft-pv-cq', 'leader-changes')).toContainText('0');

  // Every server is named with its protocol, role and term or ballot.
  await expect(page.getByRole('img', { name: /^omnipaxos n\d, leader, ballot \d+, quorum-connected/ })).toHaveCount(1);
  await expect(page.getByRole('img', { name: /^raft-pv-cq n\d, leader, term \d+/ })).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath('compare-chained.png'), fullPage: true });

  // Table 1 with one seed, off the page's thread.
  await page.getByRole('spinbutton', { name: /^Seeds/ }).fill('1');
  await page.getByRole('button', { name: 'Run Table 1' }).click();
  await expect(page.getByTestId('table1-status')).toHaveText(/^Done: 9 cells × 1 seed/, { timeout: 60_000 });
  await expect(page.getByRole('progressbar', { name: 'Table 1 progress' })).toHaveAttribute('value', '9');
  for (const scenario of ['quorum-loss', 'constrained-election', 'chained']) {
    for (const protocol of ['raft', 'raft-pv-cq', 'omnipaxos']) {
      const cell = page.getByTestId(`table1-${scenario}-${protocol}`);
      await expect(cell).toHaveAttribute('data-verdict', /^(recovers|no-progress)$/);
      await expect(cell).toContainText(/recovered in [\d,.]+ ms|no progress/);
      await expect(cell).toContainText(/leader change/);
    }
  }
  await expect(page.getByTestId('table1-constrained-election-raft')).toContainText('no progress');
  await expect(page.getByTestId('table1-constrained-election-raft-pv-cq')).toContainText('no progress');
  await expect(page.getByTestId('table1-constrained-election-omnipaxos')).toContainText('recovered in');
  await page.locator('.cmp-table1').scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('compare-table1.png'), fullPage: true });
  expect(errors).toEqual([]);
});

test('a bad link is explained and the default shown; Table 1 can be cancelled', async ({ page, errors }) => {
  await page.goto('/compare.html?scenario=nope&seed=-3');
  await expect(page.getByRole('alert').filter({ hasText: 'The scenario in the link, "nope", is not one of quorum-loss, constrained-election, chained' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'The seed in the link, "-3", is not a whole number' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('quorum-loss');
  await expect(page).toHaveURL(/scenario=quorum-loss/);

  // The keyboard: Space plays and pauses when no control has the focus; a bad typed seed is explained.
  await page.getByRole('heading', { name: 'Partial connectivity: Raft beside OmniPaxos' }).click();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Seed' }).fill('abc');
  await expect(page.getByRole('alert').filter({ hasText: 'A seed is a whole number' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Seed' }).fill('7');
  await page.getByRole('textbox', { name: 'Seed' }).press('Enter');
  await expect(page).toHaveURL(/seed=7/);

  // A long run can be stopped; the page answers the keyboard meanwhile.
  await page.getByRole('spinbutton', { name: /^Seeds/ }).fill('50');
  await page.getByRole('button', { name: 'Run Table 1' }).click();
  await expect(page.getByTestId('table1-status')).toHaveText(/^Running seeds 1–50/);
  await page.getByRole('button', { name: 'Step →' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('slider', { name: 'Virtual time' })).not.toHaveAttribute('aria-valuetext', '0.000 s');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('table1-status')).toHaveText(/^Cancelled after \d of 9 cells/);
  expect(errors).toEqual([]);
});
