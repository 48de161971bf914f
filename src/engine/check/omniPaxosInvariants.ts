/**
 * OmniPaxos's safety invariants over every server's state, checked after
 * every event in tests and dev builds:
 *
 * - decided prefixes agree: an index decided anywhere holds the same entry
 *   (ballot number and command) on every server that decided it;
 * - a decided entry never changes: the memory remembers every decided entry
 *   across events, and each server's newest decided entries are re-read at
 *   every event against it;
 * - at most one leader per ballot: a ballot (n, priority, pid) is led by pid
 *   only, and no two servers act as leader of the same ballot (in the same
 *   configuration), whatever their phase;
 * - the decided index never decreases within a server's lifetime (a new
 *   lifetime is recognised by the durable incarnation counter), never exceeds
 *   the log, and the trimmed prefix never passes it.
 *
 * Violations throw InvariantViolation with the node, the ballot number and
 * the virtual time.
 */
import { InvariantViolation } from '../core/assert';
import type { OmniEntry, OmniPaxosState } from '../protocols/omnipaxos/types';

export interface OmniPaxosCheckMemory {
  /** index → ballot number of the entry decided there (index 0 unused). */
  decidedN: number[];
  /** index → command id; -1 for an entry without command, -1000 - id for a StopSign starting configuration id. */
  decidedCommand: number[];
  /** Per node: the incarnation last seen, its decided index, and through which index its decided entries were checked. */
  incarnation: number[];
  lastDecided: number[];
  checkedThrough: number[];
}

/** How many of a server's newest decided entries are re-read at every event. */
const recheckedEntries = 4;

export function createOmniPaxosCheckMemory(): OmniPaxosCheckMemory {
  return { decidedN: [0], decidedCommand: [-1], incarnation: [], lastDecided: [], checkedThrough: [] };
}

function commandCode(e: OmniEntry): number {
  if (e.stopSign !== null) return -1000 - e.stopSign.configId;
  return e.command === null ? -1 : e.command.id;
}

export function checkOmniPaxosStates(states: readonly unknown[], nowUs: number, memory: unknown): void {
  const m = memory as OmniPaxosCheckMemory;
  let leaderKeys: string[] | null = null;
  let leaderNodes: number[] | null = null;
  for (let node = 0; node < states.length; node++) {
    const raw = states[node];
    if (raw === null || raw === undefined) continue;
    const s = raw as OmniPaxosState;
    const sp = s.sp;
    const ballotN = sp.promise.n;
    const fail = (invariant: string, detail: string): never => {
      throw new InvariantViolation(invariant, detail, node, ballotN, nowUs);
    };
    if (m.incarnation[node] !== s.incarnation) {
      m.incarnation[node] = s.incarnation;
      m.lastDecided[node] = 0;
      m.checkedThrough[node] = 0;
    }
    const last = sp.logStart + sp.log.length;
    if (sp.decidedIdx < m.lastDecided[node]) fail('decided index monotonic', `decided index fell from ${m.lastDecided[node]} to ${sp.decidedIdx}`);
    if (sp.decidedIdx > last) fail('decided within the log', `decided index ${sp.decidedIdx} beyond the last index ${last}`);
    if (sp.logStart > sp.decidedIdx) fail('trim only decided entries', `log trimmed through ${sp.logStart} beyond decided ${sp.decidedIdx}`);
    m.lastDecided[node] = sp.decidedIdx;

    const from = Math.max(m.checkedThrough[node] - recheckedEntries, sp.logStart) + 1;
    for (let index = from; index <= sp.decidedIdx; index++) {
      const e = sp.log[index - sp.logStart - 1];
      const code = commandCode(e);
      if (index < m.decidedN.length) {
        if (m.decidedN[index] !== e.n || m.decidedCommand[index] !== code) {
          fail(
            'decided prefixes agree',
            `index ${index} decided as ballot ${e.n} command ${code}, but earlier as ballot ${m.decidedN[index]} command ${m.decidedCommand[index]}`,
          );
        }
      } else {
        if (index !== m.decidedN.length) fail('decided prefixes agree', `index ${index} decided before index ${m.decidedN.length} was decided anywhere`);
        m.decidedN.push(e.n);
        m.decidedCommand.push(code);
      }
    }
    if (sp.decidedIdx > m.checkedThrough[node]) m.checkedThrough[node] = sp.decidedIdx;

    if (s.mode === 'active' && sp.role === 'leader') {
      const b = sp.leaderBallot;
      if (b.pid !== node) fail('one leader per ballot', `acts as leader of ballot ${b.n}.${b.priority}.${b.pid}, which belongs to n${b.pid + 1}`);
      const key = `${s.config.id}:${b.n}.${b.priority}.${b.pid}`;
      if (leaderKeys === null || leaderNodes === null) {
        leaderKeys = [];
        leaderNodes = [];
      }
      const other = leaderKeys.indexOf(key);
      if (other >= 0) fail('one leader per ballot', `n${leaderNodes[other] + 1} and n${node + 1} both lead ballot ${key} (phase ${sp.phase})`);
      leaderKeys.push(key);
      leaderNodes.push(node);
    }
  }
}
