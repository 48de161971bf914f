/**
 * One server: the lab's node look (outline and colour by role, a crown on the
 * leader, name and term inside, the role in words beneath), plus what this
 * page is about: the scenario's name for the server (L, A, B…) in a dark tag,
 * and for OmniPaxos its quorum-connected flag as a badge that reads without
 * colour ("QC" filled, "no QC" outlined and struck).
 */
import { memo } from 'react';
import { roleStyles } from '../../view/palette';
import type { Point } from '../../view/ringLayout';
import type { CompareNodeVM } from '../sim/compareModel';
import { compareNodeName, roleWord } from '../view/compareLabels';
import { protocolInfo } from '../view/protocolInfo';

interface Props {
  protocol: string;
  node: CompareNodeVM;
  at: Point;
  radius: number;
}

function Crown({ y, color }: { y: number; color: string }) {
  return <path d={`M -11 ${y} L -11 ${y - 9} L -5.5 ${y - 4.5} L 0 ${y - 11} L 5.5 ${y - 4.5} L 11 ${y - 9} L 11 ${y} Z`} fill={color} stroke="#fff" strokeWidth={1.5} strokeLinejoin="round" />;
}

function QcBadge({ qc, x, y }: { qc: boolean; x: number; y: number }) {
  const width = qc ? 34 : 48;
  return (
    <g className={`cmp-qc ${qc ? 'cmp-qc-on' : 'cmp-qc-off'}`} transform={`translate(${x},${y})`}>
      <rect x={-width / 2} y={-10} width={width} height={20} rx={10} />
      <text y={4.5} textAnchor="middle">
        {qc ? 'QC' : 'no QC'}
      </text>
      {!qc && <line x1={-width / 2 + 5} y1={7} x2={width / 2 - 5} y2={-7} />}
    </g>
  );
}

function BindingTag({ name, x, y }: { name: string; x: number; y: number }) {
  return (
    <g className="cmp-binding" transform={`translate(${x},${y})`}>
      <circle r={12} />
      <text y={5} textAnchor="middle">
        {name}
      </text>
    </g>
  );
}

function tooltip(protocol: string, node: CompareNodeVM): string {
  const lines = [compareNodeName(protocol, node), `commit index ${node.commitIndex}`];
  if (node.ballot !== null) lines.push(`own BLE ballot ${node.ballot} (n.priority.pid)`);
  if (node.phase !== null && node.phase !== 'none') lines.push(`Sequence Paxos phase: ${node.phase}`);
  if (node.leaderId !== null && node.role !== 'leader') lines.push(`follows n${node.leaderId + 1}`);
  return lines.join('\n');
}

export const CompareNode = memo(function CompareNode({ protocol, node, at, radius }: Props) {
  const style = roleStyles[node.role];
  const crashed = node.role === 'crashed';
  const word = roleWord(node.role);
  const pillWidth = word.length * 7.6 + 16;
  const syncing = node.phase === 'prepare';
  return (
    <g className={`cmp-node cmp-node-${node.role}`} transform={`translate(${at.x},${at.y})`} role="img" aria-label={compareNodeName(protocol, node)}>
      <title>{tooltip(protocol, node)}</title>
      {node.role === 'leader' && <circle r={radius + 11} fill={style.stroke} opacity={0.12} />}
      {/* A soft shadow without an SVG filter: filters make every frame's repaint several times slower. */}
      <circle r={radius + 0.5} cy={2} fill="#1f2933" opacity={0.1} />
      <circle r={radius} fill={style.fill} stroke={style.stroke} strokeWidth={style.strokeWidth} strokeDasharray={style.dash || undefined} />
      {node.role === 'leader' && <Crown y={-radius - 3} color={style.stroke} />}
      <text className="cmp-node-name" y={crashed ? 6 : -2} textAnchor="middle" fill={style.ink}>
        {node.name}
      </text>
      {!crashed && (
        <text className="cmp-node-term" y={16} textAnchor="middle" fill={style.ink}>
          {protocolInfo(protocol).termWord} {node.term}
        </text>
      )}
      <g transform={`translate(0,${radius + 19})`}>
        <rect x={-pillWidth / 2} y={-10} width={pillWidth} height={20} rx={10} fill="#fff" stroke={style.stroke} strokeWidth={1.2} />
        <text className="cmp-node-role" y={4.5} textAnchor="middle" fill={style.ink}>
          {word}
        </text>
      </g>
      <text className={`cmp-node-commit${syncing ? ' cmp-node-syncing' : ''}`} y={radius + 45} textAnchor="middle">
        {syncing ? 'log sync (Prepare)' : `commit ${node.commitIndex}`}
      </text>
      {node.binding !== null && <BindingTag name={node.binding} x={-radius * 0.92} y={-radius * 0.78} />}
      {node.qc !== null && !crashed && <QcBadge qc={node.qc} x={radius * 0.95} y={-radius * 0.8} />}
    </g>
  );
});
