/**
 * The client history: one lane per clerk, each operation a bar from its call
 * to its return (an operation still waiting for an answer runs on to the
 * present, open-ended), fault periods shaded behind, and, once checked, the
 * linearization drawn over it: one line per key through the points the
 * checker's order puts the operations at. The operations a violation is
 * stuck on are red; clicking one (or Enter) takes the run to that moment.
 */
import { memo, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { jumpToOperation } from '../labActions';
import type { CheckVM, FaultSpanVM, HistoryOpVM, HistoryVM } from '../model/types';
import { ink } from '../view/palette';
import { TimeAxis } from './TimeAxis';
import {
  clientName,
  defaultChartWidth,
  faultBand,
  gutter,
  historyScales,
  keyColor,
  labelWidth,
  opDescription,
  opLabel,
  orderMarks,
  rightPad,
  stackRows,
  tickLabel,
  type HistoryScales,
} from '../view/historyLayout';

const kindStyle: Record<HistoryOpVM['kind'], { fill: string; stroke: string }> = {
  get: { fill: '#e3edf9', stroke: '#6c8ebf' },
  put: { fill: '#fbeacf', stroke: '#c98a1a' },
  append: { fill: '#e2f1e6', stroke: '#4f9a6c' },
  cas: { fill: '#efe6f6', stroke: '#8d5bb0' },
};

/** A light tint over the lanes (the bars must stay readable) and a hatched strip above them. */
const faultTint: Record<FaultSpanVM['kind'], string> = { crash: '#fbeeee', link: '#fbeeee', isolate: '#fbeeee', partition: '#fbeeee', network: '#fdf6e7' };
const faultStrip: Record<FaultSpanVM['kind'], string> = {
  crash: 'url(#fault-hatch)',
  link: 'url(#fault-hatch)',
  isolate: 'url(#fault-hatch)',
  partition: 'url(#fault-hatch)',
  network: 'url(#noise-hatch)',
};

interface BarProps {
  op: HistoryOpVM;
  scales: HistoryScales;
  endUs: number;
  fromUs: number;
  stuck: boolean;
  /** Another key than the one in question: drawn faintly. */
  faint: boolean;
}

const OperationBar = memo(function OperationBar({ op, scales, endUs, fromUs, stuck, faint }: BarProps) {
  const { x, lane, barHeight } = scales;
  const y = lane(op.client) ?? 0;
  const open = op.returnUs === null;
  const x1 = x(Math.max(op.invokeUs, fromUs));
  // A stuck operation is drawn wide enough to see and to click, however short it was.
  const x2 = Math.max(x1 + (stuck ? 10 : 2), x(open ? endUs : (op.returnUs as number)));
  const style = kindStyle[op.kind];
  const label = opLabel(op);
  const width = x2 - x1;
  const showLabel = labelWidth(label) <= width;
  const description = opDescription(op);
  const onKeyDown = (event: KeyboardEvent<SVGGElement>) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    jumpToOperation(op);
  };
  const interactive = stuck
    ? {
        role: 'button',
        tabIndex: 0,
        'aria-label': `Stuck operation: ${description}. Jump to this moment.`,
        onClick: () => jumpToOperation(op),
        onKeyDown,
        'data-stuck': 'true',
      }
    : {};
  return (
    <g className={`op op-${op.kind}${stuck ? ' op-stuck' : ''}${open ? ' op-open' : ''}`} opacity={faint ? 0.3 : 1} {...interactive}>
      <title>{stuck ? `${description}. The checker could not place it next. Click to jump here.` : description}</title>
      {stuck && <rect className="op-focus" x={x1 - 4} y={y - 4} width={width + 8} height={barHeight + 8} rx={6} />}
      {stuck && (
        <path d={`M ${(x1 + x2) / 2 - 5} ${y - 9} L ${(x1 + x2) / 2 + 5} ${y - 9} L ${(x1 + x2) / 2} ${y - 3} Z`} fill={ink.cut} aria-hidden="true" />
      )}
      <rect
        x={x1}
        y={y}
        width={width}
        height={barHeight}
        rx={4}
        fill={stuck ? '#fde0e0' : style.fill}
        stroke={stuck ? ink.cut : style.stroke}
        strokeWidth={stuck ? 2.5 : 1}
        strokeDasharray={open ? '4 3' : undefined}
      />
      {/* Call and return ticks: the interval is the point of the picture. */}
      <line x1={x1} x2={x1} y1={y - 2} y2={y + barHeight + 2} stroke={stuck ? ink.cut : style.stroke} strokeWidth={1.5} />
      {!open && <line x1={x2} x2={x2} y1={y - 2} y2={y + barHeight + 2} stroke={stuck ? ink.cut : style.stroke} strokeWidth={1.5} />}
      {open && <path d={`M ${x2 - 1} ${y + 3} L ${x2 + 5} ${y + barHeight / 2} L ${x2 - 1} ${y + barHeight - 3}`} fill="none" stroke={style.stroke} strokeWidth={1.5} />}
      {showLabel && (
        <text x={x1 + 5} y={y + barHeight / 2 + 3.5} className="op-label" fill={stuck ? '#8f1d26' : '#2c3a4b'}>
          {label}
        </text>
      )}
    </g>
  );
});

function Faults({ faults, scales, nowUs }: { faults: FaultSpanVM[]; scales: HistoryScales; nowUs: number }) {
  const { x, top, lane } = scales;
  const bottom = lane.range()[1];
  const [fromUs, toUs] = x.domain();
  const placed = faults.map((f) => {
    const x1 = x(Math.max(f.fromUs, fromUs));
    const x2 = x(Math.min(f.toUs ?? nowUs, toUs));
    return { f, x1, x2: Math.max(x2, x1 + 1) };
  });
  const rows = stackRows(placed.map((p) => ({ x: p.x1, width: Math.max(p.x2 - p.x1, p.f.label.length * 6 + 10) })));
  return (
    <g className="faults" aria-hidden="true">
      {placed.map(({ f, x1, x2 }, i) => (
        <g key={`${f.kind}-${f.fromUs}-${f.label}`}>
          <rect x={x1} y={top - 2} width={x2 - x1} height={bottom - top + 4} fill={faultTint[f.kind]} opacity={0.75} />
          <rect x={x1} y={rows[i] * faultBand + 16} width={x2 - x1} height={5} fill={faultStrip[f.kind]} />
          <line x1={x1} x2={x1} y1={rows[i] * faultBand + 2} y2={bottom} stroke={f.kind === 'network' ? '#c98a1a' : ink.cut} strokeWidth={1} strokeDasharray="3 3" />
          <text x={Math.min(x1 + 4, scales.width - rightPad - f.label.length * 6.2 - 12)} y={rows[i] * faultBand + 13} className="fault-label" fill={f.kind === 'network' ? '#8a5a0b' : '#a3323b'}>
            {f.label}
            {f.toUs === null ? ' …' : ''}
          </text>
        </g>
      ))}
    </g>
  );
}


function Linearization({ check, ops, scales, keyFilter }: { check: CheckVM; ops: HistoryOpVM[]; scales: HistoryScales; keyFilter: string | null }) {
  const opsById = useMemo(() => new Map(ops.map((op) => [op.id, op])), [ops]);
  const [fromUs, toUs] = scales.x.domain();
  const failing = check.verdict === 'not-linearizable' ? check.failingKey : null;
  // A violation: show the failing key's prefix only; otherwise every key (or the one chosen).
  const orders = check.orders.filter((o) => (failing !== null ? o.key === failing : keyFilter === null || o.key === keyFilter));
  const groups = orderMarks(orders, opsById, fromUs, toUs);
  const visible = groups.reduce((n, g) => n + g.marks.length, 0);
  // Numbers only while they can be read; beyond that the line and dots carry the order.
  const numbered = visible <= 28;
  const { x, lane, barHeight } = scales;
  return (
    <g className="linearization" aria-hidden="true">
      {groups.map(({ key, marks }) => {
        const color = keyColor(key);
        const points = marks.map((m) => [x(m.atUs), (lane(m.client) ?? 0) + barHeight / 2] as const);
        return (
          <g key={key}>
            {points.length > 1 && <polyline points={points.map(([px, py]) => `${px},${py}`).join(' ')} fill="none" stroke={color} strokeWidth={1.3} strokeOpacity={0.6} strokeLinejoin="round" />}
            {marks.map((m, i) => (
              <g key={m.id} transform={`translate(${points[i][0]},${points[i][1]})`}>
                <circle r={numbered ? 7 : 2.6} fill={numbered ? '#fff' : color} stroke={color} strokeWidth={numbered ? 1.8 : 0} />
                {numbered && (
                  <text y={3} textAnchor="middle" className="order-rank" fill={color}>
                    {m.rank > 99 ? '·' : m.rank}
                  </text>
                )}
              </g>
            ))}
          </g>
        );
      })}
    </g>
  );
}

/** The drawn width of an element, followed as it changes (text in the chart stays at its real size). */
function useWidth(): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(defaultChartWidth);
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

export function HistoryChart(props: { history: HistoryVM; check: CheckVM; keyFilter: string | null }) {
  const [ref, width] = useWidth();
  return (
    <div ref={ref} className="history-chart-wrap">
      <Chart {...props} width={width} />
    </div>
  );
}

function Chart({ history, check, keyFilter, width }: { history: HistoryVM; check: CheckVM; keyFilter: string | null; width: number }) {
  const rows = Math.min(3, Math.max(1, history.faults.length));
  const scales = useMemo(() => historyScales(history.fromUs, history.toUs, history.clientCount, rows, width), [history.fromUs, history.toUs, history.clientCount, rows, width]);
  const stuckIds = useMemo(() => new Set(check.stuck.map((op) => op.id)), [check.stuck]);
  // A stuck operation outside the drawn set (it returned long ago) is drawn from the check's own copy.
  const ops = useMemo(() => {
    const drawn = new Set(history.ops.map((op) => op.id));
    const extra = check.stuck.filter((op) => !drawn.has(op.id) && op.invokeUs <= history.toUs && (op.returnUs ?? history.nowUs) >= history.fromUs);
    return extra.length === 0 ? history.ops : history.ops.concat(extra);
  }, [history.ops, history.toUs, history.fromUs, history.nowUs, check.stuck]);
  const { x, lane, height, top } = scales;
  const bottom = lane.range()[1];
  const nowX = x(history.nowUs);
  const showNow = history.nowUs >= history.fromUs && history.nowUs <= history.toUs;
  const showOrder = check.status !== 'idle' && check.orders.length > 0;
  // The key in question: the failing one, or the one whose order was asked for.
  const focusKey = check.verdict === 'not-linearizable' && check.status !== 'idle' ? check.failingKey : showOrder ? keyFilter : null;
  // Stuck operations last, so that they are drawn (and reached by Tab) on top.
  const ordered = stuckIds.size === 0 ? ops : [...ops.filter((op) => !stuckIds.has(op.id)), ...ops.filter((op) => stuckIds.has(op.id))];
  return (
    <svg
      className="history-chart"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="group"
      aria-label={`History of ${history.clientCount} clients from ${(history.fromUs / 1e6).toFixed(2)} s to ${(history.toUs / 1e6).toFixed(2)} s: ${ops.length} operations shown`}
    >
      <defs>
        <pattern id="fault-hatch" width="7" height="7" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="7" height="7" fill="#f8dcde" />
          <line x1="0" y1="0" x2="0" y2="7" stroke="#d9717a" strokeWidth="2.5" />
        </pattern>
        <pattern id="noise-hatch" width="7" height="7" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">
          <rect width="7" height="7" fill="#fbecc9" />
          <line x1="0" y1="0" x2="0" y2="7" stroke="#d6a23f" strokeWidth="2" />
        </pattern>
        <clipPath id="history-clip">
          <rect x={gutter} y={0} width={width - gutter - rightPad + 8} height={height} />
        </clipPath>
      </defs>
      {Array.from({ length: history.clientCount }, (_, c) => (
        <g key={c} aria-hidden="true">
          <rect x={gutter} y={(lane(c) ?? 0) - 4} width={width - gutter - rightPad} height={lane.bandwidth() + 8} fill={c % 2 === 0 ? '#fafbfc' : '#ffffff'} />
          <text x={gutter - 8} y={(lane(c) ?? 0) + lane.bandwidth() / 2 + 4} textAnchor="end" className="lane-label">
            {clientName(c)}
          </text>
        </g>
      ))}
      <g clipPath="url(#history-clip)">
        <Faults faults={history.faults} scales={scales} nowUs={history.nowUs} />
        {ordered.map((op) => (
          <OperationBar key={op.id} op={op} scales={scales} endUs={history.nowUs} fromUs={history.fromUs} stuck={stuckIds.has(op.id)} faint={focusKey !== null && op.key !== focusKey} />
        ))}
        {showOrder && <Linearization check={check} ops={ops} scales={scales} keyFilter={keyFilter} />}
        {showNow && <line className="now-line" x1={nowX} x2={nowX} y1={top - 4} y2={bottom + 4} stroke="#1f2933" strokeOpacity={0.5} strokeDasharray="2 3" aria-hidden="true" />}
      </g>
      <TimeAxis x={scales.x} y={scales.lane.range()[1] + 4} left={gutter} right={scales.width - rightPad} width={scales.width} label={tickLabel} defaultStepUs={1_000_000} />
    </svg>
  );
}
