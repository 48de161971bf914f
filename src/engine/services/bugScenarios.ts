/**
 * One scenario per bug toggle (bugs.ts): a configuration, a script of actions
 * at fixed virtual times, and the seeds it ships with. On every shipped seed
 * the run with the toggle on is caught (the linearizability checker says
 * `not-linearizable`, or a safety invariant fires) and the same run with the
 * toggle off passes. Plain data for the CLI and the page, plus the one
 * function that runs a scenario; no clocks, no I/O.
 *
 * Clerks are network endpoints after the replicas (`nodeCount + client`).
 * `cut` and `partition` take replica numbers only, so the scenarios that
 * strand a clerk with some replicas give the clerk's other links a loss ratio
 * of 1 (`setNetwork` on that link), which drops every message sent over it.
 */
import { InvariantViolation } from '../core/assert';
import type { Action, LoggedAction } from '../sim/actions';
import type { BugName } from '../sim/bugs';
import type { WorldConfig } from '../sim/config';
import { createWorld } from '../sim/world';

/** How the bug shows: a history the checker rejects, or a safety invariant thrown while running. */
export type BugDetection = { readonly kind: 'not-linearizable' } | { readonly kind: 'invariant'; readonly invariant: string };

export interface BugScenario {
  readonly bug: BugName;
  readonly title: string;
  /** What happens, in sentences, for the page and the CLI. */
  readonly description: string;
  /** The world without its seed and bug list (the runner adds both). */
  readonly config: Omit<WorldConfig, 'seed' | 'bugs'>;
  /** Actions at fixed virtual times, in time order. */
  readonly script: readonly LoggedAction[];
  readonly untilUs: number;
  /**
   * Time of the first fault. With the toggle on, the history up to here is
   * still linearizable on the shipped seeds: the violation comes from the
   * faults, not from the calm start. `null` when the scenario has no calm start.
   */
  readonly calmUntilUs: number | null;
  readonly detection: BugDetection;
  /** Seeds on which the toggle is caught and the same run without it passes. */
  readonly seeds: readonly number[];
  /** Other protocols the same seeds were checked with (the config names the main one). */
  readonly alsoProtocols: readonly string[];
}

const at = (atUs: number, action: Action): LoggedAction => ({ atUs, action });

/** Both directions of the link between clerk `client` and replica `node`, losing every message (1) or none (0). */
function clerkLinkLoss(atUs: number, nodeCount: number, client: number, node: number, lossRatio: number): LoggedAction[] {
  const endpoint = nodeCount + client;
  return [at(atUs, { type: 'setNetwork', from: endpoint, to: node, lossRatio }), at(atUs, { type: 'setNetwork', from: node, to: endpoint, lossRatio })];
}

const staleReads: BugScenario = {
  bug: 'stale-reads',
  title: 'A cut-off replica answers reads from its frozen state',
  description:
    'At 0.5 s n1 is cut off from the other servers (clients still reach every server), so its state stops while the majority keeps writing. ' +
    'At 1.5 s clients c3 and c4 lose their links to n2–n5: only n1 hears them. With the bug, n1 answers their Gets at once from its own state, ' +
    'values the majority overwrote long ago, and the checker finds reads that no single order explains. Without the bug their requests wait ' +
    'for a quorum that n1 cannot reach and complete after the heal at 2.5 s.',
  config: { protocol: 'raft', nodeCount: 5, clients: { count: 4, keys: 2, readRatio: 0.9 } },
  script: [
    at(500_000, { type: 'partition', groups: [[0], [1, 2, 3, 4]] }),
    ...[2, 3].flatMap((client) => [1, 2, 3, 4].flatMap((node) => clerkLinkLoss(1_500_000, 5, client, node, 1))),
    at(2_500_000, { type: 'healAll' }),
    at(2_500_000, { type: 'setNetwork', from: null, to: null, lossRatio: 0 }),
  ],
  untilUs: 3_000_000,
  calmUntilUs: 500_000,
  detection: { kind: 'not-linearizable' },
  seeds: [1, 3, 4, 6, 8],
  alsoProtocols: ['raft-pv-cq'],
};

const replyBeforeCommit: BugScenario = {
  bug: 'reply-before-commit',
  title: 'A cut-off leader acknowledges writes it can never commit',
  description:
    'n1 leads at 1 s on the shipped seeds; then it is cut off from the other four servers, while the one client still reaches everyone. ' +
    'With the bug, n1 answers each write as soon as it appends it, though no majority will ever store it, and answers reads from what it ' +
    'applied: the client reads a key and its own acknowledged append is missing. The majority elects a new leader and the acknowledged ' +
    'writes vanish. Without the bug the writes time out, the client tries the next server and finds the new leader.',
  config: { protocol: 'raft', nodeCount: 5, clients: { count: 1, keys: 1 } },
  script: [at(1_000_000, { type: 'partition', groups: [[0], [1, 2, 3, 4]] }), at(2_500_000, { type: 'healAll' })],
  untilUs: 3_000_000,
  calmUntilUs: 1_000_000,
  detection: { kind: 'not-linearizable' },
  seeds: [1, 4, 5, 8, 12],
  alsoProtocols: ['raft-pv-cq'],
};

/** Crash and restart all three servers every 600 ms from 0.6 s to 5.4 s. */
function allCrashEvery600ms(): LoggedAction[] {
  const script: LoggedAction[] = [];
  for (let t = 600_000; t < 6_000_000; t += 600_000) {
    for (let node = 0; node < 3; node++) script.push(at(t, { type: 'crash', node }));
    for (let node = 0; node < 3; node++) script.push(at(t + 1, { type: 'restart', node }));
  }
  return script;
}

const forgetSessions: BugScenario = {
  bug: 'forget-sessions',
  title: 'A restart forgets which requests were applied',
  description:
    'Three servers snapshot after every entry; 20 % of messages are lost and every server crashes and restarts every 600 ms, so clients ' +
    'often retry a request whose first copy was already applied. Each server restarts from its snapshot; with the bug the snapshot leaves ' +
    'out the exactly-once table, so the retried append is applied a second time and a read sees the value twice. Without the bug the table ' +
    'survives the restart and the retry gets the cached reply.',
  config: {
    protocol: 'raft',
    nodeCount: 3,
    network: { lossRatio: 0.2 },
    snapshotEveryEntries: 1,
    clients: { count: 3, keys: 1, readRatio: 0.3, appendRatio: 1 },
  },
  script: allCrashEvery600ms(),
  untilUs: 6_500_000,
  calmUntilUs: null,
  detection: { kind: 'not-linearizable' },
  seeds: [2, 3, 4, 5, 6],
  alsoProtocols: ['raft-pv-cq'],
};

const voteWithoutSync: BugScenario = {
  bug: 'vote-without-sync',
  title: 'A server forgets its vote in a crash and votes twice in one term',
  description:
    'Every link takes exactly 5 ms and n1 and n3 cannot hear each other. n1 campaigns for term 1 at 1 ms and n3 at 5 ms. n2 grants n1 its vote ' +
    'at 6 ms, crashes at 7 ms and restarts at 8 ms, before n1’s first AppendEntries reaches it. With the bug the vote never reached the disk, ' +
    'so when n3’s request arrives at 10 ms n2 votes again in term 1: n1 and n3 both win term 1 and the election-safety invariant fires at ' +
    '15 ms. Without the bug n2 remembers its vote and refuses n3.',
  config: { protocol: 'raft', nodeCount: 3, network: { latencyMinUs: 5_000, latencyMaxUs: 5_000 } },
  script: [
    at(0, { type: 'cut', from: 0, to: 2, bothWays: true }),
    at(1_000, { type: 'control', node: 0, action: 'campaign', target: null }),
    at(5_000, { type: 'control', node: 2, action: 'campaign', target: null }),
    at(7_000, { type: 'crash', node: 1 }),
    at(8_000, { type: 'restart', node: 1 }),
  ],
  untilUs: 2_000_000,
  calmUntilUs: null,
  detection: { kind: 'invariant', invariant: 'election safety' },
  seeds: [1, 2, 3, 4, 5],
  alsoProtocols: [],
};

export const bugScenarios: readonly BugScenario[] = [staleReads, replyBeforeCommit, forgetSessions, voteWithoutSync];

export function bugScenarioFor(bug: BugName): BugScenario {
  const scenario = bugScenarios.find((s) => s.bug === bug);
  if (scenario === undefined) throw new Error(`no scenario for bug "${bug}"`);
  return scenario;
}

/** The world configuration of one run: the scenario's, with the seed, the toggle on or off, and invariants checked. */
export function bugScenarioConfig(scenario: BugScenario, seed: number, bugOn: boolean, protocol?: string): WorldConfig {
  return { ...scenario.config, protocol: protocol ?? scenario.config.protocol, seed, bugs: bugOn ? [scenario.bug] : [], checkInvariants: true };
}

export type BugRunOutcome = 'linearizable' | 'not-linearizable' | 'unknown' | 'invariant-violation';

export interface BugRunResult {
  readonly outcome: BugRunOutcome;
  /** The invariant that fired, or null. */
  readonly invariant: string | null;
  readonly message: string | null;
  /** Verdict of the history up to `calmUntilUs` (null when the scenario has no calm start or an invariant fired first). */
  readonly calmVerdict: 'linearizable' | 'not-linearizable' | 'unknown' | null;
  readonly opsCompleted: number;
  readonly replay: string;
}

/** Search steps the checker may spend: a history too hard to decide is `unknown`, never a pass. */
const checkStepBudget = 5_000_000;

/** Whether this run shows what the scenario promises for the toggle on (caught) or off (clean). */
export function bugRunAsExpected(scenario: BugScenario, bugOn: boolean, result: BugRunResult): boolean {
  if (!bugOn) return result.outcome === 'linearizable';
  if (scenario.detection.kind === 'invariant') return result.outcome === 'invariant-violation' && result.invariant === scenario.detection.invariant;
  return result.outcome === 'not-linearizable' && (scenario.calmUntilUs === null || result.calmVerdict === 'linearizable');
}

/** Run one seed of a scenario with the toggle on or off. An invariant violation is an outcome, not an exception. */
export function runBugScenario(scenario: BugScenario, seed: number, bugOn: boolean, protocol?: string): BugRunResult {
  const world = createWorld(bugScenarioConfig(scenario, seed, bugOn, protocol), scenario.script);
  let calmVerdict: BugRunResult['calmVerdict'] = null;
  try {
    if (scenario.calmUntilUs !== null) {
      world.runUntil(scenario.calmUntilUs);
      calmVerdict = world.checkHistory({ maxSteps: checkStepBudget }).verdict;
    }
    world.runUntil(scenario.untilUs);
  } catch (error) {
    if (!(error instanceof InvariantViolation)) throw error;
    return { outcome: 'invariant-violation', invariant: error.invariant, message: error.message, calmVerdict, opsCompleted: world.stats().opsCompleted, replay: world.replayCommand() };
  }
  const verdict = world.checkHistory({ maxSteps: checkStepBudget }).verdict;
  return { outcome: verdict, invariant: null, message: null, calmVerdict, opsCompleted: world.stats().opsCompleted, replay: world.replayCommand() };
}
