/**
 * The page's named intents, one per thing a user can do. Components call
 * these; they drive the current session and update the store. There is one
 * session at a time: changing the seed or resetting replaces it.
 */
import type { Action } from '../engine/index';
import { CompareCancelled, compareHosts, compareUntilUs } from './engine/compareHosts';
import { LabSession, messageOf } from './engine/session';
import type { LabConfig, LinkVM } from './model/types';
import { writeConfigToUrl } from './params/urlSync';
import { clampSpeed, nextSpeed } from './view/speedScale';
import { useLabStore } from './store/labStore';

let session: LabSession | null = null;
let compareAbort: AbortController | null = null;
let commandCounter = 0;

const store = () => useLabStore.getState();

/** Start (or restart) a run with this config, replacing the current one. */
export function startRun(config: LabConfig): void {
  session?.dispose();
  const playing = store().playing;
  store().beginRun(config);
  writeConfigToUrl(config);
  const next = new LabSession(config, {
    publish: (snapshot) => {
      if (session === next) store().publish(snapshot);
    },
    started: () => {
      if (session === next) store().runStarted();
    },
    failed: (message, replay) => {
      if (session === next) store().runFailed(message, replay);
    },
  });
  session = next;
  next.setPlaying(playing);
  void next.start();
}

function act(action: Action): void {
  void session?.act(action);
}

export function play(): void {
  if (store().status === 'failed') return;
  store().setPlaying(true);
  session?.setPlaying(true);
}

export function pause(): void {
  store().setPlaying(false);
  session?.setPlaying(false);
}

export function togglePlay(): void {
  if (store().playing) pause();
  else play();
}

/** Pause, then process exactly one event. */
export function stepEvent(): void {
  pause();
  void session?.stepEvent();
}

export function crashNode(node: number): void {
  act({ type: 'crash', node });
}

export function restartNode(node: number): void {
  act({ type: 'restart', node });
}

/** Crash a running node, restart a crashed one. */
export function toggleNode(node: number): void {
  const vm = store().nodes[node];
  if (vm === undefined) return;
  if (vm.role === 'crashed') restartNode(node);
  else crashNode(node);
}

export function cutLink(from: number, to: number, bothWays: boolean): void {
  act({ type: 'cut', from, to, bothWays });
}

export function healLink(from: number, to: number, bothWays: boolean): void {
  act({ type: 'heal', from, to, bothWays });
}

/** Both ways: heal if any direction is down, else cut. */
export function toggleLink(link: LinkVM): void {
  if (link.upAB && link.upBA) cutLink(link.a, link.b, true);
  else healLink(link.a, link.b, true);
}

/** One way only: cut or heal what travels from → to. */
export function toggleDirection(link: LinkVM, from: number): void {
  const to = from === link.a ? link.b : link.a;
  const up = from === link.a ? link.upAB : link.upBA;
  if (up) cutLink(from, to, false);
  else healLink(from, to, false);
}

export function healAll(): void {
  act({ type: 'healAll' });
}

/** Send a client command to whoever leads now; say what became of it. */
export function propose(): void {
  const current = session;
  if (current === null) return;
  commandCounter++;
  const body = `set k${commandCounter % 10} = v${commandCounter}`;
  void current.act({ type: 'propose', node: null, body, bytes: body.length });
  void current
    .read((world) => world.base.lastProposal())
    .then((outcome) => {
      if (outcome === null || outcome === undefined || current !== session) return;
      const to = outcome.node >= 0 ? `n${outcome.node + 1}` : 'no leader';
      const text =
        outcome.node < 0
          ? `Command #${outcome.commandId} refused: there is no leader right now.`
          : outcome.accepted === false
            ? `Command #${outcome.commandId} refused by ${to}${outcome.leaderHint >= 0 ? `; it points to n${outcome.leaderHint + 1}` : ''}.`
            : `Command #${outcome.commandId} (“${body}”) appended by ${to}.`;
      store().setProposalNote(text);
    });
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
  startRun({ ...store().config });
}

export function selectNode(node: number): void {
  store().selectNode(node);
}

export function dismissNotice(id: string): void {
  store().dismissNotice(id);
}

/** Run the current seed on both hosts for a fixed virtual time and compare the trace hashes. */
export function compareHostsNow(): void {
  compareAbort?.abort();
  const abort = new AbortController();
  compareAbort = abort;
  const { seed, nodeCount, protocol, snapshotEveryEntries } = store().config;
  store().setCompare((c) => {
    c.status = 'running';
    c.seed = seed;
    c.untilUs = compareUntilUs;
    c.error = null;
    c.results = [
      { host: 'inprocess', progress: 0, hash: null, events: 0 },
      { host: 'worker', progress: 0, hash: null, events: 0 },
    ];
  });
  compareHosts({ seed, nodeCount, protocol, snapshotEveryEntries }, compareUntilUs, (r) => {
    if (compareAbort !== abort) return;
    store().setCompare((c) => {
      const slot = c.results.find((x) => x.host === r.host);
      if (slot !== undefined) Object.assign(slot, r);
    });
  }, abort.signal)
    .then(() => {
      if (compareAbort === abort) store().setCompare((c) => void (c.status = 'done'));
    })
    .catch((error: unknown) => {
      if (compareAbort !== abort) return;
      store().setCompare((c) => {
        c.status = error instanceof CompareCancelled ? 'cancelled' : 'failed';
        c.error = error instanceof CompareCancelled ? null : messageOf(error);
      });
    });
}

export function cancelCompare(): void {
  compareAbort?.abort();
}
