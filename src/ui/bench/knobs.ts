/**
 * The benchmark knobs as the form holds them (text, exactly as typed, so
 * that a bad value loses nothing) and their validation into `BenchKnobs`.
 * Every problem is a sentence naming the field and saying what it takes.
 * Ranges follow the engine's own checks (config.ts, cpu.ts, network.ts) and
 * the command line's, with the page's own cap on operations per series.
 */
import { defaultBenchKnobs, type BenchKnobs } from '../../engine/bench/benchmarks';

/** The protocols the benchmarks are defined for. */
export const benchProtocols = ['raft', 'omnipaxos'] as const;

/** The page keeps every operation of every run for export: cap a series. */
export const maxOpsPerSeries = 100_000;
export const maxClients = 500;
export const maxSeed = 4_294_967_295;
export const maxCpuUs = 1_000_000;
export const maxLatencyMs = 10_000;
export const maxOpenLoopOpsPerSecond = 1_000_000;
/** One press runs the benchmarks on this many consecutive seeds at most, one result set each. */
export const maxSeedCount = 20;

export interface KnobDraft {
  protocol: string;
  seed: string;
  seedCount: string;
  ops: string;
  clients: string;
  openLoopOpsPerSecond: string;
  readRatio: string;
  messageUs: string;
  applyUs: string;
  clientOpUs: string;
  latencyMinMs: string;
  latencyMaxMs: string;
}

export type KnobField = Exclude<keyof KnobDraft, 'protocol'>;

/** The numeric fields in form order: label, unit (shown after the label) and a hint. */
export const knobFields: readonly { field: KnobField; label: string; unit: string; hint: string }[] = [
  { field: 'seed', label: 'Seed', unit: '', hint: `whole number, 0 to ${maxSeed}` },
  { field: 'seedCount', label: 'Seeds to run', unit: '', hint: `1 to ${maxSeedCount}: this seed and the next, a run each` },
  { field: 'ops', label: 'Operations per series', unit: '', hint: `after a 1 s warm-up; 1 to ${maxOpsPerSeries.toLocaleString('en-US')}` },
  { field: 'clients', label: 'Clients', unit: '', hint: `closed-loop; 1 to ${maxClients} (serial always has 1)` },
  { field: 'openLoopOpsPerSecond', label: 'Open-loop rate', unit: 'ops/s', hint: 'over all clients; 0: closed loop, each client waits for its answer' },
  { field: 'readRatio', label: 'Read ratio', unit: '', hint: 'fraction of Gets, 0 to 1' },
  { field: 'messageUs', label: 'CPU per message', unit: 'µs', hint: 'each message or timer a replica handles' },
  { field: 'applyUs', label: 'CPU per applied entry', unit: 'µs', hint: 'each log entry applied to the store' },
  { field: 'clientOpUs', label: 'CPU per client request', unit: 'µs', hint: 'extra, for a client’s request' },
  { field: 'latencyMinMs', label: 'Link latency, min', unit: 'ms', hint: 'each message’s delay is drawn from min–max' },
  { field: 'latencyMaxMs', label: 'Link latency, max', unit: 'ms', hint: `at least the minimum, at most ${maxLatencyMs.toLocaleString('en-US')}` },
];

export type KnobProblems = Partial<Record<keyof KnobDraft, string>>;

/** `seedCount`: run on seeds knobs.seed … knobs.seed + seedCount − 1. */
export type KnobCheck = { ok: true; knobs: BenchKnobs; seedCount: number } | { ok: false; problems: KnobProblems };

/** The form's text for a set of knobs (the defaults when the panel opens). */
export function draftOf(knobs: BenchKnobs, seedCount = 1): KnobDraft {
  return {
    protocol: knobs.protocol,
    seed: String(knobs.seed),
    seedCount: String(seedCount),
    ops: String(knobs.ops),
    clients: String(knobs.clients),
    openLoopOpsPerSecond: String(knobs.openLoopOpsPerSecond),
    readRatio: String(knobs.readRatio),
    messageUs: String(knobs.cpu.messageUs),
    applyUs: String(knobs.cpu.applyUs),
    clientOpUs: String(knobs.cpu.clientOpUs),
    latencyMinMs: String(knobs.latencyMinUs / 1000),
    latencyMaxMs: String(knobs.latencyMaxUs / 1000),
  };
}

const wholePattern = /^\d+$/;
/** Plain decimals only: no exponents, signs or hex, which a person rarely means. */
const decimalPattern = /^(\d+(\.\d*)?|\.\d+)$/;

function whole(text: string, min: number, max: number): number | null {
  const trimmed = text.trim();
  if (!wholePattern.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isSafeInteger(value) && value >= min && value <= max ? value : null;
}

function decimal(text: string, min: number, max: number): number | null {
  const trimmed = text.trim();
  if (!decimalPattern.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) && value >= min && value <= max ? value : null;
}

/** Milliseconds with at most three decimals, as whole microseconds. */
function millisecondsAsUs(text: string): number | null {
  const trimmed = text.trim();
  if (!/^(\d+(\.\d{0,3})?|\.\d{1,3})$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value <= maxLatencyMs ? Math.round(value * 1000) : null;
}

const count = (n: number) => n.toLocaleString('en-US');

export function checkKnobs(draft: KnobDraft): KnobCheck {
  const problems: KnobProblems = {};
  if (!(benchProtocols as readonly string[]).includes(draft.protocol)) problems.protocol = `Protocol: choose ${benchProtocols.join(' or ')}.`;
  const seed = whole(draft.seed, 0, maxSeed);
  if (seed === null) problems.seed = `Seed: enter a whole number from 0 to ${maxSeed}.`;
  const seedCount = whole(draft.seedCount, 1, maxSeedCount);
  if (seedCount === null) problems.seedCount = `Seeds to run: enter a whole number from 1 to ${maxSeedCount}.`;
  else if (seed !== null && seed + seedCount - 1 > maxSeed) problems.seedCount = `Seeds to run: the last seed would pass ${maxSeed}; lower the seed or run fewer.`;
  const ops = whole(draft.ops, 1, maxOpsPerSeries);
  if (ops === null) problems.ops = `Operations per series: enter a whole number from 1 to ${count(maxOpsPerSeries)}.`;
  const clients = whole(draft.clients, 1, maxClients);
  if (clients === null) problems.clients = `Clients: enter a whole number from 1 to ${maxClients}.`;
  const openLoopOpsPerSecond = decimal(draft.openLoopOpsPerSecond, 0, maxOpenLoopOpsPerSecond);
  if (openLoopOpsPerSecond === null) problems.openLoopOpsPerSecond = `Open-loop rate: enter a number of operations per second from 0 to ${count(maxOpenLoopOpsPerSecond)} (0 for closed loop).`;
  const readRatio = decimal(draft.readRatio, 0, 1);
  if (readRatio === null) problems.readRatio = 'Read ratio: enter a number from 0 to 1, such as 0.5.';
  const cpu = { messageUs: 0, applyUs: 0, clientOpUs: 0 };
  for (const [field, name] of [
    ['messageUs', 'CPU per message'],
    ['applyUs', 'CPU per applied entry'],
    ['clientOpUs', 'CPU per client request'],
  ] as const) {
    const value = whole(draft[field], 0, maxCpuUs);
    if (value === null) problems[field] = `${name}: enter a whole number of microseconds from 0 to ${count(maxCpuUs)}.`;
    else cpu[field] = value;
  }
  const latencyMinUs = millisecondsAsUs(draft.latencyMinMs);
  const latencyMaxUs = millisecondsAsUs(draft.latencyMaxMs);
  const latencyRule = `a number of milliseconds from 0 to ${count(maxLatencyMs)}, with at most three decimals`;
  if (latencyMinUs === null) problems.latencyMinMs = `Link latency, min: enter ${latencyRule}.`;
  if (latencyMaxUs === null) problems.latencyMaxMs = `Link latency, max: enter ${latencyRule}.`;
  else if (latencyMinUs !== null && latencyMaxUs < latencyMinUs) problems.latencyMaxMs = 'Link latency, max: must be at least the minimum.';
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    knobs: {
      ...defaultBenchKnobs,
      protocol: draft.protocol,
      seed: seed!,
      ops: ops!,
      clients: clients!,
      openLoopOpsPerSecond: openLoopOpsPerSecond!,
      readRatio: readRatio!,
      cpu,
      latencyMinUs: latencyMinUs!,
      latencyMaxUs: latencyMaxUs!,
    },
    seedCount: seedCount!,
  };
}

/** Why the chosen benchmarks cannot run, or null. */
export function selectionProblem(names: readonly string[]): string | null {
  return names.length === 0 ? 'Benchmarks: choose at least one.' : null;
}
