/**
 * One node: a circle whose outline tells the role as well as its colour does
 * (leader: heavy with a halo and a crown, candidate: dashed, pre-candidate:
 * dotted, crashed: grey with a cross), its name and term inside, and the role
 * in words with its vote beneath. Click, Enter or Space crashes or restarts it.
 */
import { memo, type KeyboardEvent } from 'react';
import { selectNode, toggleNode } from '../labActions';
import type { NodeVM } from '../model/types';
import { nodeAccessibleName, nodeActionHint } from '../view/nodeLabels';
import { roleStyles } from '../view/palette';
import type { Point } from '../view/ringLayout';
import { useLabStore } from '../store/labStore';

interface Props {
  node: NodeVM;
  at: Point;
  radius: number;
}

function Crown({ y, color }: { y: number; color: string }) {
  return (
    <path
      d={`M -11 ${y} L -11 ${y - 9} L -5.5 ${y - 4.5} L 0 ${y - 11} L 5.5 ${y - 4.5} L 11 ${y - 9} L 11 ${y} Z`}
      fill={color}
      stroke="#fff"
      strokeWidth={1.5}
      strokeLinejoin="round"
    />
  );
}

function voteText(node: NodeVM): string {
  if (node.role === 'crashed') return 'down';
  if (node.role === 'leader') return `commit ${node.commitIndex}`;
  if (node.votedFor === null) return 'no vote';
  return node.votedFor === node.id ? 'voted self' : `voted n${node.votedFor + 1}`;
}

export const NodeGlyph = memo(function NodeGlyph({ node, at, radius }: Props) {
  const style = roleStyles[node.role];
  const selected = useLabStore((s) => s.selectedNode === node.id);
  const crashed = node.role === 'crashed';
  const onKeyDown = (event: KeyboardEvent<SVGGElement>) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    toggleNode(node.id);
  };
  const onClick = () => {
    selectNode(node.id);
    toggleNode(node.id);
  };
  const pillWidth = style.label.length * 7.4 + 14;
  return (
    <g
      className={`node node-${node.role}${selected ? ' node-selected' : ''}`}
      transform={`translate(${at.x},${at.y})`}
      role="button"
      tabIndex={0}
      aria-label={nodeAccessibleName(node)}
      aria-describedby="node-help"
      onClick={onClick}
      onKeyDown={onKeyDown}
      onFocus={() => selectNode(node.id)}
    >
      <title>{nodeActionHint(node)}</title>
      <circle className="node-focus" r={radius + 14} />
      {node.role === 'leader' && <circle r={radius + 11} fill={style.stroke} opacity={0.1} />}
      <circle r={radius} fill={style.fill} stroke={style.stroke} strokeWidth={style.strokeWidth} strokeDasharray={style.dash || undefined} filter="url(#soft-shadow)" />
      {node.role === 'leader' && <Crown y={-radius - 3} color={style.stroke} />}
      <text className="node-name" y={crashed ? 1 : -3} textAnchor="middle" fill={style.ink}>
        {node.name}
      </text>
      {!crashed && (
        <text className="node-term" y={14} textAnchor="middle" fill={style.ink}>
          term {node.term}
        </text>
      )}
      {crashed && (
        <path
          d={`M ${-radius * 0.55} ${-radius * 0.55} L ${radius * 0.55} ${radius * 0.55} M ${radius * 0.55} ${-radius * 0.55} L ${-radius * 0.55} ${radius * 0.55}`}
          stroke={style.stroke}
          strokeWidth={2}
          strokeLinecap="round"
          opacity={0.55}
        />
      )}
      <g transform={`translate(0,${radius + 20})`}>
        <rect x={-pillWidth / 2} y={-9} width={pillWidth} height={18} rx={9} fill={crashed ? '#f3f3f3' : '#fff'} stroke={style.stroke} strokeWidth={1} />
        <text className="node-role" y={4} textAnchor="middle" fill={style.ink}>
          {style.label}
        </text>
      </g>
      <text className="node-vote" y={radius + 44} textAnchor="middle">
        {voteText(node)}
      </text>
    </g>
  );
});
