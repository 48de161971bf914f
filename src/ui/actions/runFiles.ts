/** Run files and permalinks: the current run saved, shared and opened again. */
import { DataError, makeRunFile, parseRunFile, protocolNames, runWorldConfig, type RunFile } from '../../engine/index';
import { builtInScenario } from '../../scenarios/index';
import { labConfigOfWorld, protocolNameOf } from '../engine/runSource';
import { messageOf } from '../engine/session';
import type { LabConfig } from '../model/types';
import { decodeRun, encodeRun, LinkError } from '../params/permalink';
import { session, startRun, store } from './currentRun';

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
