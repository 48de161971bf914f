/**
 * What both hosts share: the coordinator state, the trace journal, the action
 * log, and every way of reading the world that does not need the replicas
 * themselves. The in-process `World` and the worker host's `WorkerWorld`
 * extend it and differ only in how they run replica steps.
 */
import { assert } from '../core/assert';
import { clonePlain } from '../core/clone';
import type { ProtocolEntry } from '../protocols/entry';
import { resolveProtocol } from '../protocols/registry';
import { validateAction, type Action, type LoggedAction } from './actions';
import { normalizeConfig, type ResolvedWorldConfig, type WorldConfig } from './config';
import { createCoordinator, currentLeader, inFlight, nextEventTimeUs, type CoordinatorState, type InFlightMessage, type RunStats } from './coordinator';
import { ctrlerOpOf, traceAction } from './planAction';
import { describeAction, type ShardShape } from './actions';
import { submitAdmin } from './clients';
import { ctrlerClerkMinTimerUs, defaultCtrlerClerkSettings } from '../services/shardctrler/clerk';
import { minimumLatencyUs, type NetworkState } from './network';
import { clerkMinTimerUs } from '../clients/clerk';
import { toCheckerOperations } from '../clients/history';
import { check, type CheckOptions, type CheckResult } from '../check/linearizability/checker';
import { kvModel } from '../check/linearizability/models';
import type { Operation } from '../check/linearizability/history';
import type { ClientOperationRecord } from './trace';
import { historyRecords } from './historyStore';
import type { NodeWorldSetup } from './nodeRuntime';
import { createJournal, readTrace, traceHashHex, type TraceMark, type TraceRecord, type Journal } from './trace';

export interface WorldSummary {
  seed: number;
  protocol: string;
  nodeCount: number;
  virtualTimeMs: number;
  traceHash: string;
  leaders: Record<string, number>;
  committed: number;
  messages: { sent: number; delivered: number; dropped: number };
  events: number;
  opsCompleted: number;
}

export abstract class WorldBase {
  readonly config: ResolvedWorldConfig;
  readonly entry: ProtocolEntry;
  /** Protocol options with defaults and the entry's preset applied. */
  readonly options: Record<string, unknown>;
  /** Per replica group: its protocol (the world's unless `shards.groupProtocols` says otherwise) and its options. */
  readonly groupEntries: ProtocolEntry[];
  readonly groupOptions: Record<string, unknown>[];
  /** Per replica: its group's protocol. */
  protected readonly entryOfNode: ProtocolEntry[];
  protected c: CoordinatorState;
  protected readonly journal: Journal;
  /** Every action applied or scheduled, in time order; with the config it reproduces the run. */
  protected readonly actionLog: LoggedAction[] = [];
  /** Index of the next logged action still to apply. */
  protected actionCursor = 0;

  constructor(config: WorldConfig, scheduledActions: readonly LoggedAction[]) {
    this.config = normalizeConfig(config);
    this.entry = typeof config.protocol === 'string' ? resolveProtocol(config.protocol) : config.protocol;
    const optionsFor = (entry: ProtocolEntry): Record<string, unknown> => ({
      ...(entry.protocol.defaultOptions() as object),
      ...entry.presetOptions,
      ...this.config.options,
      ...(this.config.bugs.includes('vote-without-sync') ? { bugVoteWithoutSync: true } : {}),
    });
    this.options = optionsFor(this.entry);
    this.groupEntries = this.config.groups.map((g) => (g.protocol === null ? this.entry : resolveProtocol(g.protocol)));
    this.groupOptions = this.groupEntries.map((entry) => (entry === this.entry ? this.options : optionsFor(entry)));
    this.entryOfNode = this.config.groups.flatMap((g) => new Array<ProtocolEntry>(g.size).fill(this.groupEntries[g.index]));
    this.c = createCoordinator(this.config);
    this.journal = createJournal(this.config.traceCapacity, this.config.groups.length);
    for (const logged of scheduledActions) {
      const problems = validateAction(logged.action, this.config.nodeCount, this.c.endpointCount, this.shardShape());
      if (problems.length > 0) throw new Error(`action at ${logged.atUs}us (${logged.action.type}): ${problems.join('; ')}`);
      const last = this.actionLog[this.actionLog.length - 1];
      assert(last === undefined || last.atUs <= logged.atUs, 'scheduled actions must be in time order');
      this.actionLog.push({ atUs: logged.atUs, action: clonePlain(logged.action) });
    }
  }

  /** No event can be caused sooner than this after its cause: the worker host's window. */
  lookaheadUs(): number {
    const clients = this.config.clients.count > 0 ? clerkMinTimerUs(this.config.clients) : Infinity;
    const sharded = this.config.shards !== null ? Math.min(ctrlerClerkMinTimerUs(defaultCtrlerClerkSettings), this.config.shards.pollIntervalUs) : Infinity;
    const timers = Math.min(...this.groupEntries.map((entry, g) => entry.protocol.minTimerDelayUs(this.groupOptions[g])));
    return Math.min(minimumLatencyUs(this.c.network), timers, clients, sharded);
  }

  /** What every node's runtime is built from. */
  nodeWorldSetup(): NodeWorldSetup {
    const cfg = this.config;
    return {
      nodeCount: cfg.nodeCount,
      groups: cfg.groups,
      shardCount: cfg.shards?.shardCount ?? 0,
      pollIntervalUs: cfg.shards?.pollIntervalUs ?? 0,
      options: this.options,
      groupOptions: this.groupOptions,
      seed: cfg.seed,
      snapshotEveryEntries: cfg.snapshotEveryEntries,
      service: cfg.service,
      bugs: cfg.bugs,
    };
  }

  /** Sharded worlds: how many key-value groups and shards `shardctl` actions may name. */
  shardShape(): ShardShape | null {
    const s = this.config.shards;
    return s === null ? null : { groupCount: s.groupSizes.length, shardCount: s.shardCount };
  }

  /** Sharded worlds: the groups that join at the start do so through the administrator, like any later Join. */
  protected joinInitialGroups(lookaheadUs: number): void {
    const s = this.config.shards;
    if (s === null || s.initialGroups === 0) return;
    const action = { type: 'shardctl' as const, op: 'join' as const, gids: Array.from({ length: s.initialGroups }, (_, i) => i + 1) };
    traceAction(this.c, this.journal, action, describeAction(action, this.config.nodeCount));
    submitAdmin(this.c, this.journal, this.entry, ctrlerOpOf(this.c, action), lookaheadUs);
  }

  /** Period of the steady client load in us (0: none). */
  private loadPeriodUs(): number {
    const rate = this.config.load.proposalsPerSecond;
    return rate > 0 ? Math.max(1, Math.round(1_000_000 / rate)) : 0;
  }

  /**
   * The next action due at or before `tUs`: from the action log, or a command
   * of the steady client load (which is derived from the config, not logged).
   * At equal times the load goes first, as it does live: `act` runs everything
   * due at its instant (load included) before it applies and logs the action.
   */
  protected nextDue(tUs: number): { atUs: number; fromLog: boolean } | null {
    const logged = this.actionLog[this.actionCursor];
    const period = this.loadPeriodUs();
    const loadAt = period > 0 ? (this.c.loadIssued + 1) * period : Infinity;
    if (logged !== undefined && logged.atUs < loadAt) return logged.atUs <= tUs ? { atUs: logged.atUs, fromLog: true } : null;
    return loadAt <= tUs ? { atUs: loadAt, fromLog: false } : null;
  }

  /** Take the action `nextDue` returned, advancing the log cursor or the load counter. */
  protected takeDue(due: { fromLog: boolean }): Action {
    if (due.fromLog) return this.actionLog[this.actionCursor++].action;
    const k = ++this.c.loadIssued;
    return { type: 'propose', node: null, body: `load${k}`, bytes: this.config.load.commandBytes };
  }

  protected validated(action: Action): Action {
    const problems = validateAction(action, this.config.nodeCount, this.c.endpointCount, this.shardShape());
    if (problems.length > 0) throw new Error(`${action.type}: ${problems.join('; ')}`);
    return clonePlain(action);
  }

  nowUs(): number {
    return this.c.nowUs;
  }

  /** The leader of a group (the only group of a plain world). */
  leader(group = 0): number | null {
    return currentLeader(this.c, group);
  }

  /** The protocol a replica runs (its group's). */
  protocolOf(node: number): string {
    return this.entryOfNode[node].name;
  }

  /** node → replica group. */
  groupOf(node: number): number {
    return this.c.groupOf[node];
  }

  isUp(node: number): boolean {
    return this.c.up[node];
  }

  linkUp(from: number, to: number): boolean {
    return this.c.network.up[from * this.c.endpointCount + to];
  }

  network(): Readonly<NetworkState> {
    return this.c.network;
  }

  stats(): Readonly<RunStats> {
    return this.c.stats;
  }

  /** CPU time each replica has spent so far under the CPU model (all 0 when it is off). */
  cpuBusyUs(): number[] {
    return this.c.cpuBusyUs.slice();
  }

  appliedIndex(node: number): number {
    return this.c.appliedIndex[node];
  }

  /** Highest index applied anywhere: the number of committed entries (no-ops included). */
  committedCount(): number {
    return this.journal.committedLength - 1;
  }

  /** Command id committed at `index` (-1 for a no-op), or null if nothing was applied there yet. */
  committedCommandAt(index: number): number | null {
    return index < this.journal.committedLength ? this.journal.committedCommand[index] : null;
  }

  /** Index at which command `commandId` was committed, or null if it is not (yet). */
  indexOfCommand(commandId: number): number | null {
    const index = this.journal.indexOfCommand[commandId];
    return index !== undefined && index > 0 && index < this.journal.committedLength ? index : null;
  }

  /** Virtual time index `index` was first applied anywhere, or null. */
  committedAtUs(index: number): number | null {
    return index < this.journal.committedLength ? this.journal.committedAtUs[index] : null;
  }

  /** Virtual time command `commandId` was proposed by the coordinator (load, page, scenario), or null. */
  proposedAtUs(commandId: number): number | null {
    return this.journal.proposedAtUs[commandId] ?? null;
  }

  /** How many live replicas have applied command `commandId`. */
  appliedByCount(commandId: number): number {
    const index = this.indexOfCommand(commandId);
    if (index === null) return 0;
    let count = 0;
    for (let n = 0; n < this.c.nodeCount; n++) if (this.c.up[n] && this.c.appliedIndex[n] >= index) count++;
    return count;
  }

  /** What became of the latest proposal (a copy). */
  lastProposal(): CoordinatorState['lastProposal'] {
    return this.c.lastProposal === null ? null : { ...this.c.lastProposal };
  }

  leadersByTerm(group = 0): Record<string, number> {
    return { ...this.c.leaderOfTerm[group] };
  }

  inFlight(limit = 500): InFlightMessage[] {
    return inFlight(this.c, (node) => this.entryOfNode[node]?.protocol ?? this.entry.protocol, limit);
  }

  nextEventTimeUs(): number | null {
    const due = this.nextDue(Infinity);
    const nextUs = nextEventTimeUs(this.c);
    const next = nextUs === Infinity ? null : nextUs;
    if (due === null) return next;
    return next === null ? due.atUs : Math.min(next, due.atUs);
  }

  traceHash(): string {
    return traceHashHex(this.c.trace);
  }

  traceCount(): number {
    return this.c.trace.count;
  }

  trace(from: number, limit = 1000): TraceRecord[] {
    return readTrace(this.c.trace, this.journal, from, limit);
  }

  marks(): readonly TraceMark[] {
    const j = this.journal;
    return j.marks.length === j.marksLength ? j.marks : j.marks.slice(0, j.marksLength);
  }

  /** The actions applied so far, with the virtual time of each. */
  actions(): LoggedAction[] {
    return this.actionLog.slice(0, this.actionCursor);
  }

  /** Client operations from history index `from` on (copies), in invocation order. */
  history(from = 0): ClientOperationRecord[] {
    return historyRecords(this.journal.history, from);
  }

  /** How many client operations have been invoked so far. */
  historyLength(): number {
    return this.journal.history.length;
  }

  /** The client history in the linearizability checker's terms. */
  historyOperations(): Operation[] {
    return toCheckerOperations(historyRecords(this.journal.history, 0));
  }

  /**
   * Check the client history for linearizability (key-value model, partitioned
   * by key). `timeLimitMs` needs a clock, which the engine does not read: pass one.
   */
  checkHistory(options: CheckOptions = {}): CheckResult {
    return check(this.historyOperations(), kvModel, options);
  }

  summary(): WorldSummary {
    const s = this.c.stats;
    return {
      seed: this.config.seed,
      protocol: this.entry.name,
      nodeCount: this.config.nodeCount,
      virtualTimeMs: this.c.nowUs / 1000,
      traceHash: this.traceHash(),
      leaders: this.leadersByTerm(),
      committed: this.committedCount(),
      messages: { sent: s.sent, delivered: s.delivered, dropped: s.dropped },
      events: s.events,
      opsCompleted: s.opsCompleted,
    };
  }

  /** A command line that replays this run up to now (actions included). */
  replayCommand(): string {
    return replayCommandFor(this.config, this.entry.name, this.c.nowUs, this.actions());
  }
}

export function replayCommandFor(config: ResolvedWorldConfig, protocolName: string, untilUs: number, actions: readonly LoggedAction[] = []): string {
  const parts = [`npm run sim -- --seed ${config.seed} --protocol ${protocolName} --nodes ${config.nodeCount}`, `--until-ms ${Math.ceil(untilUs / 1000)}`];
  if (Object.keys(config.options).length > 0) parts.push(`--options '${JSON.stringify(config.options)}'`);
  const net = config.network;
  parts.push(`--latency-ms ${net.latencyMinUs / 1000}..${net.latencyMaxUs / 1000}`);
  if (net.lossRatio > 0) parts.push(`--loss ${net.lossRatio}`);
  if (net.duplicateRatio > 0) parts.push(`--duplicate ${net.duplicateRatio}`);
  if (config.snapshotEveryEntries > 0) parts.push(`--snapshot-every ${config.snapshotEveryEntries}`);
  parts.push(`--rate ${config.load.proposalsPerSecond}`);
  if (config.load.proposalsPerSecond > 0) parts.push(`--command-bytes ${config.load.commandBytes}`);
  if (config.clients.count > 0) parts.push(`--client-settings '${JSON.stringify(config.clients)}'`);
  if (config.bugs.length > 0) parts.push(`--bug ${config.bugs.join(',')}`);
  if (config.shards !== null) parts.push(`--shards '${JSON.stringify(config.shards)}'`);
  if (config.cpu.messageUs + config.cpu.applyUs + config.cpu.clientOpUs > 0) parts.push(`--cpu '${JSON.stringify(config.cpu)}'`);
  if (actions.length > 0) parts.push(`--actions '${JSON.stringify(actions)}'`);
  return parts.join(' ');
}
