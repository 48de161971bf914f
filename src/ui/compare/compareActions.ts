/**
 * The compare page's named intents: open a scenario, play, pause, step,
 * change speed, seek. One session (three worlds on one clock) lives here;
 * each intent moves it and publishes what changed to the store. While
 * playing, an animation frame loop advances the clock by real time × speed.
 */
import { frameAdvanceUs } from '../engine/frameClock';
import { compareSearch, type CompareScenarioId } from './params/compareParams';
import { announcementsBetween } from './sim/announcements';
import { CompareSession } from './sim/compareSession';
import { projectCluster, projectFrame } from './sim/projectRun';
import { useCompareStore } from './store/compareStore';

let session: CompareSession | null = null;
let frameHandle: number | null = null;
let lastFrameMs = 0;
let pendingSeekUs: number | null = null;
let seekHandle: number | null = null;

const store = useCompareStore;

function publish(): void {
  if (session === null) return;
  const s = session;
  const before = store.getState();
  const clusters = s.runs.map((run, i) => projectCluster(run, s.window, before.clusters[i]));
  const frames = s.runs.map(projectFrame);
  const said = announcementsBetween(before.clusters, clusters, s.window);
  store.setState((draft) => {
    draft.nowUs = s.nowUs();
    draft.clusters = clusters;
    draft.frames = frames;
    if (said !== null) draft.announcement = said;
  });
}

function writeUrl(scenario: CompareScenarioId, seed: number): void {
  const search = compareSearch(window.location.search, { scenario, seed });
  if (search !== window.location.search) window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${window.location.hash}`);
}

export function openScenario(scenario: CompareScenarioId, seed: number): void {
  pause();
  session = new CompareSession(scenario, seed);
  store.setState((draft) => {
    draft.scenarioId = scenario;
    draft.seed = seed;
    draft.window = session?.window ?? draft.window;
    draft.clusters = [];
    draft.frames = [];
    draft.announcement = '';
  });
  publish();
  writeUrl(scenario, seed);
}

function frame(nowMs: number): void {
  frameHandle = null;
  if (session === null || !store.getState().playing) return;
  const gapMs = nowMs - lastFrameMs;
  lastFrameMs = nowMs;
  session.advanceBy(frameAdvanceUs(gapMs, store.getState().speed));
  publish();
  if (session.finished()) {
    store.setState((draft) => {
      draft.playing = false;
    });
    return;
  }
  frameHandle = requestAnimationFrame(frame);
}

export function play(): void {
  if (session === null) return;
  if (session.finished()) session.seek(0);
  store.setState((draft) => {
    draft.playing = true;
  });
  lastFrameMs = performance.now();
  if (frameHandle === null) frameHandle = requestAnimationFrame(frame);
}

export function pause(): void {
  if (frameHandle !== null) cancelAnimationFrame(frameHandle);
  frameHandle = null;
  if (store.getState().playing)
    store.setState((draft) => {
      draft.playing = false;
    });
}

export function togglePlay(): void {
  if (store.getState().playing) pause();
  else play();
}

/** One step of the shared clock: to the next instant anything happens in any of the three worlds. */
export function stepEvent(): void {
  if (session === null) return;
  pause();
  session.stepEvent();
  publish();
}

export function stepBy(deltaUs: number): void {
  if (session === null) return;
  pause();
  session.advanceBy(deltaUs);
  publish();
}

/** Go to `tUs`; requests during a drag are coalesced to one per animation frame (going back rebuilds the worlds). */
export function seek(tUs: number): void {
  if (session === null) return;
  pendingSeekUs = tUs;
  if (seekHandle !== null) return;
  seekHandle = requestAnimationFrame(() => {
    seekHandle = null;
    if (session === null || pendingSeekUs === null) return;
    session.seek(pendingSeekUs);
    pendingSeekUs = null;
    publish();
  });
}

/** Just before the first cut, paused, so the class can watch it happen. */
export function jumpToCut(): void {
  if (session === null) return;
  pause();
  session.seek(Math.max(0, session.window.startUs - 100_000));
  publish();
}

export function restart(): void {
  if (session === null) return;
  pause();
  session.seek(0);
  publish();
}

export function setSpeed(speed: number): void {
  store.setState((draft) => {
    draft.speed = speed;
  });
}

export function addNotice(id: string, text: string): void {
  store.setState((draft) => {
    draft.notices = [...draft.notices.filter((n) => n.id !== id), { id, text }];
  });
}

export function dismissNotice(id: string): void {
  store.setState((draft) => {
    draft.notices = draft.notices.filter((n) => n.id !== id);
  });
}
