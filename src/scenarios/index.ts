/**
 * The built-in scenarios. Each is a JSON file in this folder, validated by
 * the same schema as a user's file.
 */
import { DataError } from '../engine/core/schema';
import { scenarioProblems } from '../engine/scenario/schema';
import type { Scenario } from '../engine/scenario/types';
import chained from './chained.json';
import constrainedElection from './constrained-election.json';
import firstElection from './first-election.json';
import leaderCrash from './leader-crash.json';
import logReplication from './log-replication.json';
import majorityPartition from './majority-partition.json';
import minorityPartition from './minority-partition.json';
import quorumLoss from './quorum-loss.json';
import snapshotCatchUp from './snapshot-catch-up.json';
import staleReadBug from './stale-read-bug.json';
import splitVote from './split-vote.json';
import oldLeaderOverwritten from './old-leader-overwritten.json';
import figure8 from './figure-8.json';
import shardsStatic from './shards-static.json';
import shardsJoinLeave from './shards-join-leave.json';
import shardsUnaffected from './shards-unaffected.json';
import shardsPartial from './shards-partial.json';
import shardsJoinLeaveCrash from './shards-join-leave-crash.json';
import shardsJoinLeaveUnreliable from './shards-join-leave-unreliable.json';

const files: unknown[] = [firstElection, splitVote, logReplication, leaderCrash, oldLeaderOverwritten, figure8, minorityPartition, majorityPartition, snapshotCatchUp, quorumLoss, constrainedElection, chained, staleReadBug, shardsStatic, shardsJoinLeave, shardsUnaffected, shardsPartial, shardsJoinLeaveCrash, shardsJoinLeaveUnreliable];

/** The sharded store's scenarios. */
export const shardScenarioIds = ['shards-static', 'shards-join-leave', 'shards-unaffected', 'shards-partial', 'shards-join-leave-crash', 'shards-join-leave-unreliable'] as const;

function load(value: unknown): Scenario {
  const problems = scenarioProblems(value);
  if (problems.length > 0) throw new DataError(`built-in scenario ${(value as { id?: string }).id ?? '?'}`, problems);
  return value as Scenario;
}

export const builtInScenarios: readonly Scenario[] = files.map(load);

export function builtInScenario(id: string): Scenario | undefined {
  return builtInScenarios.find((s) => s.id === id);
}

/** The three partial-connectivity scenarios of the OmniPaxos paper's Table 1. */
export const partialConnectivityIds = ['quorum-loss', 'constrained-election', 'chained'] as const;
