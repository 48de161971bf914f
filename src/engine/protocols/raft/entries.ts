/**
 * Registry entries for the two Raft variants: the protocol, its preset and
 * its invariant checker (run after every event in tests and dev builds).
 */
import { checkRaftInvariants, createRaftInvariantMemory, type RaftInvariantMemory } from '../../check/raftInvariants';
import type { AnyProtocol } from '../contract';
import type { ProtocolEntry } from '../entry';
import { raftProtocol, raftPvCqProtocol } from './index';
import type { RaftState } from './types';

const checkStates = (states: readonly unknown[], nowUs: number, memory: unknown): void =>
  checkRaftInvariants(states as readonly (RaftState | null)[], nowUs, memory as RaftInvariantMemory);

export const raftEntry: ProtocolEntry = {
  name: 'raft',
  description: 'Raft (§5): randomized elections, log replication with fast backup, snapshots, leadership transfer.',
  protocol: raftProtocol as unknown as AnyProtocol,
  presetOptions: {},
  checkStates,
  createCheckMemory: createRaftInvariantMemory,
  oneLeaderPerTerm: true,
};

export const raftPvCqEntry: ProtocolEntry = {
  name: 'raft-pv-cq',
  description: 'Raft with PreVote (thesis §9.6) and CheckQuorum, as etcd runs it.',
  protocol: raftPvCqProtocol as unknown as AnyProtocol,
  presetOptions: { preVote: true, checkQuorum: true },
  checkStates,
  createCheckMemory: createRaftInvariantMemory,
  oneLeaderPerTerm: true,
};
