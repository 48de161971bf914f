/**
 * Checks one history file for linearizability.
 *
 *   npm run check -- FILE [--model kv|register] [--format lab|jepsen|edn]
 *                         [--json] [--time-limit-ms N] [--no-partition]
 *
 * The format is detected from the content (then the extension) when not
 * given; the model defaults from the format: a lab file's "model" field,
 * register for jepsen, kv for edn. Prints `linearizable`, `not-linearizable`
 * or `unknown` (then, for a violation, where it is), or with --json one JSON
 * object. Exit codes: 0 linearizable, 1 not linearizable, 3 unknown (the time
 * limit ran out), 2 a bad flag or a bad file.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  check,
  defaultModelOf,
  describeOperation,
  detectFormat,
  HistoryParseError,
  historyFormats,
  InvalidHistoryError,
  modelByName,
  parseHistory,
} from '../engine/check/linearizability';
import type { CheckResult, HistoryFormat, ModelName, Operation } from '../engine/check/linearizability';

export const usage =
  'usage: npm run check -- FILE [--model kv|register] [--format lab|jepsen|edn] [--json] [--time-limit-ms N] [--no-partition]';

export const exitCodes = { linearizable: 0, 'not-linearizable': 1, usage: 2, unknown: 3 } as const;

export interface CheckCliIo {
  readFile(path: string): string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Milliseconds, for the time limit and elapsedMs. */
  now(): number;
}

interface Flags {
  readonly file: string;
  readonly model: ModelName | null;
  readonly format: HistoryFormat | null;
  readonly json: boolean;
  readonly timeLimitMs: number | null;
  readonly partition: boolean;
}

class UsageError extends Error {}

function parseFlags(argv: readonly string[]): Flags {
  let file: string | null = null;
  let model: ModelName | null = null;
  let format: HistoryFormat | null = null;
  let json = false;
  let timeLimitMs: number | null = null;
  let partition = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--json') json = true;
    else if (flag === '--no-partition') partition = false;
    else if (flag === '--model') {
      const v = value();
      if (v !== 'kv' && v !== 'register') throw new UsageError(`--model must be kv or register, got '${v}'`);
      model = v;
    } else if (flag === '--format') {
      const v = value();
      const known = historyFormats.find((f) => f === v);
      if (known === undefined) throw new UsageError(`--format must be lab, jepsen or edn, got '${v}'`);
      format = known;
    } else if (flag === '--time-limit-ms') {
      const v = value();
      if (!/^\d+$/.test(v)) throw new UsageError(`--time-limit-ms must be a whole number of milliseconds, got '${v}'`);
      timeLimitMs = Number(v);
    } else if (flag.startsWith('-') && flag !== '-') {
      throw new UsageError(`unknown flag ${flag}`);
    } else if (file === null) {
      file = arg;
    } else {
      throw new UsageError(`unexpected argument '${arg}' (one FILE only)`);
    }
  }
  if (file === null) throw new UsageError('no FILE given');
  return { file, model, format, json, timeLimitMs, partition };
}

function describeViolation(result: CheckResult, operations: readonly Operation[]): string[] {
  const failing = result.linearization.find((p) => p.verdict === 'not-linearizable');
  if (failing === undefined) return [];
  const byId = new Map(operations.map((op) => [op.id, op]));
  const where = failing.key === null ? 'the whole history' : failing.key === '' ? 'the register' : `key ${JSON.stringify(failing.key)}`;
  const lines = [
    `${where}: ${failing.operations.length} operations; the longest linearizable prefix has ${failing.order.length}, then none of these could go next:`,
  ];
  for (const id of failing.stuck) {
    const op = byId.get(id);
    if (op !== undefined) lines.push(`  op ${id} (client ${op.client}, called at ${op.invokeUs}): ${describeOperation(op)}`);
  }
  return lines;
}

/** Runs the command; returns the exit code. */
export function runCheck(argv: readonly string[], io: CheckCliIo): number {
  let flags: Flags;
  try {
    flags = parseFlags(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`check: ${error.message}\n${usage}\n`);
    return exitCodes.usage;
  }
  let text: string;
  try {
    text = io.readFile(flags.file);
  } catch (error) {
    io.stderr(`check: cannot read ${flags.file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return exitCodes.usage;
  }
  const format = flags.format ?? detectFormat(text, flags.file);
  if (format === null) {
    io.stderr(`check: cannot tell the format of ${flags.file}; pass --format lab, jepsen or edn\n${usage}\n`);
    return exitCodes.usage;
  }
  try {
    const parsed = parseHistory(text, format);
    const modelName = flags.model ?? (format === 'lab' ? parsed.model : defaultModelOf(format));
    const result = check(parsed.operations, modelByName(modelName), {
      clock: io.now,
      ...(flags.timeLimitMs === null ? {} : { timeLimitMs: flags.timeLimitMs }),
      partition: flags.partition,
    });
    if (flags.json) {
      const failing = result.linearization.find((p) => p.verdict === 'not-linearizable');
      io.stdout(
        JSON.stringify({
          file: flags.file,
          format,
          model: modelName,
          verdict: result.verdict,
          operations: result.operations,
          partitions: result.partitions,
          elapsedMs: result.elapsedMs === null ? null : Math.round(result.elapsedMs * 1000) / 1000,
          steps: result.steps,
          ...(result.failingPartition === undefined
            ? {}
            : {
                failingPartition: {
                  ...result.failingPartition,
                  longestPrefix: failing?.order ?? [],
                  stuck: failing?.stuck ?? [],
                },
              }),
        }) + '\n',
      );
    } else {
      io.stdout([result.verdict, ...describeViolation(result, parsed.operations)].join('\n') + '\n');
    }
    return exitCodes[result.verdict];
  } catch (error) {
    if (error instanceof HistoryParseError) {
      io.stderr(`check: ${flags.file}:${error.line}: ${error.detail} (format ${format})\n`);
      return exitCodes.usage;
    }
    if (error instanceof InvalidHistoryError) {
      io.stderr(`check: ${flags.file}: ${error.message}\n`);
      return exitCodes.usage;
    }
    throw error;
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  process.exitCode = runCheck(process.argv.slice(2), {
    readFile: (path) => readFileSync(path, 'utf8'),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    now: () => performance.now(),
  });
}
