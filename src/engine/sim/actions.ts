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

export function describeAction(action: Action): string {
  const n = (id: number) => `n${id + 1}`;
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

/** Problems with an action for a world of `nodeCount` nodes; empty when it is valid. */
export function validateAction(action: Action, nodeCount: number): string[] {
  const problems: string[] = [];
  const node = (field: string, v: unknown) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= nodeCount) {
      problems.push(`${field}: must be a node number from 0 to ${nodeCount - 1}`);
    }
  };
  switch (action.type) {
    case 'crash':
    case 'restart':
    case 'isolate':
      node('node', action.node);
      break;
    case 'cut':
    case 'heal':
      node('from', action.from);
      node('to', action.to);
      if (action.from === action.to) problems.push('to: must differ from from');
      break;
    case 'partition':
      if (!Array.isArray(action.groups) || action.groups.length < 2) problems.push('groups: must list at least two groups');
      else action.groups.forEach((g, i) => (Array.isArray(g) ? g.forEach((v, j) => node(`groups[${i}][${j}]`, v)) : problems.push(`groups[${i}]: must be a list of nodes`)));
      break;
    case 'propose':
      if (action.node !== null) node('node', action.node);
      break;
    case 'control':
      node('node', action.node);
      if (action.target !== null) node('target', action.target);
      break;
    case 'healAll':
    case 'setNetwork':
      break;
  }
  return problems;
}
