/**
 * Every node's log, one row each, indices aligned across rows. Entries are
 * coloured by term and carry the term number; committed entries are solid,
 * uncommitted ones pale with a dashed edge, a bar marks each node's commit
 * index, and a hatched block stands for the prefix compacted into a snapshot.
 */
import { memo } from 'react';
import { selectNode } from '../labActions';
import type { NodeVM } from '../model/types';
import { useLabStore } from '../store/labStore';
import { gridWindow, logCells } from '../view/logGrid';
import { roleStyles, termColor } from '../view/palette';

const columns = 32;
const cell = 19;
const gap = 2;
const labelWidth = 56;
const rowHeight = 24;
const headerHeight = 18;

const LogRow = memo(function LogRow({ node, first, last, row, selected }: { node: NodeVM; first: number; last: number; row: number; selected: boolean }) {
  const cells = logCells(node, first, last);
  const y = headerHeight + row * rowHeight;
  const crashed = node.role === 'crashed';
  const commitColumn = node.commitIndex - first;
  const style = roleStyles[node.role];
  const compacted = cells.filter((c) => c.state === 'compacted').length;
  return (
    <g className={`log-row${crashed ? ' log-row-crashed' : ''}`} opacity={crashed ? 0.5 : 1} onClick={() => selectNode(node.id)}>
      {selected && <rect x={0} y={y - 2} width={labelWidth + columns * (cell + gap) + 4} height={rowHeight} rx={5} fill="#eef3f8" />}
      <circle cx={13} cy={y + 9.5} r={5.5} fill={style.fill} stroke={style.stroke} strokeWidth={Math.min(style.strokeWidth, 2.5)} strokeDasharray={style.dash ? '2 2' : undefined} />
      <text x={25} y={y + 14} className="log-label" fill={style.ink}>
        {node.name}
      </text>
      {compacted > 0 && (
        <g>
          <rect x={labelWidth} y={y} width={compacted * (cell + gap) - gap} height={cell} rx={3} fill="url(#log-hatch)" stroke="#b9c1cb" />
          <text x={labelWidth + (compacted * (cell + gap) - gap) / 2} y={y + 13} textAnchor="middle" className="log-snapshot">
            {compacted >= 4 ? `snapshot ≤ ${node.snapshotIndex}` : '▒'}
          </text>
        </g>
      )}
      {cells.map((c, i) => {
        if (c.state === 'compacted' || c.state === 'empty') return null;
        const x = labelWidth + i * (cell + gap);
        const fill = c.state === 'unknown' ? '#e5e8ec' : termColor(c.term);
        return (
          <g key={c.index}>
            <rect
              x={x}
              y={y}
              width={cell}
              height={cell}
              rx={3}
              fill={fill}
              fillOpacity={c.state === 'uncommitted' ? 0.45 : 1}
              stroke={c.state === 'uncommitted' ? '#8a96a3' : 'none'}
              strokeDasharray={c.state === 'uncommitted' ? '3 2' : undefined}
            />
            <text x={x + cell / 2} y={y + 13} textAnchor="middle" className="log-term">
              {c.state === 'unknown' ? '·' : c.term}
            </text>
          </g>
        );
      })}
      {!crashed && commitColumn >= 0 && commitColumn < columns && (
        <rect x={labelWidth + (commitColumn + 1) * (cell + gap) - gap / 2 - 1.5} y={y - 3} width={3} height={cell + 6} rx={1.5} fill="#1f2933" />
      )}
    </g>
  );
});

export function LogGrid() {
  const nodes = useLabStore((s) => s.nodes);
  const selected = useLabStore((s) => s.selectedNode);
  const { first, last } = gridWindow(nodes, columns);
  const width = labelWidth + columns * (cell + gap) + 8;
  const height = headerHeight + nodes.length * rowHeight + 4;
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) if (i === first || i % 5 === 0) ticks.push(i);
  return (
    <figure className="log-grid">
      <figcaption>
        <span className="muted">indices {first}–{last} · solid = committed · bar = commit index · hatched = snapshot</span>
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`Logs of ${nodes.length} nodes, indices ${first} to ${last}`}>
        <defs>
          <pattern id="log-hatch" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="5" height="5" fill="#f1f3f6" />
            <line x1="0" y1="0" x2="0" y2="5" stroke="#c5ccd5" strokeWidth="2" />
          </pattern>
        </defs>
        {ticks.map((i) => (
          <text key={i} x={labelWidth + (i - first) * (cell + gap) + cell / 2} y={12} textAnchor="middle" className="log-index">
            {i}
          </text>
        ))}
        {nodes.map((node, row) => (
          <LogRow key={node.id} node={node} first={first} last={last} row={row} selected={selected === node.id} />
        ))}
      </svg>
    </figure>
  );
}
