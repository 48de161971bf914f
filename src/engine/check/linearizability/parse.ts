/**
 * The three history formats the checker reads:
 *
 * - `lab`: the lab's JSON `LabHistory` (history.ts).
 * - `jepsen`: Jepsen log lines from its etcd test, a single register:
 *   `INFO  jepsen.util - 3	:invoke	:cas	[1 2]`.
 * - `edn`: one Jepsen history map per line, a key-value store:
 *   `{:process 0, :type :invoke, :f :append, :key "0", :value "x 0 0 y"}`.
 *
 * Every error is a HistoryParseError naming the line and what was expected.
 */
import type { EdnMap, EdnValue } from './edn';
import { EdnSyntaxError, isKeyword, mapGet, readEdn, showEdn } from './edn';
import type { CompleteEvent, EventType, HistoryEvent } from './events';
import { operationsFromEvents } from './events';
import type { LabHistory, ModelName, Operation, OperationKind, Outcome, RegisterValue } from './history';
import { kvKinds, labHistory, registerKinds } from './history';
import type { JsonObject, JsonValue } from './json';
import { readJson } from './json';
import { HistoryParseError } from './parseError';

export type HistoryFormat = 'lab' | 'jepsen' | 'edn';
export const historyFormats: readonly HistoryFormat[] = ['lab', 'jepsen', 'edn'];

/** The model each format implies when none is given. */
export function defaultModelOf(format: Exclude<HistoryFormat, 'lab'>): ModelName {
  return format === 'jepsen' ? 'register' : 'kv';
}

/**
 * Guesses the format from the content, then from the file name's extension
 * (`.json`, `.log`, `.edn`); `null` when neither says.
 */
export function detectFormat(text: string, fileName?: string): HistoryFormat | null {
  const start = text.replace(/^(?:\s|;[^\n]*\n)*/, '');
  if (/^\{\s*"/.test(start) || /^\{\s*\}/.test(start)) return 'lab';
  if (/^\[?\s*\{\s*:/.test(start)) return 'edn';
  if (/^\S+\s+jepsen\.\S+\s+-\s/m.test(text.slice(0, 4096))) return 'jepsen';
  const extension = /\.([a-z]+)$/i.exec(fileName ?? '')?.[1]?.toLowerCase();
  if (extension === 'json') return 'lab';
  if (extension === 'edn') return 'edn';
  if (extension === 'log') return 'jepsen';
  return null;
}

export interface ParsedHistory {
  readonly format: HistoryFormat;
  /** The model the file implies: the lab file's `model`, register for jepsen, kv for edn. */
  readonly model: ModelName;
  readonly operations: Operation[];
}

export function parseHistory(text: string, format: HistoryFormat): ParsedHistory {
  switch (format) {
    case 'lab': {
      const history = parseLabHistory(text);
      return { format, model: history.model, operations: [...history.operations] };
    }
    case 'jepsen':
      return { format, model: 'register', operations: parseJepsenLog(text) };
    case 'edn':
      return { format, model: 'kv', operations: parseEdnHistory(text) };
  }
}

function lines(text: string): string[] {
  return text.split(/\r?\n/);
}

// ---------------------------------------------------------------- values

const typeNames: readonly EventType[] = ['invoke', 'ok', 'fail', 'info'];
const typeExpectation = 'expected :type to be :invoke, :ok, :fail or :info';

function registerValue(value: EdnValue | undefined): RegisterValue | undefined {
  if (value === null || typeof value === 'number' || typeof value === 'string') return value;
  return undefined;
}

function kvString(value: EdnValue | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** The part of an event that depends on its operation kind, from the `:value` form. */
function eventPayload(
  line: number,
  type: EventType,
  kind: OperationKind,
  value: EdnValue | undefined,
): Pick<HistoryEvent, 'type'> & { value?: string | RegisterValue; expected?: RegisterValue; output?: CompleteEvent['output']; failObserved?: boolean } {
  const bad = (expected: string): never => {
    throw new HistoryParseError(line, `expected ${expected} for :${type} :${kind}, got ${showEdn(value)}`);
  };
  if (type === 'info') return { type };
  switch (kind) {
    case 'get': {
      if (type !== 'ok') return { type };
      // A key never written may come back as nil: the same as ''.
      const output = value === null ? '' : kvString(value);
      return output === undefined ? bad('the value read (a string or nil)') : { type, output };
    }
    case 'read': {
      if (type !== 'ok') return { type };
      const output = registerValue(value);
      return output === undefined ? bad('the value read (nil, a number or a string)') : { type, output };
    }
    case 'put':
    case 'append': {
      if (type !== 'invoke') return { type };
      const written = kvString(value);
      return written === undefined ? bad('the value to write (a string)') : { type, value: written };
    }
    case 'write': {
      if (type !== 'invoke') return { type };
      const written = registerValue(value);
      return written === undefined ? bad('the value to write (nil, a number or a string)') : { type, value: written };
    }
    case 'cas': {
      const pair =
        Array.isArray(value) && value.length === 2 ? [registerValue(value[0]), registerValue(value[1])] : undefined;
      const valid = pair !== undefined && pair[0] !== undefined && pair[1] !== undefined;
      if (type === 'invoke') {
        return valid ? { type, expected: pair[0], value: pair[1] } : bad('[expected new], e.g. [1 2]');
      }
      if (type === 'ok') return { type, output: true };
      // :fail with the compared values: the comparison failed, which is an observation.
      // :fail with anything else (e.g. :timed-out) had no effect and observed nothing.
      return valid ? { type, output: false, failObserved: true } : { type };
    }
  }
}

// ---------------------------------------------------------------- jepsen

const jepsenLine = /^\s*\S+\s+(jepsen\.\S+)\s+-\s+(\S+)\s+(\S+)\s+(\S+)\s*(.*?)\s*$/;
const registerKindByName: Readonly<Record<string, OperationKind>> = { read: 'read', write: 'write', cas: 'cas' };

/**
 * Jepsen's etcd log. Lines of other loggers and of the nemesis are skipped;
 * every `jepsen.util` line of a numbered process must be an event.
 */
export function parseJepsenLog(text: string): Operation[] {
  const events: HistoryEvent[] = [];
  const all = lines(text);
  for (let i = 0; i < all.length; i++) {
    const line = i + 1;
    const raw = all[i];
    if (raw.trim() === '') continue;
    const loggerMatch = /^\s*\S+\s+(jepsen\.\S+)\s+-\s/.exec(raw);
    if (loggerMatch === null || loggerMatch[1] !== 'jepsen.util') continue;
    const match = jepsenLine.exec(raw);
    if (match === null) {
      throw new HistoryParseError(line, 'expected "LEVEL jepsen.util - PROCESS :type :f VALUE", e.g. "INFO  jepsen.util - 3	:invoke	:read	nil"');
    }
    const [, , processText, typeText, fText, valueText] = match;
    if (processText === ':nemesis') continue;
    if (!/^\d+$/.test(processText)) {
      throw new HistoryParseError(line, `expected the process to be a number or :nemesis, got ${processText}`);
    }
    const type = typeText.startsWith(':') ? typeNames.find((t) => t === typeText.slice(1)) : undefined;
    if (type === undefined) throw new HistoryParseError(line, `${typeExpectation}, got ${typeText}`);
    const kind = fText.startsWith(':') ? registerKindByName[fText.slice(1)] : undefined;
    if (kind === undefined) throw new HistoryParseError(line, `expected :f to be :read, :write or :cas, got ${fText}`);
    let value: EdnValue | undefined;
    try {
      value = valueText === '' ? undefined : readEdn(valueText);
    } catch (error) {
      if (error instanceof EdnSyntaxError) throw new HistoryParseError(line, `in the value: ${error.message}`);
      throw error;
    }
    const payload = eventPayload(line, type, kind, value);
    const process = Number(processText);
    events.push(type === 'invoke' ? { ...payload, type, line, process, kind, key: '' } : { ...payload, type, line, process, kind });
  }
  if (events.length === 0) {
    throw new HistoryParseError(1, 'expected Jepsen log lines such as "INFO  jepsen.util - 3	:invoke	:read	nil"; found none');
  }
  return operationsFromEvents(events);
}

// ---------------------------------------------------------------- edn

const ednKinds: readonly OperationKind[] = [...kvKinds, ...registerKinds];

/**
 * One Jepsen history map per line (blank lines, `;` comments and a wrapping
 * `[` `]` are allowed). `:key` is required for get/put/append and defaults
 * to `""` (the single register) for read/write/cas.
 */
export function parseEdnHistory(text: string): Operation[] {
  const events: HistoryEvent[] = [];
  const all = lines(text);
  for (let i = 0; i < all.length; i++) {
    const line = i + 1;
    // Blank out a wrapping [ and ] so that columns in errors still match the file.
    const raw = all[i].replace(/^(\s*)\[/, '$1 ').replace(/\](\s*)$/, ' $1');
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith(';')) continue;
    let form: EdnValue;
    try {
      form = readEdn(raw);
    } catch (error) {
      if (error instanceof EdnSyntaxError) throw new HistoryParseError(line, error.message);
      throw error;
    }
    if (typeof form !== 'object' || form === null || Array.isArray(form) || (form as EdnMap).type !== 'map') {
      throw new HistoryParseError(line, `expected a map such as {:process 0, :type :invoke, :f :get, :key "k", :value nil}, got ${showEdn(form)}`);
    }
    const map = form as EdnMap;
    const processForm = mapGet(map, 'process');
    if (isKeyword(processForm, 'nemesis')) continue;
    if (typeof processForm !== 'number' || !Number.isInteger(processForm)) {
      throw new HistoryParseError(line, `expected :process to be an integer or :nemesis, got ${showEdn(processForm)}`);
    }
    const typeForm = mapGet(map, 'type');
    const type = isKeyword(typeForm) ? typeNames.find((t) => t === typeForm.name) : undefined;
    if (type === undefined) throw new HistoryParseError(line, `${typeExpectation}, got ${showEdn(typeForm)}`);
    const fForm = mapGet(map, 'f');
    const kind = isKeyword(fForm) ? ednKinds.find((k) => k === fForm.name) : undefined;
    if (kind === undefined) {
      throw new HistoryParseError(line, `expected :f to be one of ${ednKinds.map((k) => ':' + k).join(', ')}, got ${showEdn(fForm)}`);
    }
    const payload = eventPayload(line, type, kind, mapGet(map, 'value'));
    if (type !== 'invoke') {
      events.push({ ...payload, type, line, process: processForm, kind });
      continue;
    }
    const keyForm = mapGet(map, 'key');
    const key = keyForm === undefined && registerKinds.includes(kind) ? '' : kvString(keyForm);
    if (key === undefined) throw new HistoryParseError(line, `expected :key to be a string for :${kind}, got ${showEdn(keyForm)}`);
    events.push({ ...payload, type, line, process: processForm, kind, key });
  }
  if (events.length === 0) {
    throw new HistoryParseError(1, 'expected EDN history maps such as {:process 0, :type :invoke, :f :get, :key "k", :value nil}; found none');
  }
  return operationsFromEvents(events);
}

// ---------------------------------------------------------------- lab

const outcomes: readonly Outcome[] = ['ok', 'fail', 'unknown'];

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRegisterValue(value: JsonValue | undefined): value is RegisterValue {
  return value === null || typeof value === 'string' || typeof value === 'number';
}

/** The lab's JSON history (see LabHistory in history.ts). */
export function parseLabHistory(text: string): LabHistory {
  const { value: root, lineOf } = readJson(text);
  const lineOfValue = (value: JsonValue | undefined, fallback: number): number =>
    typeof value === 'object' && value !== null ? (lineOf.get(value) ?? fallback) : fallback;
  if (!isObject(root)) throw new HistoryParseError(1, 'expected a JSON object {"format": "lab-history", ...}');
  const rootLine = lineOfValue(root, 1);
  if (root.format !== 'lab-history') {
    throw new HistoryParseError(rootLine, `expected "format": "lab-history", got ${JSON.stringify(root.format ?? null)}`);
  }
  if (root.version !== 1) throw new HistoryParseError(rootLine, `expected "version": 1, got ${JSON.stringify(root.version ?? null)}`);
  const model = root.model;
  if (model !== 'kv' && model !== 'register') {
    throw new HistoryParseError(rootLine, `expected "model" to be "kv" or "register", got ${JSON.stringify(model ?? null)}`);
  }
  const list = root.operations;
  if (!Array.isArray(list)) throw new HistoryParseError(rootLine, 'expected "operations" to be an array');
  const kinds = model === 'kv' ? kvKinds : registerKinds;
  const ids = new Set<number>();
  const operations = list.map((item, index) => {
    const line = lineOfValue(item, lineOfValue(list, rootLine));
    const bad = (expected: string): never => {
      throw new HistoryParseError(line, `operation ${index}: expected ${expected}`);
    };
    if (!isObject(item)) return bad('an object');
    const { id, client, kind, key, invokeUs, returnUs, outcome } = item;
    if (typeof id !== 'number' || !Number.isInteger(id)) return bad('"id" to be an integer');
    if (ids.has(id)) return bad(`a unique "id", but ${id} was used before`);
    ids.add(id);
    if (typeof client !== 'number' || !Number.isInteger(client)) return bad('"client" to be an integer');
    const kindName = kinds.find((k) => k === kind);
    if (kindName === undefined) return bad(`"kind" to be one of ${kinds.join(', ')} for the ${model} model, got ${JSON.stringify(kind ?? null)}`);
    const keyValue = key === undefined && model === 'register' ? '' : key;
    if (typeof keyValue !== 'string') return bad('"key" to be a string');
    if (typeof invokeUs !== 'number' || !Number.isFinite(invokeUs)) return bad('"invokeUs" to be a number');
    const outcomeName = outcomes.find((o) => o === outcome);
    if (outcomeName === undefined) return bad(`"outcome" to be "ok", "fail" or "unknown", got ${JSON.stringify(outcome ?? null)}`);
    if (!(returnUs === null || returnUs === undefined || (typeof returnUs === 'number' && Number.isFinite(returnUs)))) {
      return bad('"returnUs" to be a number or null');
    }
    const returned = typeof returnUs === 'number' ? returnUs : null;
    if (outcomeName === 'ok' && returned === null) return bad('"returnUs" (a number) for an ok operation');
    if (returned !== null && returned < invokeUs) return bad(`"returnUs" (${returned}) to be at or after "invokeUs" (${invokeUs})`);
    const base = { id, client, key: keyValue, invokeUs, returnUs: returned, outcome: outcomeName };
    const observed = outcomeName === 'ok';
    const { value, expected, output } = item;
    switch (kindName) {
      case 'get':
        if (!observed) return { ...base, kind: 'get' } satisfies Operation;
        if (output === null) return { ...base, kind: 'get', output: '' } satisfies Operation;
        return typeof output === 'string' ? ({ ...base, kind: 'get', output } satisfies Operation) : bad('"output" to be the string read');
      case 'put':
      case 'append':
        return typeof value === 'string' ? ({ ...base, kind: kindName, value } satisfies Operation) : bad('"value" to be a string');
      case 'read':
        if (!observed) return { ...base, kind: 'read' } satisfies Operation;
        return isRegisterValue(output) ? ({ ...base, kind: 'read', output } satisfies Operation) : bad('"output" to be the value read (null, a number or a string)');
      case 'write':
        return isRegisterValue(value) ? ({ ...base, kind: 'write', value } satisfies Operation) : bad('"value" to be null, a number or a string');
      case 'cas': {
        if (!isRegisterValue(expected) || !isRegisterValue(value)) return bad('"expected" and "value" to be null, numbers or strings');
        if (!observed) return { ...base, kind: 'cas', expected, value } satisfies Operation;
        return typeof output === 'boolean' ? ({ ...base, kind: 'cas', expected, value, output } satisfies Operation) : bad('"output" to be true (swapped) or false');
      }
      default:
        return bad('a known kind');
    }
  });
  return labHistory(model, operations);
}
