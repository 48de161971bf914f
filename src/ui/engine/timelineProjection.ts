/**
 * The timeline under the cluster: the whole branch as far as it has run (its
 * horizon), not only up to the moment shown. After a seek back the world's
 * marks and commits are cut to the present, so the projector keeps what it
 * read at the frontier and only reads again when the world is back there.
 * Replay is deterministic, so what it kept is what the world would say.
 */
import { RoleCode, type LoggedAction, type TraceMark } from '../../engine/index';
import type { TimelineVM } from '../model/types';

/** Commit density is drawn as this many bins over the horizon. */
export const commitBins = 120;
/** At most this many client operation ticks are drawn (evenly thinned). */
const maxOperationTicks = 400;

/** What the projector reads from a world. */
export interface TimelineSource {
  nowUs(): number;
  marks(): readonly TraceMark[];
  committedCount(): number;
  committedAtUs(index: number): number | null;
  historyLength(): number;
  history(from?: number): { invokeUs: number }[];
  actions(): LoggedAction[];
}

export class TimelineProjector {
  horizonUs = 0;
  private marks: TraceMark[] = [];
  private commitsUs: number[] = [];
  private invokesUs: number[] = [];
  private version = 0;
  private publishedVersion = -1;

  /** Read what is new when the world is at (or past) the horizon; otherwise keep the future already read. */
  observe(world: TimelineSource): void {
    const nowUs = world.nowUs();
    if (nowUs < this.horizonUs) return;
    const marks = world.marks();
    const committed = world.committedCount();
    const ops = world.historyLength();
    const grew = nowUs > this.horizonUs || marks.length > this.marks.length || committed > this.commitsUs.length || ops > this.invokesUs.length;
    if (!grew) return;
    this.horizonUs = nowUs;
    for (let i = this.marks.length; i < marks.length; i++) this.marks.push(marks[i]);
    for (let i = this.commitsUs.length + 1; i <= committed; i++) this.commitsUs.push(world.committedAtUs(i) ?? nowUs);
    if (ops > this.invokesUs.length) for (const op of world.history(this.invokesUs.length)) this.invokesUs.push(op.invokeUs);
    this.version++;
  }

  /** The branch was cut at the present (a fork, another branch): forget the future and read it all again. */
  reset(world: TimelineSource): void {
    this.horizonUs = 0;
    this.marks = [];
    this.commitsUs = [];
    this.invokesUs = [];
    this.observe(world);
    this.version++;
  }

  /** The view model if it changed since the last call, else undefined. */
  take(actions: readonly LoggedAction[]): TimelineVM | undefined {
    if (this.version === this.publishedVersion) return undefined;
    this.publishedVersion = this.version;
    return timelineOf(this.horizonUs, this.marks, this.commitsUs, this.invokesUs, actions);
  }
}

/** Pure: the timeline's marks from what a run did up to `horizonUs`. */
export function timelineOf(horizonUs: number, marks: readonly TraceMark[], commitsUs: readonly number[], invokesUs: readonly number[], actions: readonly LoggedAction[]): TimelineVM {
  const terms: TimelineVM['terms'] = [];
  const leaderChanges: TimelineVM['leaderChanges'] = [];
  const faults: TimelineVM['faults'] = [];
  let term = 0;
  const openTerm = (atUs: number, next: number, leader: number | null) => {
    const last = terms[terms.length - 1];
    if (last !== undefined && last.term === next) {
      if (leader !== null && last.leader === null) last.leader = leader;
      return;
    }
    if (last !== undefined) last.toUs = atUs;
    terms.push({ fromUs: atUs, toUs: horizonUs, term: next, leader });
  };
  for (const m of marks) {
    if (m.timeUs > horizonUs) break;
    if (m.kind === 'action') {
      faults.push({ atUs: m.timeUs, label: m.label });
      continue;
    }
    if (m.kind !== 'note') continue;
    if (m.label === 'role' && m.a === RoleCode.leader) {
      leaderChanges.push({ atUs: m.timeUs, node: m.node, term: m.b });
      if (m.b >= term) {
        term = m.b;
        openTerm(m.timeUs, m.b, m.node);
      }
    } else if (m.label === 'term' && m.a > term) {
      term = m.a;
      openTerm(m.timeUs, m.a, null);
    }
  }
  const bins = new Array<number>(commitBins).fill(0);
  if (horizonUs > 0) {
    for (const t of commitsUs) bins[Math.min(commitBins - 1, Math.floor((t / horizonUs) * commitBins))]++;
  }
  const operations = invokesUs.slice();
  for (const a of actions) if (a.action.type === 'propose') operations.push(a.atUs);
  operations.sort((x, y) => x - y);
  const stride = Math.max(1, Math.ceil(operations.length / maxOperationTicks));
  return {
    horizonUs,
    terms,
    leaderChanges,
    faults,
    commitBins: bins,
    commitCount: commitsUs.length,
    operationsUs: operations.filter((_, i) => i % stride === 0),
    operationCount: operations.length,
  };
}
