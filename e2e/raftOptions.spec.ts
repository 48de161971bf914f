/**
 * Raft's options and the network from the page: PreVote and CheckQuorum
 * toggles (named raft-pv-cq when both are on, and carried in the link), the
 * 6.824 unreliable network as actions on the running world, and a follower
 * that falls behind a compacted log catching up through InstallSnapshot.
 */
import { cluster, expect, leaderNode, test } from './fixtures';

test('PreVote + CheckQuorum, the unreliable preset, and a snapshot installed on a follower that fell behind', async ({ page }, testInfo) => {
  // Bounded waits below add up to more than the default on a slow machine.
  test.setTimeout(120_000);
  await page.goto('/?seed=3&clients=3&speed=2&host=inprocess');
  const settings = page.getByRole('group', { name: 'Run settings' });
  // Keep the trace to faults and elections, so that the operator's lines stay in view.
  const trace = page.getByRole('region', { name: 'Trace' });
  for (const chip of ['messages', 'clients', 'log']) await trace.getByRole('button', { name: chip, exact: true }).click();

  await settings.getByRole('checkbox', { name: 'PreVote' }).check();
  await expect(page).toHaveURL(/[?&]prevote=on(&|$)/);
  await expect(settings.getByRole('combobox', { name: 'Protocol' })).toHaveValue('raft');
  await settings.getByRole('checkbox', { name: 'CheckQuorum' }).check();
  // Both on is the raft-pv-cq preset: the protocol and the link say so.
  await expect(settings.getByRole('combobox', { name: 'Protocol' })).toHaveValue('raft-pv-cq');
  await expect(page).toHaveURL(/[?&]protocol=raft-pv-cq(&|$)/);
  await expect(page).not.toHaveURL(/prevote|checkquorum/);
  await expect(page.getByRole('region', { name: 'Node' }).getByText('pre vote')).toBeVisible();

  await expect(leaderNode(page)).toHaveCount(1, { timeout: 20_000 });

  // The 6.824 network, as an action on the running world.
  const network = page.getByRole('region', { name: 'Network' });
  await network.getByRole('button', { name: 'Unreliable (6.824)' }).click();
  await expect(network.getByText('every link: 1–26 ms · 10 % loss')).toBeVisible();
  await expect(trace.getByText('operator: network *→*')).toBeVisible();

  // Crash a follower, let the others commit and compact well past its log, then bring it back.
  const follower = cluster(page).getByRole('button', { name: /^n\d+, follower, term \d+$/ }).first();
  const id = ((await follower.getAttribute('aria-label')) ?? '').split(',')[0];
  await follower.click();
  await expect(cluster(page).getByRole('button', { name: `${id}, crashed` })).toBeVisible();
  const committed = page.locator('.stat-committed dd');
  const before = Number(((await committed.textContent()) ?? '0').replace(/,/g, ''));
  // Snapshots every 10 entries: 30 more commits put the leader's snapshot past anything the follower has.
  await expect(async () => {
    expect(Number(((await committed.textContent()) ?? '0').replace(/,/g, ''))).toBeGreaterThan(before + 30);
  }).toPass({ timeout: 40_000 });
  await cluster(page).getByRole('button', { name: `${id}, crashed` }).click();

  // The leader's log no longer has what the follower needs: it sends the snapshot.
  await page.getByRole('group', { name: 'Choose a node to inspect' }).getByRole('button', { name: id, exact: true }).click();
  await expect(page.getByTestId('snapshots-installed')).toHaveText(/^\d+ from the leader \(InstallSnapshot\)$/, { timeout: 30_000 });
  // Its log row shows the compacted prefix, hatched.
  await page.getByRole('tab', { name: 'Logs' }).click();
  await expect(page.locator('.log-row').nth(Number(id.slice(1)) - 1).locator('rect[fill="url(#log-hatch)"]')).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath('raft-options.png'), fullPage: true });
});

test('the network dials refuse a bad value with a message, and set one link both ways', async ({ page }) => {
  await page.goto('/?seed=5&speed=1&host=inprocess');
  const trace = page.getByRole('region', { name: 'Trace' });
  await trace.getByRole('button', { name: 'messages', exact: true }).click();
  const network = page.getByRole('region', { name: 'Network' });
  await expect(network.getByText('every link: 5–15 ms')).toBeVisible();
  await network.getByRole('combobox', { name: 'Links the dials act on' }).selectOption({ label: 'Link n1 ↔ n2' });
  await network.getByRole('textbox', { name: 'Loss, percent of messages' }).fill('150');
  await network.getByRole('button', { name: 'Apply to n1 ↔ n2' }).click();
  await expect(network.getByRole('alert')).toHaveText('Loss: enter a percentage from 0 to 100.');
  await expect(network.getByRole('textbox', { name: 'Loss, percent of messages' })).toHaveAttribute('aria-invalid', 'true');
  await network.getByRole('textbox', { name: 'Loss, percent of messages' }).fill('25');
  await network.getByRole('textbox', { name: 'Longest latency, ms' }).fill('40');
  await network.getByRole('button', { name: 'Apply to n1 ↔ n2' }).click();
  await expect(network.getByText('n1 ↔ n2: 5–40 ms · 25 % loss')).toBeVisible();
  await expect(trace.getByText('operator: network n1→n2')).toBeVisible();
  await expect(trace.getByText('operator: network n2→n1')).toBeVisible();
  // Every other link is as it was.
  await network.getByRole('combobox', { name: 'Links the dials act on' }).selectOption({ label: 'All links' });
  await expect(network.getByText(/links differ/)).toBeVisible();
});
