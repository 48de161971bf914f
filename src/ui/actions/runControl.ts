/** Run control: play and pause, step, speed, and restarting with other settings. */
import { protocolNames } from '../../engine/index';
import { recommendedConfig, type BugName } from '../model/bugSetups';
import { withProtocol, withToggles } from '../model/raftOptions';
import type { LabConfig } from '../model/types';
import { writeConfigToUrl } from '../params/urlSync';
import { clampSpeed, nextSpeed } from '../view/speedScale';
import { currentSource, haltPlayback, session, startRun, store } from './currentRun';
import { checkLinearizability } from './historyCheck';

export function play(): void {
  if (store().status === 'failed' || store().seeking) return;
  store().setPlaying(true);
  session?.setPlaying(true);
}

/** Pause; with clients, check the history as it stands (the user asked to look). */
export function pause(): void {
  haltPlayback();
  if (store().config.clients > 0 && store().status === 'running') checkLinearizability();
}

export function togglePlay(): void {
  if (store().playing) pause();
  else play();
}

/** Pause, then process exactly one event. */
export function stepEvent(): void {
  haltPlayback();
  void session?.stepEvent();
}

export function setSpeed(speed: number): void {
  const value = clampSpeed(speed);
  store().setSpeed(value);
  session?.setSpeed(value);
  if (new URLSearchParams(window.location.search).has('speed')) writeConfigToUrl(store().config);
}

export function speedUp(direction: 1 | -1): void {
  setSpeed(nextSpeed(store().config.speed, direction));
}

export function setSeed(seed: number): void {
  startRun({ ...store().config, seed });
}

/** Start the same run again from time zero. */
export function reset(): void {
  if (currentSource !== null) startRun({ ...store().config }, { ...currentSource, atUs: null });
  else startRun({ ...store().config });
}

/** The protocol select: raft-pv-cq turns both Raft toggles on, raft turns them off. */
export function setProtocol(protocol: string): void {
  startRun(withProtocol(store().config, protocol));
}

/** Turn PreVote or CheckQuorum on or off: the same seed again, with the protocol named after the toggles. */
export function setRaftOption(option: 'preVote' | 'checkQuorum', on: boolean): void {
  const config = store().config;
  const preVote = option === 'preVote' ? on : config.preVote;
  const checkQuorum = option === 'checkQuorum' ? on : config.checkQuorum;
  startRun(withToggles(config, preVote, checkQuorum, protocolNames()));
}

export function setNodeCount(nodeCount: number): void {
  startRun({ ...store().config, nodeCount });
}

export function setHost(host: LabConfig['host']): void {
  startRun({ ...store().config, host });
}

/** 0: the plain command log; N: N clerks on the key-value service, and the history view. */
export function setClients(clients: number): void {
  const had = store().config.clients;
  startRun({ ...store().config, clients });
  if (clients > 0 && had === 0) store().setStageTab('history');
}

/** Break a rule (with the setup that catches it), or put it back (null). */
export function setBug(bug: BugName | null): void {
  // A bug breaks the one-group protocol: its setup is a single group.
  const config = bug === null ? store().config : { ...store().config, shards: null };
  if (bug === null) {
    startRun({ ...config, bug: null });
    return;
  }
  const next = recommendedConfig(config, bug);
  startRun(next);
  if (next.clients > 0) store().setStageTab('history');
}
