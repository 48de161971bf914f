/** The determinism panel runs the seed on both hosts and finds the same trace hash. */
import { expect, test } from './fixtures';

test('"Compare hosts" shows matching trace hashes', async ({ page }) => {
  await page.goto('/?seed=42');
  await page.getByRole('button', { name: 'Compare hosts' }).click();
  await expect(page.getByText('Hashes match')).toBeVisible({ timeout: 60_000 });
  const inProcess = await page.getByTestId('hash-inprocess').textContent();
  const worker = await page.getByTestId('hash-worker').textContent();
  expect(inProcess).toMatch(/^[0-9a-f]{8,}$/);
  expect(worker).toBe(inProcess);
});
