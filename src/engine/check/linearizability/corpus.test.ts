/**
 * The checker against histories with known verdicts that were not written
 * here: Porcupine's test corpus (see ../shared/testdata/linearizability/README.md),
 * read in place. $LAB_TESTDATA overrides the folder.
 *
 * Every check gets a generous time limit, so a search that cannot decide
 * comes out `unknown` and fails the test instead of hanging it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { check } from './checker';
import type { CheckOptions, Verdict } from './checker';
import { isWitness } from './naive';
import { kvModel, registerModel } from './models';
import { parseEdnHistory, parseJepsenLog } from './parse';

const projectRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const corpus = process.env.LAB_TESTDATA ?? path.resolve(projectRoot, '../shared/testdata/linearizability');
const timeLimitMs = 30_000;
const options: CheckOptions = { timeLimitMs, clock: () => performance.now() };

function read(relative: string): string {
  return readFileSync(path.join(corpus, relative), 'utf8');
}

describe('the corpus is where the tests expect it', () => {
  it(`finds ${corpus}`, () => {
    expect(existsSync(path.join(corpus, 'jepsen-etcd', 'VERDICTS.txt')), `set LAB_TESTDATA to the corpus folder`).toBe(true);
  });
});

const verdicts: [string, Verdict][] = existsSync(path.join(corpus, 'jepsen-etcd', 'VERDICTS.txt'))
  ? read('jepsen-etcd/VERDICTS.txt')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const [file, verdict] = line.trim().split(/\s+/);
        return [file, verdict as Verdict];
      })
  : [];

describe('Jepsen etcd histories: a register with read, write and cas', () => {
  it('lists 102 verdicts', () => {
    expect(verdicts).toHaveLength(102);
  });

  it.each(verdicts)('%s is %s', (file, expected) => {
    const operations = parseJepsenLog(read(`jepsen-etcd/${file}`));
    const result = check(operations, registerModel, options);
    expect(result.verdict).toBe(expected);
    if (expected === 'linearizable') {
      expect(isWitness(operations, result.linearization[0].order)).toBe(true);
    } else {
      expect(result.failingPartition?.key).toBe('');
      expect(result.linearization[0].stuck.length).toBeGreaterThan(0);
    }
  });
});

const kvFiles: [string, Verdict][] = ['c01', 'c10', 'c50'].flatMap((clients): [string, Verdict][] => [
  [`${clients}-ok.txt`, 'linearizable'],
  [`${clients}-bad.txt`, 'not-linearizable'],
]);

describe('key-value histories: get, put and append on up to ten keys', () => {
  it.each(kvFiles)('%s is %s, checked per key', (file, expected) => {
    const operations = parseEdnHistory(read(`kv/${file}`));
    const result = check(operations, kvModel, options);
    expect(result.verdict).toBe(expected);
    expect(result.partitions).toBe(new Set(operations.map((op) => op.key)).size);
    if (expected === 'linearizable') {
      for (const p of result.linearization) {
        expect(isWitness(operations.filter((op) => op.key === p.key), p.order)).toBe(true);
      }
    }
  });

  // The unpartitioned search must explore every interleaving of the keys'
  // configurations, which grows with the product of the keys' concurrency:
  // about a second for 10 clients, out of reach for 50 (Porcupine's own suite
  // checks only c01 unpartitioned, and c10 in its long mode at 60 to 90 s).
  it.each(kvFiles.filter(([file]) => !file.startsWith('c50')))('%s is %s, checked as one whole history', (file, expected) => {
    const operations = parseEdnHistory(read(`kv/${file}`));
    const result = check(operations, kvModel, { ...options, partition: false });
    expect(result.verdict).toBe(expected);
    expect(result.partitions).toBe(1);
    if (expected === 'linearizable') expect(isWitness(operations, result.linearization[0].order)).toBe(true);
    else expect(result.failingPartition?.key).toBeNull();
  });
});
