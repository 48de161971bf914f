/**
 * The page's side of the bug toggles: each toggle comes with the scenario
 * that is known to catch it (services/bugScenarios.ts), so that choosing one
 * sets up a run in which the checker has something to find: its seed,
 * cluster, clients, network, and a script of faults at fixed virtual times.
 */
import type { LoggedAction, WorldConfig } from '../../engine/index';
import { bugCatalog, bugNames, isBugName, type BugName } from '../../engine/sim/bugs';
import { bugScenarioFor, type BugScenario } from '../../engine/services/bugScenarios';
import { withProtocol } from './raftOptions';
import type { LabConfig } from './types';
import { reliableSettings } from './linkSettings';

export { bugNames, isBugName, type BugName };

export interface BugInfo {
  name: BugName;
  /** The rule broken, in a sentence (bugs.ts). */
  rule: string;
  /** What its scenario does and what to look for. */
  story: string;
  title: string;
  /** How it shows: the checker's verdict or an invariant that stops the run. */
  caughtBy: string;
}

function scenarioOf(bug: BugName): BugScenario {
  return bugScenarioFor(bug);
}

export function bugInfo(bug: BugName): BugInfo {
  const s = scenarioOf(bug);
  return {
    name: bug,
    rule: bugCatalog[bug],
    story: s.description,
    title: s.title,
    caughtBy:
      s.detection.kind === 'invariant'
        ? `the ${s.detection.invariant} invariant stops the run (checked after every event on the in-process host)`
        : 'the linearizability checker rejects the history',
  };
}

export function allBugs(): BugInfo[] {
  return bugNames.map(bugInfo);
}

/**
 * The run a bug's scenario recommends, applied to the current config: its
 * first shipped seed, cluster size, clients, snapshots and network, and a
 * protocol it was checked with (the current one when it is among them).
 */
export function recommendedConfig(config: LabConfig, bug: BugName): LabConfig {
  const s = scenarioOf(bug);
  const checked = [s.config.protocol as string, ...s.alsoProtocols];
  const protocol = checked.includes(config.protocol) ? config.protocol : (s.config.protocol as string);
  const toggled = protocol === config.protocol ? config : withProtocol(config, protocol);
  return {
    ...toggled,
    bug,
    // Invariants are checked after every event only where the replicas are in reach: in-process.
    host: s.detection.kind === 'invariant' ? 'inprocess' : config.host,
    seed: s.seeds[0],
    nodeCount: s.config.nodeCount,
    clients: s.config.clients?.count ?? 0,
    snapshotEveryEntries: s.config.snapshotEveryEntries ?? 0,
    network: { ...reliableSettings, ...(s.config.network ?? {}) },
  };
}

/** What a link with only `bug=` leaves out is taken from the bug's scenario. */
export function recommendedDefaults(bug: BugName): Partial<Pick<LabConfig, 'host'>> & Pick<LabConfig, 'seed' | 'nodeCount' | 'clients' | 'snapshotEveryEntries' | 'network'> {
  const s = scenarioOf(bug);
  return {
    ...(s.detection.kind === 'invariant' ? { host: 'inprocess' as const } : {}),
    seed: s.seeds[0],
    nodeCount: s.config.nodeCount,
    clients: s.config.clients?.count ?? 0,
    snapshotEveryEntries: s.config.snapshotEveryEntries ?? 0,
    network: { ...reliableSettings, ...(s.config.network ?? {}) },
  };
}

/** The parts of the world config the bug's scenario sets beyond what the page shows: clerk settings and protocol options. */
export function bugWorldExtras(bug: BugName): Pick<WorldConfig, 'clients' | 'options' | 'checkInvariants'> {
  const s = scenarioOf(bug);
  return { clients: s.config.clients, options: s.config.options, checkInvariants: true };
}

/** The endpoints an action names: replicas, and clerks after them. */
function endpointsOf(action: LoggedAction['action']): number[] {
  switch (action.type) {
    case 'crash':
    case 'restart':
    case 'isolate':
      return [action.node];
    case 'cut':
    case 'heal':
      return [action.from, action.to];
    case 'partition':
      return action.groups.flat();
    case 'setNetwork':
      return [action.from ?? 0, action.to ?? 0];
    case 'control':
      return action.target === null ? [action.node] : [action.node, action.target];
    case 'propose':
      return action.node === null ? [] : [action.node];
    case 'healAll':
    case 'shardctl':
      return [];
  }
}

export interface BugScript {
  actions: LoggedAction[];
  /** Why the script was left out, or null when it runs. */
  skipped: string | null;
}

/**
 * The scenario's scripted faults, when they fit this run: a script written
 * for five servers and four clients names endpoints that a smaller run does
 * not have, so it is left out (and the page says why).
 */
export function bugScript(config: Pick<LabConfig, 'bug' | 'nodeCount' | 'clients'>): BugScript {
  if (config.bug === null) return { actions: [], skipped: null };
  const s = scenarioOf(config.bug);
  const wantClients = s.config.clients?.count ?? 0;
  const fits = config.nodeCount === s.config.nodeCount && config.clients >= wantClients;
  if (!fits) {
    return {
      actions: [],
      skipped: `The scripted faults of "${config.bug}" are written for ${s.config.nodeCount} nodes and ${wantClients} clients; this run has ${config.nodeCount} and ${config.clients}, so they are left out. Crash nodes and cut links yourself, or choose the bug again for its setup.`,
    };
  }
  const size = config.nodeCount + config.clients;
  const actions = s.script.filter((a) => endpointsOf(a.action).every((e) => e < size)).map((a) => ({ atUs: a.atUs, action: { ...a.action } }));
  return { actions, skipped: null };
}
