/**
 * The in-process host: a whole world in one thread. Tests, the CLI, the
 * benchmarks and time travel use it. It drives the coordinator one event at a
 * time and runs each replica step synchronously; effects go through the same
 * merge as the worker host's, so both give the same trace hash.
 */
import { fail } from '../core/assert';
import { clonePlain } from '../core/clone';
import type { ReplicaView } from '../protocols/contract';
import { describeAction, type Action, type LoggedAction } from './actions';
import type { WorldConfig } from './config';
import { Admission, EventKind, admissionOf, mergeEffects, peekEvent, recordDrop, takeEvent, releaseEvent, type SimEvent, type CoordinatorState } from './coordinator';
import { planAction, type NodeOperation } from './planAction';
import { clearEffects, createEffects } from './effects';
import { bootNode, crashNode, createNodeRuntimeFor, stepNode, viewNode, type NodeMachine, type NodeRuntime } from './nodeRuntime';
import { WorldBase } from './worldBase';
import { handleClientEvent, startClerks, submitAdmin } from './clients';
import { checkShardInvariants } from '../check/shardInvariants';
import { shardWorldView, type ShardWorldView } from './shardView';
import { forkJournal, journalMark, moveJournal, type JournalMark } from './trace';

interface Checkpoint {
  traceCount: number;
  events: number;
  timeUs: number;
  actionCursor: number;
  journal: JournalMark;
  coordinator: CoordinatorState;
  machines: NodeMachine[];
  checkMemory: unknown;
}

export class World extends WorldBase {
  private readonly nodes: NodeRuntime[] = [];
  private readonly effects = createEffects();
  private readonly messageInput: { kind: 'message'; from: number; msg: unknown } = { kind: 'message', from: 0, msg: null };
  private readonly timerInput: { kind: 'timer-gen'; timerId: number; gen: number } = { kind: 'timer-gen', timerId: 0, gen: 0 };
  private checkMemory: unknown;
  private checkpoints: Checkpoint[] = [];
  private checkpointIntervalEvents: number;

  constructor(config: WorldConfig, scheduledActions: readonly LoggedAction[] = []) {
    super(config, scheduledActions);
    const cfg = this.config;
    const setup = this.nodeWorldSetup();
    for (let id = 0; id < cfg.nodeCount; id++) this.nodes.push(createNodeRuntimeFor(this.entry, setup, id));
    // One invariant memory per replica group: each group is its own cluster.
    this.checkMemory = this.groupEntries.map((entry) => (entry.createCheckMemory ? entry.createCheckMemory() : null));
    this.checkpointIntervalEvents = cfg.checkpointMinEvents;
    for (let id = 0; id < cfg.nodeCount; id++) {
      this.c.up[id] = true;
      this.operate({ op: 'boot', node: id });
    }
    startClerks(this.c, this.config.clients, this.lookaheadUs());
    this.joinInitialGroups(0);
    this.takeCheckpoint();
  }

  private operate(op: NodeOperation): void {
    if (op.op === 'none') return;
    if (op.op === 'admin') {
      submitAdmin(this.c, this.journal, this.entry, op.request, 0);
      return;
    }
    const rt = this.nodes[op.node];
    if (op.op === 'crash') {
      crashNode(rt);
      return;
    }
    const e = this.effects;
    clearEffects(e);
    if (op.op === 'boot') bootNode(rt, this.c.nowUs, e);
    else stepNode(rt, this.c.nowUs, op.input, e);
    mergeEffects(this.c, this.journal, this.entryOfNode[op.node], op.node, null, e, 0);
    this.check();
  }

  private check(): void {
    if (!this.config.checkInvariants) return;
    const memory = this.checkMemory as unknown[];
    for (const g of this.config.groups) {
      const checkStates = this.groupEntries[g.index].checkStates;
      if (checkStates !== undefined) {
        checkStates(
          this.nodes.slice(g.base, g.base + g.size).map((rt) => (rt.machine.up ? rt.machine.replica : null)),
          this.c.nowUs,
          memory[g.index],
        );
      }
    }
    if (this.config.shards !== null) this.checkShards();
  }

  private checkShards(): void {
    checkShardInvariants(
      this.config.groups.map((g) => this.nodes.slice(g.base, g.base + g.size).map((rt) => (rt.machine.up ? rt.machine.service : null))),
      this.journal,
      this.c.nowUs,
    );
  }

  /** Process the next event or due action; returns false when nothing is left to do. */
  stepEvent(): boolean {
    const next = peekEvent(this.c);
    const due = this.nextDue(next === undefined ? Infinity : next.timeUs - 1);
    if (due !== null) {
      this.c.nowUs = Math.max(this.c.nowUs, due.atUs);
      this.applyDue(due);
      return true;
    }
    if (next === undefined) return false;
    this.processEvent(next);
    return true;
  }

  /** Process `next`, the event `peekEvent` returned. */
  private processEvent(next: SimEvent): void {
    const c = this.c;
    const ev = takeEvent(c, next);
    if (!(ev.timeUs >= c.nowUs)) fail(`event at ${ev.timeUs}us is in the past (now ${c.nowUs}us)`);
    c.nowUs = ev.timeUs;
    this.handle(ev);
    releaseEvent(ev);
    this.maybeCheckpoint();
  }

  private handle(ev: SimEvent): void {
    const c = this.c;
    const admission = admissionOf(c, ev);
    if (admission === Admission.client) {
      handleClientEvent(c, this.journal, this.entry, this.config, ev, 0);
      if (this.config.shards !== null && this.config.checkInvariants) this.checkShards();
      return;
    }
    if (admission > 0) recordDrop(c, this.journal, ev, admission);
    if (admission !== Admission.reach) return;
    const rt = this.nodes[ev.node];
    const e = this.effects;
    clearEffects(e);
    if (ev.kind === EventKind.deliver) {
      // One input object, refilled per event: a replica reads its input during the step and keeps only the message.
      const input = this.messageInput;
      input.from = ev.from;
      input.msg = ev.msg;
      stepNode(rt, c.nowUs, input, e);
      input.msg = null;
    } else {
      const input = this.timerInput;
      input.timerId = ev.id;
      input.gen = ev.extra;
      stepNode(rt, c.nowUs, input, e);
      if (e.skipped) return;
    }
    mergeEffects(c, this.journal, this.entryOfNode[ev.node], ev.node, ev, e, 0);
    this.check();
  }

  private maybeCheckpoint(): void {
    // After a seek back, replay passes checkpoints that already exist: only beyond the newest is a new one taken.
    const newest = this.checkpoints[this.checkpoints.length - 1];
    if (this.c.stats.events - newest.events >= this.checkpointIntervalEvents && this.c.trace.count > newest.traceCount) this.takeCheckpoint();
  }

  /** Run every event and action due at or before `tUs`; the clock then reads `tUs`. */
  runUntil(tUs: number): void {
    for (;;) {
      // Events never change what is due next (only actions do), so the limit holds for the whole batch.
      const due = this.nextDue(tUs);
      const limit = due !== null ? due.atUs : tUs;
      for (let next = peekEvent(this.c); next !== undefined && next.timeUs <= limit; next = peekEvent(this.c)) this.processEvent(next);
      if (due === null) break;
      this.c.nowUs = Math.max(this.c.nowUs, due.atUs);
      this.applyDue(due);
    }
    if (tUs > this.c.nowUs) this.c.nowUs = tUs;
  }

  runFor(deltaUs: number): void {
    this.runUntil(this.c.nowUs + deltaUs);
  }

  /** Apply an action now, after every event already due at this instant. Acting in the past of a seek cuts the log there (a fork). */
  act(action: Action): void {
    const checked = this.validated(action);
    this.runUntil(this.c.nowUs);
    this.fork();
    this.actionLog.length = this.actionCursor;
    this.actionLog.push({ atUs: this.c.nowUs, action: checked });
    this.applyDue({ fromLog: true });
  }

  private applyDue(due: { fromLog: boolean }): void {
    const action = this.takeDue(due);
    this.operate(planAction(this.c, this.journal, action, action.type === 'propose' ? 'propose' : describeAction(action, this.config.nodeCount)));
  }

  // --- checkpoints and time travel -------------------------------------------------

  /**
   * Acting now abandons whatever future was recorded past this point (after a
   * seek back): checkpoints and journal entries from it no longer hold.
   */
  private fork(): void {
    const count = this.c.trace.count;
    if (this.checkpoints[this.checkpoints.length - 1].traceCount > count) this.checkpoints = this.checkpoints.filter((cp) => cp.traceCount <= count);
    forkJournal(this.journal, this.c.commandCounter);
  }

  private takeCheckpoint(): void {
    this.checkpoints.push({
      traceCount: this.c.trace.count,
      events: this.c.stats.events,
      timeUs: this.c.nowUs,
      actionCursor: this.actionCursor,
      journal: journalMark(this.journal),
      coordinator: this.cloneCoordinator(),
      machines: this.nodes.map((rt) => clonePlain(rt.machine)),
      checkMemory: clonePlain(this.checkMemory),
    });
    // Keep a bounded number: thin out the old ones and space new ones further apart.
    if (this.checkpoints.length > this.config.checkpointMaxKept) {
      const last = this.checkpoints.length - 1;
      this.checkpoints = this.checkpoints.filter((_, i) => i === 0 || i % 2 === 1 || i === last);
      this.checkpointIntervalEvents *= 2;
    }
  }

  /**
   * The coordinator's state for a checkpoint. The network (one entry per
   * pair of endpoints, large with many clients) changes only by actions, so
   * while it has not changed the newest checkpoint's copy is shared.
   */
  private cloneCoordinator(): CoordinatorState {
    const c = this.c;
    const newest = this.checkpoints[this.checkpoints.length - 1];
    const network = c.network;
    (c as { network: unknown }).network = null;
    const copy = clonePlain(c);
    c.network = network;
    copy.network = newest !== undefined && newest.coordinator.networkVersion === c.networkVersion ? newest.coordinator.network : clonePlain(network);
    return copy;
  }

  /** Restore a checkpoint, earlier or later than now; the journal moves with it. Later checkpoints stay valid until a fork. */
  private restore(cp: Checkpoint): void {
    this.c = clonePlain(cp.coordinator);
    cp.machines.forEach((m, i) => (this.nodes[i].machine = clonePlain(m)));
    this.checkMemory = clonePlain(cp.checkMemory);
    this.actionCursor = cp.actionCursor;
    moveJournal(this.journal, cp.journal, cp.traceCount);
  }

  /**
   * Go to virtual time `tUs`, past or future: from the nearest checkpoint at
   * or before it (or from now, when that is nearer), replay up to it.
   */
  seek(tUs: number): void {
    let best: Checkpoint | null = null;
    for (const cp of this.checkpoints) if (cp.timeUs <= tUs && (best === null || cp.traceCount > best.traceCount)) best = cp;
    const fromNow = tUs >= this.c.nowUs && (best === null || best.traceCount <= this.c.trace.count);
    if (!fromNow && best !== null) this.restore(best);
    this.runUntil(tUs);
  }

  checkpointCount(): number {
    return this.checkpoints.length;
  }

  views(logTail = 24): (ReplicaView | null)[] {
    return this.nodes.map((rt) => viewNode(rt, logTail));
  }

  replicaState(node: number): unknown {
    return this.nodes[node].machine.replica;
  }

  serviceState(node: number): unknown {
    return this.nodes[node].machine.service;
  }

  machine(node: number): Readonly<NodeMachine> {
    return this.nodes[node].machine;
  }

  /** A sharded world's configurations, groups and shards as they are now; null for a one-group world. */
  shardView(): ShardWorldView | null {
    const shards = this.config.shards;
    if (shards === null) return null;
    return shardWorldView({
      groups: this.config.groups,
      shardCount: shards.shardCount,
      isUp: (n) => this.c.up[n] && this.nodes[n].machine.up,
      leader: (g) => this.leader(g),
      term: (n) => this.c.term[n],
      serviceState: (n) => this.nodes[n].machine.service,
    });
  }
}

export function createWorld(config: WorldConfig, scheduledActions: readonly LoggedAction[] = []): World {
  return new World(config, scheduledActions);
}
