/** What the page shows, with no effect on the run: selection, notices, tabs, the space-time window, dialogs, classroom mode. */
import { session, store } from './currentRun';
import type { StageTab } from '../store/labStore';

export function selectNode(node: number): void {
  store().selectNode(node);
}

export function dismissNotice(id: string): void {
  store().dismissNotice(id);
}

export function setStageTab(tab: StageTab): void {
  store().setStageTab(tab);
  void session?.refresh();
}

// --- the space-time diagram ---------------------------------------------------------

/** Show a window of `widthUs` of messages, ending at the present (follow) or around the moment held. */
export function setSpaceTimeWidth(widthUs: number): void {
  store().setSpaceTimeWindow({ ...store().spaceTimeWindow, widthUs });
  void session?.refresh();
}

export function followSpaceTime(): void {
  store().setSpaceTimeWindow({ ...store().spaceTimeWindow, mode: 'follow' });
  void session?.refresh();
}

/** Move the diagram's window by a fraction of its width (negative: back in time); it then holds still. */
export function panSpaceTime(fraction: number): void {
  const view = store().spaceTimeWindow;
  const nowUs = store().frame.nowUs;
  const centerUs = view.mode === 'focus' ? view.centerUs : Math.max(nowUs, view.widthUs) - view.widthUs / 2;
  store().setSpaceTimeWindow({ ...view, mode: 'focus', centerUs: Math.max(view.widthUs / 2, centerUs + fraction * view.widthUs) });
  void session?.refresh();
}

/** Draw the clerks' lanes and their requests and replies too. */
export function setSpaceTimeClients(on: boolean): void {
  store().setSpaceTimeClients(on);
  void session?.refresh();
}

export function closeProblemDialog(): void {
  store().setProblemDialog(null);
}

// --- classroom mode --------------------------------------------------------------

export function setClassroom(on: boolean): void {
  store().setClassroom(on);
  const query = new URLSearchParams(window.location.search);
  if (on) query.set('classroom', '1');
  else query.delete('classroom');
  const search = query.toString();
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${search ? '?' + search : ''}${window.location.hash}`);
}

export function toggleShortcuts(open?: boolean): void {
  store().setShortcutsOpen(open ?? !store().shortcutsOpen);
}
