/**
 * The cluster on a ring, as layers: link lines, timer rings, nodes, moving
 * messages (above the nodes' labels, so that a message is never hidden), and
 * the links' focusable hit areas on top (so that Tab reaches the nodes first,
 * and a link can be clicked anywhere along its length). Only the message,
 * timer and clock layers change every frame. A sharded run can narrow the
 * ring to one replica group (the Shards view's mini clusters open one).
 */
import { useMemo } from 'react';
import { useLabStore } from '../store/labStore';
import { onRing, ringLayout, subsetRingLayout } from '../view/ringLayout';
import { CenterClock } from './CenterClock';
import { LinkHandle, LinkLine } from './LinkLine';
import { SnapshotHatch } from './MessageGlyph';
import { MessageLayer } from './MessageLayer';
import { NetworkOverlay } from './NetworkOverlay';
import { NodeGlyph } from './NodeGlyph';
import { TimerLayer } from './TimerLayer';

const width = 640;
const height = 580;

/** The servers of the group the view is narrowed to ("6,7,8"), or '' for every server. */
function useShownGroup(): string {
  return useLabStore((s) => (s.clusterGroup === null ? '' : (s.shards?.groups.find((g) => g.gid === s.clusterGroup)?.servers.map((server) => server.id).join(',') ?? '')));
}

export function ClusterView() {
  const nodeCount = useLabStore((s) => s.config.nodeCount);
  const allNodes = useLabStore((s) => s.nodes);
  const allLinks = useLabStore((s) => s.links);
  const shown = useShownGroup();
  const layout = useMemo(() => (shown === '' ? ringLayout(nodeCount, width, height) : subsetRingLayout(shown.split(',').map(Number), width, height)), [nodeCount, shown]);
  const ready = allNodes.length === nodeCount;
  // A sharded run narrowed to one group: that group's servers and the links between them.
  const nodes = useMemo(() => (layout.shown === null ? allNodes : allNodes.filter((n) => onRing(layout, n.id))), [allNodes, layout]);
  const links = useMemo(() => (layout.shown === null ? allLinks : allLinks.filter((l) => onRing(layout, l.a) && onRing(layout, l.b))), [allLinks, layout]);

  return (
    <svg className="cluster" viewBox={`0 0 ${width} ${height}`} role="group" aria-label="Cluster" preserveAspectRatio="xMidYMid meet">
      <defs>
        <pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <line x1="0" y1="0" x2="0" y2="6" stroke="#b9c1cb" strokeWidth="2" />
        </pattern>
        <SnapshotHatch />
        <filter id="soft-shadow" x="-50%" y="-50%" width="200%" height="200%">
          <feDropShadow dx="0" dy="1.5" stdDeviation="2.5" floodColor="#1f2933" floodOpacity="0.12" />
        </filter>
      </defs>
      <CenterClock layout={layout} />
      <g className="layer-links" aria-hidden="true">
        {links.map((link) => (
          <LinkLine key={`${link.a}-${link.b}`} layout={layout} link={link} />
        ))}
      </g>
      {ready && <NetworkOverlay layout={layout} />}
      {ready && <TimerLayer layout={layout} />}
      <g className="layer-nodes">
        {ready && nodes.map((node) => <NodeGlyph key={node.id} node={node} at={layout.positions[node.id]} radius={layout.nodeRadius} />)}
      </g>
      {ready && <MessageLayer layout={layout} />}
      <g className="layer-link-handles">
        {links.map((link) => (
          <LinkHandle key={`${link.a}-${link.b}`} layout={layout} link={link} />
        ))}
      </g>
    </svg>
  );
}
