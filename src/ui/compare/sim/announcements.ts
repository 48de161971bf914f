/**
 * What a screen reader hears as the run goes: the fault starting and ending,
 * and each protocol's recovery, once. Worked out by comparing two successive
 * projections, so it says each thing once however fast the clock runs.
 */
import { formatMs } from '../view/formatMs';
import { protocolInfo } from '../view/protocolInfo';
import type { ClusterVM } from './compareModel';
import type { FaultWindow } from './faultWindow';

export function announcementsBetween(before: readonly ClusterVM[], after: readonly ClusterVM[], window: FaultWindow): string | null {
  const said: string[] = [];
  const was = before[0]?.counters.phase;
  const is = after[0]?.counters.phase;
  if (was !== undefined && is !== undefined && was !== is) {
    if (is === 'cutting' || (is === 'during' && was === 'before')) said.push(`The network is cut at ${(window.startUs / 1_000_000).toFixed(2)} s.`);
    if (is === 'after') said.push(`The network heals at ${(window.endUs / 1_000_000).toFixed(2)} s.`);
  }
  after.forEach((cluster, i) => {
    const previous = before[i];
    if (previous === undefined || previous.protocol !== cluster.protocol) return;
    const d = cluster.counters.downtimeMs;
    if (d !== null && previous.counters.downtimeMs === null) said.push(`${protocolInfo(cluster.protocol).title} recovered in ${formatMs(d)}.`);
  });
  return said.length === 0 ? null : said.join(' ');
}
