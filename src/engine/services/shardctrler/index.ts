/** The shard controller: configurations, minimal-movement rebalancing, the replicated service and its clerk. */
export * from './types';
export { balancedTargets, countMoves, imbalance, rebalance } from './rebalance';
export { applyCtrlerCommand, createShardCtrlerService, ctrlerReplyFor, freezeConfig, initialConfig, latestConfig, queryConfig } from './service';
export type { CtrlerSession, ShardCtrlerOptions, ShardCtrlerState } from './service';
export { createCtrlerClerk, ctrlerClerkIdle, ctrlerClerkMinTimerUs, ctrlerClerkOnReply, ctrlerClerkOnTimer, ctrlerClerkSubmit, defaultCtrlerClerkSettings } from './clerk';
export type { CtrlerClerkIo, CtrlerClerkSettings, CtrlerClerkState, CtrlerPendingRequest } from './clerk';
export { key2shard } from './key2shard';
export { configProblems, transitionProblems } from './checks';
