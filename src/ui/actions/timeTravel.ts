/** Time travel: seeking, stepping back, jumping to an operation, switching branches. */
import type { HistoryOpVM } from '../model/types';
import { haltPlayback, session, store } from './currentRun';
import { focusHistory } from './historyCheck';

let seekTarget: number | null = null;
export let seekRunning = false;

/**
 * Pause and go to virtual time `tUs`. While a seek is under way, later
 * targets replace each other, so dragging the scrubber never queues a backlog.
 */
export function seekTo(tUs: number): void {
  const current = session;
  if (current === null || store().status !== 'running') return;
  haltPlayback();
  seekTarget = Math.max(0, Math.round(tUs));
  if (seekRunning) return;
  seekRunning = true;
  store().setSeeking(true);
  void (async () => {
    for (let target: number | null = seekTarget; target !== null; target = current === session ? seekTarget : null) {
      seekTarget = null;
      await current.seek(target);
    }
    seekRunning = false;
    seekTarget = null;
    if (current === session) store().setSeeking(false);
  })();
}

/** Pause and go back to the previous event's time. */
export function stepBack(): void {
  const current = session;
  if (current === null || store().status !== 'running' || seekRunning) return;
  haltPlayback();
  void current.stepBack();
}

export function switchBranch(id: number): void {
  const current = session;
  if (current === null || store().status !== 'running') return;
  haltPlayback();
  store().setSeeking(true);
  void current.switchBranch(id).finally(() => {
    if (current === session) store().setSeeking(false);
  });
}

/**
 * Take the run back (or forward) to the moment an operation returned (or was
 * called, if it never returned), pause there, and hold the history view on it.
 */
export function jumpToOperation(op: HistoryOpVM): void {
  jumpTo(op.returnUs ?? op.invokeUs);
}

export function jumpTo(tUs: number): void {
  const current = session;
  if (current === null || store().seeking) return;
  haltPlayback();
  store().setSeeking(true);
  focusHistory(tUs);
  store().setStageTab('history');
  void current.seek(tUs).finally(() => {
    if (current === session) store().setSeeking(false);
  });
}
