/**
 * `npm run check` (src/cli/check.ts), driven in memory: verdict lines, exit
 * codes, --json, and the errors for bad flags and bad files.
 */
import { describe, expect, it } from 'vitest';
import { runCheck, usage } from '../../../cli/check';
import type { Operation } from './history';
import { formatLabHistory, labHistory } from './history';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(files: Readonly<Record<string, string>>, ...argv: string[]): Run {
  let stdout = '';
  let stderr = '';
  let now = 0;
  const code = runCheck(argv, {
    readFile: (path) => {
      const text = files[path];
      if (text === undefined) throw new Error(`ENOENT: no such file, open '${path}'`);
      return text;
    },
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    now: () => (now += 1),
  });
  return { code, stdout, stderr };
}

const staleRead: Operation[] = [
  { id: 0, client: 0, kind: 'write', key: '', value: 1, invokeUs: 0, returnUs: 10, outcome: 'ok' },
  { id: 1, client: 1, kind: 'read', key: '', output: null, invokeUs: 20, returnUs: 30, outcome: 'ok' },
];
const files = {
  'stale.json': formatLabHistory(labHistory('register', staleRead)),
  'fine.json': formatLabHistory(labHistory('register', staleRead.slice(0, 1))),
  'etcd.log': 'INFO  jepsen.util - 0\t:invoke\t:write\t1\nINFO  jepsen.util - 0\t:ok\t:write\t1\n',
  'kv.txt': '{:process 0, :type :invoke, :f :put, :key "k", :value "v"}\n{:process 0, :type :ok, :f :put, :key "k", :value "v"}\n',
  'broken.txt': '{:process 0, :type :invoke, :f :put, :key "k", :value "v"}\n{:process 0, :type :ok, :f :put, :key "k" :value "v"\n',
  'mystery.dat': 'hello\n',
};

describe('npm run check', () => {
  it('prints the verdict and exits 0 for linearizable, 1 for not', () => {
    expect(run(files, 'fine.json')).toEqual({ code: 0, stdout: 'linearizable\n', stderr: '' });
    const stale = run(files, 'stale.json');
    expect(stale.code).toBe(1);
    expect(stale.stdout.split('\n')[0]).toBe('not-linearizable');
    expect(stale.stdout).toContain('the register: 2 operations; the longest linearizable prefix has 1');
    expect(stale.stdout).toContain('op 1 (client 1, called at 20): read() -> null');
  });

  it('detects the format and takes the model from it', () => {
    expect(run(files, 'etcd.log').code).toBe(0);
    expect(run(files, 'kv.txt').code).toBe(0);
    expect(run(files, 'kv.txt', '--format', 'edn', '--model', 'kv', '--no-partition').code).toBe(0);
  });

  it('prints one JSON object with --json', () => {
    const result = run(files, 'stale.json', '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({
      format: 'lab',
      model: 'register',
      verdict: 'not-linearizable',
      operations: 2,
      partitions: 1,
      elapsedMs: expect.any(Number),
      failingPartition: { key: '', operations: [0, 1], longestPrefix: [0], stuck: [1] },
    });
  });

  it('exits 3 with unknown when the time limit runs out', () => {
    expect(run(files, 'stale.json', '--time-limit-ms', '0')).toMatchObject({ code: 3, stdout: 'unknown\n' });
  });

  it('exits 2 naming the bad flag, the bad line, or what is missing', () => {
    const badFlag = run(files, 'stale.json', '--fast');
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toBe(`check: unknown flag --fast\n${usage}\n`);
    expect(run(files, 'stale.json', '--model', 'set').stderr).toMatch(/--model must be kv or register, got 'set'/);
    expect(run(files, 'stale.json', '--time-limit-ms').stderr).toMatch(/--time-limit-ms needs a value/);
    expect(run(files, 'stale.json', '--time-limit-ms', 'soon').stderr).toMatch(/whole number of milliseconds/);
    expect(run(files).stderr).toMatch(/no FILE given/);
    const broken = run(files, 'broken.txt');
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^check: broken\.txt:2: expected a closing \} at column \d+ \(format edn\)/);
    expect(run(files, 'mystery.dat')).toMatchObject({ code: 2, stderr: expect.stringMatching(/cannot tell the format/) });
    expect(run(files, 'missing.json')).toMatchObject({ code: 2, stderr: expect.stringMatching(/cannot read missing\.json/) });
    expect(run(files, 'etcd.log', '--model', 'kv').stderr).toMatch(/kind 'write', which the kv model does not support/);
  });
});
