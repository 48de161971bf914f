/**
 * The simulated network: a directed link for every ordered pair of endpoints,
 * each with its own state. A partition is nothing but a set of down links, so
 * partial connectivity (A–B cut while both still reach C) and one-way cuts are
 * expressible. Reordering falls out of per-message latency.
 *
 * Plain data (flat arrays indexed by `from * size + to`) so that it can be
 * checkpointed and sent to a worker.
 */
import { fail } from '../core/assert';

export interface LinkSettings {
  latencyMinUs: number;
  latencyMaxUs: number;
  /** Probability that a message is lost, 0..1. */
  lossRatio: number;
  /** Probability that a delivered message is delivered a second time, 0..1. */
  duplicateRatio: number;
}

export interface NetworkState {
  size: number;
  up: boolean[];
  latencyMinUs: number[];
  latencyMaxUs: number[];
  lossRatio: number[];
  duplicateRatio: number[];
}

export const defaultLinkSettings: Readonly<LinkSettings> = Object.freeze({
  latencyMinUs: 5_000,
  latencyMaxUs: 15_000,
  lossRatio: 0,
  duplicateRatio: 0,
});

/** The 6.824 tester's unreliable network: 0–26 ms delay, 10 % of messages dropped. */
export const unreliableLinkSettings: Readonly<LinkSettings> = Object.freeze({
  latencyMinUs: 1_000,
  latencyMaxUs: 26_000,
  lossRatio: 0.1,
  duplicateRatio: 0,
});

export function validateLinkSettings(s: LinkSettings): string[] {
  const problems: string[] = [];
  const isInt = (v: number) => Number.isFinite(v) && Number.isInteger(v);
  if (!isInt(s.latencyMinUs) || s.latencyMinUs < 0) problems.push('latencyMinUs: must be a whole number ≥ 0');
  if (!isInt(s.latencyMaxUs) || s.latencyMaxUs < s.latencyMinUs) problems.push('latencyMaxUs: must be a whole number ≥ latencyMinUs');
  if (!(s.lossRatio >= 0 && s.lossRatio <= 1)) problems.push('lossRatio: must be between 0 and 1');
  if (!(s.duplicateRatio >= 0 && s.duplicateRatio <= 1)) problems.push('duplicateRatio: must be between 0 and 1');
  return problems;
}

export function createNetwork(size: number, settings: LinkSettings): NetworkState {
  const n = size * size;
  return {
    size,
    up: new Array<boolean>(n).fill(true),
    latencyMinUs: new Array<number>(n).fill(settings.latencyMinUs),
    latencyMaxUs: new Array<number>(n).fill(settings.latencyMaxUs),
    lossRatio: new Array<number>(n).fill(settings.lossRatio),
    duplicateRatio: new Array<number>(n).fill(settings.duplicateRatio),
  };
}

export function linkIndex(net: NetworkState, from: number, to: number): number {
  if (!(from >= 0 && from < net.size && to >= 0 && to < net.size)) fail(`link ${from}->${to} out of range`);
  return from * net.size + to;
}

export function setLinkUp(net: NetworkState, from: number, to: number, up: boolean, bothWays: boolean): void {
  net.up[linkIndex(net, from, to)] = up;
  if (bothWays) net.up[linkIndex(net, to, from)] = up;
}

/** Cut every link between different groups; links inside a group come up. Endpoints in no group keep their links. */
export function partition(net: NetworkState, groups: readonly (readonly number[])[]): void {
  const groupOf = new Array<number>(net.size).fill(-1);
  groups.forEach((group, g) => group.forEach((node) => (groupOf[node] = g)));
  for (let a = 0; a < net.size; a++) {
    for (let b = 0; b < net.size; b++) {
      if (a === b || groupOf[a] < 0 || groupOf[b] < 0) continue;
      net.up[a * net.size + b] = groupOf[a] === groupOf[b];
    }
  }
}

/** Cut every link to and from `node` (other endpoints keep their links). */
export function isolate(net: NetworkState, node: number): void {
  for (let other = 0; other < net.size; other++) {
    if (other === node) continue;
    net.up[linkIndex(net, node, other)] = false;
    net.up[linkIndex(net, other, node)] = false;
  }
}

export function healAll(net: NetworkState): void {
  net.up.fill(true);
}

/**
 * Change link settings. `from`/`to` null mean "every endpoint", so
 * (null, null) changes all links and (3, null) every link leaving node 3.
 */
export function setLinkSettings(
  net: NetworkState,
  from: number | null,
  to: number | null,
  settings: Partial<LinkSettings>,
): void {
  for (let a = 0; a < net.size; a++) {
    if (from !== null && a !== from) continue;
    for (let b = 0; b < net.size; b++) {
      if ((to !== null && b !== to) || a === b) continue;
      const i = a * net.size + b;
      if (settings.latencyMinUs !== undefined) net.latencyMinUs[i] = settings.latencyMinUs;
      if (settings.latencyMaxUs !== undefined) net.latencyMaxUs[i] = settings.latencyMaxUs;
      if (settings.lossRatio !== undefined) net.lossRatio[i] = settings.lossRatio;
      if (settings.duplicateRatio !== undefined) net.duplicateRatio[i] = settings.duplicateRatio;
      if (net.latencyMaxUs[i] < net.latencyMinUs[i]) net.latencyMaxUs[i] = net.latencyMinUs[i];
    }
  }
}

/** The smallest latency of any link: no message can arrive sooner (the worker host's lookahead). */
export function minimumLatencyUs(net: NetworkState): number {
  let min = Infinity;
  for (let a = 0; a < net.size; a++) {
    for (let b = 0; b < net.size; b++) {
      if (a !== b) min = Math.min(min, net.latencyMinUs[a * net.size + b]);
    }
  }
  return min === Infinity ? 0 : min;
}

export function linkSettingsOf(net: NetworkState, from: number, to: number): LinkSettings & { up: boolean } {
  const i = linkIndex(net, from, to);
  return {
    up: net.up[i],
    latencyMinUs: net.latencyMinUs[i],
    latencyMaxUs: net.latencyMaxUs[i],
    lossRatio: net.lossRatio[i],
    duplicateRatio: net.duplicateRatio[i],
  };
}
