/** Leadership transfer from the node inspector: the chosen follower becomes leader (TimeoutNow, thesis §3.10). */
import { cluster, expect, leaderNode, parseNodeName, test } from './fixtures';

test('"Make leader" on a follower hands leadership to it', async ({ page }) => {
  await page.goto('/?seed=42&speed=1');
  await expect(leaderNode(page)).toHaveCount(1, { timeout: 20_000 });
  const old = parseNodeName(await leaderNode(page).getAttribute('aria-label'));
  const target = ['n1', 'n2', 'n3', 'n4', 'n5'].find((id) => id !== old.id) as string;
  // Keep the trace to elections, so that the transfer's lines stay in view.
  const trace = page.getByRole('region', { name: 'Trace' });
  for (const chip of ['messages', 'log']) await trace.getByRole('button', { name: chip, exact: true }).click();

  await page.getByRole('group', { name: 'Choose a node to inspect' }).getByRole('button', { name: target, exact: true }).click();
  await page.getByRole('button', { name: `Make ${target} leader` }).click();
  await expect(page.getByText(`Asked ${old.id} to hand leadership to ${target}`)).toBeVisible();

  await expect(cluster(page).getByRole('button', { name: new RegExp(`^${target}, leader, term \\d+$`) })).toBeVisible({ timeout: 20_000 });
  const now = parseNodeName(await leaderNode(page).getAttribute('aria-label'));
  expect(now.term).toBeGreaterThan(old.term);
  await expect(trace.getByText(`${old.id} asked ${target} to campaign at once`)).toBeVisible();
  await expect(trace.getByText(`${target} was asked by ${old.id} to campaign at once`)).toBeVisible();
});
