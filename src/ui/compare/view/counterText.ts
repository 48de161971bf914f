/** The down-time counter in words: "—" before the cut, "no progress yet" while it lasts, then the time or "no progress". */
import type { FaultWindow } from '../sim/faultWindow';
import type { CountersVM } from '../sim/liveCounters';
import { formatMs } from './formatMs';

export interface CounterText {
  value: string;
  caption: string;
  tone: 'good' | 'bad' | 'neutral';
}

const seconds = (us: number) => `${Number((us / 1_000_000).toFixed(2))} s`;

export function downtimeText(c: CountersVM, window: FaultWindow): CounterText {
  if (c.downtimeMs !== null) return { value: formatMs(c.downtimeMs), caption: 'recovered after the cut', tone: 'good' };
  switch (c.phase) {
    case 'before':
      return { value: '—', caption: `cut at ${seconds(window.startUs)}`, tone: 'neutral' };
    case 'cutting':
      return { value: '—', caption: `final cut at ${seconds(window.finalCutUs)}`, tone: 'neutral' };
    case 'during':
      return { value: 'no progress yet', caption: `${formatMs(c.sinceCutMs ?? 0)} since the cut`, tone: 'bad' };
    case 'after':
      return { value: 'no progress', caption: `in the ${seconds(window.endUs - window.finalCutUs)} partition`, tone: 'bad' };
  }
}
