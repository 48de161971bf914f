/**
 * One protocol's cluster on a ring, as layers: links, highlight rings (under
 * the servers, so they never hide a server's tag), servers, refusal words,
 * and messages on top (so a message is never hidden). Links and servers
 * re-render only when they change; highlights and messages every frame.
 */
import { useMemo } from 'react';
import { selectCluster, useCompareStore } from '../store/compareStore';
import { compareRingHeight, compareRingLayout, compareRingWidth } from '../view/compareRingLayout';
import { protocolInfo } from '../view/protocolInfo';
import { CompareNode } from './CompareNode';
import { RingFlashes } from './RingFlashes';
import { RingLink } from './RingLink';
import { RingMessages } from './RingMessages';

export function CompareRing({ index }: { index: number }) {
  const cluster = useCompareStore(selectCluster(index));
  const nodeCount = cluster?.nodes.length ?? 0;
  const layout = useMemo(() => compareRingLayout(nodeCount), [nodeCount]);
  if (cluster === undefined) return null;
  return (
    <svg className="cmp-ring" viewBox={`0 0 ${compareRingWidth} ${compareRingHeight}`} role="group" aria-label={`${protocolInfo(cluster.protocol).title} cluster`}>
      <g className="cmp-links" aria-hidden="true">
        {cluster.links.map((link) => (
          <RingLink key={`${link.a}-${link.b}`} layout={layout} link={link} />
        ))}
      </g>
      <RingFlashes index={index} layout={layout} part="rings" />
      <g className="cmp-nodes">
        {cluster.nodes.map((node) => (
          <CompareNode key={node.id} protocol={cluster.protocol} node={node} at={layout.positions[node.id]} radius={layout.nodeRadius} />
        ))}
      </g>
      <RingFlashes index={index} layout={layout} part="labels" />
      <RingMessages index={index} layout={layout} />
    </svg>
  );
}
