/**
 * A small, strict command-line parser: every flag is declared with its kind;
 * an unknown flag or a bad value is a usage error that names the flag.
 */
export type FlagKind = 'int' | 'number' | 'string' | 'boolean' | 'range' | 'json';

export interface FlagSpec {
  kind: FlagKind;
  /** For 'string': the allowed values, if limited. */
  choices?: readonly string[];
  min?: number;
  max?: number;
  help: string;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type ParsedFlags = Record<string, string | number | boolean | [number, number] | unknown>;

export function parseArgs(argv: readonly string[], specs: Record<string, FlagSpec>): { flags: ParsedFlags; positional: string[] } {
  const flags: ParsedFlags = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    const spec = specs[name];
    if (spec === undefined) throw new UsageError(`unknown flag --${name}`);
    if (spec.kind === 'boolean') {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      flags[name] = true;
      continue;
    }
    const raw = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (raw === undefined) throw new UsageError(`--${name} needs a value (${spec.help})`);
    flags[name] = parseValue(name, raw, spec);
  }
  return { flags, positional };
}

function parseValue(name: string, raw: string, spec: FlagSpec): ParsedFlags[string] {
  const bounded = (v: number) => {
    if (spec.min !== undefined && v < spec.min) throw new UsageError(`--${name} must be at least ${spec.min}, got ${raw}`);
    if (spec.max !== undefined && v > spec.max) throw new UsageError(`--${name} must be at most ${spec.max}, got ${raw}`);
    return v;
  };
  switch (spec.kind) {
    case 'int': {
      if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) throw new UsageError(`--${name} must be a whole number, got "${raw}"`);
      return bounded(Number(raw));
    }
    case 'number': {
      const v = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(v)) throw new UsageError(`--${name} must be a number, got "${raw}"`);
      return bounded(v);
    }
    case 'range': {
      const m = /^(\d+(?:\.\d+)?)(?:\.\.(\d+(?:\.\d+)?))?$/.exec(raw);
      if (m === null) throw new UsageError(`--${name} must be N or A..B, got "${raw}"`);
      const lo = Number(m[1]);
      const hi = m[2] === undefined ? lo : Number(m[2]);
      if (hi < lo) throw new UsageError(`--${name}: ${hi} is below ${lo}`);
      return [bounded(lo), bounded(hi)];
    }
    case 'json':
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        throw new UsageError(`--${name} must be JSON, got ${raw.slice(0, 40)}`);
      }
    case 'string':
      if (spec.choices && !spec.choices.includes(raw)) throw new UsageError(`--${name} must be one of ${spec.choices.join(', ')}, got "${raw}"`);
      return raw;
    case 'boolean':
      return true;
  }
}

export function usageLine(command: string, specs: Record<string, FlagSpec>): string {
  return `usage: ${command} ` + Object.entries(specs).map(([name, s]) => `[--${name}${s.kind === 'boolean' ? '' : ' ' + (s.choices ? s.choices.join('|') : s.kind.toUpperCase())}]`).join(' ');
}

export function helpText(command: string, specs: Record<string, FlagSpec>): string {
  return [usageLine(command, specs), '', ...Object.entries(specs).map(([name, s]) => `  --${name.padEnd(18)} ${s.help}`)].join('\n');
}

/** Run a command's `main` and exit with its code; an unexpected error prints its stack and exits 1. */
export function runMain(main: (argv: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
