/**
 * The protocols a world can run, by name. Scenarios, the CLI and the page
 * choose a protocol with one of these names.
 */
import type { ProtocolEntry } from './entry';
import { raftEntry, raftPvCqEntry } from './raft/entries';
import { omniPaxosEntry } from './omnipaxos/index';

const entries = new Map<string, ProtocolEntry>([
  [raftEntry.name, raftEntry],
  [raftPvCqEntry.name, raftPvCqEntry],
  [omniPaxosEntry.name, omniPaxosEntry],
]);

export function protocolNames(): string[] {
  return [...entries.keys()];
}

export function protocolEntries(): ProtocolEntry[] {
  return [...entries.values()];
}

export function resolveProtocol(name: string): ProtocolEntry {
  const entry = entries.get(name);
  if (entry === undefined) throw new Error(`unknown protocol "${name}"; known: ${protocolNames().join(', ')}`);
  return entry;
}
