/**
 * A small JSON reader that remembers the line each object and array starts
 * on, so that a LabHistory validation error can name the line of the bad
 * operation (JSON.parse keeps no positions).
 */
import { HistoryParseError } from './parseError';

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export interface LocatedJson {
  readonly value: JsonValue;
  /** The 1-based line on which each object or array value starts. */
  readonly lineOf: ReadonlyMap<object, number>;
}

/** Nesting limit: a bound on the recursion, far above any history. */
const maxDepth = 64;

export function readJson(text: string): LocatedJson {
  const lineOf = new Map<object, number>();
  let pos = 0;
  let line = 1;

  const fail = (expected: string): never => {
    const found = pos >= text.length ? 'end of input' : JSON.stringify(text.slice(pos, pos + 12));
    throw new HistoryParseError(line, `expected ${expected}, found ${found}`);
  };
  const skipSpace = (): void => {
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 10) line++;
      else if (c !== 32 && c !== 9 && c !== 13) return;
      pos++;
    }
  };
  const expectChar = (ch: string, expected: string): void => {
    skipSpace();
    if (text[pos] !== ch) fail(expected);
    pos++;
  };

  const readString = (): string => {
    // pos is at the opening quote.
    pos++;
    let out = '';
    for (;;) {
      if (pos >= text.length) fail('a closing " for the string');
      const c = text[pos];
      if (c === '"') {
        pos++;
        return out;
      }
      if (c === '\n') fail('a closing " before the end of the line');
      if (c === '\\') {
        const esc = text[pos + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (esc !== undefined && simple[esc] !== undefined) {
          out += simple[esc];
          pos += 2;
        } else if (esc === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) {
          out += String.fromCharCode(parseInt(text.slice(pos + 2, pos + 6), 16));
          pos += 6;
        } else {
          fail('a valid escape such as \\" or \\n');
        }
      } else {
        out += c;
        pos++;
      }
    }
  };

  const readValue = (depth: number): JsonValue => {
    if (depth > maxDepth) fail(`at most ${maxDepth} levels of nesting`);
    skipSpace();
    const c = text[pos];
    if (c === '{') {
      const obj: JsonObject = {};
      lineOf.set(obj, line);
      pos++;
      skipSpace();
      if (text[pos] === '}') {
        pos++;
        return obj;
      }
      for (;;) {
        skipSpace();
        if (text[pos] !== '"') fail('a "name" in an object');
        const key = readString();
        expectChar(':', 'a : after the name');
        obj[key] = readValue(depth + 1);
        skipSpace();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === '}') {
          pos++;
          return obj;
        }
        fail('a , or } in the object');
      }
    }
    if (c === '[') {
      const arr: JsonValue[] = [];
      lineOf.set(arr, line);
      pos++;
      skipSpace();
      if (text[pos] === ']') {
        pos++;
        return arr;
      }
      for (;;) {
        arr.push(readValue(depth + 1));
        skipSpace();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === ']') {
          pos++;
          return arr;
        }
        fail('a , or ] in the array');
      }
    }
    if (c === '"') return readString();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(pos, pos + 40));
    if (literal === null) return fail('a JSON value');
    pos += literal[0].length;
    if (literal[0] === 'true') return true;
    if (literal[0] === 'false') return false;
    if (literal[0] === 'null') return null;
    return Number(literal[0]);
  };

  const value = readValue(0);
  skipSpace();
  if (pos < text.length) fail('the end of the input after the JSON value');
  return { value, lineOf };
}
