/**
 * Raft as a replica of the sans-IO contract: `raftProtocol` (name `raft`,
 * PreVote and CheckQuorum off) and `raftPvCqProtocol` (name `raft-pv-cq`, the
 * same code with both on by default, as etcd deployments run it).
 */
import type { Protocol } from '../contract';
import { describeRaftMessage, raftMessageBytes, raftMessageType, viewRaft } from './describe';
import { compactRaft, createRaft, defaultRaftOptions, stepRaft } from './raft';
import { minTimerDelayUs } from './roles';
import type { RaftMessage, RaftOptions, RaftState } from './types';

export { defaultRaftOptions } from './raft';
export { DurableKey } from './storage';
export { messageHeaderBytes, entryHeaderBytes } from './describe';
export { quorumMatchIndex } from './commit';
export {
  ProgressMode,
  RejectReason,
  RoleCode,
  TimerId,
  rejectReasonNames,
  roleNames,
  type RaftEntry,
  type RaftMessage,
  type RaftOptions,
  type RaftState,
} from './types';

function makeProtocol(name: string, defaults: () => RaftOptions): Protocol<RaftState, RaftMessage, RaftOptions> {
  return {
    name,
    defaultOptions: defaults,
    create: (nodeId, nodeCount, options, durable, ctx) => createRaft(nodeId, nodeCount, { ...defaults(), ...options }, durable, ctx),
    step: stepRaft,
    compact: compactRaft,
    view: viewRaft,
    messageType: raftMessageType,
    describeMessage: describeRaftMessage,
    messageBytes: raftMessageBytes,
    minTimerDelayUs: (options) => minTimerDelayUs({ ...defaults(), ...options }),
  };
}

export const raftProtocol = makeProtocol('raft', defaultRaftOptions);

export const raftPvCqProtocol = makeProtocol('raft-pv-cq', () => ({ ...defaultRaftOptions(), preVote: true, checkQuorum: true }));
