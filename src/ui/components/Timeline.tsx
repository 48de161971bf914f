/**
 * The run's virtual time axis under the cluster: term bands coloured by term
 * (who led it written in the band's title), leader changes, faults, commit
 * density and client operations, with the present as a cursor. Click or drag
 * to seek; the slider's keys move by a hundredth of the run.
 */
import { scaleLinear } from 'd3';
import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { nodeName } from '../../engine/index';
import { seekTo, stepBack, stepEvent } from '../labActions';
import { historyWindowAt } from '../engine/historyProjection';
import { useLabStore } from '../store/labStore';
import { termColor } from '../view/palette';
import { formatMs } from '../view/format';

const width = 1000;
const height = 76;
const bandY = 4;
const bandHeight = 18;
const densityY = 26;
const densityHeight = 20;
const tickY = 50;

export function Timeline() {
  const timeline = useLabStore((s) => s.timeline);
  const nowUs = useLabStore((s) => s.frame.nowUs);
  const running = useLabStore((s) => s.status === 'running');
  // The space-time diagram's window, bracketed on the timeline while that tab is open.
  const spaceTimeWindow = useLabStore((s) => (s.stageTab === 'spacetime' ? s.spaceTimeWindow : null));
  const svgRef = useRef<SVGSVGElement | null>(null);
  const [dragging, setDragging] = useState(false);
  const endUs = Math.max(timeline?.horizonUs ?? 0, nowUs, 1000);
  const x = scaleLinear().domain([0, endUs]).range([0, width]);

  const timeAt = (clientX: number): number => {
    const rect = svgRef.current?.getBoundingClientRect();
    if (rect === undefined || rect.width === 0) return 0;
    const fraction = Math.min(1, Math.max(0, (clientX - rect.left) / rect.width));
    return Math.round(fraction * endUs);
  };
  const onPointerDown = (event: PointerEvent<SVGSVGElement>) => {
    if (!running) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    setDragging(true);
    seekTo(timeAt(event.clientX));
  };
  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    if (dragging) seekTo(timeAt(event.clientX));
  };
  const onPointerUp = () => setDragging(false);
  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    const stride = Math.max(1000, Math.round(endUs / 100));
    const moves: Record<string, number> = { ArrowLeft: -stride, ArrowRight: stride, PageDown: -10 * stride, PageUp: 10 * stride };
    if (event.key === 'Home') seekTo(0);
    else if (event.key === 'End') seekTo(timeline?.horizonUs ?? nowUs);
    else if (moves[event.key] !== undefined) seekTo(nowUs + moves[event.key]);
    else return;
    // The slider's keys move it, not the page's shortcuts.
    event.preventDefault();
    event.stopPropagation();
  };

  const maxBin = Math.max(1, ...(timeline?.commitBins ?? [0]));
  const binWidth = timeline === null || timeline.horizonUs === 0 ? 0 : x(timeline.horizonUs) / timeline.commitBins.length;
  return (
    <section className="timeline" aria-label="Timeline">
      <div className="timeline-head">
        <button type="button" className="small" onClick={stepBack} disabled={!running} aria-keyshortcuts="ArrowLeft" title="Go back to the previous event (pauses)">
          <span aria-hidden="true">←</span> Back
        </button>
        <button type="button" className="small" onClick={stepEvent} disabled={!running} aria-keyshortcuts="ArrowRight" title="Process the next event (pauses)">
          Step <span aria-hidden="true">→</span>
        </button>
        <GoToTime />
        <span className="timeline-summary muted">
          {timeline === null
            ? ''
            : `${timeline.terms.length} terms · ${timeline.leaderChanges.length} leader changes · ${timeline.faults.length} actions · ${timeline.commitCount} commits · ${timeline.operationCount} client ops · run so far ${formatMs(timeline.horizonUs)}`}
        </span>
      </div>
      <svg
        ref={svgRef}
        className="timeline-svg"
        viewBox={`0 0 ${width} ${height}`}
        preserveAspectRatio="none"
        role="slider"
        tabIndex={0}
        aria-label="Virtual time"
        aria-valuemin={0}
        aria-valuemax={Math.round(endUs / 1000)}
        aria-valuenow={Math.round(nowUs / 1000)}
        aria-valuetext={formatMs(nowUs)}
        data-now-us={nowUs}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onKeyDown={onKeyDown}
      >
        <rect x={0} y={0} width={width} height={height} className="timeline-bg" />
        {timeline?.terms.map((t) => (
          <rect key={`${t.term}-${t.fromUs}`} x={x(t.fromUs)} y={bandY} width={Math.max(1, x(t.toUs) - x(t.fromUs))} height={bandHeight} fill={termColor(t.term)} opacity={t.leader === null ? 0.35 : 0.8}>
            <title>{`term ${t.term}${t.leader === null ? ', no leader' : `, led by ${nodeName(t.leader)}`}: ${formatMs(t.fromUs)} – ${formatMs(t.toUs)}`}</title>
          </rect>
        ))}
        {timeline?.leaderChanges.map((c) => (
          <path key={`l-${c.atUs}-${c.node}`} d={`M${x(c.atUs)},${bandY} v${bandHeight}`} className="timeline-leader">
            <title>{`${nodeName(c.node)} leads term ${c.term} at ${formatMs(c.atUs)}`}</title>
          </path>
        ))}
        {timeline?.commitBins.map((n, i) =>
          n === 0 ? null : <rect key={`c-${i}`} x={i * binWidth} y={densityY + densityHeight * (1 - n / maxBin)} width={Math.max(1, binWidth - 0.5)} height={(densityHeight * n) / maxBin} className="timeline-commit" />,
        )}
        {timeline?.operationsUs.map((t, i) => <path key={`o-${i}`} d={`M${x(t)},${tickY} v6`} className="timeline-op" />)}
        {timeline?.faults.map((f, i) => (
          <g key={`f-${i}`} transform={`translate(${x(f.atUs)},${tickY + 8})`} className="timeline-fault">
            <path d="M0,0 l-5,10 h10 z" />
            <title>{`${formatMs(f.atUs)}: ${f.label}`}</title>
          </g>
        ))}
        {spaceTimeWindow !== null && <WindowBracket {...historyWindowAt(spaceTimeWindow, nowUs)} x={x} />}
        <path d={`M${x(nowUs)},0 v${height}`} className="timeline-now" />
      </svg>
    </section>
  );
}

/** Where the space-time diagram looks, so the two read as one time axis. */
function WindowBracket({ fromUs, toUs, x }: { fromUs: number; toUs: number; x: (us: number) => number }) {
  const x1 = x(fromUs);
  const x2 = Math.max(x1 + 2, x(toUs));
  return (
    <g className="timeline-window" aria-hidden="true">
      <rect x={x1} y={0} width={x2 - x1} height={height} />
      <title>{`Space-time window: ${formatMs(fromUs)} – ${formatMs(toUs)}`}</title>
    </g>
  );
}

/** Type a time and go there: the exact way to reach a moment. */
function GoToTime() {
  const running = useLabStore((s) => s.status === 'running');
  const [text, setText] = useState('');
  const go = () => {
    const ms = Number(text);
    if (text.trim() !== '' && Number.isFinite(ms) && ms >= 0) seekTo(Math.round(ms * 1000));
  };
  return (
    <form
      className="goto"
      onSubmit={(e) => {
        e.preventDefault();
        go();
      }}
    >
      <label>
        Go to <input type="number" min={0} step="any" value={text} onChange={(e) => setText(e.currentTarget.value)} aria-label="Go to time (ms)" className="goto-input" /> ms
      </label>
      <button type="submit" className="small" disabled={!running}>
        Go
      </button>
    </form>
  );
}
