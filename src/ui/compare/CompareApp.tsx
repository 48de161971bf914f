/** The compare page: one scenario on three protocols side by side, then the paper's Table 1, measured. */
import { Announcer } from './components/Announcer';
import { ClusterPanel } from './components/ClusterPanel';
import { CompareNotices } from './components/CompareNotices';
import { ExplanationPanel } from './components/ExplanationPanel';
import { MessageLegend } from './components/MessageLegend';
import { PlaybackControls } from './components/PlaybackControls';
import { ScenarioPicker } from './components/ScenarioPicker';
import { SharedTimeline } from './components/SharedTimeline';
import { Table1Panel } from './components/Table1Panel';
import { compareProtocols } from './sim/compareSession';
import { useCompareShortcuts } from './useCompareShortcuts';

export function CompareApp() {
  useCompareShortcuts();
  return (
    <div className="cmp-app">
      <header className="cmp-top">
        <div className="cmp-brand">
          <h1>Partial connectivity: Raft beside OmniPaxos</h1>
          <p className="cmp-subtitle">
            One scenario, one seed, three protocols on one virtual clock: the real protocol code, in this tab.{' '}
            <a className="cmp-back" href="./">
              Back to the lab
            </a>
          </p>
        </div>
        <ScenarioPicker />
      </header>
      <CompareNotices />
      <main className="cmp-main">
        <section className="cmp-stage-controls" aria-label="Shared clock">
          <PlaybackControls />
          <SharedTimeline />
        </section>
        <section className="cmp-clusters" aria-label="Clusters">
          {compareProtocols.map((p, i) => (
            <ClusterPanel key={p} index={i} />
          ))}
        </section>
        <ExplanationPanel />
        <MessageLegend />
        <Table1Panel />
      </main>
      <footer className="cmp-keys">
        <kbd>Space</kbd> play / pause · <kbd>→</kbd> next event · <kbd>Shift</kbd>+<kbd>→</kbd> 100 ms · <kbd>Tab</kbd> reaches every control
      </footer>
      <Announcer />
    </div>
  );
}
