/** Scenarios, narration, permalinks, files and classroom mode. */
import { readFileSync, readdirSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** Every built-in scenario: one JSON file each in src/scenarios. */
const ids = readdirSync(new URL('../src/scenarios/', import.meta.url))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''))
  .sort();
const slider = (page: Page) => page.getByRole('slider', { name: 'Virtual time' });
const hashOf = async (page: Page) => (await page.getByTestId('trace-hash').getAttribute('data-hash')) ?? '';
const nowOf = async (page: Page) => Number(await slider(page).getAttribute('data-now-us'));

async function goTo(page: Page, ms: number): Promise<void> {
  await page.getByLabel('Go to time (ms)').fill(String(ms));
  await page.getByRole('button', { name: 'Go', exact: true }).click();
  await expect.poll(() => nowOf(page)).toBe(Math.round(ms * 1000));
}

function scenarioText(id: string, change: (s: Record<string, unknown>) => void): string {
  const scenario = JSON.parse(readFileSync(`src/scenarios/${id}.json`, 'utf8')) as Record<string, unknown>;
  change(scenario);
  return JSON.stringify(scenario);
}

test('every built-in scenario opens from its permalink with the same trace', async ({ page }) => {
  test.setTimeout(180_000);
  for (const id of ids) {
    await page.goto(`/?scenario=${id}`);
    await expect(page.getByTestId('narration-count')).toBeVisible();
    await page.getByRole('toolbar', { name: 'Run controls' }).getByRole('button', { name: /Pause|Play/ }).click();
    await goTo(page, 2500);
    const hash = await hashOf(page);
    await page.getByRole('button', { name: 'Copy link' }).click();
    const link = await page.getByTestId('permalink').inputValue();
    expect(link).toContain('?run=');
    await page.goto(link);
    await expect.poll(() => nowOf(page), { message: id }).toBe(2_500_000);
    expect(await hashOf(page), id).toBe(hash);
    await expect(page.getByTestId('narration-count')).toBeVisible();
  }
});

test('a malformed link and an oversized one say what is wrong and start the default run', async ({ page, errors }) => {
  await page.goto('/?run=@@not-base64@@');
  await expect(page.getByRole('alert').filter({ hasText: 'not valid base64url' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^n1, / })).toBeVisible();

  // 2 MiB of spaces deflates to a few KiB: the page stops inflating at the limit.
  const bomb = deflateRawSync(Buffer.alloc(2 * 1024 * 1024, 32)).toString('base64url');
  await page.goto(`/?run=${bomb}`);
  await expect(page.getByRole('alert').filter({ hasText: 'larger than 1024 KiB when unpacked' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^n1, / })).toBeVisible();
  errors.length = 0;
});

test('a bad scenario file lists every problem with its path and leaves the run as it was', async ({ page }) => {
  await page.goto('/?seed=9&host=inprocess');
  await page.getByRole('toolbar', { name: 'Run controls' }).getByRole('button', { name: /Pause|Play/ }).click();
  await goTo(page, 700);
  const hash = await hashOf(page);
  const bad = scenarioText('leader-crash', (s) => {
    s.durationMs = 'long';
    (s.timeline as Record<string, unknown>[])[0].at = -5;
  });
  await page.getByTestId('scenario-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
  const dialog = page.getByRole('dialog', { name: /bad\.json is not a scenario/ });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('durationMs');
  await expect(dialog).toContainText('timeline[0].at');
  await dialog.getByRole('button', { name: 'Close' }).click();
  expect(await hashOf(page)).toBe(hash);
  expect(await nowOf(page)).toBe(700_000);
});

test('markup in a scenario file’s narration shows as text', async ({ page }) => {
  await page.goto('/?seed=9&host=inprocess');
  const markup = '<img src=x onerror="window.__pwned=1"> <b>bold?</b>';
  const file = scenarioText('first-election', (s) => {
    s.id = 'markup-test';
    (s.narration as { text: string }[])[0].text = markup;
  });
  await page.getByTestId('scenario-file').setInputFiles({ name: 'markup.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await expect(page.getByTestId('narration-count')).toBeVisible();
  await page.getByRole('button', { name: 'Pause' }).first().click();
  await page.getByLabel('Jump to step').selectOption('1');
  await expect(page.getByTestId('narration-text')).toHaveText(markup);
  await expect(page.getByTestId('narration-text').locator('img, b')).toHaveCount(0);
  expect(await page.evaluate('window.__pwned')).toBeUndefined();
});

test('classroom mode: large type, secondary panels hidden, ? lists every key, n and p move the narration', async ({ page }) => {
  await page.goto('/?scenario=leader-crash&classroom=1');
  await expect(page.locator('.app.classroom')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Trace', exact: true })).toHaveCount(0);
  await page.locator('body').focus();
  await page.keyboard.press('?');
  const overlay = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(overlay).toBeVisible();
  for (const what of ['play / pause', 'step one event', 'step back one event', 'next narration step', 'previous narration step']) await expect(overlay).toContainText(what);
  await page.keyboard.press('Escape');
  await expect(overlay).toBeHidden();
  await page.keyboard.press('n');
  await expect(page.getByTestId('narration-count')).toHaveText(/^Step [1-9]/);
  const first = await page.getByTestId('narration-count').textContent();
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('narration-count')).not.toHaveText(first ?? '');
  await page.keyboard.press('p');
  await expect(page.getByTestId('narration-count')).toHaveText(first ?? '');
});
