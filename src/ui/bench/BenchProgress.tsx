/**
 * The run under way: one bar for the series being run (operations completed
 * after its warm-up) and one for the whole run, both progress bars to
 * assistive technology, and a line saying where it stands.
 */
import { useEffect, useState } from 'react';
import { useBenchStore, type BenchProgressVM } from './benchStore';
import { overallFraction, seconds, statusWords } from './progressWords';

function useElapsedMs(p: BenchProgressVM): number {
  const [nowMs, setNowMs] = useState(() => performance.now());
  useEffect(() => {
    if (p.status !== 'running') return;
    const timer = window.setInterval(() => setNowMs(performance.now()), 250);
    return () => window.clearInterval(timer);
  }, [p.status]);
  return p.elapsedMs ?? Math.max(0, nowMs - p.startedMs);
}

function Bar({ label, now, max, text }: { label: string; now: number; max: number; text: string }) {
  const percent = max > 0 ? Math.round((now / max) * 100) : 0;
  return (
    <div className="bench-bar-row">
      <span className="bench-bar-label">{label}</span>
      <div className="bench-bar" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={now} aria-valuetext={text}>
        <div className="bench-bar-fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="bench-bar-text">{percent} %</span>
    </div>
  );
}

export function BenchProgress() {
  const p = useBenchStore((s) => s.progress);
  const elapsedMs = useElapsedMs(p);
  const n = p.labels.length;
  const overall = Math.round(overallFraction(p) * 100);
  const seriesDone = p.status === 'done' ? p.total : Math.min(p.done, p.total);
  const label = n === 0 ? 'the series' : p.labels[Math.min(p.index, n - 1)];
  return (
    <div className="bench-progress" data-status={p.status}>
      {p.status !== 'idle' && (
        <>
          <Bar label="Series progress" now={seriesDone} max={Math.max(1, p.total)} text={`${label}: ${seriesDone.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')} operations`} />
          <Bar
            label="Overall progress"
            now={overall}
            max={100}
            text={p.seeds.length > 1 ? `seed ${p.seedIndex + 1} of ${p.seeds.length}, ${p.finished} of ${n} of its series done, ${overall} %` : `${p.finished} of ${n} series done, ${overall} %`}
          />
        </>
      )}
      <p className="bench-status">
        {/* Only the coarse words are live: the counts below change several times a second. */}
        <span role="status" data-testid="bench-status">
          {statusWords(p, elapsedMs)}
        </span>
        {p.status === 'running' && (
          <span className="bench-hint">
            {' '}
            {seriesDone.toLocaleString('en-US')} of {p.total.toLocaleString('en-US')} operations, {seconds(elapsedMs)}
          </span>
        )}
      </p>
    </div>
  );
}
