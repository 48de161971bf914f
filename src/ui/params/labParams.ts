/**
 * The page's URL parameters, validated once at the boundary. A bad value is
 * never fatal: it is replaced by the default and explained in a notice that
 * says what was wrong and what was started instead.
 */
import type { HostKind, LabConfig } from '../model/types';

export const defaultSeed = 1;
export const defaultNodeCount = 5;
export const minNodeCount = 3;
export const maxNodeCount = 9;
export const defaultHost: HostKind = 'worker';
export const defaultProtocol = 'raft';
/** Compact every 10 entries by default, so that a few clicks on "Send command" show a snapshot. */
export const defaultSnapshotEveryEntries = 10;
export const maxSnapshotEveryEntries = 10_000;
export const minSpeed = 0.1;
export const maxSpeed = 100;
/**
 * Default speed, in virtual seconds per real second. Links take 5–15 ms and
 * heartbeats come every 100 ms, so at 0.1× a message glides for 50–150 ms of
 * real time and heartbeats pulse once a second; elections (300–600 ms
 * timeouts) take a few seconds to watch.
 */
export const defaultSpeed = 0.1;
/** The largest seed: 2^53 − 1, the largest integer a double holds exactly. */
export const maxSeed = Number.MAX_SAFE_INTEGER;

export interface ParamProblem {
  /** Stable code, also the notice's id. */
  code: 'bad-seed' | 'bad-nodes' | 'bad-host' | 'bad-protocol' | 'bad-snapshot' | 'bad-speed';
  text: string;
}

export interface ParsedParams {
  config: LabConfig;
  problems: ParamProblem[];
}

const wholeNumber = /^\d+$/;

/** A seed typed or linked: a whole number from 0 to 2^53 − 1 written in plain digits; null otherwise. */
export function parseSeed(raw: string): number | null {
  const text = raw.trim();
  if (!wholeNumber.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) && value <= maxSeed ? value : null;
}

function parseNodeCount(raw: string): number | null {
  const text = raw.trim();
  if (!wholeNumber.test(text)) return null;
  const value = Number(text);
  return value >= minNodeCount && value <= maxNodeCount ? value : null;
}

function parseHost(raw: string): HostKind | null {
  return raw === 'worker' || raw === 'inprocess' ? raw : null;
}

export function parseSpeed(raw: string): number | null {
  const text = raw.trim().replace(/x$/i, '');
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(text)) return null;
  const value = Number(text);
  return value >= minSpeed && value <= maxSpeed ? value : null;
}

/** Quote a user's value for a message, shortened so that a huge parameter cannot flood the page. */
function quoted(raw: string): string {
  const shown = raw.length > 40 ? raw.slice(0, 40) + '…' : raw;
  return `"${shown}"`;
}

/**
 * Read `?seed=`, `?nodes=`, `?host=`, `?protocol=`, `?snapshot=` and `?speed=` from a query
 * string. `protocols` lists the registered protocol names (the protocol is
 * checked against them).
 */
export function parseLabParams(search: string, protocols: readonly string[]): ParsedParams {
  const query = new URLSearchParams(search);
  const problems: ParamProblem[] = [];
  const config: LabConfig = {
    seed: defaultSeed,
    nodeCount: defaultNodeCount,
    host: defaultHost,
    protocol: defaultProtocol,
    snapshotEveryEntries: defaultSnapshotEveryEntries,
    speed: defaultSpeed,
  };

  const seed = query.get('seed');
  if (seed !== null) {
    const value = parseSeed(seed);
    if (value === null) {
      problems.push({ code: 'bad-seed', text: `The seed in the link, ${quoted(seed)}, is not a whole number from 0 to 2^53; started seed ${defaultSeed} instead.` });
    } else config.seed = value;
  }

  const nodes = query.get('nodes');
  if (nodes !== null) {
    const value = parseNodeCount(nodes);
    if (value === null) {
      problems.push({
        code: 'bad-nodes',
        text: `The node count in the link, ${quoted(nodes)}, is not a whole number from ${minNodeCount} to ${maxNodeCount}; started ${defaultNodeCount} nodes instead.`,
      });
    } else config.nodeCount = value;
  }

  const host = query.get('host');
  if (host !== null) {
    const value = parseHost(host);
    if (value === null) {
      problems.push({ code: 'bad-host', text: `The host in the link, ${quoted(host)}, is neither "worker" nor "inprocess"; started on the worker host instead.` });
    } else config.host = value;
  }

  const protocol = query.get('protocol');
  if (protocol !== null) {
    if (!protocols.includes(protocol)) {
      const known = protocols.length > 0 ? protocols.map((p) => `"${p}"`).join(', ') : 'none yet';
      problems.push({ code: 'bad-protocol', text: `The protocol in the link, ${quoted(protocol)}, is not one of ${known}; started ${defaultProtocol} instead.` });
    } else config.protocol = protocol;
  }

  const snapshot = query.get('snapshot');
  if (snapshot !== null) {
    const text = snapshot.trim();
    const value = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!(value >= 0 && value <= maxSnapshotEveryEntries)) {
      problems.push({
        code: 'bad-snapshot',
        text: `The snapshot interval in the link, ${quoted(snapshot)}, is not a whole number of entries from 0 (never) to ${maxSnapshotEveryEntries}; started with a snapshot every ${defaultSnapshotEveryEntries} entries instead.`,
      });
    } else config.snapshotEveryEntries = value;
  }

  const speed = query.get('speed');
  if (speed !== null) {
    const value = parseSpeed(speed);
    if (value === null) {
      problems.push({ code: 'bad-speed', text: `The speed in the link, ${quoted(speed)}, is not a number from ${minSpeed} to ${maxSpeed}; started at ${defaultSpeed}× instead.` });
    } else config.speed = value;
  }
  return { config, problems };
}

/**
 * The query string for a config: the seed always (so that a reload gives the
 * same run), the others only when they differ from the defaults. Parameters
 * the page does not know are kept.
 */
export function labSearch(currentSearch: string, config: LabConfig): string {
  const query = new URLSearchParams(currentSearch);
  query.set('seed', String(config.seed));
  const optional: [string, string, string][] = [
    ['nodes', String(config.nodeCount), String(defaultNodeCount)],
    ['host', config.host, defaultHost],
    ['protocol', config.protocol, defaultProtocol],
    ['snapshot', String(config.snapshotEveryEntries), String(defaultSnapshotEveryEntries)],
  ];
  for (const [key, value, fallback] of optional) {
    if (value === fallback) query.delete(key);
    else query.set(key, value);
  }
  // Speed is a viewing preference, not part of the run: keep it only when the link asked for one.
  if (query.has('speed')) query.set('speed', String(config.speed));
  return '?' + query.toString();
}
