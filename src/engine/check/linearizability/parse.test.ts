import { describe, expect, it } from 'vitest';
import { check } from './checker';
import type { Operation } from './history';
import { formatLabHistory, labHistory } from './history';
import { registerModel } from './models';
import { detectFormat, parseEdnHistory, parseHistory, parseJepsenLog, parseLabHistory } from './parse';
import { HistoryParseError } from './parseError';

/** The error a parse throws, or a failed expectation if it does not throw one. */
function parseError(parse: () => unknown): HistoryParseError {
  try {
    parse();
  } catch (error) {
    if (error instanceof HistoryParseError) return error;
    throw error;
  }
  throw new Error('expected a HistoryParseError');
}

const jepsen = (...rows: string[]): string => rows.map((r) => `INFO  jepsen.util - ${r.replace(/ +/g, '\t')}`).join('\n') + '\n';

describe('jepsen etcd logs', () => {
  it('reads calls and returns, tab or space separated', () => {
    const text = jepsen('0 :invoke :write 4', '1 :invoke :read nil', '0 :ok :write 4', '1 :ok :read 4') +
      'INFO  jepsen.util - 2   :invoke :cas    [4 5]\nINFO  jepsen.util - 2   :ok     :cas    [4 5]\n';
    const ops = parseJepsenLog(text);
    expect(ops).toEqual([
      { id: 0, client: 0, key: '', invokeUs: 1, returnUs: 3, outcome: 'ok', kind: 'write', value: 4 },
      { id: 1, client: 1, key: '', invokeUs: 2, returnUs: 4, outcome: 'ok', kind: 'read', output: 4 },
      { id: 2, client: 2, key: '', invokeUs: 5, returnUs: 6, outcome: 'ok', kind: 'cas', expected: 4, value: 5, output: true },
    ]);
  });

  it('reads nil as null, :fail :cas as a cas that returned false, a timed-out read as failed, :info as unknown', () => {
    const ops = parseJepsenLog(
      jepsen(
        '0 :invoke :read nil', '0 :ok :read nil',
        '1 :invoke :cas [1 2]', '1 :fail :cas [1 2]',
        '2 :invoke :read nil', '2 :fail :read :timed-out',
        '3 :invoke :write 7', '3 :info :write :timed-out',
        '4 :invoke :cas [0 1]',
      ),
    );
    expect(ops.map((op) => [op.kind, op.outcome, 'output' in op ? op.output : '-', op.returnUs])).toEqual([
      ['read', 'ok', null, 2],
      ['cas', 'ok', false, 4],
      ['read', 'fail', '-', 6],
      ['write', 'unknown', '-', null],
      ['cas', 'unknown', '-', null],
    ]);
  });

  it('handles a process that invokes again after :info, and one that never completed', () => {
    const ops = parseJepsenLog(jepsen('3 :invoke :write 1', '3 :info :write :timed-out', '3 :invoke :write 2', '3 :invoke :read nil', '3 :ok :read 2'));
    expect(ops.map((op) => [op.id, op.client, op.kind, op.outcome])).toEqual([
      [0, 3, 'write', 'unknown'],
      [1, 3, 'write', 'unknown'],
      [2, 3, 'read', 'ok'],
    ]);
    expect(check(ops, registerModel).verdict).toBe('linearizable');
  });

  it('skips other loggers, the nemesis and blank lines', () => {
    const text = 'INFO  jepsen.core - Worker 0 starting\n\n' + jepsen(':nemesis :info :start nil', '0 :invoke :read nil', '0 :ok :read nil');
    expect(parseJepsenLog(text)).toHaveLength(1);
  });

  it('names the line and what was expected', () => {
    expect(parseError(() => parseJepsenLog(jepsen('0 :invoke :read nil', '0 :done :read nil'))).message).toBe(
      'line 2: expected :type to be :invoke, :ok, :fail or :info, got :done',
    );
    expect(parseError(() => parseJepsenLog(jepsen('0 :invoke :read nil', '0 :invoke :frob 1'))).message).toBe(
      'line 2: expected :f to be :read, :write or :cas, got :frob',
    );
    const badCas = parseError(() => parseJepsenLog(jepsen('0 :invoke :write 1', '0 :ok :write 1', '1 :invoke :cas [1]')));
    expect(badCas.line).toBe(3);
    expect(badCas.detail).toMatch(/expected \[expected new\], e\.g\. \[1 2\] for :invoke :cas, got \[1\]/);
    expect(parseError(() => parseJepsenLog(jepsen('0 :ok :read 1'))).message).toBe(
      'line 1: expected an :invoke by process 0 before this :ok',
    );
    expect(parseError(() => parseJepsenLog(jepsen('0 :invoke :read nil', '0 :ok :write 1'))).message).toMatch(
      /^line 2: expected :f to be :read, as invoked by process 0 on line 1, got :write/,
    );
    expect(parseError(() => parseJepsenLog(jepsen('0 :invoke :read nil', '0 :ok :read [1 2]'))).line).toBe(2);
    expect(parseError(() => parseJepsenLog(jepsen('x :invoke :read nil'))).message).toMatch(/^line 1: expected the process to be a number/);
    expect(parseError(() => parseJepsenLog('just some text\n')).line).toBe(1);
  });
});

describe('edn histories', () => {
  it('reads the kv corpus lines', () => {
    const ops = parseEdnHistory(
      [
        '{:process 0, :type :invoke, :f :append, :key "0", :value "x 0 0 y"}',
        '{:process 1, :type :invoke, :f :get, :key "0", :value nil}',
        '{:process 0, :type :ok, :f :append, :key "0", :value "x 0 0 y"}',
        '{:process 1, :type :ok, :f :get, :key "0", :value "x 0 0 y"}',
        '{:process 2, :type :invoke, :f :put, :key "1", :value "v"}',
        '{:process 3, :type :invoke, :f :get, :key "1", :value nil}',
        '{:process 3, :type :ok, :f :get, :key "1", :value nil}',
      ].join('\n'),
    );
    expect(ops).toEqual([
      { id: 0, client: 0, key: '0', invokeUs: 1, returnUs: 3, outcome: 'ok', kind: 'append', value: 'x 0 0 y' },
      { id: 1, client: 1, key: '0', invokeUs: 2, returnUs: 4, outcome: 'ok', kind: 'get', output: 'x 0 0 y' },
      { id: 2, client: 2, key: '1', invokeUs: 5, returnUs: null, outcome: 'unknown', kind: 'put', value: 'v' },
      { id: 3, client: 3, key: '1', invokeUs: 6, returnUs: 7, outcome: 'ok', kind: 'get', output: '' },
    ]);
  });

  it('accepts register operations, a wrapping vector, comments and string escapes', () => {
    const text = '[{:process 0 :type :invoke :f :write :value 3}\n; a comment\n{:process 0, :type :ok, :f :write, :value 3}\n' +
      '{:process 1, :type :invoke, :f :put, :key "k", :value "a \\"quoted\\" value"}]\n';
    const ops = parseEdnHistory(text);
    expect(ops[0]).toMatchObject({ kind: 'write', key: '', value: 3, outcome: 'ok' });
    expect(ops[1]).toMatchObject({ kind: 'put', value: 'a "quoted" value' });
  });

  it('names the line and what was expected', () => {
    const ok = '{:process 0, :type :invoke, :f :get, :key "k", :value nil}';
    expect(parseError(() => parseEdnHistory(`${ok}\n{:process 0, :type :returned, :f :get, :key "k", :value "v"}`)).message).toBe(
      'line 2: expected :type to be :invoke, :ok, :fail or :info, got :returned',
    );
    expect(parseError(() => parseEdnHistory(`${ok}\n\n{:process 0, :type :ok, :f :get, :key "k", :value "v"`)).message).toBe(
      'line 3: expected a closing } at column 54',
    );
    expect(parseError(() => parseEdnHistory('{:process 1, :type :invoke, :f :append, :value "v"}')).message).toBe(
      'line 1: expected :key to be a string for :append, got nothing',
    );
    expect(parseError(() => parseEdnHistory('{:process 1, :type :invoke, :f :append, :key "k", :value [1]}')).message).toBe(
      'line 1: expected the value to write (a string) for :invoke :append, got [1]',
    );
    expect(parseError(() => parseEdnHistory('  {:process 0 :type :invoke :f :get :key "k" :value nil} x')).message).toBe(
      'line 1: expected the end of the line after the value at column 58',
    );
    expect(parseError(() => parseEdnHistory('(1 2 3)')).message).toMatch(/^line 1: expected a map such as/);
    expect(parseError(() => parseEdnHistory('{:process "p", :type :invoke, :f :get, :key "k"}')).detail).toMatch(/:process to be an integer/);
  });
});

describe('lab histories', () => {
  const ops: Operation[] = [
    { id: 0, client: 0, kind: 'write', key: '', value: 1, invokeUs: 0, returnUs: 10, outcome: 'ok' },
    { id: 1, client: 1, kind: 'cas', key: '', expected: 1, value: 'two', output: true, invokeUs: 5, returnUs: 20, outcome: 'ok' },
    { id: 2, client: 2, kind: 'read', key: '', invokeUs: 30, returnUs: null, outcome: 'unknown' },
    { id: 3, client: 0, kind: 'write', key: '', value: null, invokeUs: 40, returnUs: 45, outcome: 'fail' },
  ];

  it('round-trips through formatLabHistory, one operation per line', () => {
    const text = formatLabHistory(labHistory('register', ops));
    expect(text.split('\n')[5]).toContain('"id":0');
    expect(parseLabHistory(text)).toEqual(labHistory('register', ops));
    expect(parseHistory(text, 'lab')).toEqual({ format: 'lab', model: 'register', operations: ops });
  });

  it('names the line of a bad operation and what was expected', () => {
    const lines = formatLabHistory(labHistory('register', ops)).split('\n');
    const withBadKind = lines.map((l, i) => (i === 6 ? l.replace('"kind":"cas"', '"kind":"get"') : l)).join('\n');
    expect(parseError(() => parseLabHistory(withBadKind)).message).toBe(
      'line 7: operation 1: expected "kind" to be one of read, write, cas for the register model, got "get"',
    );
    const duplicate = lines.map((l, i) => (i === 7 ? l.replace('"id":2', '"id":0') : l)).join('\n');
    expect(parseError(() => parseLabHistory(duplicate)).message).toBe('line 8: operation 2: expected a unique "id", but 0 was used before');
    const noReturn = lines.map((l, i) => (i === 5 ? l.replace('"returnUs":10', '"returnUs":null') : l)).join('\n');
    expect(parseError(() => parseLabHistory(noReturn)).message).toBe('line 6: operation 0: expected "returnUs" (a number) for an ok operation');
    const broken = lines.map((l, i) => (i === 6 ? l.replace('"client":1,', '"client":1') : l)).join('\n');
    expect(parseError(() => parseLabHistory(broken)).line).toBe(7);
    expect(parseError(() => parseLabHistory('{"format": "other", "version": 1}')).message).toBe(
      'line 1: expected "format": "lab-history", got "other"',
    );
    expect(parseError(() => parseLabHistory('{\n  "format": "lab-history",\n  "version": 1,\n  "model": "kv",\n  "operations": 3\n}')).message).toBe(
      'line 1: expected "operations" to be an array',
    );
  });
});

describe('format detection', () => {
  it('reads the content first, then the extension', () => {
    expect(detectFormat('{\n  "format": "lab-history"')).toBe('lab');
    expect(detectFormat('{:process 0, :type :invoke}')).toBe('edn');
    expect(detectFormat('[{:process 0, :type :invoke}')).toBe('edn');
    expect(detectFormat('INFO  jepsen.util - 0\t:invoke\t:read\tnil')).toBe('jepsen');
    expect(detectFormat('???', 'a.json')).toBe('lab');
    expect(detectFormat('???', 'a.edn')).toBe('edn');
    expect(detectFormat('???', 'a.log')).toBe('jepsen');
    expect(detectFormat('???', 'a.txt')).toBeNull();
  });
});
