/**
 * A small schema checker for data that enters from outside (scenario files,
 * permalinks, imported runs). It reports every problem with its path in the
 * document (`timeline[3].at: must be a number`), rejects keys it does not
 * know (so `__proto__` and friends never reach the program), and never
 * evaluates anything.
 */
export type Spec =
  | { type: 'string'; minLength?: number; maxLength?: number; pattern?: RegExp; patternHint?: string }
  | { type: 'number'; min?: number; max?: number; integer?: boolean }
  | { type: 'boolean' }
  /** `null`, or a value of the inner spec. */
  | { type: 'nullable'; spec: Spec }
  /** A number in range, or true/false (protocol options mix both). */
  | { type: 'numberOrBoolean'; min: number; max: number }
  | { type: 'literal'; value: string | number }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'array'; items: Spec; minItems?: number; maxItems?: number }
  | { type: 'tuple'; items: readonly Spec[] }
  | { type: 'object'; fields: Readonly<Record<string, Field>> }
  | { type: 'record'; keys?: RegExp; keysHint?: string; values: Spec; maxKeys?: number }
  /** One of several object shapes chosen by the string at `tag`. */
  | { type: 'tagged'; tag: string; variants: Readonly<Record<string, Readonly<Record<string, Field>>>> };

export interface Field {
  spec: Spec;
  optional?: boolean;
}

export const forbiddenKeys = new Set(['__proto__', 'prototype', 'constructor']);

export function required(spec: Spec): Field {
  return { spec };
}

export function optional(spec: Spec): Field {
  return { spec, optional: true };
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)?.slice(0, 30)}`;
}

function at(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkFields(value: Record<string, unknown>, fields: Readonly<Record<string, Field>>, path: string, problems: string[], allowed: Set<string> = new Set()): void {
  for (const key of Object.keys(value)) {
    if (forbiddenKeys.has(key)) problems.push(`${at(path, key)}: this key is not allowed`);
    else if (!(key in fields) && !allowed.has(key)) problems.push(`${at(path, key)}: unknown field (expected one of ${Object.keys(fields).concat([...allowed]).join(', ')})`);
  }
  for (const [key, field] of Object.entries(fields)) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) {
      if (!field.optional) problems.push(`${at(path, key)}: is required`);
      continue;
    }
    checkValue(value[key], field.spec, at(path, key), problems);
  }
}

export function checkValue(value: unknown, spec: Spec, path: string, problems: string[]): void {
  const where = path === '' ? '(document)' : path;
  switch (spec.type) {
    case 'string':
      if (typeof value !== 'string') problems.push(`${where}: must be a string, got ${typeName(value)}`);
      else if (spec.minLength !== undefined && value.length < spec.minLength) problems.push(`${where}: must not be empty`);
      else if (spec.maxLength !== undefined && value.length > spec.maxLength) problems.push(`${where}: must be at most ${spec.maxLength} characters`);
      else if (spec.pattern && !spec.pattern.test(value)) problems.push(`${where}: ${spec.patternHint ?? `must match ${spec.pattern}`}, got "${value.slice(0, 40)}"`);
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) problems.push(`${where}: must be a number, got ${typeName(value)}`);
      else if (spec.integer && !Number.isInteger(value)) problems.push(`${where}: must be a whole number, got ${value}`);
      else if (spec.min !== undefined && value < spec.min) problems.push(`${where}: must be at least ${spec.min}, got ${value}`);
      else if (spec.max !== undefined && value > spec.max) problems.push(`${where}: must be at most ${spec.max}, got ${value}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') problems.push(`${where}: must be true or false, got ${typeName(value)}`);
      return;
    case 'nullable':
      if (value !== null) checkValue(value, spec.spec, path, problems);
      return;
    case 'numberOrBoolean':
      if (typeof value === 'boolean') return;
      checkValue(value, { type: 'number', min: spec.min, max: spec.max }, path, problems);
      return;
    case 'literal':
      if (value !== spec.value) problems.push(`${where}: must be ${JSON.stringify(spec.value)}, got ${typeName(value)}`);
      return;
    case 'enum':
      if (typeof value !== 'string' || !spec.values.includes(value)) problems.push(`${where}: must be one of ${spec.values.join(', ')}, got ${typeName(value)}`);
      return;
    case 'array':
      if (!Array.isArray(value)) {
        problems.push(`${where}: must be a list, got ${typeName(value)}`);
        return;
      }
      if (spec.minItems !== undefined && value.length < spec.minItems) problems.push(`${where}: must have at least ${spec.minItems} items`);
      if (spec.maxItems !== undefined && value.length > spec.maxItems) {
        problems.push(`${where}: must have at most ${spec.maxItems} items, got ${value.length}`);
        return;
      }
      value.forEach((item, i) => checkValue(item, spec.items, at(path, i), problems));
      return;
    case 'tuple':
      if (!Array.isArray(value) || value.length !== spec.items.length) {
        problems.push(`${where}: must be a list of ${spec.items.length} items, got ${typeName(value)}`);
        return;
      }
      value.forEach((item, i) => checkValue(item, spec.items[i], at(path, i), problems));
      return;
    case 'object':
      if (!isPlainObject(value)) problems.push(`${where}: must be an object, got ${typeName(value)}`);
      else checkFields(value, spec.fields, path, problems);
      return;
    case 'record': {
      if (!isPlainObject(value)) {
        problems.push(`${where}: must be an object, got ${typeName(value)}`);
        return;
      }
      const keys = Object.keys(value);
      if (spec.maxKeys !== undefined && keys.length > spec.maxKeys) problems.push(`${where}: must have at most ${spec.maxKeys} entries`);
      for (const key of keys) {
        if (forbiddenKeys.has(key)) problems.push(`${at(path, key)}: this key is not allowed`);
        else if (spec.keys && !spec.keys.test(key)) problems.push(`${at(path, key)}: ${spec.keysHint ?? 'key not allowed'}`);
        else checkValue(value[key], spec.values, at(path, key), problems);
      }
      return;
    }
    case 'tagged': {
      if (!isPlainObject(value)) {
        problems.push(`${where}: must be an object, got ${typeName(value)}`);
        return;
      }
      const tag = value[spec.tag];
      const variant = typeof tag === 'string' && Object.prototype.hasOwnProperty.call(spec.variants, tag) ? spec.variants[tag] : undefined;
      if (variant === undefined) {
        problems.push(`${at(path, spec.tag)}: must be one of ${Object.keys(spec.variants).join(', ')}, got ${typeName(tag)}`);
        return;
      }
      checkFields(value, variant, path, problems, new Set([spec.tag]));
      return;
    }
  }
}

/** Parse JSON text of at most `maxBytes` characters; throws a DataError when it is too large or not JSON. */
export function parseJsonLimited(text: string, what: string, maxBytes: number): unknown {
  if (text.length > maxBytes) throw new DataError(what, [`the ${what} is ${Math.ceil(text.length / 1024)} KiB; the limit is ${Math.floor(maxBytes / 1024)} KiB`]);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new DataError(what, [`not valid JSON: ${error instanceof Error ? error.message : String(error)}`]);
  }
}

/** Parse JSON text of at most `maxBytes` and check it against `spec`; throws a DataError listing every problem. */
export function parseChecked<T>(text: string, spec: Spec, what: string, maxBytes: number): T {
  const value = parseJsonLimited(text, what, maxBytes);
  const problems: string[] = [];
  checkValue(value, spec, '', problems);
  if (problems.length > 0) throw new DataError(what, problems);
  return value as T;
}

/** Bad data from outside: every problem, each with its path. */
export class DataError extends Error {
  constructor(
    readonly what: string,
    readonly problems: readonly string[],
  ) {
    super(`the ${what} has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}:\n` + problems.map((p) => `  ${p}`).join('\n'));
    this.name = 'DataError';
  }
}
