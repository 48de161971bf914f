/** One Table 1 cell in words, like the paper's table: "recovered in 592 ms" or "no progress", then the details. */
import type { Table1Cell } from '../../../scenarios/table1';
import { formatMs, plural } from '../view/formatMs';

export interface CellText {
  headline: string;
  details: string[];
}

export function cellText(cell: Table1Cell): CellText {
  const n = cell.runs.length;
  const changes = plural(cell.medianLeaderChanges, 'leader change');
  const decided = `${cell.medianDecided.toLocaleString('en-US')} decided`;
  if (cell.recovered === 0) return { headline: 'no progress', details: [changes, decided] };
  const details = [changes, decided];
  if (cell.recovered < n) details.unshift(`on ${cell.recovered}/${n} seeds`);
  else if (n > 1 && cell.maxDowntimeMs !== null) details.unshift(`max ${formatMs(cell.maxDowntimeMs)}`);
  return { headline: `recovered in ${formatMs(cell.medianDowntimeMs ?? 0)}`, details };
}
