/**
 * The worker host: one worker per node, the coordinator in the caller's
 * thread as the only scheduler. Events are dispatched in lookahead windows:
 * nothing an event causes can happen sooner than the lookahead (the smallest
 * link latency or timer delay) after it, so the events of one window cannot
 * affect each other across nodes. Each node's events of a window go to its
 * worker at once, the workers run in parallel, and their effects are merged
 * in event order, exactly as the in-process host merges them one by one.
 * Actions are barriers: a window never crosses one.
 */
import { fail } from '../core/assert';
import type { ReplicaView } from '../protocols/contract';
import { describeAction, type Action, type LoggedAction } from '../sim/actions';
import type { WorldConfig } from '../sim/config';
import { Admission, EventKind, admissionOf, mergeEffects, nextEventTimeUs, peekEvent, recordDrop, takeEvent, type SimEvent } from '../sim/coordinator';
import { planAction, type NodeOperation } from '../sim/planAction';
import { selectStep, type Effects } from '../sim/effects';
import type { NodeInput } from '../sim/nodeRuntime';
import { WorldBase } from '../sim/worldBase';
import { handleClientEvent, startClerks, submitAdmin } from '../sim/clients';
import type { BatchItem, NodeChannel, NodeChannelFactory, NodeResponse } from './messages';

export interface WorkerWorldOptions {
  /** How many log entries of each node's view to fetch with every batch (0: no views, fastest). */
  logTail?: number;
}

export class WorkerWorld extends WorldBase {
  private readonly channels: NodeChannel[] = [];
  private readonly cachedViews: (ReplicaView | null)[];
  private readonly logTail: number;
  /** Windows dispatched, and events in them, for the benchmark's figures. */
  windows = 0;
  windowEvents = 0;

  private constructor(config: WorldConfig, scheduledActions: readonly LoggedAction[], factory: NodeChannelFactory, options: WorkerWorldOptions) {
    super(config, scheduledActions);
    this.logTail = options.logTail ?? 24;
    this.cachedViews = new Array(this.config.nodeCount).fill(null);
    for (let id = 0; id < this.config.nodeCount; id++) this.channels.push(factory(id));
  }

  static async create(config: WorldConfig, factory: NodeChannelFactory, scheduledActions: readonly LoggedAction[] = [], options: WorkerWorldOptions = {}): Promise<WorkerWorld> {
    if (typeof config.protocol !== 'string') throw new Error('the worker host needs a registered protocol name');
    const world = new WorkerWorld(config, scheduledActions, factory, options);
    try {
      await world.start();
    } catch (error) {
      // Close the workers that did start, so a failed start leaks no threads.
      world.close();
      throw error;
    }
    return world;
  }

  private async start(): Promise<void> {
    await Promise.all(
      this.channels.map((ch, nodeId) =>
        ch.request({
          type: 'init',
          setup: { protocolName: this.entry.name, nodeId, world: this.nodeWorldSetup() },
        }).then(expectOk),
      ),
    );
    for (let id = 0; id < this.config.nodeCount; id++) {
      this.c.up[id] = true;
      await this.operate({ op: 'boot', node: id });
    }
    startClerks(this.c, this.config.clients, this.lookaheadUs());
    this.joinInitialGroups(0);
  }

  private async operate(op: NodeOperation): Promise<void> {
    if (op.op === 'none') return;
    if (op.op === 'admin') {
      submitAdmin(this.c, this.journal, this.entry, op.request, 0);
      return;
    }
    const channel = this.channels[op.node];
    if (op.op === 'crash') {
      expectOk(await channel.request({ type: 'crash' }));
      this.cachedViews[op.node] = null;
      return;
    }
    const response =
      op.op === 'boot'
        ? await channel.request({ type: 'boot', nowUs: this.c.nowUs, logTail: this.logTail })
        : await channel.request({ type: 'batch', items: [{ timeUs: this.c.nowUs, input: op.input }], logTail: this.logTail });
    const { effects, marks, view } = expectEffects(response, 1);
    if (this.logTail > 0) this.cachedViews[op.node] = view;
    selectStep(effects, marks, 0);
    mergeEffects(this.c, this.journal, this.entryOfNode[op.node], op.node, null, effects, 0);
  }

  /** Run every event and action due at or before `tUs`; the clock then reads `tUs`. */
  async runUntil(tUs: number): Promise<void> {
    const c = this.c;
    for (;;) {
      const due = this.nextDue(tUs);
      const limit = due !== null ? due.atUs : tUs;
      if (nextEventTimeUs(c) <= limit) {
        await this.runWindow(limit);
        continue;
      }
      if (due !== null) {
        c.nowUs = Math.max(c.nowUs, due.atUs);
        await this.applyDue(due);
        continue;
      }
      break;
    }
    if (tUs > c.nowUs) c.nowUs = tUs;
  }

  async runFor(deltaUs: number): Promise<void> {
    await this.runUntil(this.c.nowUs + deltaUs);
  }

  /** Process the next event (or due action) alone. */
  async stepEvent(): Promise<boolean> {
    const next = peekEvent(this.c);
    const due = this.nextDue(next === undefined ? Infinity : next.timeUs - 1);
    if (due !== null) {
      this.c.nowUs = Math.max(this.c.nowUs, due.atUs);
      await this.applyDue(due);
      return true;
    }
    if (next === undefined) return false;
    await this.runWindow(next.timeUs, 1);
    return true;
  }

  async act(action: Action): Promise<void> {
    const checked = this.validated(action);
    await this.runUntil(this.c.nowUs);
    this.actionLog.length = this.actionCursor;
    this.actionLog.push({ atUs: this.c.nowUs, action: checked });
    await this.applyDue({ fromLog: true });
  }

  private async applyDue(due: { fromLog: boolean }): Promise<void> {
    const action = this.takeDue(due);
    await this.operate(planAction(this.c, this.journal, action, action.type === 'propose' ? 'propose' : describeAction(action, this.config.nodeCount)));
  }

  /** One lookahead window: events with time ≤ min(limit, start + lookahead − 1). */
  private async runWindow(limitUs: number, maxEvents = Infinity): Promise<void> {
    const c = this.c;
    const lookahead = this.lookaheadUs();
    const start = nextEventTimeUs(c);
    const end = Math.min(limitUs, lookahead > 0 ? start + lookahead - 1 : start);
    const events: SimEvent[] = [];
    const admissions: number[] = [];
    const perNode: BatchItem[][] = this.channels.map(() => []);
    for (let next = peekEvent(c); next !== undefined && next.timeUs <= end && events.length < maxEvents; next = peekEvent(c)) {
      const ev = takeEvent(c, next);
      const admission = admissionOf(c, ev);
      events.push(ev);
      admissions.push(admission);
      if (admission !== Admission.reach) continue;
      const input: NodeInput =
        ev.kind === EventKind.deliver ? { kind: 'message', from: ev.from, msg: ev.msg } : { kind: 'timer-gen', timerId: ev.id, gen: ev.extra };
      perNode[ev.node].push({ timeUs: ev.timeUs, input });
    }
    this.windows++;
    this.windowEvents += events.length;
    const results: ({ effects: Effects; marks: number[] } | null)[] = await Promise.all(
      perNode.map(async (items, node) => {
        if (items.length === 0) return null;
        const answer = expectEffects(await this.channels[node].request({ type: 'batch', items, logTail: this.logTail }), items.length);
        if (this.logTail > 0) this.cachedViews[node] = answer.view;
        return answer;
      }),
    );
    const cursor = new Array<number>(this.channels.length).fill(0);
    for (let i = 0; i < events.length; i++) {
      const ev = events[i];
      if (!(ev.timeUs >= c.nowUs)) fail(`event at ${ev.timeUs}us is in the past (now ${c.nowUs}us)`);
      c.nowUs = ev.timeUs;
      const admission = admissions[i];
      if (admission === Admission.client) {
        handleClientEvent(c, this.journal, this.entry, this.config, ev, lookahead);
        continue;
      }
      if (admission > 0) recordDrop(c, this.journal, ev, admission);
      if (admission !== Admission.reach) continue;
      const batch = results[ev.node];
      if (batch === null) fail(`no answer from n${ev.node + 1}`);
      const effects = batch.effects;
      selectStep(effects, batch.marks, cursor[ev.node]++);
      if (effects.skipped) continue;
      mergeEffects(c, this.journal, this.entryOfNode[ev.node], ev.node, ev, effects, lookahead);
    }
  }

  /**
   * One request to every worker with nothing to do, and their answers: the
   * cost of a lookahead window apart from its events (`npm run perf` times it).
   */
  async pingAll(): Promise<void> {
    await Promise.all(this.channels.map((ch) => ch.request({ type: 'ping' }).then(expectOk)));
  }

  /** The views the workers reported with their last answers (null: crashed). */
  views(): (ReplicaView | null)[] {
    return this.cachedViews.map((v, i) => (this.c.up[i] ? v : null));
  }

  close(): void {
    for (const ch of this.channels) {
      void ch.request({ type: 'close' }).catch(() => undefined);
      ch.close();
    }
  }
}

function expectOk(response: NodeResponse): void {
  if (response.type === 'error') throw new Error(response.message);
  if (!(response.type === 'ok')) fail(`unexpected worker answer ${response.type}`);
}

function expectEffects(response: NodeResponse, count: number): { effects: Effects; marks: number[]; view: ReplicaView | null } {
  if (response.type === 'error') throw new Error(response.message);
  if (response.type !== 'effects') fail(`unexpected worker answer ${response.type}`);
  if (response.effects.error !== null) throw new Error(response.effects.error);
  if (response.steps !== count) fail(`worker answered ${response.steps} of ${count} inputs`);
  return response;
}
