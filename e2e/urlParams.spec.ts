/** A malformed link never gives a blank page: it says what was wrong and runs the default. */
import { cluster, expect, leaderNode, test } from './fixtures';

test('a malformed seed is explained, and a default cluster runs', async ({ page }) => {
  await page.goto('/?seed=abc&speed=1');
  const notice = page.getByRole('alert').filter({ hasText: 'seed' });
  await expect(notice).toHaveText(/The seed in the link, "abc", is not a whole number from 0 to 2\^53; started seed 1 instead\./);
  await expect(page).toHaveURL(/[?&]seed=1(&|$)/);
  await expect(cluster(page).getByRole('button', { name: /^n\d+, / })).toHaveCount(5);
  await expect(leaderNode(page)).toHaveCount(1, { timeout: 20_000 });
  await notice.getByRole('button', { name: 'Dismiss this message' }).click();
  await expect(notice).toHaveCount(0);
});

test('bad node count and host are explained too, and the seed in the link is kept', async ({ page }) => {
  await page.goto('/?seed=7&nodes=12&host=gpu&speed=1');
  await expect(page.getByRole('alert').filter({ hasText: 'node count' })).toContainText('"12"');
  await expect(page.getByRole('alert').filter({ hasText: 'host' })).toContainText('"gpu"');
  await expect(cluster(page).getByRole('button', { name: /^n\d+, / })).toHaveCount(5);
  await expect(page.getByRole('textbox', { name: 'Seed' })).toHaveValue('7');
  await expect(page).toHaveURL(/\?seed=7(&speed=1)?$/);
});

test('bad clients, bug, network and Raft option values are explained, and the run starts anyway', async ({ page }) => {
  await page.goto('/?seed=4&clients=99&bug=nope&loss=2&latency=9..3&prevote=maybe&speed=1');
  for (const [what, value] of [
    [/number of clients in the link/, '"99"'],
    [/bug in the link/, '"nope"'],
    [/loss ratio in the link/, '"2"'],
    [/latency in the link/, '"9..3"'],
    [/PreVote setting in the link/, '"maybe"'],
  ] as const) {
    await expect(page.getByRole('alert').filter({ hasText: what })).toContainText(value);
  }
  await expect(cluster(page).getByRole('button', { name: /^n\d+, / })).toHaveCount(5);
  await expect(page).toHaveURL(/\?seed=4(&speed=1)?$/);
});

test('a link with PreVote, clients and a lossy network starts that run', async ({ page }) => {
  await page.goto('/?seed=4&prevote=on&clients=2&latency=2..8&loss=0.05&speed=1');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('checkbox', { name: 'PreVote' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'CheckQuorum' })).not.toBeChecked();
  await expect(page.getByRole('combobox', { name: 'Clients' })).toHaveValue('2');
  await expect(page.getByRole('region', { name: 'Network' }).getByText('every link: 2–8 ms · 5 % loss')).toBeVisible();
  await expect(page.getByRole('tab', { name: /History/ })).toHaveAttribute('aria-selected', 'true');
});
