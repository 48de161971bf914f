/** The Shards view: a sharded store from the link, Join from the page, shards moving, the key router, a group opened by keyboard. */
import type { Page } from '@playwright/test';
import { key2shard } from '../src/engine/services/shardctrler/key2shard';
import { cluster, expect, test } from './fixtures';

const shardsView = (page: Page) => page.getByRole('region', { name: 'Shards' });
const cells = (page: Page) => shardsView(page).getByRole('button', { name: /^shard \d+, / });
const slider = (page: Page) => page.getByRole('slider', { name: 'Virtual time' });
const nowOf = async (page: Page) => Number(await slider(page).getAttribute('data-now-us'));

/** A key the clerks' key2shard puts in `shard` (of ten). */
function keyIn(shard: number): string {
  for (let i = 0; i < 1000; i++) if (key2shard(`k${i}`, 10) === shard) return `k${i}`;
  throw new Error(`no key k0…k999 falls in shard ${shard}`);
}

test('two groups serve every shard; Join g3 from the page moves shards to g3, the router follows, and a group opens by keyboard', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/?seed=3&shards=3&initial=2&speed=1');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(shardsView(page)).toBeVisible();

  // Configuration 1 (the start-up Join of g1 and g2) is served: every shard by g1 or g2.
  await expect(cells(page)).toHaveCount(10);
  await expect(shardsView(page).getByRole('button', { name: /^shard \d+, owned by g[12], serving$/ })).toHaveCount(10, { timeout: 20_000 });
  await expect(shardsView(page).getByRole('button', { name: /^g3, .*not a member$/ })).toBeVisible();
  await expect(shardsView(page).getByRole('button', { name: /^configuration 1, Join\(g1, g2\).*\(current\)$/ })).toBeVisible();

  // The key router: key → shard → owner → servers.
  const key = page.getByRole('textbox', { name: 'Key' });
  const route = page.getByTestId('key-route');
  await key.fill(keyIn(4));
  await expect(route).toContainText(new RegExp(`^${keyIn(4)} → shard 4 → g[12] → n\\d+`));

  // Join g3 through the store's action path.
  await shardsView(page).getByRole('button', { name: 'Join g3' }).click();
  await expect(shardsView(page).getByRole('button', { name: 'Leave g3' })).toBeVisible();
  await expect(shardsView(page).getByRole('button', { name: /^configuration 2, Join\(g3\), at [\d.]+ ms: g3 joined; shards [\d, and]+ moved to g3 \(current\)$/ })).toBeVisible();
  // Shards now belong to g3, each drawn in its state (received, or pushed still, or already served) …
  const toG3 = shardsView(page).getByRole('button', { name: /^shard \d+, owned by g3, (absent|sending|receiving|serving)/ });
  await expect.poll(() => toG3.count()).toBeGreaterThanOrEqual(3);
  // … and end up served there, none left in flight.
  await expect(shardsView(page).getByRole('button', { name: /^shard \d+, owned by g3, serving$/ })).toHaveCount(await toG3.count(), { timeout: 20_000 });
  await expect(shardsView(page).getByRole('button', { name: /^shard \d+, owned by g\d, serving$/ })).toHaveCount(10);
  await expect(shardsView(page).getByRole('button', { name: /^g3, 3 of 3 servers up, leader n1[0-2], term \d+, configuration 2, \d+ keys?, serving [3-4] shards$/ })).toBeVisible();

  // The router follows the configuration: a key of a shard g3 took routes to g3's servers.
  const taken = Number(await shardsView(page).getByRole('button', { name: /owned by g3, serving$/ }).first().getAttribute('data-shard'));
  await key.fill(keyIn(taken));
  await expect(route).toContainText(new RegExp(`^${keyIn(taken)} → shard ${taken} → g3 → n10(.*), n11(.*), n12`));

  // Keyboard: focus g3's mini cluster, Enter opens it in the cluster view, Enter again shows every group.
  const g3 = shardsView(page).getByRole('button', { name: /^g3, / });
  await g3.focus();
  await page.keyboard.press('Enter');
  await expect(g3).toHaveAttribute('aria-pressed', 'true');
  await expect(cluster(page).getByRole('button', { name: /^n\d+, / })).toHaveCount(3);
  await expect(cluster(page).getByRole('button', { name: /^n1[0-2], / })).toHaveCount(3);
  await expect(page.getByRole('group', { name: 'Servers shown in the cluster view' }).getByRole('status')).toHaveText('g3: n10, n11, n12');
  await page.keyboard.press('Enter');
  await expect(cluster(page).getByRole('button', { name: /^n\d+, / })).toHaveCount(12);
  await page.getByRole('button', { name: 'Show g0, the controller only' }).click();
  await expect(cluster(page).getByRole('button', { name: /^n[1-3], / })).toHaveCount(3);
  await page.getByRole('button', { name: 'All groups' }).click();
  await expect(cluster(page).getByRole('button', { name: /^n\d+, / })).toHaveCount(12);
});

test('Move hands one shard to the group asked, and going back in time undoes it', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/?seed=4&shards=2&speed=1');
  await expect(shardsView(page).getByRole('button', { name: /^shard \d+, owned by g[12], serving$/ })).toHaveCount(10, { timeout: 20_000 });
  const shard0 = shardsView(page).getByRole('button', { name: /^shard 0, / });
  const owner = Number(await shard0.getAttribute('data-owner'));
  const other = owner === 1 ? 2 : 1;

  // Choose shard 0 with the keyboard (Space on its cell), the other group in the select, and Move.
  await shard0.focus();
  await page.keyboard.press(' ');
  await expect(shard0).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('combobox', { name: 'Shard to move' })).toHaveValue('0');
  await page.getByRole('combobox', { name: 'Group to move the shard to' }).selectOption(String(other));
  await page.getByRole('toolbar', { name: 'Run controls' }).getByRole('button', { name: 'Pause' }).click();
  const beforeUs = await nowOf(page);
  await page.getByRole('button', { name: `Move s0 to g${other}` }).click();
  await page.getByRole('toolbar', { name: 'Run controls' }).getByRole('button', { name: 'Play' }).click();
  await expect(shardsView(page).getByRole('button', { name: new RegExp(`^shard 0, owned by g${other}, serving$`) })).toBeVisible({ timeout: 20_000 });
  await expect(shardsView(page).getByRole('button', { name: new RegExp(`^configuration 2, Move\\(s0 → g${other}\\)`) })).toBeVisible();

  // Back to before the Move: the old owner serves shard 0 again, and configuration 1 is the current one.
  await page.getByLabel('Go to time (ms)').fill(String(Math.floor(beforeUs / 1000) - 1));
  await page.getByRole('button', { name: 'Go', exact: true }).click();
  await expect(shardsView(page).getByRole('button', { name: new RegExp(`^shard 0, owned by g${owner}, serving$`) })).toBeVisible();
  await expect(shardsView(page).getByRole('button', { name: /^configuration 1, .*\(current\)$/ })).toBeVisible();

  // Forward again and out through a permalink: the Move is in the log, and the link reopens the same moment.
  await page.getByLabel('Go to time (ms)').fill(String(Math.floor(beforeUs / 1000) + 1500));
  await page.getByRole('button', { name: 'Go', exact: true }).click();
  await expect(shardsView(page).getByRole('button', { name: new RegExp(`^shard 0, owned by g${other}, serving$`) })).toBeVisible();
  const hash = await page.getByTestId('trace-hash').getAttribute('data-hash');
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByTestId('permalink').inputValue();
  await page.goto(link);
  await expect(shardsView(page).getByRole('button', { name: new RegExp(`^shard 0, owned by g${other}, serving$`) })).toBeVisible();
  await expect(page.getByTestId('trace-hash')).toHaveAttribute('data-hash', hash ?? '');

  // A tick of the configuration timeline goes to the moment its configuration was announced.
  await shardsView(page).getByRole('button', { name: /^configuration 1, Join\(g1, g2\), at / }).click();
  await expect(shardsView(page).getByRole('button', { name: /^configuration 1, .*\(current\)$/ })).toBeVisible();
  await expect(shardsView(page).getByRole('button', { name: new RegExp(`^shard 0, owned by g${owner}, `) })).toBeVisible();
});

test('a malformed shard count is explained and a default run starts; a sharded scenario shows the Shards view', async ({ page }) => {
  await page.goto('/?seed=2&shards=9&initial=1&speed=1');
  await expect(page.getByRole('alert').filter({ hasText: 'shard groups' })).toContainText('"9"');
  await expect(cluster(page).getByRole('button', { name: /^n\d+, / })).toHaveCount(5);
  await expect(shardsView(page)).toHaveCount(0);

  await page.goto('/?shards=2&host=worker&speed=1');
  await expect(page.getByRole('alert').filter({ hasText: 'in-process' })).toBeVisible();
  await expect(shardsView(page).getByRole('button', { name: /^g2, / })).toBeVisible();
  await expect(page).toHaveURL(/[?&]shards=2(&|$)/);
  await expect(page).not.toHaveURL(/host=/);

  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('shards-join-leave');
  await expect(page.getByTestId('narration-count')).toBeVisible();
  await expect(shardsView(page).getByRole('button', { name: /^shard \d+, owned by g\d, serving$/ })).toHaveCount(10, { timeout: 20_000 });
  await expect(shardsView(page).getByRole('button', { name: 'Leave g1' })).toBeVisible();
});
