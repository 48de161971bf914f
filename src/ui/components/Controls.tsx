/** The toolbar (run controls and operator actions) and the run's settings. */
import { protocolNames } from '../../engine/index';
import { healAll, pause, play, propose, reset, startRun, stepEvent } from '../labActions';
import type { HostKind } from '../model/types';
import { maxNodeCount, minNodeCount } from '../params/labParams';
import { useLabStore } from '../store/labStore';
import { SeedField } from './SeedField';
import { SpeedControl } from './SpeedControl';

const nodeCounts = Array.from({ length: maxNodeCount - minNodeCount + 1 }, (_, i) => minNodeCount + i);

/** Run controls, above the cluster: play, step, speed, and operator actions. */
export function Controls() {
  const playing = useLabStore((s) => s.playing);
  const status = useLabStore((s) => s.status);
  const running = status === 'running';
  return (
    <div className="controls" role="toolbar" aria-label="Run controls">
      <div className="control-group">
        <button type="button" className="primary play" onClick={playing ? pause : play} disabled={!running} aria-keyshortcuts="Space">
          <span aria-hidden="true" className="icon">
            {playing ? '❚❚' : '▶'}
          </span>
          {playing ? 'Pause' : 'Play'}
        </button>
        <button type="button" onClick={stepEvent} disabled={!running} aria-keyshortcuts="ArrowRight" title="Process the next event (pauses)">
          Step <span aria-hidden="true">→</span>
        </button>
        <SpeedControl />
      </div>
      <div className="control-group">
        <button type="button" onClick={propose} disabled={!running} aria-keyshortcuts="C" title="Send a client command to the current leader">
          Send command
        </button>
        <button type="button" onClick={healAll} disabled={!running} aria-keyshortcuts="H" title="Bring every link back up">
          Heal all
        </button>
        <button type="button" onClick={reset} aria-keyshortcuts="R" title="Start this seed again from time zero">
          Reset
        </button>
      </div>
      <ProposalNote />
    </div>
  );
}

function ProposalNote() {
  const note = useLabStore((s) => s.proposalNote);
  return (
    <p className="proposal-note" role="status">
      {note ?? ''}
    </p>
  );
}

/** What the run is: seed, protocol, cluster size and host. Changing any starts a new run. */
export function RunSettings() {
  const config = useLabStore((s) => s.config);
  return (
    <div className="run-settings" role="group" aria-label="Run settings">
      <SeedField />
      <label>
        <span className="control-label">Protocol</span>
        <select value={config.protocol} onChange={(e) => startRun({ ...config, protocol: e.currentTarget.value })}>
          {protocolNames().map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="control-label">Nodes</span>
        <select value={config.nodeCount} onChange={(e) => startRun({ ...config, nodeCount: Number(e.currentTarget.value) })}>
          {nodeCounts.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="control-label">Host</span>
        <select value={config.host} onChange={(e) => startRun({ ...config, host: e.currentTarget.value as HostKind })}>
          <option value="worker">Web Workers</option>
          <option value="inprocess">In-process</option>
        </select>
      </label>
    </div>
  );
}
