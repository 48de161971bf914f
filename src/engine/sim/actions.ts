/**
 * Operator actions: everything a user, a scenario or a test does to a running
 * world. Each becomes an entry of the action log at the virtual time it was
 * applied; replaying (config, seed, action log) reproduces the run exactly.
 *
 * An action at time t takes effect after every event at times ≤ t and before
 * any event later than t, both live and in replay.
 */
import type { LinkSettings } from './network';

export type Action =
  | { type: 'crash'; node: number }
  | { type: 'restart'; node: number }
  | { type: 'cut'; from: number; to: number; bothWays: boolean }
  | { type: 'heal'; from: number; to: number; bothWays: boolean }
  | { type: 'isolate'; node: number }
  | { type: 'partition'; groups: number[][] }
  | { type: 'healAll' }
  | ({ type: 'setNetwork'; from: number | null; to: number | null } & Partial<LinkSettings>)
  /** A client command; `node: null` sends it to the current leader. */
  | { type: 'propose'; node: number | null; body: string; bytes: number }
  | { type: 'control'; node: number; action: string; target: number | null };

export type ActionType = Action['type'];

export interface LoggedAction {
  atUs: number;
  action: Action;
}

/**
 * Describe an action for the trace and the page. Endpoints past the replicas
 * are clerks, named c1, c2, …
 */
export function describeAction(action: Action, nodeCount = Infinity): string {
  const n = (id: number) => (id < nodeCount ? `n${id + 1}` : `c${id - nodeCount + 1}`);
  switch (action.type) {
    case 'crash':
      return `crash ${n(action.node)}`;
    case 'restart':
      return `restart ${n(action.node)}`;
    case 'cut':
      return `cut ${n(action.from)}${action.bothWays ? '↔' : '→'}${n(action.to)}`;
    case 'heal':
      return `heal ${n(action.from)}${action.bothWays ? '↔' : '→'}${n(action.to)}`;
    case 'isolate':
      return `isolate ${n(action.node)}`;
    case 'partition':
      return `partition ${action.groups.map((g) => '{' + g.map(n).join(',') + '}').join(' ')}`;
    case 'healAll':
      return 'heal all links';
    case 'setNetwork':
      return `network ${action.from === null ? '*' : n(action.from)}→${action.to === null ? '*' : n(action.to)}`;
    case 'propose':
      return `propose "${action.body}" to ${action.node === null ? 'the leader' : n(action.node)}`;
    case 'control':
      return `${action.action} at ${n(action.node)}${action.target === null ? '' : ' → ' + n(action.target)}`;
  }
}

/**
 * Problems with an action for a world of `nodeCount` replicas and
 * `endpointCount` network endpoints (replicas, then clerks); empty when valid.
 * Link actions (cut, heal, partition, setNetwork) may name clerks too.
 */
export function validateAction(action: Action, nodeCount: number, endpointCount = nodeCount): string[] {
  const problems: string[] = [];
  const inRange = (field: string, v: unknown, limit: number, what: string) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= limit) problems.push(`${field}: must be ${what} from 0 to ${limit - 1}`);
  };
  const node = (field: string, v: unknown) => inRange(field, v, nodeCount, 'a node number');
  const endpoint = (field: string, v: unknown) => inRange(field, v, endpointCount, endpointCount > nodeCount ? 'a node or client endpoint' : 'a node number');
  const ratio = (field: string, v: unknown) => {
    if (v !== undefined && !(typeof v === 'number' && v >= 0 && v <= 1)) problems.push(`${field}: must be between 0 and 1`);
  };
  const micros = (field: string, v: unknown) => {
    if (v !== undefined && !(typeof v === 'number' && Number.isInteger(v) && v >= 0)) problems.push(`${field}: must be a whole number of microseconds ≥ 0`);
  };
  switch (action.type) {
    case 'crash':
    case 'restart':
    case 'isolate':
      node('node', action.node);
      break;
    case 'cut':
    case 'heal':
      endpoint('from', action.from);
      endpoint('to', action.to);
      if (action.from === action.to) problems.push('to: must differ from from');
      break;
    case 'partition':
      if (!Array.isArray(action.groups) || action.groups.length < 2) problems.push('groups: must list at least two groups');
      else action.groups.forEach((g, i) => (Array.isArray(g) ? g.forEach((v, j) => endpoint(`groups[${i}][${j}]`, v)) : problems.push(`groups[${i}]: must be a list of nodes`)));
      break;
    case 'propose':
      if (action.node !== null) node('node', action.node);
      break;
    case 'control':
      node('node', action.node);
      if (action.target !== null) node('target', action.target);
      break;
    case 'setNetwork':
      if (action.from !== null) endpoint('from', action.from);
      if (action.to !== null) endpoint('to', action.to);
      micros('latencyMinUs', action.latencyMinUs);
      micros('latencyMaxUs', action.latencyMaxUs);
      if (action.latencyMinUs !== undefined && action.latencyMaxUs !== undefined && action.latencyMaxUs < action.latencyMinUs) problems.push('latencyMaxUs: must be ≥ latencyMinUs');
      ratio('lossRatio', action.lossRatio);
      ratio('duplicateRatio', action.duplicateRatio);
      break;
    case 'healAll':
      break;
  }
  return problems;
}
