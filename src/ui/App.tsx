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
import { BranchList } from './components/BranchList';
import { ProblemDialog } from './components/ProblemDialog';
import { RunFileControls } from './components/RunFileControls';
import { NarrationPanel, ScenarioPicker } from './components/ScenarioPanel';
import { ShortcutHint, ShortcutOverlay } from './components/ShortcutHint';
import { Timeline } from './components/Timeline';
import { setClassroom } from './labActions';
import { StageTabs } from './components/StageTabs';
import { StatsPanel } from './components/StatsPanel';
import { useKeyboardShortcuts } from './hooks/useKeyboardShortcuts';
import { useLabStore } from './store/labStore';
import { ClusterGroupBar } from './components/shards/ClusterGroupBar';
import { ShardsView } from './components/shards/ShardsView';

function Title() {
  const config = useLabStore((s) => s.config);
  const status = useLabStore((s) => s.status);
  return (
    <div className="brand">
      <h1>Consensus Lab</h1>
      <p className="subtitle">
        {config.protocol}
        {config.protocol === 'raft' && (config.preVote || config.checkQuorum) ? ` + ${[config.preVote && 'PreVote', config.checkQuorum && 'CheckQuorum'].filter(Boolean).join(' + ')}` : ''} ·{' '}
        {config.shards === null ? `${config.nodeCount} nodes` : `sharded: ${config.shards.groups} groups of 3 + a 3-server controller, ${config.shards.initialGroups} joined at the start`} ·{' '}
        {config.clients > 0 ? `${config.clients} key-value clients` : config.shards === null ? 'command log' : 'no clients'} · seed {config.seed} ·{' '}
        {config.snapshotEveryEntries > 0 ? `snapshot every ${config.snapshotEveryEntries} entries` : 'no snapshots'} · {config.host === 'worker' ? 'one Web Worker per node' : 'in-process'}
        {config.bug !== null && <strong className="subtitle-bug"> · bug on: {config.bug}</strong>}
        {status === 'starting' && ' · starting…'}
        {' · '}
        <a className="subtitle-link" href="./compare.html">
          Compare Raft and OmniPaxos side by side
        </a>
      </p>
    </div>
  );
}

export function App() {
  useKeyboardShortcuts();
  const status = useLabStore((s) => s.status);
  const nodeCount = useLabStore((s) => s.config.nodeCount);
  const host = useLabStore((s) => s.config.host);
  const classroom = useLabStore((s) => s.classroom);
  return (
    <div className={classroom ? 'app classroom' : 'app'}>
      <header className="topbar">
        <Title />
        <div className="topbar-tools">
          <ScenarioPicker />
          <RunFileControls />
          <label className="toggle classroom-toggle">
            <input type="checkbox" checked={classroom} onChange={(e) => setClassroom(e.currentTarget.checked)} />
            <span>Classroom</span>
          </label>
        </div>
        {!classroom && <RunSettings />}
      </header>
      <Notices />
      <BugBanner />
      <FailureBanner />
      <main className="layout">
        <section className="stage" aria-label="Simulation">
          <Controls />
          <ShardsView />
          <div className="cluster-wrap">
            <ClusterGroupBar />
            {status === 'starting' && (
              <p className="starting" role="status">
                Starting {nodeCount} {host === 'worker' ? 'workers' : 'nodes'}…
              </p>
            )}
            <ClusterView />
          </div>
          <Timeline />
          <BranchList />
          {!classroom && <Legend />}
          <StageTabs />
        </section>
        <aside className="side">
          <NarrationPanel />
          {!classroom && <NodeInspector />}
          {!classroom && <NetworkPanel />}
          <StatsPanel />
          {!classroom && <MessageLog />}
          {!classroom && <DeterminismPanel />}
        </aside>
      </main>
      <ShortcutHint />
      <ShortcutOverlay />
      <ProblemDialog />
      <LeaderAnnouncer />
    </div>
  );
}
