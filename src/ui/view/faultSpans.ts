/**
 * Fault periods for the history view, read from the action log: a crash
 * lasts until that node restarts; a cut until that link is healed or every
 * link is; an isolation or a partition until every link is healed; a lossy
 * or duplicating network until the dials are set back to clean. The spans
 * are cluster-wide: they shade every client's lane.
 */
import type { LoggedAction } from '../../engine/index';
import type { FaultSpanVM } from '../model/types';

const n = (id: number) => `n${id + 1}`;

/** An endpoint's name: replicas n1…, clerks c1… after them. */
export function endpointName(id: number, nodeCount: number): string {
  return id < nodeCount ? n(id) : `c${id - nodeCount + 1}`;
}

/** `lossyFromStart`: the run's initial network already loses or duplicates messages. */
export function faultSpans(actions: readonly LoggedAction[], nodeCount: number, lossyFromStart = false): FaultSpanVM[] {
  const spans: FaultSpanVM[] = [];
  const open = new Map<string, FaultSpanVM>();
  const start = (key: string, span: FaultSpanVM) => {
    if (open.has(key)) return;
    open.set(key, span);
    spans.push(span);
  };
  const end = (key: string, atUs: number) => {
    const span = open.get(key);
    if (span === undefined) return;
    span.toUs = atUs;
    open.delete(key);
  };
  const endWhere = (test: (key: string) => boolean, atUs: number) => {
    for (const key of [...open.keys()]) if (test(key)) end(key, atUs);
  };
  // Which links have loss or duplication set, by "from>to" (null ends as "*").
  const noisy = new Set<string>();
  if (lossyFromStart) {
    noisy.add('*>*');
    start('network', { fromUs: 0, toUs: null, label: 'lossy network', kind: 'network' });
  }

  for (const { atUs, action } of actions) {
    switch (action.type) {
      case 'crash':
        start(`crash:${action.node}`, { fromUs: atUs, toUs: null, label: `crash ${n(action.node)}`, kind: 'crash' });
        break;
      case 'restart':
        end(`crash:${action.node}`, atUs);
        break;
      case 'cut': {
        const [a, b] = action.from < action.to ? [action.from, action.to] : [action.to, action.from];
        const arrow = action.bothWays ? '↔' : '→';
        start(`link:${a}-${b}`, { fromUs: atUs, toUs: null, label: `cut ${n(action.from)}${arrow}${n(action.to)}`, kind: 'link' });
        break;
      }
      case 'heal': {
        const [a, b] = action.from < action.to ? [action.from, action.to] : [action.to, action.from];
        end(`link:${a}-${b}`, atUs);
        break;
      }
      case 'isolate':
        start(`isolate:${action.node}`, { fromUs: atUs, toUs: null, label: `isolate ${n(action.node)}`, kind: 'isolate' });
        break;
      case 'partition':
        endWhere((key) => key === 'partition', atUs);
        start('partition', {
          fromUs: atUs,
          toUs: null,
          label: `partition ${action.groups.map((g) => g.map((e) => endpointName(e, nodeCount)).join(',')).join(' | ')}`,
          kind: 'partition',
        });
        break;
      case 'healAll':
        endWhere((key) => key.startsWith('link:') || key.startsWith('isolate:') || key === 'partition', atUs);
        break;
      case 'setNetwork': {
        const key = `${action.from ?? '*'}>${action.to ?? '*'}`;
        const touchesNoise = action.lossRatio !== undefined || action.duplicateRatio !== undefined;
        if (!touchesNoise) break;
        const noisyNow = (action.lossRatio ?? 0) > 0 || (action.duplicateRatio ?? 0) > 0;
        if (action.from === null && action.to === null) noisy.clear();
        if (noisyNow) noisy.add(key);
        else noisy.delete(key);
        if (noisy.size > 0) {
          const all = noisy.has('*>*');
          start('network', { fromUs: atUs, toUs: null, label: all ? 'lossy network' : 'lossy links', kind: 'network' });
        } else end('network', atUs);
        break;
      }
      case 'propose':
      case 'control':
        break;
    }
  }
  return spans;
}

/** The spans that overlap [fromUs, toUs] (an open span reaches the present). */
export function spansIn(spans: readonly FaultSpanVM[], fromUs: number, toUs: number): FaultSpanVM[] {
  return spans.filter((s) => s.fromUs <= toUs && (s.toUs === null || s.toUs >= fromUs));
}
