/** The history view's window, the linearizability check over it, and the determinism check across hosts. */
import { cancelCheckRun, CheckCancelled, runCheck } from '../check/checkRunner';
import { CompareCancelled, compareHosts, compareUntilUs } from '../engine/compareHosts';
import { operationVM } from '../engine/historyProjection';
import { messageOf } from '../engine/session';
import type { HistoryOpVM } from '../model/types';
import { session, store } from './currentRun';

let compareAbort: AbortController | null = null;

/** Show a window of `widthUs` around the present (follow) or the moment in focus. */
export function setHistoryWidth(widthUs: number): void {
  store().setHistoryWindow({ ...store().historyWindow, widthUs });
  void session?.refresh();
}

export function followHistory(): void {
  store().setHistoryWindow({ ...store().historyWindow, mode: 'follow' });
  void session?.refresh();
}

/** Hold the history view still around a moment. */
export function focusHistory(centerUs: number): void {
  store().setHistoryWindow({ ...store().historyWindow, mode: 'focus', centerUs });
  void session?.refresh();
}

/** Move the held window by a fraction of its width (negative: back in time). */
export function panHistory(fraction: number): void {
  const view = store().historyWindow;
  const nowUs = store().frame.nowUs;
  const centerUs = view.mode === 'focus' ? view.centerUs : Math.max(nowUs, view.widthUs) - view.widthUs / 2;
  focusHistory(Math.max(view.widthUs / 2, centerUs + fraction * view.widthUs));
}

let checkSerial = 0;

/** Check the history so far, off the page's thread; the result is drawn over the history. */
export function checkLinearizability(): void {
  const current = session;
  if (current === null || store().config.clients === 0) return;
  const serial = ++checkSerial;
  store().setCheck((c) => {
    c.status = 'running';
    c.error = null;
  });
  void current.readHistory().then((read) => {
    if (read === null || current !== session || serial !== checkSerial) return;
    const { records, nowUs } = read;
    store().setCheck((c) => {
      c.uptoUs = nowUs;
      c.operations = records.length;
    });
    runCheck(records)
      .then((answer) => {
        if (current !== session || serial !== checkSerial) return;
        const stuck: HistoryOpVM[] = answer.stuck.map((id) => operationVM(records[id], id));
        store().setCheck((c) => {
          c.status = 'done';
          c.verdict = answer.verdict;
          c.elapsedMs = answer.elapsedMs;
          c.failingKey = answer.failingKey;
          c.stuck = stuck;
          c.orders = answer.orders;
          c.error = null;
        });
        // Show where it went wrong.
        if (answer.verdict === 'not-linearizable' && stuck.length > 0) {
          store().setStageTab('history');
          const view = store().historyWindow;
          store().setHistoryWindow({ ...view, widthUs: Math.min(view.widthUs, 1_000_000) });
          focusHistory(stuck[0].returnUs ?? stuck[0].invokeUs);
        }
      })
      .catch((error: unknown) => {
        if (current !== session || serial !== checkSerial) return;
        store().setCheck((c) => {
          c.status = error instanceof CheckCancelled ? 'cancelled' : 'failed';
          c.error = error instanceof CheckCancelled ? null : messageOf(error);
        });
      });
  });
}

export function cancelCheck(): void {
  checkSerial++;
  cancelCheckRun();
  store().setCheck((c) => {
    if (c.status === 'running') c.status = 'cancelled';
  });
}

// --- determinism -----------------------------------------------------------------

/** Run the current seed on both hosts for a fixed virtual time and compare the trace hashes. */
export function compareHostsNow(): void {
  compareAbort?.abort();
  const abort = new AbortController();
  compareAbort = abort;
  const config = store().config;
  store().setCompare((c) => {
    c.status = 'running';
    c.seed = config.seed;
    c.untilUs = compareUntilUs;
    c.error = null;
    c.results = [
      { host: 'inprocess', progress: 0, hash: null, events: 0 },
      { host: 'worker', progress: 0, hash: null, events: 0 },
    ];
  });
  compareHosts(
    config,
    compareUntilUs,
    (r) => {
      if (compareAbort !== abort) return;
      store().setCompare((c) => {
        const slot = c.results.find((x) => x.host === r.host);
        if (slot !== undefined) Object.assign(slot, r);
      });
    },
    abort.signal,
  )
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
