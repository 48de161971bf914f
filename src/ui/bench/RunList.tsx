/**
 * Every result set kept, newest last: tick the ones to draw together (a run
 * of A, then one of B and C, compared in one set of charts), or remove one.
 */
import { removeSet, setDrawn } from './benchActions';
import { useBenchStore } from './benchStore';
import type { BenchRunSet } from './benchTypes';

export function runLabel(set: BenchRunSet): string {
  const names = set.series.map((s) => s.name).join(', ');
  const k = set.knobs;
  const stopped = set.status === 'done' ? '' : ` (${set.status}: ${set.series.length} of ${set.plannedSeries} series)`;
  return `Run ${set.id}: ${names} · ${k.protocol}, seed ${k.seed}, ${k.ops.toLocaleString('en-US')} operations, ${k.clients} clients${stopped}`;
}

export function RunList() {
  const sets = useBenchStore((s) => s.sets);
  const drawn = useBenchStore((s) => s.drawn);
  if (sets.length === 0) return null;
  return (
    <fieldset className="bench-runs">
      <legend>Runs to draw</legend>
      <ul aria-label="Benchmark runs">
        {sets.map((set) => (
          <li key={set.id}>
            <label>
              <input type="checkbox" checked={drawn.includes(set.id)} onChange={(e) => setDrawn(set.id, e.currentTarget.checked)} />
              <span>{runLabel(set)}</span>
            </label>
            <button type="button" className="bench-remove" onClick={() => removeSet(set.id)} aria-label={`Remove run ${set.id}`}>
              Remove
            </button>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
