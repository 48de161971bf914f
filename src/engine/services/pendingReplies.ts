/**
 * Who waits for which proposed command on a replica: the clerk to answer
 * once the command's entry is applied here. Used by the key-value store, the
 * sharded store and the shard controller alike. Requests whose entries never
 * apply here (the replica lost its leadership) would pile up, so past a bound
 * the oldest half is forgotten; their clerks time out and retry elsewhere.
 * A Map keeps insertion order, which is proposal order (command ids grow),
 * and survives checkpoints (clonePlain) and structured clones alike.
 */
export type PendingReplies<T> = Map<number, T>;

/** At most this many unanswered requests are remembered per replica. */
export const maxPendingReplies = 4096;

export function createPendingReplies<T>(): PendingReplies<T> {
  return new Map();
}

/** Remember that `waiter` waits for command `commandId`. */
export function awaitReply<T>(table: PendingReplies<T>, commandId: number, waiter: T): void {
  table.set(commandId, waiter);
  if (table.size <= maxPendingReplies) return;
  let forget = table.size >> 1;
  for (const id of table.keys()) {
    if (forget-- === 0) break;
    table.delete(id);
  }
}

/** The waiter for command `commandId`, if any, which is no longer waiting after this. */
export function takeReply<T>(table: PendingReplies<T>, commandId: number): T | undefined {
  const waiter = table.get(commandId);
  if (waiter !== undefined) table.delete(commandId);
  return waiter;
}
