/**
 * A bug scenario's script in words, one line per instant: "partition {n1}
 * {n2,n3,n4,n5}", "c3, c4 ↔ n2, n3, n4, n5: every message lost". Many
 * `setNetwork` actions at one instant with the same settings are one change
 * to a set of links, and read as one.
 */
import { describeAction, type LoggedAction } from '../../engine/index';
import { endpointName } from '../view/faultSpans';
import { formatMs, formatPercent } from './linkSettings';

export interface ScriptLine {
  atUs: number;
  text: string;
}

type SetNetwork = Extract<LoggedAction['action'], { type: 'setNetwork' }>;

function settingsText(a: SetNetwork): string {
  const parts: string[] = [];
  if (a.latencyMinUs !== undefined || a.latencyMaxUs !== undefined) parts.push(`${formatMs(a.latencyMinUs ?? 0)}–${formatMs(a.latencyMaxUs ?? a.latencyMinUs ?? 0)} ms`);
  if (a.lossRatio !== undefined) parts.push(a.lossRatio >= 1 ? 'every message lost' : `${formatPercent(a.lossRatio)} % loss`);
  if (a.duplicateRatio !== undefined) parts.push(`${formatPercent(a.duplicateRatio)} % duplicated`);
  return parts.join(', ') || 'unchanged';
}

function networkText(group: SetNetwork[], nodeCount: number): string {
  const name = (id: number | null) => (id === null ? 'every endpoint' : endpointName(id, nodeCount));
  const settings = settingsText(group[0]);
  if (group.length === 1) {
    const a = group[0];
    return a.from === null && a.to === null ? `every link: ${settings}` : `${name(a.from)}→${name(a.to)}: ${settings}`;
  }
  // Both directions between two sets of endpoints: name the sets.
  const left = new Set<number>();
  const right = new Set<number>();
  for (const a of group) {
    if (a.from === null || a.to === null) return `${group.length} links: ${settings}`;
    const [lo, hi] = a.from < a.to ? [a.from, a.to] : [a.to, a.from];
    // Clerks sit after the replicas, so the larger endpoint is the clerk when one is involved.
    right.add(lo);
    left.add(hi);
  }
  const names = (set: Set<number>) => [...set].sort((x, y) => x - y).map((id) => endpointName(id, nodeCount)).join(', ');
  return `${names(left)} ↔ ${names(right)}: ${settings}`;
}

export function scriptLines(actions: readonly LoggedAction[], nodeCount: number): ScriptLine[] {
  const lines: ScriptLine[] = [];
  let i = 0;
  while (i < actions.length) {
    const atUs = actions[i].atUs;
    const parts: string[] = [];
    while (i < actions.length && actions[i].atUs === atUs) {
      const action = actions[i].action;
      if (action.type === 'setNetwork') {
        const group: SetNetwork[] = [action];
        const key = settingsText(action);
        while (i + 1 < actions.length && actions[i + 1].atUs === atUs) {
          const next = actions[i + 1].action;
          if (next.type !== 'setNetwork' || settingsText(next) !== key) break;
          group.push(next);
          i++;
        }
        parts.push(networkText(group, nodeCount));
      } else parts.push(describeAction(action));
      i++;
    }
    lines.push({ atUs, text: parts.join('; ') });
  }
  return lines;
}
