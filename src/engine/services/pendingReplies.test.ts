import { describe, expect, it } from 'vitest';
import { clonePlain } from '../core/clone';
import { awaitReply, createPendingReplies, maxPendingReplies, takeReply } from './pendingReplies';

describe('pending replies', () => {
  it('answers each waiter once', () => {
    const table = createPendingReplies<string>();
    awaitReply(table, 16, 'clerk a');
    awaitReply(table, 32, 'clerk b');
    expect(takeReply(table, 32)).toBe('clerk b');
    expect(takeReply(table, 32)).toBeUndefined();
    expect(takeReply(table, 48)).toBeUndefined();
    expect(takeReply(table, 16)).toBe('clerk a');
    expect(table.size).toBe(0);
  });

  it('past the bound, forgets the oldest half and keeps the newest', () => {
    const table = createPendingReplies<number>();
    for (let i = 1; i <= maxPendingReplies; i++) awaitReply(table, i * 16, i);
    expect(table.size).toBe(maxPendingReplies);
    awaitReply(table, (maxPendingReplies + 1) * 16, maxPendingReplies + 1);
    const kept = maxPendingReplies + 1 - ((maxPendingReplies + 1) >> 1);
    expect(table.size).toBe(kept);
    expect(takeReply(table, 16)).toBeUndefined();
    expect(takeReply(table, (maxPendingReplies + 1 - kept) * 16)).toBeUndefined();
    expect(takeReply(table, (maxPendingReplies + 2 - kept) * 16)).toBe(maxPendingReplies + 2 - kept);
    expect(takeReply(table, (maxPendingReplies + 1) * 16)).toBe(maxPendingReplies + 1);
  });

  it('a checkpoint copy keeps the order, so both forget the same requests', () => {
    const table = createPendingReplies<{ endpoint: number }>();
    for (let i = 1; i <= maxPendingReplies; i++) awaitReply(table, i, { endpoint: i % 7 });
    const copy = clonePlain(table);
    awaitReply(table, maxPendingReplies + 1, { endpoint: 0 });
    awaitReply(copy, maxPendingReplies + 1, { endpoint: 0 });
    expect([...copy.keys()]).toEqual([...table.keys()]);
  });
});
