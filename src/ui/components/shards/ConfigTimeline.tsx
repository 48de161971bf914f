/**
 * The controller's configurations as a timeline: one tick per configuration
 * with its number, the request that made it, the groups that joined or left
 * and the shards that moved. The newest is highlighted; a tick goes to the
 * moment its configuration was announced (paused there, like the scrubber).
 */
import { useEffect, useRef } from 'react';
import { seekTo } from '../../labActions';
import type { ConfigTickVM } from '../../model/types';
import { useLabStore } from '../../store/labStore';
import { groupStyle } from '../../view/palette';
import { configTickLabel, configTickText } from '../../view/shardLabels';

function Tick({ tick, current }: { tick: ConfigTickVM; current: boolean }) {
  const targets = [...new Set(tick.moved.map((m) => m.to))];
  return (
    <li className={current ? 'config-tick config-tick-current' : 'config-tick'} aria-current={current ? 'step' : undefined}>
      <button type="button" onClick={() => tick.atUs !== null && seekTo(tick.atUs)} disabled={tick.atUs === null} aria-label={configTickLabel(tick, current)} title={tick.atUs === null ? 'Made before the part of the run this page has read' : 'Go to the moment this configuration was announced'}>
        <span className="config-num">#{tick.num}</span>
        <span className="config-why">{tick.label ?? (tick.num === 0 ? 'start' : '')}</span>
        <span className="config-moves" aria-hidden="true">
          {targets.map((to) => (
            <span key={to} className="config-move" style={{ background: groupStyle(to).soft, color: groupStyle(to).ink, borderColor: groupStyle(to).color }}>
              {tick.moved.filter((m) => m.to === to).length}→{to === 0 ? '∅' : `g${to}`}
            </span>
          ))}
        </span>
        <span className="config-change">{configTickText(tick)}</span>
      </button>
    </li>
  );
}

export function ConfigTimeline() {
  const configs = useLabStore((s) => s.shards?.configs);
  const list = useRef<HTMLOListElement | null>(null);
  const count = configs?.length ?? 0;
  // Keep the newest tick in sight as configurations arrive.
  useEffect(() => {
    const el = list.current;
    if (el !== null && count > 0) el.scrollLeft = el.scrollWidth;
  }, [count]);
  if (configs === undefined) return null;
  return (
    <div className="config-timeline">
      <h3 id="config-timeline-title" className="section-title">
        Configurations
      </h3>
      <ol ref={list} className="config-ticks" aria-labelledby="config-timeline-title">
        {configs.map((tick, i) => (
          <Tick key={tick.num} tick={tick} current={i === configs.length - 1} />
        ))}
      </ol>
    </div>
  );
}
