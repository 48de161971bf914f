/**
 * OmniPaxos as a replica of the sans-IO contract: `omniPaxosProtocol` and its
 * registry entry `omniPaxosEntry` (name `omnipaxos`). Ballots embed the
 * leader's node id, so "one leader per term" says nothing here
 * (`oneLeaderPerTerm: false`); the invariant checker checks one leader per
 * ballot instead.
 */
import { checkOmniPaxosStates, createOmniPaxosCheckMemory } from '../../check/omniPaxosInvariants';
import type { Protocol } from '../contract';
import type { ProtocolEntry } from '../entry';
import { describeOmniPaxosMessage, omniPaxosMessageBytes, omniPaxosMessageType, viewOmniPaxos } from './describe';
import { compactOmniPaxos, createOmniPaxos, stepOmniPaxos } from './omniPaxos';
import { defaultOmniPaxosOptions, minTimerDelayUs } from './options';
import type { OmniPaxosMessage, OmniPaxosOptions, OmniPaxosState } from './types';

export { defaultOmniPaxosOptions } from './options';
export { compareBallots, formatBallot, noBallot } from './ballot';
export { DurableKey } from './storage';
export { messageHeaderBytes, entryHeaderBytes } from './describe';
export { quorumAcceptedIdx } from './commit';
export {
  RoleCode,
  TimerId,
  type Ballot,
  type Configuration,
  type OmniEntry,
  type OmniPaxosMessage,
  type OmniPaxosOptions,
  type OmniPaxosState,
  type StopSign,
} from './types';

export const omniPaxosProtocol: Protocol<OmniPaxosState, OmniPaxosMessage, OmniPaxosOptions> = {
  name: 'omnipaxos',
  defaultOptions: defaultOmniPaxosOptions,
  create: (nodeId, nodeCount, options, durable, ctx) => createOmniPaxos(nodeId, nodeCount, { ...defaultOmniPaxosOptions(), ...options }, durable, ctx),
  step: stepOmniPaxos,
  compact: compactOmniPaxos,
  view: viewOmniPaxos,
  messageType: omniPaxosMessageType,
  describeMessage: describeOmniPaxosMessage,
  messageBytes: omniPaxosMessageBytes,
  minTimerDelayUs: (options) => minTimerDelayUs({ ...defaultOmniPaxosOptions(), ...options }),
};

export const omniPaxosEntry: ProtocolEntry = {
  name: 'omnipaxos',
  description: 'OmniPaxos: Ballot Leader Election (quorum-connected servers) and Sequence Paxos, with StopSign reconfiguration',
  protocol: omniPaxosProtocol,
  presetOptions: {},
  checkStates: checkOmniPaxosStates,
  createCheckMemory: createOmniPaxosCheckMemory,
  oneLeaderPerTerm: false,
};
