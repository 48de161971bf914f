/**
 * The space-time diagram's data: every message as an arrow from its sender's
 * lane at send time to its receiver's lane at delivery time, read from the
 * trace. A send is paired with what became of it by message id: each
 * delivery is an arrow (a duplicate draws a second one), a drop ends in a
 * cross (at the send for a link that is down or a loss, at the receiver for a
 * node or link that went down in flight), and a message still in the queue
 * runs, dashed, to the present. Lanes carry crash periods and leader periods,
 * read from the marks (kept for the whole run).
 *
 * The projector keeps a bounded window of the newest sends, fed with the
 * records each publish reads anyway; after a seek it is rebuilt from the
 * trace's ring (the records read since no longer follow on).
 */
import { dropReasonName, RoleCode, type InFlightMessage, type TraceMark, type TraceRecord } from '../../engine/index';
import type { LaneSpanVM, MessageArrowVM, SpaceTimeVM } from '../model/types';

/** The newest sends kept (older ones, and what became of them, are forgotten). */
export const maxKeptSends = 2000;
/** How many trace records a rebuild reads back from the end of the ring. */
export const rebuildRecords = 10_000;
/** Most arrows drawn in one window (the newest are kept). */
export const maxDrawnArrows = 1500;

interface Outcome {
  kind: 'deliver' | 'drop';
  atUs: number;
  reason: number;
}

interface Sent {
  id: number;
  from: number;
  to: number;
  type: string;
  bytes: number;
  sentUs: number;
  outcomes: Outcome[];
}

/** What the projector reads from a world after a seek. */
export interface SpaceTimeSource {
  traceCount(): number;
  trace(from: number, limit?: number): TraceRecord[];
}

export class SpaceTimeProjector {
  private sends: Sent[] = [];
  private readonly byId = new Map<number, Sent>();
  /** The records since the last read do not follow on (a seek): read the ring again before use. */
  stale = true;

  constructor(private readonly keep = maxKeptSends) {}

  /** Pair the records read since the last call with the sends kept. */
  observe(records: readonly TraceRecord[]): void {
    for (const r of records) {
      if (r.kind === 'send') {
        const sent: Sent = { id: r.a, from: r.node, to: r.peer, type: r.label, bytes: r.b, sentUs: r.timeUs, outcomes: [] };
        this.sends.push(sent);
        this.byId.set(r.a, sent);
      } else if (r.kind === 'deliver' || r.kind === 'drop') {
        this.byId.get(r.a)?.outcomes.push({ kind: r.kind, atUs: r.timeUs, reason: r.kind === 'drop' ? r.b : 0 });
      }
    }
    // Trim in batches, so that a long run does not shift the array on every record.
    if (this.sends.length > this.keep * 1.25) {
      const cut = this.sends.length - this.keep;
      for (let i = 0; i < cut; i++) this.byId.delete(this.sends[i].id);
      this.sends = this.sends.slice(cut);
    }
  }

  reset(): void {
    this.sends = [];
    this.byId.clear();
    this.stale = true;
  }

  /** Read the newest records of the ring again (after a seek, or when the view opens). */
  rebuild(world: SpaceTimeSource): void {
    this.reset();
    const count = world.traceCount();
    const from = Math.max(0, count - rebuildRecords);
    this.observe(from < count ? world.trace(from, count - from) : []);
    this.stale = false;
  }

  get sentCount(): number {
    return this.sends.length;
  }

  /**
   * The arrows that cross [fromUs, toUs], in send order. `endpoints`: lanes
   * drawn (replicas, then clerks if shown); messages to or from others are left out.
   */
  arrows(fromUs: number, toUs: number, nowUs: number, inFlight: readonly InFlightMessage[], endpoints: number, describe: (id: number) => string | undefined): { arrows: MessageArrowVM[]; truncated: boolean } {
    return arrowsOf(this.sends, fromUs, toUs, nowUs, inFlight, endpoints, describe);
  }
}

function arrowOf(s: Sent, copy: number, outcome: MessageArrowVM['outcome'], endUs: number, reason: number, description: string | null, deliverUs: number | null): MessageArrowVM {
  return {
    key: `${s.id}:${outcome === 'in-flight' ? 'f' : ''}${copy}`,
    id: s.id,
    type: s.type,
    from: s.from,
    to: s.to,
    bytes: s.bytes,
    sentUs: s.sentUs,
    endUs,
    outcome,
    dropReason: outcome === 'dropped' ? (dropReasonName[reason] ?? `reason ${reason}`) : null,
    copy,
    description,
    deliverUs,
  };
}

/** Pure: pair sends with their deliveries, drops and in-flight copies, and keep those that cross the window. */
export function arrowsOf(
  sends: readonly Sent[],
  fromUs: number,
  toUs: number,
  nowUs: number,
  inFlight: readonly InFlightMessage[],
  endpoints: number,
  describe: (id: number) => string | undefined,
): { arrows: MessageArrowVM[]; truncated: boolean } {
  const out: MessageArrowVM[] = [];
  const shown = (from: number, to: number) => from >= 0 && from < endpoints && to >= 0 && to < endpoints;
  const crosses = (startUs: number, endUs: number) => startUs <= toUs && endUs >= fromUs;
  const pending = new Map<number, InFlightMessage[]>();
  for (const m of inFlight) {
    const list = pending.get(m.id);
    if (list === undefined) pending.set(m.id, [m]);
    else list.push(m);
  }
  const kept = new Set<number>();
  for (const s of sends) {
    if (s.sentUs > toUs) break;
    kept.add(s.id);
    if (!shown(s.from, s.to)) continue;
    const description = describe(s.id) ?? null;
    let copy = 0;
    for (const o of s.outcomes) {
      // Only what had happened by now: after a seek back the ring is cut, but be safe.
      if (o.atUs > nowUs) continue;
      if (crosses(s.sentUs, o.atUs)) out.push(arrowOf(s, copy, o.kind === 'deliver' ? 'delivered' : 'dropped', o.atUs, o.reason, description, o.kind === 'deliver' ? o.atUs : null));
      copy++;
    }
    const flying = pending.get(s.id) ?? [];
    for (const m of flying) {
      if (crosses(s.sentUs, nowUs)) out.push(arrowOf(s, copy, 'in-flight', nowUs, 0, m.description, m.deliverUs));
      copy++;
    }
    // Sent, but neither arrived, lost nor queued: say so by drawing it open to the present.
    if (s.outcomes.length === 0 && flying.length === 0 && s.sentUs <= nowUs && crosses(s.sentUs, nowUs)) out.push(arrowOf(s, 0, 'in-flight', nowUs, 0, description, null));
  }
  // In flight, but sent before the kept sends (a long flight, a rebuild): from the queue's own copy.
  for (const [id, list] of pending) {
    if (kept.has(id)) continue;
    list.forEach((m, i) => {
      if (!shown(m.from, m.to) || !crosses(m.sentUs, nowUs)) return;
      const s: Sent = { id, from: m.from, to: m.to, type: m.type, bytes: 0, sentUs: m.sentUs, outcomes: [] };
      out.push(arrowOf(s, i, 'in-flight', nowUs, 0, m.description, m.deliverUs));
    });
  }
  out.sort((a, b) => a.sentUs - b.sentUs || a.id - b.id || a.copy - b.copy);
  const truncated = out.length > maxDrawnArrows;
  return { arrows: truncated ? out.slice(out.length - maxDrawnArrows) : out, truncated };
}

/**
 * Pure: per lane, the periods a node was down (crash to restart) and led
 * (became leader to any other role, or a crash), up to `nowUs` (open spans end
 * there), from the marks of the whole run.
 */
export function laneSpans(marks: readonly TraceMark[], endpoints: number, nowUs: number): LaneSpanVM[] {
  const spans: LaneSpanVM[] = [];
  const crashOpen = new Map<number, LaneSpanVM>();
  const leadOpen = new Map<number, LaneSpanVM>();
  const close = (open: Map<number, LaneSpanVM>, node: number, atUs: number) => {
    const span = open.get(node);
    if (span === undefined) return;
    span.toUs = atUs;
    open.delete(node);
  };
  for (const m of marks) {
    if (m.timeUs > nowUs) break;
    if (m.node < 0 || m.node >= endpoints) continue;
    if (m.kind === 'action') {
      if (m.label.startsWith('crash ') && !crashOpen.has(m.node)) {
        close(leadOpen, m.node, m.timeUs);
        const span: LaneSpanVM = { node: m.node, kind: 'crashed', fromUs: m.timeUs, toUs: null, term: 0 };
        crashOpen.set(m.node, span);
        spans.push(span);
      } else if (m.label.startsWith('restart ')) {
        close(crashOpen, m.node, m.timeUs);
      }
    } else if (m.kind === 'note' && m.label === 'role') {
      if (m.a === RoleCode.leader) {
        const current = leadOpen.get(m.node);
        if (current !== undefined && current.term === m.b) continue;
        close(leadOpen, m.node, m.timeUs);
        const span: LaneSpanVM = { node: m.node, kind: 'leader', fromUs: m.timeUs, toUs: null, term: m.b };
        leadOpen.set(m.node, span);
        spans.push(span);
      } else {
        close(leadOpen, m.node, m.timeUs);
      }
    }
  }
  return spans;
}

/** The spans that overlap [fromUs, toUs] (open ones as open: they end at the present). */
export function spansInWindow(spans: readonly LaneSpanVM[], fromUs: number, toUs: number): LaneSpanVM[] {
  return spans.filter((s) => s.fromUs <= toUs && (s.toUs === null || s.toUs >= fromUs)).map((s) => ({ ...s }));
}

/** The view model for one window. */
export function spaceTimeVM(
  projector: SpaceTimeProjector,
  spans: readonly LaneSpanVM[],
  window: { fromUs: number; toUs: number },
  nowUs: number,
  inFlight: readonly InFlightMessage[],
  nodeCount: number,
  clientLanes: number,
  describe: (id: number) => string | undefined,
): SpaceTimeVM {
  const endpoints = nodeCount + clientLanes;
  const { arrows, truncated } = projector.arrows(window.fromUs, window.toUs, nowUs, inFlight, endpoints, describe);
  return {
    nowUs,
    fromUs: window.fromUs,
    toUs: window.toUs,
    nodeCount,
    clientLanes,
    arrows,
    spans: spansInWindow(spans, window.fromUs, window.toUs),
    keptSends: projector.sentCount,
    truncated,
  };
}
