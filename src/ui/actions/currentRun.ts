/**
 * The current run: there is one session at a time, and changing the seed or
 * resetting replaces it. Every intent reaches the session through here.
 */
import type { Action } from '../../engine/index';
import { cancelCheckRun } from '../check/checkRunner';
import type { RunSource } from '../engine/runSource';
import { LabSession } from '../engine/session';
import { bugScript } from '../model/bugSetups';
import { scriptLines } from '../model/scriptText';
import type { LabConfig } from '../model/types';
import { writeConfigToUrl, writeSourceToUrl } from '../params/urlSync';
import { useLabStore } from '../store/labStore';

export let session: LabSession | null = null;
let noteCounter = 0;
/** What the current run was started from, when it is not the lab's settings (to restart it the same way). */
export let currentSource: RunSource | null = null;

export const store = () => useLabStore.getState();

/**
 * Start (or restart) a run with this config, replacing the current one. With
 * a source (a scenario, a run file), the world config is the source's and the
 * lab config only says what to draw.
 */
export function startRun(config: LabConfig, source: RunSource | null = null): void {
  session?.dispose();
  cancelCheckRun();
  currentSource = source;
  const playing = store().playing && store().status !== 'failed' && source?.atUs == null;
  store().beginRun(config);
  if (!playing) store().setPlaying(false);
  if (source === null) writeConfigToUrl(config);
  else writeSourceToUrl(source.scenario !== null && source.log.length === 0 ? source.scenario.id : null);
  const script = source === null ? bugScript(config) : { actions: [], skipped: null };
  store().setScript(scriptLines(script.actions, config.nodeCount), script.skipped);
  const next = new LabSession(
    config,
    {
      publish: (snapshot) => {
        if (session === next) store().publish(snapshot);
      },
      started: () => {
        if (session === next) store().runStarted();
      },
      failed: (message, replay) => {
        if (session === next) store().runFailed(message, replay);
      },
      historyWindow: () => (store().stageTab === 'history' ? store().historyWindow : null),
      spaceTimeView: () => (store().stageTab === 'spacetime' ? { window: store().spaceTimeWindow, clients: store().spaceTimeClients } : null),
      rewound: () => {
        if (session === next) store().rewound();
      },
      note: (text) => {
        if (session === next) store().addNotice({ id: `note-${++noteCounter}`, tone: 'info', text });
      },
    },
    script.actions,
    source,
  );
  session = next;
  next.setPlaying(store().playing);
  void next.start();
}

export function act(action: Action): void {
  void session?.act(action);
}

/** Stop the clock without checking (a step, a seek). */
export function haltPlayback(): void {
  store().setPlaying(false);
  session?.setPlaying(false);
}
