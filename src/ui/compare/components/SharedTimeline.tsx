/**
 * The shared timeline: the scenario's length, its partition as a hatched
 * band, the final cut, every timeline step as a tick, each protocol's
 * recovery as a mark in its accent colour, and a slider to move the clock.
 * Laid out in percentages so the marks line up with the slider's thumb.
 */
import type { CSSProperties } from 'react';
import { seek } from '../compareActions';
import { useCompareStore } from '../store/compareStore';
import { formatClock, formatMs } from '../view/formatMs';
import { protocolInfo } from '../view/protocolInfo';

export function SharedTimeline() {
  const w = useCompareStore((s) => s.window);
  const nowUs = useCompareStore((s) => s.nowUs);
  const clusters = useCompareStore((s) => s.clusters);
  const recoveries = clusters.filter((c) => c.counters.downtimeMs !== null).map((c) => ({ protocol: c.protocol, downtimeMs: c.counters.downtimeMs ?? 0 }));
  const pct = (us: number) => `${(100 * us) / w.durationUs}%`;
  const band: CSSProperties = { left: pct(w.startUs), width: pct(w.endUs - w.startUs) };
  const steps = [...new Set(w.stepTimesUs)];
  // One row per recovery mark, below the scale, so marks close in time do not cover each other.
  const rows = recoveries.length;
  return (
    <div className="cmp-timeline">
      <div className="cmp-timeline-track" aria-hidden="true">
        <div className="cmp-timeline-rail" />
        <div className="cmp-timeline-band" style={band}>
          <span>partition</span>
        </div>
        <div className="cmp-timeline-elapsed" style={{ width: pct(nowUs) }} />
        {steps.map((t) => (
          <div key={t} className="cmp-timeline-step" style={{ left: pct(t) }} title={`timeline step at ${formatClock(t)}`} />
        ))}
        {w.finalCutUs > w.startUs && <div className="cmp-timeline-final" style={{ left: pct(w.finalCutUs) }} />}
        {recoveries.map((r, i) => (
          <div
            key={r.protocol}
            className="cmp-timeline-recovery"
            style={{ left: pct(w.finalCutUs + r.downtimeMs * 1000), ['--accent' as string]: protocolInfo(r.protocol).accent, ['--row' as string]: i }}
            title={`${protocolInfo(r.protocol).title} recovered in ${formatMs(r.downtimeMs)}`}
          >
            <span>
              {protocolInfo(r.protocol).short} recovered in {formatMs(r.downtimeMs)}
            </span>
          </div>
        ))}
      </div>
      <input
        className="cmp-timeline-slider"
        type="range"
        min={0}
        max={w.durationUs}
        step={10_000}
        value={nowUs}
        onChange={(e) => seek(Number(e.currentTarget.value))}
        aria-label="Virtual time"
        aria-valuetext={formatClock(nowUs)}
      />
      <div className="cmp-timeline-scale" aria-hidden="true" style={{ height: `${20 + 14 * rows}px` }}>
        <span>0 s</span>
        <span style={{ left: pct(w.startUs) }}>
          {formatClock(w.startUs)} cut{w.finalCutUs > w.startUs ? ` · final cut ${formatClock(w.finalCutUs)}` : ''}
        </span>
        <span style={{ left: pct(w.endUs) }}>{formatClock(w.endUs)} heal</span>
        <span className="cmp-timeline-end">{formatClock(w.durationUs)}</span>
      </div>
    </div>
  );
}
