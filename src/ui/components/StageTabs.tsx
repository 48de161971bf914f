/**
 * Below the ring, one of four views at a time: every node's log, the
 * clients' history, the messages between nodes over time (space-time), or
 * the benchmarks (src/ui/bench). Tabs follow the WAI-ARIA pattern: Left/Right move between
 * them, Tab goes into the panel.
 */
import { useRef, type KeyboardEvent } from 'react';
import { setStageTab } from '../labActions';
import { useLabStore, type StageTab } from '../store/labStore';
import { HistoryPanel } from './HistoryPanel';
import { LogGrid } from './LogGrid';
import { SpaceTimePanel } from './SpaceTimePanel';
import { BenchPanel, BenchTabBadge } from '../bench/BenchPanel';

const tabs: { id: StageTab; label: string }[] = [
  { id: 'logs', label: 'Logs' },
  { id: 'history', label: 'History' },
  { id: 'spacetime', label: 'Space-time' },
  { id: 'bench', label: 'Benchmarks' },
];

export function StageTabs() {
  const current = useLabStore((s) => s.stageTab);
  const clients = useLabStore((s) => s.config.clients);
  const verdict = useLabStore((s) => (s.check.status === 'done' ? s.check.verdict : null));
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight' && event.key !== 'Home' && event.key !== 'End') return;
    event.preventDefault();
    // Arrow keys here move between tabs, not the simulation.
    event.stopPropagation();
    const index = tabs.findIndex((t) => t.id === current);
    const next = event.key === 'Home' ? 0 : event.key === 'End' ? tabs.length - 1 : (index + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length;
    setStageTab(tabs[next].id);
    refs.current[next]?.focus();
  };
  return (
    <section className="stage-tabs">
      <div className="tablist" role="tablist" aria-label="Views" onKeyDown={onKeyDown}>
        {tabs.map((tab, i) => (
          <button
            key={tab.id}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            aria-selected={current === tab.id}
            aria-controls={`panel-${tab.id}`}
            tabIndex={current === tab.id ? 0 : -1}
            className="tab"
            onClick={() => setStageTab(tab.id)}
          >
            {tab.label}
            {tab.id === 'history' && clients > 0 && <span className="tab-badge">{clients} clients</span>}
            {tab.id === 'history' && verdict === 'not-linearizable' && (
              <span className="tab-badge tab-badge-bad" title="The last check found a violation">
                violation
              </span>
            )}
            {tab.id === 'bench' && <BenchTabBadge />}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${current}`} aria-labelledby={`tab-${current}`} className="tabpanel">
        {current === 'logs' ? <LogGrid /> : current === 'history' ? <HistoryPanel /> : current === 'bench' ? <BenchPanel /> : <SpaceTimePanel />}
      </div>
    </section>
  );
}
