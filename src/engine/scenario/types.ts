/**
 * Scenarios: declarative JSON data that sets up a world, acts on it at given
 * virtual times, narrates what happens and states what must be true. They
 * are data, never code: a schema validates them, and a bad file is reported
 * with every problem and its path (`timeline[3].at: must be a number`).
 *
 * Nodes are named as the page names them (`n1` … `n9`), or by role at the
 * moment a step runs: `leader`, `follower:k` (the k-th follower by id), or a
 * name bound by an earlier step (`$A`), so that faults can be placed relative
 * to whoever leads when they start. In a sharded world `leader:g2` is group
 * g2's leader and `g2:1` its first server (g0 is the shard controller).
 */
export const scenarioFormat = 'consensus-lab/scenario';
export const scenarioVersion = 1;

/** `n3`, `leader`, `follower:2`, `$A`. */
export type NodeRef = string;

export interface ScenarioNetwork {
  /** [min, max] link latency in ms. */
  latencyMs?: [number, number];
  lossRatio?: number;
  duplicateRatio?: number;
}

export interface ScenarioConfig {
  protocol: string;
  nodes: number;
  seed: number;
  network?: ScenarioNetwork;
  /** Protocol options in ms where they are times: electionTimeoutMs, heartbeatIntervalMs, preVote, checkQuorum. */
  options?: Record<string, number | boolean>;
  /** Steady commands to the leader, per virtual second. */
  commandsPerSecond?: number;
  clients?: { count: number; keys?: number; readRatio?: number; thinkTimeMs?: number; requestTimeoutMs?: number; opsPerClient?: number };
  snapshotEveryEntries?: number;
  bugs?: string[];
  /** A sharded world: `nodes` is then 0 or the total of all groups (see sim/topology.ts). */
  shards?: { controllerServers?: number; groupSizes?: number[]; initialGroups?: number; shardCount?: number; pollIntervalMs?: number; groupProtocols?: string[] };
}

export type StepAction =
  | { do: 'crash'; node: NodeRef }
  | { do: 'restart'; node: NodeRef }
  | { do: 'restart-all' }
  | { do: 'cut'; from: NodeRef; to: NodeRef; oneWay?: boolean }
  | { do: 'heal'; from: NodeRef; to: NodeRef; oneWay?: boolean }
  | { do: 'isolate'; node: NodeRef }
  /** Cut every link of `node` except those to `peers`. */
  | { do: 'keep-only'; node: NodeRef; peers: NodeRef[] }
  | { do: 'partition'; groups: NodeRef[][] }
  | { do: 'heal-all' }
  | { do: 'network'; latencyMs?: [number, number]; lossRatio?: number; duplicateRatio?: number }
  | { do: 'propose'; text?: string; count?: number }
  | { do: 'transfer-leadership'; to: NodeRef }
  /** Make `node` start an election now (its election timer fires early). */
  | { do: 'campaign'; node: NodeRef }
  /** Sharded: crash or restart every server of group `gid`. */
  | { do: 'crash-group'; gid: number }
  | { do: 'restart-group'; gid: number }
  /** Sharded: an administrator's Join, Leave or Move (shard → gids[0]). */
  | { do: 'shardctl'; op: 'join' | 'leave' | 'move'; gids: number[]; shard?: number };

export type TimelineStep = StepAction & {
  /** Virtual time of the step, in ms from the start. */
  at: number;
  /** Names to bind before the step runs, e.g. { "L": "leader", "A": "follower:1" }. */
  bind?: Record<string, NodeRef>;
  /** Marks the start or end of the fault period that measurements are about. */
  fault?: 'start' | 'end';
};

/** What a narration step waits for before it is shown. */
export type WaitFor =
  | { event: 'start' }
  | { event: 'time'; atMs: number }
  | { event: 'leader-elected'; minTerm?: number; notNode?: NodeRef }
  | { event: 'commit'; index: number }
  | { event: 'step'; step: number }
  | { event: 'vote-refused' }
  | { event: 'term-above'; term: number }
  | { event: 'snapshot' }
  | { event: 'op-completed'; count: number };

export interface NarrationStep {
  waitFor: WaitFor;
  /** Text with placeholders filled from what happened: {node}, {term}, {index}, {timeMs}, {leader}, {$A}. */
  text: string;
}

export type Expectation =
  | { kind: 'leader-elected' }
  | { kind: 'leader-changes'; min?: number; max?: number; duringFault?: boolean }
  | { kind: 'committed'; min: number }
  | { kind: 'linearizable'; value: boolean }
  | { kind: 'invariants-hold' }
  | { kind: 'invariant-violated' }
  | { kind: 'recovered-within'; ms: number | null }
  | { kind: 'no-progress-during-fault' }
  /** Sharded: the longest time a shard that never changed owner could not serve (shardMeasurements). */
  | { kind: 'unaffected-downtime'; maxMs: number }
  /** Sharded: operations on the shards `shardsOf` owned when the fault started complete after it started (or never do). */
  | { kind: 'shards-served'; shardsOf: number; served: boolean }
  | { kind: 'configs-applied'; min: number };

export interface Scenario {
  format: typeof scenarioFormat;
  version: typeof scenarioVersion;
  id: string;
  title: string;
  summary: string;
  config: ScenarioConfig;
  durationMs: number;
  timeline: TimelineStep[];
  narration: NarrationStep[];
  expect: Expectation[];
}
