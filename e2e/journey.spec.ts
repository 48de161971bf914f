/**
 * The first page's main journey, with the mouse: a leader is elected, the
 * user crashes it, a new leader takes over in a higher term, and a link is
 * cut and healed.
 */
import { cluster, expect, leaderNode, link, node, parseNodeName, test } from './fixtures';

test('crash the leader, watch a new one win a higher term, cut and heal a link', async ({ page, errors }, testInfo) => {
  await page.goto('/?seed=42&speed=1');
  await expect(cluster(page).getByRole('button', { name: /^n\d+, / })).toHaveCount(5);

  const first = leaderNode(page);
  await expect(first).toHaveCount(1, { timeout: 20_000 });
  const old = parseNodeName(await first.getAttribute('aria-label'));

  await node(page, old.id).click();
  await expect(node(page, old.id)).toHaveAccessibleName(`${old.id}, crashed`);

  // Some other node wins an election in a later term.
  await expect(async () => {
    const name = await leaderNode(page).getAttribute('aria-label', { timeout: 1000 });
    const next = parseNodeName(name);
    expect(next.id).not.toBe(old.id);
    expect(next.term).toBeGreaterThan(old.term);
  }).toPass({ timeout: 20_000 });
  await expect(page.getByText(/operator: crash/)).toBeVisible();

  // Cut a link between two live nodes, then heal it.
  const [a, b] = ['n1', 'n2', 'n3', 'n4', 'n5'].filter((id) => id !== old.id);
  await link(page, a, b).click();
  await expect(link(page, a, b)).toHaveAccessibleName(`link ${a}–${b}, cut`);
  await expect(page.getByText(new RegExp(`operator: cut ${a}↔${b}`))).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('lab-link-cut.png'), fullPage: true });
  await link(page, a, b).click();
  await expect(link(page, a, b)).toHaveAccessibleName(`link ${a}–${b}, up`);

  // The crashed node comes back when clicked again.
  await node(page, old.id).click();
  await expect(node(page, old.id)).not.toHaveAccessibleName(`${old.id}, crashed`);
  await page.screenshot({ path: testInfo.outputPath('lab.png'), fullPage: true });
  expect(errors).toEqual([]);
});
