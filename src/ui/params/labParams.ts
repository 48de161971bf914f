/**
 * The page's URL parameters, validated once at the boundary. A bad value is
 * never fatal: it is replaced by the default and explained in a notice that
 * says what was wrong and what was started instead.
 */
import { bugNames, isBugName, recommendedDefaults, type BugName } from '../model/bugSetups';
import { isRaftFamily, withToggles } from '../model/raftOptions';
import { formatMs, formatPercent, parseLatencyRange, parseRatio, reliableSettings } from '../model/linkSettings';
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
/** Clerks the page offers: one lane each in the history view. */
export const maxClients = 8;
/** The largest seed: 2^53 − 1, the largest integer a double holds exactly. */
export const maxSeed = Number.MAX_SAFE_INTEGER;
/** A sharded link (`?shards=N`): N key-value groups of this many servers, and a controller of as many. */
export const shardGroupServers = 3;
export const maxShardGroups = 6;
/** Clerks of a sharded link that names none: a store with no load shows no keys moving. */
export const defaultShardClients = 4;

export interface ParamProblem {
  /** Stable code, also the notice's id. */
  code:
    | 'bad-seed'
    | 'bad-nodes'
    | 'bad-host'
    | 'bad-protocol'
    | 'bad-snapshot'
    | 'bad-speed'
    | 'bad-prevote'
    | 'bad-checkquorum'
    | 'raft-option'
    | 'bad-clients'
    | 'bad-bug'
    | 'bad-latency'
    | 'bad-loss'
    | 'bad-dup'
    | 'bad-shards'
    | 'bad-initial'
    | 'shards-host'
    | 'shards-nodes'
    | 'shards-bug';
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

/** A toggle in the link: on/off, 1/0, true/false, yes/no; null otherwise. */
export function parseToggle(raw: string): boolean | null {
  const text = raw.trim().toLowerCase();
  if (['on', '1', 'true', 'yes'].includes(text)) return true;
  if (['off', '0', 'false', 'no'].includes(text)) return false;
  return null;
}

function parseClients(raw: string): number | null {
  const text = raw.trim();
  if (!wholeNumber.test(text)) return null;
  const value = Number(text);
  return value <= maxClients ? value : null;
}

export function defaultLabConfig(): LabConfig {
  return {
    seed: defaultSeed,
    nodeCount: defaultNodeCount,
    host: defaultHost,
    protocol: defaultProtocol,
    preVote: false,
    checkQuorum: false,
    clients: 0,
    bug: null,
    network: { ...reliableSettings },
    snapshotEveryEntries: defaultSnapshotEveryEntries,
    speed: defaultSpeed,
    shards: null,
  };
}

/** Servers in all of a sharded run: the controller and every group. */
export function shardedNodeCount(groups: number): number {
  return shardGroupServers * (groups + 1);
}

/** The same run as a sharded store of `groups` groups, `initialGroups` of them joined at the start (in-process, no bug). */
export function withShards(config: LabConfig, groups: number, initialGroups: number): LabConfig {
  return { ...config, shards: { groups, initialGroups }, nodeCount: shardedNodeCount(groups), host: 'inprocess', bug: null };
}

/** A whole number from `min` to `max` written in plain digits; null otherwise. */
function parseWholeIn(raw: string, min: number, max: number): number | null {
  const text = raw.trim();
  if (!wholeNumber.test(text)) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
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
 * Read `?seed=`, `?nodes=`, `?host=`, `?protocol=`, `?prevote=`,
 * `?checkquorum=`, `?clients=`, `?bug=`, `?latency=`, `?loss=`, `?dup=`,
 * `?snapshot=`, `?shards=`, `?initial=` and `?speed=` from a query string. `protocols` lists the
 * registered protocol names (the protocol is checked against them). With a
 * bug and no seed, cluster, clients, snapshot or network of its own, the
 * link gets the bug scenario's.
 */
export function parseLabParams(search: string, protocols: readonly string[]): ParsedParams {
  const query = new URLSearchParams(search);
  const problems: ParamProblem[] = [];
  let config = defaultLabConfig();

  // The bug first: what the link leaves out comes from its scenario.
  const bug = query.get('bug');
  if (bug !== null && bug.trim() !== '' && bug.trim() !== 'none') {
    const name = bug.trim();
    if (!isBugName(name)) {
      problems.push({ code: 'bad-bug', text: `The bug in the link, ${quoted(bug)}, is not one of ${bugNamesText()}; started with the correct protocol instead.` });
    } else {
      config = { ...config, ...recommendedDefaults(name), bug: name as BugName };
    }
  }

  const seed = query.get('seed');
  if (seed !== null) {
    const value = parseSeed(seed);
    if (value === null) {
      problems.push({ code: 'bad-seed', text: `The seed in the link, ${quoted(seed)}, is not a whole number from 0 to 2^53; started seed ${config.seed} instead.` });
    } else config.seed = value;
  }

  const nodes = query.get('nodes');
  if (nodes !== null) {
    const value = parseNodeCount(nodes);
    if (value === null) {
      problems.push({
        code: 'bad-nodes',
        text: `The node count in the link, ${quoted(nodes)}, is not a whole number from ${minNodeCount} to ${maxNodeCount}; started ${config.nodeCount} nodes instead.`,
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

  // PreVote and CheckQuorum: raft-pv-cq means both; an explicit toggle wins, and the name follows the toggles.
  let preVote = config.protocol === 'raft-pv-cq';
  let checkQuorum = preVote;
  const toggles: [string, 'bad-prevote' | 'bad-checkquorum', string, (v: boolean) => void][] = [
    ['prevote', 'bad-prevote', 'PreVote', (v) => (preVote = v)],
    ['checkquorum', 'bad-checkquorum', 'CheckQuorum', (v) => (checkQuorum = v)],
  ];
  for (const [key, code, label, set] of toggles) {
    const raw = query.get(key);
    if (raw === null) continue;
    const value = parseToggle(raw);
    if (value === null) {
      problems.push({ code, text: `The ${label} setting in the link, ${quoted(raw)}, is neither "on" nor "off"; left it as the protocol has it.` });
    } else if (!isRaftFamily(config.protocol)) {
      problems.push({ code: 'raft-option', text: `${label} is a Raft option and ${config.protocol} has none; ignored it.` });
    } else set(value);
  }
  config = withToggles(config, preVote, checkQuorum, protocols);

  const clients = query.get('clients');
  if (clients !== null) {
    const value = parseClients(clients);
    if (value === null) {
      problems.push({
        code: 'bad-clients',
        text: `The number of clients in the link, ${quoted(clients)}, is not a whole number from 0 to ${maxClients}; started with ${config.clients} instead.`,
      });
    } else config.clients = value;
  }

  const latency = query.get('latency');
  if (latency !== null) {
    const value = parseLatencyRange(latency);
    if (value === null) {
      problems.push({
        code: 'bad-latency',
        text: `The latency in the link, ${quoted(latency)}, is not a range of milliseconds like "5..15" (shortest first); started with ${formatMs(config.network.latencyMinUs)}..${formatMs(config.network.latencyMaxUs)} ms instead.`,
      });
    } else config.network = { ...config.network, ...value };
  }

  const ratios: [string, 'bad-loss' | 'bad-dup', 'lossRatio' | 'duplicateRatio', string][] = [
    ['loss', 'bad-loss', 'lossRatio', 'loss ratio'],
    ['dup', 'bad-dup', 'duplicateRatio', 'duplication ratio'],
  ];
  for (const [key, code, field, label] of ratios) {
    const raw = query.get(key);
    if (raw === null) continue;
    const value = parseRatio(raw);
    if (value === null) {
      problems.push({ code, text: `The ${label} in the link, ${quoted(raw)}, is not a number from 0 to 1 (or a percentage); started with ${formatPercent(config.network[field])} % instead.` });
    } else config.network = { ...config.network, [field]: value };
  }

  const snapshot = query.get('snapshot');
  if (snapshot !== null) {
    const text = snapshot.trim();
    const value = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!(value >= 0 && value <= maxSnapshotEveryEntries)) {
      problems.push({
        code: 'bad-snapshot',
        text: `The snapshot interval in the link, ${quoted(snapshot)}, is not a whole number of entries from 0 (never) to ${maxSnapshotEveryEntries}; started with ${config.snapshotEveryEntries > 0 ? `a snapshot every ${config.snapshotEveryEntries} entries` : 'no snapshots'} instead.`,
      });
    } else config.snapshotEveryEntries = value;
  }

  config = readShards(query, config, problems);

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
 * `?shards=N&initial=K`: N key-value groups of three servers and a
 * three-server controller, K of the groups joined at the start (all by
 * default). The shard view reads the replicas' state, so a sharded run is
 * in-process; a bug toggle breaks the one-group protocol and is left off.
 */
function readShards(query: URLSearchParams, config: LabConfig, problems: ParamProblem[]): LabConfig {
  const shards = query.get('shards');
  const initial = query.get('initial');
  if (shards === null) {
    if (initial !== null) problems.push({ code: 'bad-initial', text: `The link says how many shard groups join at the start, ${quoted(initial)}, but asks for no shards (add shards=3); ignored it.` });
    return config;
  }
  const groups = parseWholeIn(shards, 1, maxShardGroups);
  if (groups === null) {
    problems.push({ code: 'bad-shards', text: `The number of shard groups in the link, ${quoted(shards)}, is not a whole number from 1 to ${maxShardGroups}; started one replicated group instead.` });
    return config;
  }
  let initialGroups = groups;
  if (initial !== null) {
    const value = parseWholeIn(initial, 0, groups);
    if (value === null) {
      problems.push({ code: 'bad-initial', text: `The number of shard groups that join at the start, ${quoted(initial)}, is not a whole number from 0 to ${groups}; all ${groups} joined at the start instead.` });
    } else initialGroups = value;
  }
  if (query.get('host') === 'worker') problems.push({ code: 'shards-host', text: 'The shard view reads the replicas’ state, which only the in-process host has; started the sharded run in-process instead of on Web Workers.' });
  const nodes = query.get('nodes');
  if (nodes !== null) problems.push({ code: 'shards-nodes', text: `A sharded run has ${shardGroupServers} servers per group and a ${shardGroupServers}-server controller; ignored the node count in the link, ${quoted(nodes)}.` });
  if (config.bug !== null) problems.push({ code: 'shards-bug', text: `The bug toggles break the one-group protocol and do not combine with shards; started the sharded run without ${config.bug}.` });
  const sharded = withShards(config, groups, initialGroups);
  return query.get('clients') === null ? { ...sharded, clients: defaultShardClients } : sharded;
}

function bugNamesText(): string {
  return ['none', ...bugNames].map((b) => `"${b}"`).join(', ');
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
    // raft-pv-cq already says both; plain raft carries whichever is on.
    ['prevote', config.protocol === 'raft' && config.preVote ? 'on' : 'off', 'off'],
    ['checkquorum', config.protocol === 'raft' && config.checkQuorum ? 'on' : 'off', 'off'],
    ['clients', String(config.clients), '0'],
    ['bug', config.bug ?? '', ''],
    ['latency', `${formatMs(config.network.latencyMinUs)}..${formatMs(config.network.latencyMaxUs)}`, `${formatMs(reliableSettings.latencyMinUs)}..${formatMs(reliableSettings.latencyMaxUs)}`],
    ['loss', String(config.network.lossRatio), '0'],
    ['dup', String(config.network.duplicateRatio), '0'],
  ];
  for (const [key, value, fallback] of optional) {
    if (value === fallback) query.delete(key);
    else query.set(key, value);
  }
  // A sharded run says its groups; its node count and host follow from them.
  query.delete('shards');
  query.delete('initial');
  if (config.shards !== null) {
    query.delete('nodes');
    query.delete('host');
    query.set('shards', String(config.shards.groups));
    if (config.shards.initialGroups !== config.shards.groups) query.set('initial', String(config.shards.initialGroups));
  }
  // Speed is a viewing preference, not part of the run: keep it only when the link asked for one.
  if (query.has('speed')) query.set('speed', String(config.speed));
  return '?' + query.toString();
}
