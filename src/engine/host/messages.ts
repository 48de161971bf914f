/**
 * What the coordinator and a node's worker say to each other. Everything is
 * plain data (structured-clone safe). A worker answers requests strictly in
 * the order it receives them.
 */
import type { ReplicaView } from '../protocols/contract';
import type { Effects } from '../sim/effects';
import type { NodeInput, NodeMachine, NodeWorldSetup } from '../sim/nodeRuntime';

export interface NodeWorkerSetup {
  protocolName: string;
  nodeId: number;
  world: NodeWorldSetup;
}

export interface BatchItem {
  timeUs: number;
  input: NodeInput;
}

export type NodeRequest =
  | { type: 'init'; setup: NodeWorkerSetup }
  | { type: 'boot'; nowUs: number; logTail: number }
  | { type: 'crash' }
  | { type: 'batch'; items: BatchItem[]; logTail: number }
  | { type: 'machine' }
  /** Nothing to do: answered at once with `ok` (what an empty window costs, for the benchmark). */
  | { type: 'ping' }
  | { type: 'close' };

export type NodeResponse =
  | { type: 'ok' }
  /** The effects of every step of a request in one buffer; `marks` says where each step's end (effects.ts `markStep`). */
  | { type: 'effects'; effects: Effects; marks: number[]; steps: number; view: ReplicaView | null }
  | { type: 'machine'; machine: NodeMachine }
  | { type: 'error'; message: string };

/** A way to talk to one node's worker; the browser and Node each provide one. */
export interface NodeChannel {
  request(request: NodeRequest): Promise<NodeResponse>;
  close(): void;
}

export type NodeChannelFactory = (nodeId: number) => NodeChannel;
