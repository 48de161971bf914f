/**
 * A protocol run as the page draws it. Projections keep the previous object
 * for anything that did not change, so that React skips what stayed the same
 * (only messages and highlights move every frame).
 */
import type { ReplicaView } from '../../../engine/index';
import type { ClusterFrameVM, ClusterVM, CompareLinkVM, CompareNodeVM, NodeFlashVM } from './compareModel';
import type { FaultWindow } from './faultWindow';
import { liveCounters, sameCounters } from './liveCounters';
import { bindingOf, type ProtocolRun } from './protocolRun';

/** How long a highlight lasts, in virtual time: a BLE pulse, a log-sync glow, a refused vote. */
export const bleFlashUs = 90_000;
export const syncFlashUs = 120_000;
export const refusalFlashUs = 180_000;

function nodeOf(run: ProtocolRun, id: number, view: ReplicaView | null): CompareNodeVM {
  const binding = bindingOf(run, id);
  const name = `n${id + 1}`;
  if (view === null) return { id, name, role: 'crashed', term: 0, ballot: null, qc: null, phase: null, commitIndex: 0, leaderId: null, binding };
  const omni = typeof view.detail.ballot === 'string';
  return {
    id,
    name,
    role: view.role,
    term: view.term,
    ballot: omni ? String(view.detail.ballot) : null,
    qc: omni ? view.detail.qc === true : null,
    phase: omni && typeof view.detail.phase === 'string' ? view.detail.phase : null,
    commitIndex: view.commitIndex,
    leaderId: view.leaderId,
    binding,
  };
}

function sameNode(a: CompareNodeVM, b: CompareNodeVM): boolean {
  return (
    a.role === b.role &&
    a.term === b.term &&
    a.ballot === b.ballot &&
    a.qc === b.qc &&
    a.phase === b.phase &&
    a.commitIndex === b.commitIndex &&
    a.leaderId === b.leaderId &&
    a.binding === b.binding
  );
}

/** `next`, reusing `prev`'s elements that are the same, and `prev` itself when every one is. */
export function shareArray<T>(prev: readonly T[] | undefined, next: T[], same: (a: T, b: T) => boolean): T[] {
  if (prev === undefined || prev.length !== next.length) return next;
  let all = true;
  const out = next.map((item, i) => {
    if (same(prev[i], item)) return prev[i];
    all = false;
    return item;
  });
  return all ? (prev as T[]) : out;
}

function linksOf(run: ProtocolRun, nodeCount: number): CompareLinkVM[] {
  const links: CompareLinkVM[] = [];
  for (let a = 0; a < nodeCount; a++) for (let b = a + 1; b < nodeCount; b++) links.push({ a, b, upAB: run.world.linkUp(a, b), upBA: run.world.linkUp(b, a) });
  return links;
}

export function projectCluster(run: ProtocolRun, window: FaultWindow, prev: ClusterVM | undefined): ClusterVM {
  const views = run.world.views(1);
  const nodes = shareArray(
    prev?.nodes,
    views.map((view, id) => nodeOf(run, id, view)),
    sameNode,
  );
  const links = shareArray(prev?.links, linksOf(run, views.length), (a, b) => a.upAB === b.upAB && a.upBA === b.upBA);
  const omni = nodes.some((n) => n.qc !== null);
  const qcServers = omni ? nodes.filter((n) => n.qc === true).length : null;
  const fresh = liveCounters(run.world, window, run.notes, qcServers);
  const counters = prev !== undefined && sameCounters(prev.counters, fresh) ? prev.counters : fresh;
  const terms = prev !== undefined && prev.terms.length === run.notes.terms.length && prev.terms.at(-1)?.term === run.notes.terms.at(-1)?.term ? prev.terms : run.notes.terms.map((p) => ({ ...p }));
  if (prev !== undefined && prev.nodes === nodes && prev.links === links && prev.counters === counters && prev.terms === terms && prev.error === run.error) return prev;
  return { protocol: run.protocol, nodes, links, counters, terms, error: run.error };
}

function age(nowUs: number, atUs: number | null, lastsUs: number): number | null {
  if (atUs === null) return null;
  const ageUs = nowUs - atUs;
  return ageUs >= 0 && ageUs < lastsUs ? ageUs : null;
}

export function projectFrame(run: ProtocolRun): ClusterFrameVM {
  const nowUs = run.world.nowUs();
  const t = run.notes;
  const flashes: NodeFlashVM[] = t.bleRoundUs.map((bleUs, node) => {
    const refusal = t.refusal[node];
    const refusalAge = refusal === null ? null : age(nowUs, refusal.timeUs, refusalFlashUs);
    return {
      bleRoundAgeUs: age(nowUs, bleUs, bleFlashUs),
      syncAgeUs: age(nowUs, t.syncUs[node], syncFlashUs),
      refusal: refusal === null || refusalAge === null ? null : { reason: refusal.reason, ageUs: refusalAge },
    };
  });
  const messages = run.world.inFlight(400).map((m) => ({ id: m.id, from: m.from, to: m.to, type: m.type, sentUs: m.sentUs, deliverUs: m.deliverUs }));
  return { nowUs, messages, flashes };
}
