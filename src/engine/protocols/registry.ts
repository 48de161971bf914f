/**
 * The protocols a world can run, by name. Scenarios, the CLI and the page
 * choose a protocol with one of these names.
 */
import type { ProtocolEntry } from './entry';

const entries = new Map<string, ProtocolEntry>();

export function registerProtocol(entry: ProtocolEntry): void {
  entries.set(entry.name, entry);
}

export function protocolNames(): string[] {
  return [...entries.keys()];
}

export function resolveProtocol(name: string): ProtocolEntry {
  const entry = entries.get(name);
  if (entry === undefined) throw new Error(`unknown protocol "${name}"; known: ${protocolNames().join(', ')}`);
  return entry;
}
