/**
 * A reader for the small part of EDN (Clojure's data notation) that Jepsen
 * histories use: maps, vectors, lists, keywords, strings, integers, nil and
 * booleans. Commas are whitespace, as in Clojure.
 */

export interface EdnKeyword {
  readonly type: 'keyword';
  /** Without the colon: `:invoke` has name `invoke`. */
  readonly name: string;
}
export interface EdnSymbol {
  readonly type: 'symbol';
  readonly name: string;
}
export interface EdnMap {
  readonly type: 'map';
  readonly entries: readonly (readonly [EdnValue, EdnValue])[];
}
export type EdnValue = null | boolean | number | string | EdnKeyword | EdnSymbol | EdnMap | readonly EdnValue[];

/** Thrown with the 0-based column where reading stopped; callers add the line. */
export class EdnSyntaxError extends Error {
  constructor(
    readonly column: number,
    readonly expected: string,
  ) {
    super(`expected ${expected} at column ${column + 1}`);
    this.name = 'EdnSyntaxError';
  }
}

const maxDepth = 32;
const tokenChar = /[^\s,()[\]{}"]/;

export function isKeyword(value: EdnValue | undefined, name?: string): value is EdnKeyword {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && (value as EdnKeyword).type === 'keyword' && (name === undefined || (value as EdnKeyword).name === name);
}

/** The value of keyword key `:name` in a map, or undefined. */
export function mapGet(map: EdnMap, name: string): EdnValue | undefined {
  for (const [key, value] of map.entries) if (isKeyword(key, name)) return value;
  return undefined;
}

/** Prints a value back in EDN, for error messages. */
export function showEdn(value: EdnValue | undefined): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'nil';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return '[' + value.map((v: EdnValue) => showEdn(v)).join(' ') + ']';
  const v = value as EdnKeyword | EdnSymbol | EdnMap;
  if (v.type === 'keyword') return ':' + v.name;
  if (v.type === 'symbol') return v.name;
  return '{' + v.entries.map(([k, x]) => `${showEdn(k)} ${showEdn(x)}`).join(', ') + '}';
}

/** Reads exactly one value from `text` (surrounding whitespace allowed). */
export function readEdn(text: string): EdnValue {
  let pos = 0;
  const fail = (expected: string): never => {
    throw new EdnSyntaxError(pos, expected);
  };
  const skipSpace = (): void => {
    while (pos < text.length && (text[pos] === ',' || /\s/.test(text[pos]))) pos++;
  };
  const readSeq = (close: string, depth: number): EdnValue[] => {
    const items: EdnValue[] = [];
    for (;;) {
      skipSpace();
      if (pos >= text.length) fail(`a closing ${close}`);
      if (text[pos] === close) {
        pos++;
        return items;
      }
      items.push(readValue(depth + 1));
    }
  };
  const readValue = (depth: number): EdnValue => {
    if (depth > maxDepth) fail(`at most ${maxDepth} levels of nesting`);
    skipSpace();
    if (pos >= text.length) fail('a value');
    const c = text[pos];
    if (c === '{') {
      pos++;
      const items = readSeq('}', depth);
      if (items.length % 2 !== 0) fail('an even number of forms in the map');
      const entries: (readonly [EdnValue, EdnValue])[] = [];
      for (let i = 0; i < items.length; i += 2) entries.push([items[i], items[i + 1]]);
      return { type: 'map', entries };
    }
    if (c === '[') {
      pos++;
      return readSeq(']', depth);
    }
    if (c === '(') {
      pos++;
      return readSeq(')', depth);
    }
    if (c === '"') {
      pos++;
      let out = '';
      for (;;) {
        if (pos >= text.length) fail('a closing " for the string');
        const ch = text[pos];
        if (ch === '"') {
          pos++;
          return out;
        }
        if (ch === '\\') {
          const esc = text[pos + 1];
          const simple: Record<string, string> = { '"': '"', '\\': '\\', n: '\n', t: '\t', r: '\r' };
          const replacement = esc === undefined ? undefined : simple[esc];
          if (replacement === undefined) return fail('a valid escape such as \\" or \\n');
          out += replacement;
          pos += 2;
        } else {
          out += ch;
          pos++;
        }
      }
    }
    if (c === ')' || c === ']' || c === '}') fail('a value');
    const start = pos;
    while (pos < text.length && tokenChar.test(text[pos])) pos++;
    const token = text.slice(start, pos);
    if (token === 'nil') return null;
    if (token === 'true') return true;
    if (token === 'false') return false;
    if (/^[-+]?\d+N?$/.test(token)) return Number(token.replace(/N$/, ''));
    if (/^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?M?$/.test(token)) return Number(token.replace(/M$/, ''));
    if (token.startsWith(':') && token.length > 1) return { type: 'keyword', name: token.slice(1) };
    if (token.length > 0 && !/^\d/.test(token)) return { type: 'symbol', name: token };
    pos = start;
    return fail('a value');
  };
  const value = readValue(0);
  skipSpace();
  if (pos < text.length) fail('the end of the line after the value');
  return value;
}
