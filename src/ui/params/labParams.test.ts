import { describe, expect, it } from 'vitest';
import { defaultLabConfig, labSearch, parseLabParams, parseSeed } from './labParams';

const protocols = ['raft', 'raft-pv-cq'];

describe('URL parameters', () => {
  it('takes a valid seed, node count, host, protocol and speed', () => {
    const { config, problems } = parseLabParams('?seed=42&nodes=7&host=inprocess&protocol=raft-pv-cq&snapshot=0&speed=2', protocols);
    expect(problems).toEqual([]);
    expect(config).toEqual({ ...defaultLabConfig(), seed: 42, nodeCount: 7, host: 'inprocess', protocol: 'raft-pv-cq', preVote: true, checkQuorum: true, snapshotEveryEntries: 0, speed: 2 });
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

  it.each([
    ['prevote=maybe', 'bad-prevote'],
    ['checkquorum=2', 'bad-checkquorum'],
    ['clients=9', 'bad-clients'],
    ['clients=-1', 'bad-clients'],
    ['bug=eat-the-log', 'bad-bug'],
    ['latency=15..5', 'bad-latency'],
    ['latency=fast', 'bad-latency'],
    ['latency=1..20000', 'bad-latency'],
    ['loss=1.5', 'bad-loss'],
    ['loss=lots', 'bad-loss'],
    ['dup=-0.1', 'bad-dup'],
  ])('explains %s and keeps the default', (query, code) => {
    const { config, problems } = parseLabParams(`?${query}`, protocols);
    expect(problems.map((p) => p.code)).toEqual([code]);
    expect(config).toEqual(defaultLabConfig());
  });

  it('reports every bad parameter, not just the first', () => {
    const { problems } = parseLabParams('?seed=-1&nodes=99&host=x', protocols);
    expect(problems.map((p) => p.code)).toEqual(['bad-seed', 'bad-nodes', 'bad-host']);
  });
});

describe('PreVote and CheckQuorum in the link', () => {
  it('reads raft-pv-cq as both toggles on', () => {
    expect(parseLabParams('?protocol=raft-pv-cq', protocols).config).toMatchObject({ protocol: 'raft-pv-cq', preVote: true, checkQuorum: true });
  });

  it('names the protocol after the toggles: both on is raft-pv-cq, one on is raft with that option', () => {
    expect(parseLabParams('?prevote=on&checkquorum=on', protocols).config).toMatchObject({ protocol: 'raft-pv-cq', preVote: true, checkQuorum: true });
    expect(parseLabParams('?prevote=1', protocols).config).toMatchObject({ protocol: 'raft', preVote: true, checkQuorum: false });
    expect(parseLabParams('?protocol=raft-pv-cq&checkquorum=off', protocols).config).toMatchObject({ protocol: 'raft', preVote: true, checkQuorum: false });
  });

  it('explains a Raft option given to another protocol', () => {
    const { config, problems } = parseLabParams('?protocol=omnipaxos&prevote=on', [...protocols, 'omnipaxos']);
    expect(problems.map((p) => p.code)).toEqual(['raft-option']);
    expect(config).toMatchObject({ protocol: 'omnipaxos', preVote: false, checkQuorum: false });
  });

  it('writes one option on plain raft, and nothing for raft-pv-cq beyond its name', () => {
    expect(labSearch('', { ...defaultLabConfig(), preVote: true })).toBe('?seed=1&prevote=on');
    expect(labSearch('', { ...defaultLabConfig(), protocol: 'raft-pv-cq', preVote: true, checkQuorum: true })).toBe('?seed=1&protocol=raft-pv-cq');
  });
});

describe('clients, bugs and the network in the link', () => {
  it('reads clients, latency, loss and duplication', () => {
    const { config, problems } = parseLabParams('?clients=3&latency=1..26&loss=0.1&dup=5%25', protocols);
    expect(problems).toEqual([]);
    expect(config.clients).toBe(3);
    expect(config.network).toEqual({ latencyMinUs: 1000, latencyMaxUs: 26_000, lossRatio: 0.1, duplicateRatio: 0.05 });
  });

  it('round-trips a non-default network and clients through the link', () => {
    const config = { ...defaultLabConfig(), clients: 4, network: { latencyMinUs: 1000, latencyMaxUs: 26_000, lossRatio: 0.1, duplicateRatio: 0 } };
    expect(parseLabParams(labSearch('', config), protocols).config).toEqual(config);
  });

  it('takes what a bug link leaves out from the bug scenario', () => {
    const { config, problems } = parseLabParams('?bug=stale-reads', protocols);
    expect(problems).toEqual([]);
    expect(config).toMatchObject({ bug: 'stale-reads', nodeCount: 5, clients: 4, snapshotEveryEntries: 0 });
  });

  it('runs a bug caught by an invariant in-process, where invariants are checked, unless the link says otherwise', () => {
    expect(parseLabParams('?bug=vote-without-sync', protocols).config).toMatchObject({ bug: 'vote-without-sync', host: 'inprocess', nodeCount: 3 });
    expect(parseLabParams('?bug=vote-without-sync&host=worker', protocols).config.host).toBe('worker');
  });

  it('lets the link override the bug scenario and round-trips it', () => {
    const { config } = parseLabParams('?bug=stale-reads&seed=3&clients=2', protocols);
    expect(config).toMatchObject({ bug: 'stale-reads', seed: 3, clients: 2 });
    expect(parseLabParams(labSearch('', config), protocols).config).toEqual(config);
  });

  it('names the known bugs when the link has another', () => {
    const { problems } = parseLabParams('?bug=nope', protocols);
    expect(problems[0].text).toContain('"stale-reads"');
    expect(problems[0].text).toContain('started with the correct protocol');
  });
});

describe('the link written back', () => {
  it('always carries the seed and leaves defaults out', () => {
    expect(labSearch('', { ...defaultLabConfig(), seed: 42 })).toBe('?seed=42');
  });

  it('replaces a bad seed, keeps unknown parameters, and writes non-defaults', () => {
    const search = labSearch('?seed=abc&debug=1', { ...defaultLabConfig(), seed: 1, nodeCount: 7, host: 'inprocess' });
    const query = new URLSearchParams(search);
    expect(query.get('seed')).toBe('1');
    expect(query.get('debug')).toBe('1');
    expect(query.get('nodes')).toBe('7');
    expect(query.get('host')).toBe('inprocess');
    expect(query.has('protocol')).toBe(false);
  });
});

describe('a sharded store in the link', () => {
  it('shards=3 is three groups of three and a three-server controller, all joined, in-process, with clerks', () => {
    const { config, problems } = parseLabParams('?seed=5&shards=3', protocols);
    expect(problems).toEqual([]);
    expect(config).toEqual({ ...defaultLabConfig(), seed: 5, shards: { groups: 3, initialGroups: 3 }, nodeCount: 12, host: 'inprocess', clients: 4 });
  });

  it('initial says how many join at the start; clients in the link are kept', () => {
    const { config, problems } = parseLabParams('?shards=3&initial=2&clients=0', protocols);
    expect(problems).toEqual([]);
    expect(config).toMatchObject({ shards: { groups: 3, initialGroups: 2 }, nodeCount: 12, clients: 0 });
  });

  it.each(['0', '7', 'three', '2.5', '-1', ''])('explains shards=%j and starts one replicated group', (raw) => {
    const { config, problems } = parseLabParams(`?shards=${encodeURIComponent(raw)}&initial=1`, protocols);
    expect(problems.map((p) => p.code)).toEqual(['bad-shards']);
    expect(problems[0].text).toContain('started one replicated group instead');
    expect(config).toEqual(defaultLabConfig());
  });

  it.each(['4', 'two', '-1'])('explains initial=%j and joins every group', (raw) => {
    const { config, problems } = parseLabParams(`?shards=3&initial=${raw}`, protocols);
    expect(problems.map((p) => p.code)).toEqual(['bad-initial']);
    expect(config.shards).toEqual({ groups: 3, initialGroups: 3 });
  });

  it('initial without shards is explained and ignored', () => {
    const { config, problems } = parseLabParams('?initial=2', protocols);
    expect(problems.map((p) => p.code)).toEqual(['bad-initial']);
    expect(config).toEqual(defaultLabConfig());
  });

  it('a worker host, a node count or a bug with shards is explained, and the sharded run starts without it', () => {
    const { config, problems } = parseLabParams('?shards=2&host=worker&nodes=5&bug=stale-reads', protocols);
    expect(problems.map((p) => p.code)).toEqual(['shards-host', 'shards-nodes', 'shards-bug']);
    expect(config).toMatchObject({ shards: { groups: 2, initialGroups: 2 }, nodeCount: 9, host: 'inprocess', bug: null });
  });

  it('round-trips through the link, without nodes or host', () => {
    const config = parseLabParams('?seed=8&shards=4&initial=1&protocol=raft-pv-cq', protocols).config;
    const search = labSearch('?nodes=5&host=worker', config);
    const query = new URLSearchParams(search);
    expect(query.get('shards')).toBe('4');
    expect(query.get('initial')).toBe('1');
    expect(query.has('nodes')).toBe(false);
    expect(query.has('host')).toBe(false);
    expect(parseLabParams(search, protocols)).toEqual({ config, problems: [] });
    expect(labSearch('?shards=3&initial=1', defaultLabConfig())).toBe('?seed=1');
  });
});
