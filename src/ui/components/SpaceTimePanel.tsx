/**
 * The Space-time tab: a lane per node, time left to right, and every message
 * an arrow from its sender's lane at send time to its receiver's lane at
 * delivery (dashed while in flight, ending in a cross where it was dropped).
 * Leaders' periods are a thick lane, crashes a hatched one; the present is a
 * cursor, and the window follows it as the timeline moves.
 *
 * Drawn as SVG: the window holds at most a few hundred arrows at the widths
 * offered (1,500 at most are drawn), and each arrow is an element one can
 * focus, click and have read out, which a canvas would have to fake.
 * Keyboard: Tab goes to one arrow; ←/→ move to the previous/next message,
 * Home/End to the first/last, Enter shows it, Escape closes the details.
 */
import { memo, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { followSpaceTime, panSpaceTime, seekTo, setSpaceTimeClients, setSpaceTimeWidth } from '../labActions';
import type { LaneSpanVM, MessageArrowVM, SpaceTimeVM } from '../model/types';
import { useLabStore } from '../store/labStore';
import { endpointName } from '../view/faultSpans';
import { formatMs } from '../view/format';
import { ink, isResponse, messageStyle, roleStyles } from '../view/palette';
import { TimeAxis } from './TimeAxis';
import { WindowControls } from './WindowControls';
import { arrowGeometry, arrowLabel, laneLabel, msTick, spaceTimeGutter, spaceTimeRightPad, spaceTimeScales, type SpaceTimeScales } from '../view/spaceTimeLayout';

const widths: [number, string][] = [
  [50_000, '50 ms'],
  [200_000, '200 ms'],
  [1_000_000, '1 s'],
];

function useWidth(): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(860);
  useLayoutEffect(() => {
    const element = ref.current;
    if (element === null) return;
    const observer = new ResizeObserver((entries) => {
      const next = Math.round(entries[0]?.contentRect.width ?? 0);
      if (next > 0) setWidth(next);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

interface ArrowProps {
  arrow: MessageArrowVM;
  scales: SpaceTimeScales;
  nodeCount: number;
  selected: boolean;
  focusable: boolean;
  onSelect: (arrow: MessageArrowVM) => void;
}

const Arrow = memo(function Arrow({ arrow, scales, nodeCount, selected, focusable, onSelect }: ArrowProps) {
  const g = arrowGeometry(arrow, scales);
  const color = messageStyle(arrow.type).color;
  const hollow = isResponse(arrow.type);
  const dashed = arrow.outcome === 'in-flight';
  const line = `M${g.x1},${g.y1} L${g.x2},${g.y2}`;
  return (
    <g
      className={`st-arrow st-${arrow.outcome}${selected ? ' st-selected' : ''}`}
      role="button"
      tabIndex={focusable ? 0 : -1}
      aria-label={arrowLabel(arrow, nodeCount)}
      aria-pressed={selected}
      data-key={arrow.key}
      onClick={() => onSelect(arrow)}
    >
      {/* A wide, invisible stroke: thin arrows are hard to hit. */}
      <path d={line} className="st-hit" />
      {selected && <path d={line} className="st-halo" stroke={color} />}
      <circle cx={g.x1} cy={g.y1} r={2.2} fill={color} />
      <path d={line} stroke={color} strokeWidth={selected ? 2.4 : 1.4} strokeDasharray={dashed ? '4 3' : undefined} strokeOpacity={arrow.outcome === 'dropped' ? 0.75 : 0.9} fill="none" />
      {g.head !== null && <path d={`M${g.head.map((p) => p.join(',')).join(' L')} Z`} fill={hollow ? '#fff' : color} stroke={color} strokeWidth={1.2} strokeLinejoin="round" />}
      {g.cross !== null && (
        <path
          d={`M${g.cross[0] - 4},${g.cross[1] - 4} l8,8 M${g.cross[0] + 4},${g.cross[1] - 4} l-8,8`}
          stroke={ink.cut}
          strokeWidth={2.2}
          strokeLinecap="round"
        />
      )}
    </g>
  );
});

function Lanes({ vm, scales }: { vm: SpaceTimeVM; scales: SpaceTimeScales }) {
  const { x, laneY, laneHeight, width } = scales;
  const endpoints = vm.nodeCount + vm.clientLanes;
  const [fromUs, toUs] = x.domain();
  const clampX = (us: number) => x(Math.min(Math.max(us, fromUs), toUs));
  const byNode = (node: number): LaneSpanVM[] => vm.spans.filter((s) => s.node === node);
  return (
    <g className="st-lanes">
      {Array.from({ length: endpoints }, (_, node) => {
        const y = laneY(node);
        const h = laneHeight(node);
        const spans = byNode(node);
        const client = node >= vm.nodeCount;
        return (
          <g key={node} role="img" aria-label={laneLabel(node, vm.nodeCount, spans)} className="st-lane">
            <rect x={spaceTimeGutter} y={y - h / 2} width={width - spaceTimeGutter - spaceTimeRightPad} height={h} fill={node % 2 === 0 ? '#fafbfc' : '#ffffff'} />
            {spans
              .filter((s) => s.kind === 'crashed')
              .map((s) => (
                <g key={`c-${s.fromUs}`}>
                  <rect x={clampX(s.fromUs)} y={y - h / 2 + 3} width={Math.max(2, clampX(s.toUs ?? vm.nowUs) - clampX(s.fromUs))} height={h - 6} fill="url(#st-crash-hatch)" opacity={0.8} />
                  {s.fromUs >= fromUs && (
                    <text x={clampX(s.fromUs) + 4} y={y - h / 2 + 12} className="st-span-label" fill="#a3323b">
                      crashed
                    </text>
                  )}
                </g>
              ))}
            <line x1={spaceTimeGutter} x2={width - spaceTimeRightPad} y1={y} y2={y} stroke={client ? '#dfe3e8' : '#c9d0d8'} strokeWidth={1} />
            {spans
              .filter((s) => s.kind === 'leader')
              .map((s) => {
                const x1 = clampX(s.fromUs);
                const x2 = clampX(s.toUs ?? vm.nowUs);
                return (
                  <g key={`l-${s.fromUs}`}>
                    <line x1={x1} x2={Math.max(x1 + 1, x2)} y1={y} y2={y} stroke={roleStyles.leader.stroke} strokeWidth={6} strokeOpacity={0.55} strokeLinecap="round" />
                    {x2 - x1 > 90 && (
                      <text x={x1 + 6} y={y + h / 2 - 4} className="st-span-label" fill={roleStyles.leader.ink}>
                        leader · term {s.term}
                      </text>
                    )}
                  </g>
                );
              })}
            <text x={spaceTimeGutter - 8} y={y + 4} textAnchor="end" className={client ? 'lane-label st-client-label' : 'lane-label'}>
              {endpointName(node, vm.nodeCount)}
            </text>
          </g>
        );
      })}
    </g>
  );
}


function Chart({ vm, width, selectedKey, onSelect }: { vm: SpaceTimeVM; width: number; selectedKey: string | null; onSelect: (arrow: MessageArrowVM | null) => void }) {
  const scales = useMemo(() => spaceTimeScales(vm.fromUs, vm.toUs, vm.nodeCount, vm.clientLanes, width), [vm.fromUs, vm.toUs, vm.nodeCount, vm.clientLanes, width]);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const groupRef = useRef<SVGGElement | null>(null);
  const { x, top, bottom } = scales;
  const arrows = vm.arrows;
  const activeIndex = Math.max(
    0,
    arrows.findIndex((a) => a.key === (activeKey ?? selectedKey)),
  );
  // The one arrow Tab reaches: the one last moved to, the one shown, else the newest.
  const focusKey = arrows.length === 0 ? null : activeKey !== null || selectedKey !== null ? arrows[activeIndex]?.key : arrows[arrows.length - 1].key;
  const move = (index: number) => {
    const next = arrows[Math.min(arrows.length - 1, Math.max(0, index))];
    if (next === undefined) return;
    setActiveKey(next.key);
    // Focus after React has made it the focusable one.
    requestAnimationFrame(() => groupRef.current?.querySelector<SVGGElement>(`[data-key="${next.key}"]`)?.focus());
  };
  const onKeyDown = (event: KeyboardEvent<SVGGElement>) => {
    const current = arrows.findIndex((a) => a.key === (event.target as Element).getAttribute('data-key'));
    if (current < 0) return;
    switch (event.key) {
      case 'ArrowRight':
        move(current + 1);
        break;
      case 'ArrowLeft':
        move(current - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(arrows.length - 1);
        break;
      case 'Enter':
      case ' ':
        onSelect(arrows[current]);
        break;
      case 'Escape':
        onSelect(null);
        break;
      default:
        return;
    }
    // These keys move within the diagram, not the simulation.
    event.preventDefault();
    event.stopPropagation();
  };
  const showNow = vm.nowUs >= vm.fromUs && vm.nowUs <= vm.toUs;
  const nowX = x(vm.nowUs);
  return (
    <svg
      className="st-chart"
      viewBox={`0 0 ${width} ${scales.height}`}
      width={width}
      height={scales.height}
      role="group"
      aria-label={`Space-time diagram of ${vm.nodeCount} nodes from ${formatMs(vm.fromUs)} to ${formatMs(vm.toUs)}: ${arrows.length} messages`}
    >
      <defs>
        <pattern id="st-crash-hatch" width="7" height="7" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="7" height="7" fill="#fbe6e8" />
          <line x1="0" y1="0" x2="0" y2="7" stroke="#e39aa1" strokeWidth="2.2" />
        </pattern>
        <clipPath id="st-clip">
          <rect x={spaceTimeGutter - 4} y={0} width={width - spaceTimeGutter - spaceTimeRightPad + 10} height={scales.height} />
        </clipPath>
      </defs>
      <Lanes vm={vm} scales={scales} />
      <g clipPath="url(#st-clip)">
        <g ref={groupRef} className="st-arrows" role="list" aria-label="Messages" onKeyDown={onKeyDown}>
          {arrows.map((arrow) => (
            <g role="listitem" key={arrow.key}>
              <Arrow arrow={arrow} scales={scales} nodeCount={vm.nodeCount} selected={arrow.key === selectedKey} focusable={arrow.key === focusKey} onSelect={onSelect} />
            </g>
          ))}
        </g>
        {showNow && (
          <g className="st-now" aria-hidden="true" data-x={nowX.toFixed(1)}>
            <line x1={nowX} x2={nowX} y1={top - 10} y2={bottom + 4} />
            <text x={nowX} y={top - 4} textAnchor={nowX > width - 60 ? 'end' : 'middle'}>
              now {formatMs(vm.nowUs)}
            </text>
          </g>
        )}
      </g>
      <TimeAxis x={scales.x} y={scales.bottom + 4} left={spaceTimeGutter} right={scales.width - spaceTimeRightPad} width={scales.width} label={msTick} defaultStepUs={10_000} />
    </svg>
  );
}

function Details({ arrow, nodeCount, onClose }: { arrow: MessageArrowVM; nodeCount: number; onClose: () => void }) {
  const color = messageStyle(arrow.type).color;
  const outcome =
    arrow.outcome === 'delivered'
      ? `delivered ${formatMs(arrow.endUs)} (after ${formatMs(arrow.endUs - arrow.sentUs)})${arrow.copy > 0 ? ' · a duplicate' : ''}`
      : arrow.outcome === 'dropped'
        ? `dropped ${formatMs(arrow.endUs)}: ${arrow.dropReason ?? 'dropped'}`
        : `in flight${arrow.deliverUs === null ? '' : `, arrives ${formatMs(arrow.deliverUs)}`}`;
  return (
    <div className="st-details" role="region" aria-label="Message details">
      <div className="st-details-head">
        <span className="st-swatch" style={{ background: color }} aria-hidden="true" />
        <strong>{arrow.type}</strong>
        <span className="mono">
          {endpointName(arrow.from, nodeCount)} → {endpointName(arrow.to, nodeCount)}
        </span>
        <span className="muted">#{arrow.id}</span>
        <button type="button" className="small st-close" onClick={onClose} aria-label="Close the message details">
          ×
        </button>
      </div>
      <p className="st-details-times">
        sent {formatMs(arrow.sentUs)} · {outcome}
        {arrow.bytes > 0 ? ` · ${arrow.bytes} bytes` : ''}
      </p>
      <p className="st-description mono">{arrow.description ?? `${arrow.type} #${arrow.id} (delivered between two frames: only its type is known)`}</p>
      <div className="st-details-actions">
        <button type="button" className="small" onClick={() => seekTo(arrow.sentUs)}>
          Go to send
        </button>
        {arrow.outcome !== 'in-flight' && (
          <button type="button" className="small" onClick={() => seekTo(arrow.endUs)}>
            Go to {arrow.outcome === 'delivered' ? 'delivery' : 'drop'}
          </button>
        )}
      </div>
    </div>
  );
}

function Legend({ vm }: { vm: SpaceTimeVM }) {
  const families = useMemo(() => {
    const seen = new Map<string, string>();
    for (const a of vm.arrows) {
      const style = messageStyle(a.type);
      if (!seen.has(style.family)) seen.set(style.family, style.color);
    }
    return [...seen].sort(([a], [b]) => a.localeCompare(b));
  }, [vm.arrows]);
  return (
    <p className="muted st-legend">
      {families.map(([family, color]) => (
        <span key={family} className="st-legend-item">
          <span className="st-swatch" style={{ background: color }} aria-hidden="true" /> {family}
        </span>
      ))}
      <span className="st-legend-item">solid: delivered · dashed: in flight · ✕ dropped · hollow head: a reply · thick green: leader · hatched: crashed</span>
    </p>
  );
}

export function SpaceTimePanel() {
  const vm = useLabStore((s) => s.spaceTime);
  const view = useLabStore((s) => s.spaceTimeWindow);
  const clients = useLabStore((s) => s.config.clients);
  const showClients = useLabStore((s) => s.spaceTimeClients);
  const seeking = useLabStore((s) => s.seeking);
  const [ref, width] = useWidth();
  const [selected, setSelected] = useState<MessageArrowVM | null>(null);
  // The arrow shown follows the newest projection of it (a message in flight lands).
  const current = selected === null ? null : (vm?.arrows.find((a) => a.key === selected.key) ?? vm?.arrows.find((a) => a.id === selected.id) ?? selected);
  return (
    <div className="spacetime">
      <div className="history-toolbar" role="toolbar" aria-label="Space-time view">
        <WindowControls widths={widths} view={view} setWidth={setSpaceTimeWidth} pan={panSpaceTime} follow={followSpaceTime} />
        {clients > 0 && (
          <label className="toggle">
            <input type="checkbox" checked={showClients} onChange={(e) => setSpaceTimeClients(e.currentTarget.checked)} />
            <span>Client lanes</span>
          </label>
        )}
        <span className="muted history-count">
          {vm === null ? '' : `${vm.arrows.length.toLocaleString('en-US')} messages in view${vm.truncated ? ' (the newest)' : ''} · last ${vm.keptSends.toLocaleString('en-US')} sends kept`}
          {seeking ? ' · going back in time…' : ''}
        </span>
      </div>
      <div ref={ref} className="st-chart-wrap">
        {vm === null ? <p className="muted">Starting…</p> : <Chart vm={vm} width={width} selectedKey={current?.key ?? null} onSelect={setSelected} />}
      </div>
      {current !== null && vm !== null ? (
        <Details arrow={current} nodeCount={vm.nodeCount} onClose={() => setSelected(null)} />
      ) : (
        <p className="muted st-hint">Click an arrow (or Tab to one and press Enter) to read the message; ←/→ move between messages.</p>
      )}
      {vm !== null && <Legend vm={vm} />}
    </div>
  );
}
