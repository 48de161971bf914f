/**
 * The smallest useful service: it counts applied commands and keeps a running
 * digest of their ids, so that two replicas that applied the same sequence
 * have equal states, and a snapshot is a few numbers. Used by the consensus
 * views until the key-value service is chosen.
 */
import type { Service } from './contract';

export interface CommandLogState {
  appliedCount: number;
  lastIndex: number;
  digest: number;
  /** The most recent command ids, newest last, for display. */
  recent: number[];
}

const recentKept = 8;

export const commandLogService: Service<CommandLogState> = {
  name: 'command-log',
  create: () => ({ appliedCount: 0, lastIndex: 0, digest: 0x811c9dc5, recent: [] }),
  apply(state, entry) {
    state.lastIndex = entry.index;
    if (entry.command === null) return null;
    state.appliedCount++;
    state.digest = Math.imul(state.digest ^ entry.command.id, 0x01000193) >>> 0;
    state.recent.push(entry.command.id);
    if (state.recent.length > recentKept) state.recent.shift();
    return state.appliedCount;
  },
  snapshot: (state) => Object.freeze({ ...state, recent: state.recent.slice() }),
  restore(data) {
    const s = data as CommandLogState;
    return { appliedCount: s.appliedCount, lastIndex: s.lastIndex, digest: s.digest, recent: s.recent.slice() };
  },
  sizeBytes: (state) => 24 + state.recent.length * 8,
};
