/**
 * When each node's election timer will fire, for the draining ring.
 *
 * The replica's view gives the timeout in force but not when it was last
 * reset, so when the view has no `electionDeadlineUs` in its detail we infer
 * the last reset from the trace: Raft resets the election deadline at every
 * role transition (§5.2, `role` and `term` notes), when it grants a vote
 * (`vote` note), and when it hears from the current leader (delivery of an
 * AppendEntries or InstallSnapshot). A timer firing is not a reset: the Raft
 * replica re-arms one timer lazily, so a firing may just move it.
 */
import type { ReplicaView, TraceRecord } from '../../engine/index';
import type { TimerVM } from '../model/types';

const leaderContactTypes = new Set(['AppendEntries', 'InstallSnapshot']);
const resetNotes = new Set(['role', 'term', 'vote']);

export class ElectionTimerTracker {
  /** Virtual time of each node's last inferred reset (-1: none seen). */
  private readonly lastResetUs: number[];
  /** Whom each node last knew as leader, to tell a live leader's AppendEntries from a stale one's. */
  private readonly knownLeader: (number | null)[];

  constructor(nodeCount: number) {
    this.lastResetUs = new Array<number>(nodeCount).fill(-1);
    this.knownLeader = new Array<number | null>(nodeCount).fill(null);
  }

  /** Feed trace records in order (each at most once). */
  observe(records: readonly TraceRecord[]): void {
    for (const r of records) {
      if (r.node < 0 || r.node >= this.lastResetUs.length) continue;
      if (r.kind === 'note' && resetNotes.has(r.label)) this.lastResetUs[r.node] = r.timeUs;
      else if (r.kind === 'note' && r.label === 'leader') this.knownLeader[r.node] = r.a;
      else if (r.kind === 'deliver' && leaderContactTypes.has(r.label)) {
        const leader = this.knownLeader[r.node];
        if (leader === null || leader === r.peer) this.lastResetUs[r.node] = r.timeUs;
      } else if (r.kind === 'action' && r.label.startsWith('restart')) this.lastResetUs[r.node] = r.timeUs;
    }
  }

  /** Timer state of every node, from its current view (null: crashed). */
  timers(views: readonly (ReplicaView | null)[]): TimerVM[] {
    return views.map((view, node) => {
      if (view === null) return { node, deadlineUs: null, timeoutUs: 0 };
      if (view.leaderId !== null) this.knownLeader[node] = view.leaderId;
      const timeoutUs = view.electionTimeoutUs;
      if (view.role === 'leader') return { node, deadlineUs: null, timeoutUs };
      const fromDetail = view.detail['electionDeadlineUs'];
      if (typeof fromDetail === 'number' && Number.isFinite(fromDetail)) return { node, deadlineUs: fromDetail, timeoutUs };
      const reset = this.lastResetUs[node];
      return { node, deadlineUs: reset < 0 ? null : reset + timeoutUs, timeoutUs };
    });
  }
}

/** Fraction of the timeout still to run at `nowUs`, 0..1 (null: no timer to draw). */
export function remainingFraction(timer: TimerVM, nowUs: number): number | null {
  if (timer.deadlineUs === null || timer.timeoutUs <= 0) return null;
  const left = (timer.deadlineUs - nowUs) / timer.timeoutUs;
  return left < 0 ? 0 : left > 1 ? 1 : left;
}
