/**
 * The page's named intents, one per thing a user can do. Components call
 * these; they drive the current session and update the store. There is one
 * session at a time: changing the seed or resetting replaces it.
 */
import { DataError, makeRunFile, parseRunFile, parseScenario, protocolNames, runWorldConfig, scenarioWorldConfig, type Action, type RunFile, type Scenario } from '../engine/index';
import { builtInScenario } from '../scenarios/index';
import { cancelCheckRun, CheckCancelled, runCheck } from './check/checkRunner';
import { CompareCancelled, compareHosts, compareUntilUs } from './engine/compareHosts';
import { operationVM } from './engine/historyProjection';
import { labConfigOfWorld, protocolNameOf, type RunSource } from './engine/runSource';
import { LabSession, messageOf } from './engine/session';
import { bugScript, recommendedConfig, type BugName } from './model/bugSetups';
import { reliableSettings, unreliableSettings } from './model/linkSettings';
import { withProtocol, withToggles } from './model/raftOptions';
import { scriptLines } from './model/scriptText';
import type { HistoryOpVM, LabConfig, LinkSettingsVM, LinkVM } from './model/types';
import { decodeRun, encodeRun, LinkError } from './params/permalink';
import { writeConfigToUrl, writeSourceToUrl } from './params/urlSync';
import { clampSpeed, nextSpeed } from './view/speedScale';
import { useLabStore, type StageTab } from './store/labStore';

let session: LabSession | null = null;
let compareAbort: AbortController | null = null;
let commandCounter = 0;
let noteCounter = 0;
/** What the current run was started from, when it is not the lab's settings (to restart it the same way). */
let currentSource: RunSource | null = null;

const store = () => useLabStore.getState();

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

function act(action: Action): void {
  void session?.act(action);
}

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

/** Stop the clock without checking (a step, a seek). */
function haltPlayback(): void {
  store().setPlaying(false);
  session?.setPlaying(false);
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

/**
 * Ask the current leader to hand leadership to `target` (thesis §3.10): it
 * stops taking commands, brings the target's log up to date and sends it
 * TimeoutNow, on which the target campaigns at once.
 */
export function transferLeadership(target: number): void {
  const leader = store().leader;
  const name = (id: number) => `n${id + 1}`;
  if (leader === null) {
    store().setTransferNote('There is no leader to hand over from right now.');
    return;
  }
  if (leader === target) {
    store().setTransferNote(`${name(target)} already leads.`);
    return;
  }
  act({ type: 'control', node: leader, action: 'transfer-leadership', target });
  store().setTransferNote(`Asked ${name(leader)} to hand leadership to ${name(target)}: watch for TimeoutNow.`);
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
  const config = store().config;
  if (bug === null) {
    startRun({ ...config, bug: null });
    return;
  }
  const next = recommendedConfig(config, bug);
  startRun(next);
  if (next.clients > 0) store().setStageTab('history');
}

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

// --- network dials -------------------------------------------------------------

/** Which link the dials act on: a pair of replicas, or null for every link. */
export function setNetScope(scope: { a: number; b: number } | null): void {
  store().setNetScope(scope === null ? null : { a: Math.min(scope.a, scope.b), b: Math.max(scope.a, scope.b) });
}

/**
 * Set link settings now, as `setNetwork` actions (so they are in the action
 * log and replay): every link (clerks' too), or both directions of one link.
 */
export function applyLinkSettings(settings: LinkSettingsVM): void {
  const scope = store().netScope;
  const values = { latencyMinUs: settings.latencyMinUs, latencyMaxUs: settings.latencyMaxUs, lossRatio: settings.lossRatio, duplicateRatio: settings.duplicateRatio };
  if (scope === null) {
    act({ type: 'setNetwork', from: null, to: null, ...values });
    return;
  }
  void session?.actAll([
    { type: 'setNetwork', from: scope.a, to: scope.b, ...values },
    { type: 'setNetwork', from: scope.b, to: scope.a, ...values },
  ]);
}

/** The 6.824 tester's unreliable network on the chosen links. */
export function applyUnreliablePreset(): void {
  applyLinkSettings(unreliableSettings);
}

export function applyReliablePreset(): void {
  applyLinkSettings(reliableSettings);
}

// --- history and the linearizability check -----------------------------------

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

// --- time travel and branches ----------------------------------------------------

let seekTarget: number | null = null;
let seekRunning = false;

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

// --- scenarios and narration ------------------------------------------------------

function scenarioSource(scenario: Scenario): { config: LabConfig; source: RunSource } {
  const worldConfig = scenarioWorldConfig(scenario);
  return { config: labConfigOfWorld(worldConfig, store().config.speed), source: { worldConfig, log: [], scenario, atUs: null } };
}

/** Run a scenario from time zero: its config, its timeline applied at its times, its narration. */
export function startScenario(scenario: Scenario): void {
  const { config, source } = scenarioSource(scenario);
  store().setPlaying(true);
  startRun(config, source);
}

export function startBuiltInScenario(id: string): boolean {
  const scenario = builtInScenario(id);
  if (scenario === undefined) return false;
  startScenario(scenario);
  return true;
}

/** A user's scenario file: run it, or list every problem and leave the current run as it is. */
export function openScenarioText(text: string, fileName: string): void {
  let scenario: Scenario;
  try {
    scenario = parseScenario(text);
  } catch (error) {
    const problems = error instanceof DataError ? [...error.problems] : [messageOf(error)];
    store().setProblemDialog({ title: `${fileName} is not a scenario this lab can run`, problems });
    return;
  }
  if (!protocolNames().includes(scenario.config.protocol)) {
    store().setProblemDialog({ title: `${fileName} is not a scenario this lab can run`, problems: [`config.protocol: "${scenario.config.protocol}" is not a protocol of this lab (${protocolNames().join(', ')})`] });
    return;
  }
  startScenario(scenario);
}

export function closeProblemDialog(): void {
  store().setProblemDialog(null);
}

/** Go to narration step `number` (1-based): seek to when it happened, or run on until it does. */
export function goToNarrationStep(number: number): void {
  const current = session;
  if (current === null || store().status !== 'running' || seekRunning) return;
  haltPlayback();
  store().setSeeking(true);
  void current.goToNarrationStep(number).finally(() => {
    if (current === session) store().setSeeking(false);
  });
}

/** The narration step the present is in: the last one that has happened by now (0: none yet). */
export function currentNarrationStep(): number {
  const narration = store().narration;
  if (narration === null) return 0;
  const nowUs = store().frame.nowUs;
  let current = 0;
  for (const step of narration.steps) if (step.atUs !== null && step.atUs <= nowUs) current = step.number;
  return current;
}

export function narrationNext(): void {
  const narration = store().narration;
  if (narration === null) return;
  goToNarrationStep(Math.min(narration.steps.length, currentNarrationStep() + 1));
}

export function narrationBack(): void {
  if (store().narration === null) return;
  goToNarrationStep(Math.max(1, currentNarrationStep() - 1));
}

// --- run files and permalinks ------------------------------------------------------

/** The current run (the whole branch, and where the viewer is) as a run file. */
async function currentRunFile(): Promise<RunFile | null> {
  const parts = await session?.runParts();
  if (parts === null || parts === undefined) return null;
  return makeRunFile({ ...parts.worldConfig, protocol: protocolNameOf(parts.worldConfig) }, parts.actions, parts.atUs, parts.scenarioId ?? undefined);
}

/** Start a run from a validated run file, paused where it was saved. */
export function startRunFile(run: RunFile): void {
  const worldConfig = runWorldConfig(run);
  const scenario = run.scenario === undefined ? null : (builtInScenario(run.scenario) ?? null);
  startRun(labConfigOfWorld(worldConfig, store().config.speed), { worldConfig, log: run.actions, scenario, atUs: run.atUs });
}

/** Make a permalink for this run and moment, show it, and put it on the clipboard when the browser lets us. */
export async function copyLink(): Promise<string | null> {
  const run = await currentRunFile();
  if (run === null) return null;
  const encoded = await encodeRun(run);
  const query = new URLSearchParams();
  query.set('run', encoded);
  if (store().classroom) query.set('classroom', '1');
  const link = `${window.location.origin}${window.location.pathname}?${query.toString()}`;
  store().setPermalink(link);
  try {
    await navigator.clipboard.writeText(link);
  } catch {
    // No clipboard permission: the link is shown to copy by hand.
  }
  return link;
}

/** Open a permalink's `run=` value; on any problem say exactly what and start the default run. */
export async function openPermalink(encoded: string, fallback: LabConfig): Promise<void> {
  try {
    startRunFile(await decodeRun(encoded, protocolNames()));
  } catch (error) {
    const problems = error instanceof LinkError ? [...error.problems] : [];
    const text = error instanceof Error ? error.message : String(error);
    store().addNotice({ id: error instanceof LinkError ? error.code : 'link-invalid', tone: 'warning', text: `${text}${problems.length > 0 ? ' ' + problems.join('; ') : ''} Started the default run instead.` });
    startRun(fallback);
  }
}

/** Download the run as a JSON run file. */
export async function exportRun(): Promise<void> {
  const run = await currentRunFile();
  if (run === null) return;
  const blob = new Blob([JSON.stringify(run, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `run-${run.scenario ?? 'lab'}-seed${run.config.seed}-${Math.round(run.atUs / 1000)}ms.json`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A run file the user chose: open it, or list every problem and leave the current run untouched. */
export function importRunText(text: string, fileName: string): void {
  try {
    startRunFile(parseRunFileText(text));
  } catch (error) {
    const problems = error instanceof DataError ? [...error.problems] : [messageOf(error)];
    store().setProblemDialog({ title: `${fileName} is not a run this lab can open`, problems });
  }
}

function parseRunFileText(text: string): RunFile {
  return parseRunFile(text, protocolNames());
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
