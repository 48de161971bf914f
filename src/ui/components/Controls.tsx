/** The toolbar (run controls and operator actions) and the run's settings. */
import { protocolNames } from '../../engine/index';
import { healAll, pause, play, propose, reset, setClients, setHost, setNodeCount, setProtocol, setRaftOption, setShardGroups, stepEvent } from '../labActions';
import { isRaftFamily } from '../model/raftOptions';
import type { HostKind } from '../model/types';
import { maxClients, maxNodeCount, maxShardGroups, minNodeCount } from '../params/labParams';
import { useLabStore } from '../store/labStore';
import { BugMenu } from './BugMenu';
import { SeedField } from './SeedField';
import { SpeedControl } from './SpeedControl';

const nodeCounts = Array.from({ length: maxNodeCount - minNodeCount + 1 }, (_, i) => minNodeCount + i);
const clientCounts = Array.from({ length: maxClients + 1 }, (_, i) => i);
const shardGroupCounts = Array.from({ length: maxShardGroups }, (_, i) => i + 1);

/** Run controls, above the cluster: play, step, speed, and operator actions. */
export function Controls() {
  const playing = useLabStore((s) => s.playing);
  const status = useLabStore((s) => s.status);
  const seeking = useLabStore((s) => s.seeking);
  const sharded = useLabStore((s) => s.config.shards !== null);
  const running = status === 'running';
  return (
    <div className="controls" role="toolbar" aria-label="Run controls">
      <div className="control-group">
        <button type="button" className="primary play" onClick={playing ? pause : play} disabled={!running || seeking} aria-keyshortcuts="Space">
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
        <button
          type="button"
          onClick={propose}
          disabled={!running || sharded}
          aria-keyshortcuts="C"
          title={sharded ? 'A sharded store takes its load from its clerks (the Clients setting)' : 'Send a client command to the current leader'}
        >
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

/** PreVote and CheckQuorum, for the Raft family: each restarts the run with the same seed. */
function RaftToggles() {
  const config = useLabStore((s) => s.config);
  if (!isRaftFamily(config.protocol)) return null;
  const toggles: { option: 'preVote' | 'checkQuorum'; label: string; hint: string }[] = [
    { option: 'preVote', label: 'PreVote', hint: 'Thesis §9.6: ask for votes without raising the term first, so a node that was cut off cannot disrupt the cluster when it returns.' },
    { option: 'checkQuorum', label: 'CheckQuorum', hint: 'A leader that has not heard from a majority for an election timeout steps down; followers ignore votes while they hear from a leader.' },
  ];
  return (
    <div className="toggles" role="group" aria-label="Raft options">
      {toggles.map(({ option, label, hint }) => (
        <label key={option} className="toggle" title={hint}>
          <input type="checkbox" checked={config[option]} onChange={(e) => setRaftOption(option, e.currentTarget.checked)} />
          <span>{label}</span>
        </label>
      ))}
    </div>
  );
}

/** What the run is: seed, protocol and its options, cluster size, clients, host and a broken rule. Changing any starts a new run. */
export function RunSettings() {
  const config = useLabStore((s) => s.config);
  return (
    <div className="run-settings" role="group" aria-label="Run settings">
      <SeedField />
      <label>
        <span className="control-label">Protocol</span>
        <select value={config.protocol} onChange={(e) => setProtocol(e.currentTarget.value)}>
          {protocolNames().map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <RaftToggles />
      {config.shards === null && (
        <label>
          <span className="control-label">Nodes</span>
          <select value={config.nodeCount} onChange={(e) => setNodeCount(Number(e.currentTarget.value))}>
            {nodeCounts.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      )}
      <label title="A sharded key-value store: groups of three servers behind a three-server shard controller, ten shards">
        <span className="control-label">Shards</span>
        <select aria-label="Shard groups" value={config.shards === null ? '' : String(config.shards.groups)} onChange={(e) => setShardGroups(e.currentTarget.value === '' ? null : Number(e.currentTarget.value))}>
          <option value="">off (one group)</option>
          {shardGroupCounts.map((n) => (
            <option key={n} value={n}>
              {n} {n === 1 ? 'group' : 'groups'}
            </option>
          ))}
        </select>
      </label>
      <label title="Closed-loop key-value clients; 0 replicates a plain command log">
        <span className="control-label">Clients</span>
        <select value={config.clients} onChange={(e) => setClients(Number(e.currentTarget.value))}>
          {clientCounts.map((n) => (
            <option key={n} value={n}>
              {n === 0 ? '0 (log)' : n}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="control-label">Host</span>
        <select value={config.host} onChange={(e) => setHost(e.currentTarget.value as HostKind)} disabled={config.shards !== null} title={config.shards !== null ? 'The shard view reads the replicas’ state: a sharded run is in-process' : undefined}>
          <option value="worker">Web Workers</option>
          <option value="inprocess">In-process</option>
        </select>
      </label>
      <BugMenu />
    </div>
  );
}
