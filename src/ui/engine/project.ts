/**
 * Projections: copy what the page shows out of the engine's answers into
 * plain view models. Copies, because the store freezes what it holds and must
 * never freeze (or be changed through) an object the engine still uses.
 */
import { linkSettingsOf, nodeName, type InFlightMessage, type NetworkState, type ReplicaView, type RunStats } from '../../engine/index';
import { sameSettings } from '../model/linkSettings';
import type { LinkSettingsVM, LinkVM, MessageVM, NetLinkVM, NodeVM, StatsVM, TimerVM } from '../model/types';

/**
 * A replica's view as drawn. `groupBase`: the global index of its group's
 * first replica, since a view names nodes (vote, leader) by their index
 * inside the group and the page names them by their global one.
 */
export function projectNode(view: ReplicaView | null, id: number, groupBase = 0): NodeVM {
  if (view === null) {
    return {
      id,
      name: nodeName(id),
      role: 'crashed',
      term: 0,
      votedFor: null,
      leaderId: null,
      commitIndex: 0,
      lastIndex: 0,
      snapshotIndex: 0,
      snapshotTerm: 0,
      logTerms: [],
      logTermsFromIndex: 1,
      electionTimeoutUs: 0,
      detail: {},
    };
  }
  return {
    id,
    name: nodeName(id),
    role: view.role,
    term: view.term,
    votedFor: view.votedFor === null ? null : view.votedFor + groupBase,
    leaderId: view.leaderId === null ? null : view.leaderId + groupBase,
    commitIndex: view.commitIndex,
    lastIndex: view.lastIndex,
    snapshotIndex: view.snapshotIndex,
    snapshotTerm: view.snapshotTerm,
    logTerms: view.logTerms.slice(),
    logTermsFromIndex: view.logTermsFromIndex,
    electionTimeoutUs: view.electionTimeoutUs,
    detail: groupBase === 0 ? { ...view.detail } : globalDetail(view.detail, groupBase),
  };
}

/** A leader's detail names its peers n1, n2, … inside its group: rename them by their global index. */
function globalDetail(detail: Readonly<Record<string, string | number | boolean | null>>, groupBase: number): NodeVM['detail'] {
  const out: NodeVM['detail'] = {};
  for (const [key, value] of Object.entries(detail)) {
    const peer = /^n(\d+)$/.exec(key);
    out[peer === null ? key : `n${Number(peer[1]) + groupBase}`] = value;
  }
  return out;
}

/**
 * A crashed node keeps showing its last known log and term (greyed) rather
 * than an empty box: what it had on disk is what it will restart from.
 */
export function projectCrashed(previous: NodeVM | undefined, id: number): NodeVM {
  const blank = projectNode(null, id);
  if (previous === undefined) return blank;
  return { ...previous, role: 'crashed', detail: {} };
}

export function projectLinks(nodeCount: number, linkUp: (from: number, to: number) => boolean): LinkVM[] {
  const links: LinkVM[] = [];
  for (let a = 0; a < nodeCount; a++) {
    for (let b = a + 1; b < nodeCount; b++) links.push({ a, b, upAB: linkUp(a, b), upBA: linkUp(b, a) });
  }
  return links;
}

/** Messages between replicas (the ring has no place for clerks, which sit after the replicas on the network). */
export function projectMessages(messages: readonly InFlightMessage[], nodeCount: number): MessageVM[] {
  const out: MessageVM[] = [];
  for (const m of messages) {
    if (m.from >= nodeCount || m.to >= nodeCount) continue;
    out.push({ id: m.id, from: m.from, to: m.to, type: m.type, description: m.description, shard: m.shard, sentUs: m.sentUs, deliverUs: m.deliverUs });
  }
  return out;
}

function settingsOf(net: Readonly<NetworkState>, from: number, to: number): LinkSettingsVM {
  const s = linkSettingsOf(net as NetworkState, from, to);
  return { latencyMinUs: s.latencyMinUs, latencyMaxUs: s.latencyMaxUs, lossRatio: s.lossRatio, duplicateRatio: s.duplicateRatio };
}

/** Settings of every replica-to-replica link, both directions. */
export function projectNetwork(net: Readonly<NetworkState>, nodeCount: number): NetLinkVM[] {
  const links: NetLinkVM[] = [];
  for (let a = 0; a < nodeCount; a++) {
    for (let b = a + 1; b < nodeCount; b++) links.push({ a, b, ab: settingsOf(net, a, b), ba: settingsOf(net, b, a) });
  }
  return links;
}

export function sameNetLink(a: NetLinkVM, b: NetLinkVM): boolean {
  return a.a === b.a && a.b === b.b && sameSettings(a.ab, b.ab) && sameSettings(a.ba, b.ba);
}

export function projectStats(stats: Readonly<RunStats>, committed: number, elections: number): StatsVM {
  return {
    opsCompleted: stats.opsCompleted,
    events: stats.events,
    sent: stats.sent,
    delivered: stats.delivered,
    dropped: stats.dropped,
    committed,
    proposals: stats.proposals,
    proposalsRefused: stats.proposalsRefused,
    elections,
  };
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameRecord(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => a[k] === b[k]);
}

/** Equal for drawing: the store keeps the old object when this holds, so the node does not re-render. */
export function sameNode(a: NodeVM, b: NodeVM): boolean {
  return (
    a.id === b.id &&
    a.role === b.role &&
    a.term === b.term &&
    a.votedFor === b.votedFor &&
    a.leaderId === b.leaderId &&
    a.commitIndex === b.commitIndex &&
    a.lastIndex === b.lastIndex &&
    a.snapshotIndex === b.snapshotIndex &&
    a.snapshotTerm === b.snapshotTerm &&
    a.logTermsFromIndex === b.logTermsFromIndex &&
    a.electionTimeoutUs === b.electionTimeoutUs &&
    sameNumbers(a.logTerms, b.logTerms) &&
    sameRecord(a.detail, b.detail)
  );
}

export function sameLink(a: LinkVM, b: LinkVM): boolean {
  return a.a === b.a && a.b === b.b && a.upAB === b.upAB && a.upBA === b.upBA;
}

export function sameTimer(a: TimerVM, b: TimerVM): boolean {
  return a.node === b.node && a.deadlineUs === b.deadlineUs && a.timeoutUs === b.timeoutUs;
}

export function sameStats(a: StatsVM, b: StatsVM): boolean {
  return sameRecord(a as unknown as Record<string, unknown>, b as unknown as Record<string, unknown>);
}
