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
