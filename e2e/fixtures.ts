/**
 * Shared helpers for the journeys: a page that fails the test on any
 * uncaught error, and ways to find nodes and links by their accessible names.
 */
import { test as base, expect, type Locator, type Page } from '@playwright/test';

export const test = base.extend<{ errors: string[] }>({
  errors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await use(errors);
    expect(errors, 'the page logged errors').toEqual([]);
  },
});

export { expect };

export function cluster(page: Page): Locator {
  return page.getByRole('group', { name: 'Cluster' });
}

/** The node whose accessible name says it leads. */
export function leaderNode(page: Page): Locator {
  return cluster(page).getByRole('button', { name: /^n\d+, leader, term \d+$/ });
}

export function node(page: Page, name: string): Locator {
  return cluster(page).getByRole('button', { name: new RegExp(`^${name}, `) });
}

export function link(page: Page, a: string, b: string): Locator {
  return cluster(page).getByRole('button', { name: new RegExp(`^link ${a}–${b}, `) });
}

/** "n3, leader, term 4" → { id: 'n3', term: 4 }. */
export function parseNodeName(name: string | null): { id: string; term: number } {
  const match = /^(n\d+), \w[\w-]*, term (\d+)$/.exec(name ?? '');
  if (match === null) throw new Error(`not a live node's name: ${name}`);
  return { id: match[1], term: Number(match[2]) };
}
