/**
 * Bug toggles: rules broken on purpose, to show what the checkers catch.
 * Teaching by breaking: each one, on the seeds its scenario ships with,
 * produces a history the linearizability checker rejects or an invariant
 * that fires; with the toggle off the same seeds pass.
 */
export const bugCatalog = {
  'stale-reads': 'Read from any replica without a quorum: a Get is answered from the local state of whichever server the client asks, leader or not.',
  'reply-before-commit': 'Reply before commit: the leader answers a request as soon as it appends it, before a majority has it.',
  'forget-sessions': 'Forget the exactly-once table on restart: the table is left out of snapshots, so a restored server applies a retried request twice.',
  'vote-without-sync': 'Vote without persisting: a server grants its vote before the vote is durable, so after a crash it can vote twice in one term.',
} as const;

export type BugName = keyof typeof bugCatalog;

export const bugNames = Object.keys(bugCatalog) as BugName[];

export function isBugName(name: string): name is BugName {
  return Object.prototype.hasOwnProperty.call(bugCatalog, name);
}
