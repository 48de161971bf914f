import { describe, expect, it } from 'vitest';
import { labSearch, parseLabParams, parseSeed } from './labParams';

const protocols = ['raft', 'raft-pv-cq'];

describe('URL parameters', () => {
  it('takes a valid seed, node count, host, protocol and speed', () => {
    const { config, problems } = parseLabParams('?seed=42&nodes=7&host=inprocess&protocol=raft-pv-cq&snapshot=0&speed=2', protocols);
    expect(problems).toEqual([]);
    expect(config).toEqual({ seed: 42, nodeCount: 7, host: 'inprocess', protocol: 'raft-pv-cq', snapshotEveryEntries: 0, speed: 2 });
  });

  it('uses the defaults when the link says nothing', () => {
    const { config, problems } = parseLabParams('', protocols);
    expect(problems).toEqual([]);
    expect(config).toMatchObject({ seed: 1, nodeCount: 5, host: 'worker', protocol: 'raft' });
  });

  it('explains a seed that is not a whole number and starts seed 1', () => {
    const { config, problems } = parseLabParams('?seed=abc', protocols);
    expect(config.seed).toBe(1);
    expect(problems).toEqual([{ code: 'bad-seed', text: 'The seed in the link, "abc", is not a whole number from 0 to 2^53; started seed 1 instead.' }]);
  });

  it.each(['-3', '1.5', '9007199254740992', '1e3', '', ' ', '0x10', '12abc'])('refuses the seed %j', (raw) => {
    expect(parseSeed(raw)).toBeNull();
    expect(parseLabParams(`?seed=${encodeURIComponent(raw)}`, protocols).problems.map((p) => p.code)).toEqual(['bad-seed']);
  });

  it('accepts 0 and 2^53 − 1 as seeds', () => {
    expect(parseSeed('0')).toBe(0);
    expect(parseSeed('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('shortens a huge bad value in the message', () => {
    const { problems } = parseLabParams(`?seed=${'x'.repeat(500)}`, protocols);
    expect(problems[0].text.length).toBeLessThan(160);
  });

  it.each([
    ['nodes=2', 'bad-nodes'],
    ['nodes=10', 'bad-nodes'],
    ['nodes=five', 'bad-nodes'],
    ['host=gpu', 'bad-host'],
    ['protocol=paxos', 'bad-protocol'],
    ['snapshot=-1', 'bad-snapshot'],
    ['snapshot=often', 'bad-snapshot'],
    ['speed=0', 'bad-speed'],
    ['speed=1000', 'bad-speed'],
  ])('explains %s and keeps the default', (query, code) => {
    const { config, problems } = parseLabParams(`?${query}`, protocols);
    expect(problems.map((p) => p.code)).toEqual([code]);
    expect(config).toMatchObject({ nodeCount: 5, host: 'worker', protocol: 'raft' });
  });

  it('reports every bad parameter, not just the first', () => {
    const { problems } = parseLabParams('?seed=-1&nodes=99&host=x', protocols);
    expect(problems.map((p) => p.code)).toEqual(['bad-seed', 'bad-nodes', 'bad-host']);
  });
});

describe('the link written back', () => {
  it('always carries the seed and leaves defaults out', () => {
    expect(labSearch('', { seed: 42, nodeCount: 5, host: 'worker', protocol: 'raft', snapshotEveryEntries: 10, speed: 0.1 })).toBe('?seed=42');
  });

  it('replaces a bad seed, keeps unknown parameters, and writes non-defaults', () => {
    const search = labSearch('?seed=abc&debug=1', { seed: 1, nodeCount: 7, host: 'inprocess', protocol: 'raft', snapshotEveryEntries: 10, speed: 0.1 });
    const query = new URLSearchParams(search);
    expect(query.get('seed')).toBe('1');
    expect(query.get('debug')).toBe('1');
    expect(query.get('nodes')).toBe('7');
    expect(query.get('host')).toBe('inprocess');
    expect(query.has('protocol')).toBe(false);
  });
});
