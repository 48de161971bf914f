/**
 * PreVote and CheckQuorum as two toggles, kept consistent with the protocol
 * select: `raft-pv-cq` is Raft with both on (its registry preset), so the
 * page names the protocol after the toggles. Both on is `raft-pv-cq`;
 * anything else is `raft` with the options passed explicitly. Protocols
 * outside the Raft family have neither option.
 */

export const plainRaft = 'raft';
export const raftWithBoth = 'raft-pv-cq';

export interface RaftToggles {
  protocol: string;
  preVote: boolean;
  checkQuorum: boolean;
}

export function isRaftFamily(protocol: string): boolean {
  return protocol === plainRaft || protocol === raftWithBoth;
}

/**
 * The protocol name and toggles, made consistent. `protocols` lists the
 * registered names: when `raft-pv-cq` is not one, both toggles stay on
 * plain `raft` as options.
 */
export function withToggles<T extends RaftToggles>(config: T, preVote: boolean, checkQuorum: boolean, protocols: readonly string[]): T {
  if (!isRaftFamily(config.protocol)) return { ...config, preVote: false, checkQuorum: false };
  const both = preVote && checkQuorum && protocols.includes(raftWithBoth);
  return { ...config, protocol: both ? raftWithBoth : plainRaft, preVote, checkQuorum };
}

/** Choosing a protocol in the select: `raft-pv-cq` turns both toggles on, `raft` both off. */
export function withProtocol<T extends RaftToggles>(config: T, protocol: string): T {
  if (protocol === raftWithBoth) return { ...config, protocol, preVote: true, checkQuorum: true };
  return { ...config, protocol, preVote: false, checkQuorum: false };
}

/** The protocol options a world needs on top of the protocol's own preset (undefined: none). */
export function raftWorldOptions(config: RaftToggles): Record<string, boolean> | undefined {
  if (config.protocol !== plainRaft || (!config.preVote && !config.checkQuorum)) return undefined;
  return { preVote: config.preVote, checkQuorum: config.checkQuorum };
}
