/**
 * The engine's public scripting API, used by the page, the CLI, scenarios and tests.
 */
export { World, createWorld } from './sim/world';
export { WorldBase, replayCommandFor, type WorldSummary } from './sim/worldBase';
export { WorkerWorld, type WorkerWorldOptions } from './host/workerWorld';
export type { NodeChannel, NodeChannelFactory, NodeRequest, NodeResponse } from './host/messages';
export { createNodeHost } from './host/nodeHost';
export { ConfigError, normalizeConfig, maxNodeCount, type WorldConfig, type ResolvedWorldConfig } from './sim/config';
export { describeAction, validateAction, type Action, type LoggedAction } from './sim/actions';
export { defaultLinkSettings, unreliableLinkSettings, linkSettingsOf, type LinkSettings, type NetworkState } from './sim/network';
export { RoleCode, type InFlightMessage, type RunStats } from './sim/coordinator';
export { dropReasonName, type TraceMark, type TraceRecord } from './sim/trace';
export { protocolEntries, protocolNames, resolveProtocol } from './protocols/registry';
export type { ReplicaView, Role, NodeId } from './protocols/contract';
export type { ProtocolEntry } from './protocols/entry';
export { InvariantViolation, nodeName } from './core/assert';
export { bugCatalog, bugNames, type BugName } from './sim/bugs';
export type { ClientSettings } from './clients/clerk';
export type { ClientOperationRecord } from './sim/trace';
export { parseScenario, scenarioProblems, maxScenarioBytes } from './scenario/schema';
export { runScenario, scenarioWorldConfig, applyStep, measureFault, resolveNode, ScenarioRuntimeError, type ScenarioResult, type FaultMeasurements } from './scenario/run';
export { narrate, fillText, type NarratedStep } from './scenario/narration';
export type { Scenario, TimelineStep, NarrationStep, Expectation } from './scenario/types';
export { DataError } from './core/schema';
export { makeRunFile, parseRunFile, runFileProblems, runWorldConfig, maxRunBytes, runFormat, runVersion, type RunFile } from './sim/runFile';
