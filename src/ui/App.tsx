/** The lab's first page: a cluster on a ring, its logs, and a side panel. */
import { BugBanner } from './components/BugBanner';
import { ClusterView } from './components/ClusterView';
import { Controls, RunSettings } from './components/Controls';
import { DeterminismPanel } from './components/DeterminismPanel';
import { FailureBanner } from './components/FailureBanner';
import { LeaderAnnouncer } from './components/LeaderAnnouncer';
import { Legend } from './components/Legend';
import { MessageLog } from './components/MessageLog';
import { NetworkPanel } from './components/NetworkPanel';
import { NodeInspector } from './components/NodeInspector';
import { Notices } from './components/Notices';
import { ShortcutHint } from './components/ShortcutHint';
import { StageTabs } from './components/StageTabs';
import { StatsPanel } from './components/StatsPanel';
import { useKeyboardShortcuts } from './hooks/useKeyboardShortcuts';
import { useLabStore } from './store/labStore';

function Title() {
  const config = useLabStore((s) => s.config);
  const status = useLabStore((s) => s.status);
  return (
    <div className="brand">
      <h1>Consensus Lab</h1>
      <p className="subtitle">
        {config.protocol}
        {config.protocol === 'raft' && (config.preVote || config.checkQuorum) ? ` + ${[config.preVote && 'PreVote', config.checkQuorum && 'CheckQuorum'].filter(Boolean).join(' + ')}` : ''} ·{' '}
        {config.nodeCount} nodes · {config.clients > 0 ? `${config.clients} key-value clients` : 'command log'} · seed {config.seed} ·{' '}
        {config.snapshotEveryEntries > 0 ? `snapshot every ${config.snapshotEveryEntries} entries` : 'no snapshots'} · {config.host === 'worker' ? 'one Web Worker per node' : 'in-process'}
        {config.bug !== null && <strong className="subtitle-bug"> · bug on: {config.bug}</strong>}
        {status === 'starting' && ' · starting…'}
      </p>
    </div>
  );
}

export function App() {
  useKeyboardShortcuts();
  const status = useLabStore((s) => s.status);
  const nodeCount = useLabStore((s) => s.config.nodeCount);
  const host = useLabStore((s) => s.config.host);
  return (
    <div className="app">
      <header className="topbar">
        <Title />
        <RunSettings />
      </header>
      <Notices />
      <BugBanner />
      <FailureBanner />
      <main className="layout">
        <section className="stage" aria-label="Simulation">
          <Controls />
          <div className="cluster-wrap">
            {status === 'starting' && (
              <p className="starting" role="status">
                Starting {nodeCount} {host === 'worker' ? 'workers' : 'nodes'}…
              </p>
            )}
            <ClusterView />
          </div>
          <Legend />
          <StageTabs />
        </section>
        <aside className="side">
          <NodeInspector />
          <NetworkPanel />
          <StatsPanel />
          <MessageLog />
          <DeterminismPanel />
        </aside>
      </main>
      <ShortcutHint />
      <LeaderAnnouncer />
    </div>
  );
}
