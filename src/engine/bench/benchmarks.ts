/**
 * The named benchmarks (README, "Benchmarks"). Each is one or more series;
 * a series is a world config (a sharded store with the CPU model on) plus
 * a load, run until a number of operations have completed after a warm-up.
 *
 * - `A`, `B`, `C` (the OmniPaxos sharded-KV report): two 3-server groups and
 *   100 closed-loop clients. A: every shard in one group (only g1 joins).
 *   B: the shards evenly over both groups, uniform keys. C: both groups, but
 *   80 % of operations go to the keys of g1's shards. Expected: throughput
 *   B > C > A and median latency A > C > B (one overloaded group is the
 *   bottleneck).
 * - `serial`, `concurrent`, `sharded` (the Raft sharded-KV report's table):
 *   1 client on one group; 100 clients on one group; 100 clients over three
 *   groups. Expected: concurrency raises throughput by an order of magnitude
 *   at a modest latency cost; sharding beats concurrency once one group's
 *   CPU is the bottleneck.
 * - `raft-vs-omnipaxos`: the load of B on both protocols.
 * - `uniform-vs-hotspot`: B with uniform keys, and with Zipf(0.99) keys.
 * - `failover`: B with g1's leader crashed for a second mid-run (the fault is
 *   shaded on the throughput-over-time chart).
 */
import type { WorldConfig } from '../sim/config';
import type { KeyDistribution } from '../clients/workload';
import { benchmarkCpu, type CpuSettings } from '../sim/cpu';

export interface BenchKnobs {
  protocol: string;
  seed: number;
  /** Operations to complete after the warm-up, per series. */
  ops: number;
  /** Clients (where the benchmark does not fix it). */
  clients: number;
  /** Open loop: operations per virtual second over all clients (0: closed loop, each client waits for its answer). */
  openLoopOpsPerSecond: number;
  readRatio: number;
  thinkTimeUs: number;
  keys: number;
  valueBytes: number;
  cpu: CpuSettings;
  /** Link latency range, µs. */
  latencyMinUs: number;
  latencyMaxUs: number;
}

export const defaultBenchKnobs: Readonly<BenchKnobs> = Object.freeze({
  protocol: 'raft',
  seed: 1,
  ops: 5_000,
  clients: 100,
  openLoopOpsPerSecond: 0,
  readRatio: 0.5,
  thinkTimeUs: 0,
  keys: 1_000,
  valueBytes: 16,
  cpu: { ...benchmarkCpu },
  latencyMinUs: 1_000,
  latencyMaxUs: 3_000,
});

export interface BenchSeries {
  /** Label of the series in charts and CSV files, e.g. `A`, `raft`, `zipf`. */
  name: string;
  protocol: string;
  config: WorldConfig;
  /** Faults during the measurement, each shaded on the throughput-over-time chart. */
  faults?: BenchFault[];
}

/** A fault of a benchmark: at `atUs` (virtual, from the start) crash the leader of group `gid` for `durationUs`. */
export interface BenchFault {
  kind: 'crash-leader';
  gid: number;
  atUs: number;
  durationUs: number;
}

export interface BenchmarkDefinition {
  name: string;
  title: string;
  /** One sentence: what is measured and what to expect. */
  description: string;
  series(knobs: BenchKnobs): BenchSeries[];
}

interface StoreShape {
  groups: number;
  initialGroups: number;
  clients: number;
  keyDistribution?: KeyDistribution;
  hotShards?: number[];
}

function storeConfig(k: BenchKnobs, protocol: string, shape: StoreShape): WorldConfig {
  return {
    seed: k.seed,
    protocol,
    nodeCount: 0,
    shards: { groupSizes: new Array<number>(shape.groups).fill(3), initialGroups: shape.initialGroups, shardCount: 10 },
    clients: {
      count: shape.clients,
      keys: k.keys,
      readRatio: k.readRatio,
      appendRatio: 0,
      thinkTimeUs: k.thinkTimeUs,
      valueBytes: k.valueBytes,
      requestTimeoutUs: 1_000_000,
      keyDistribution: shape.keyDistribution ?? 'uniform',
      hotShards: shape.hotShards ?? [],
      hotFraction: 0.8,
      openLoopOpsPerSecond: k.openLoopOpsPerSecond,
    },
    network: { latencyMinUs: k.latencyMinUs, latencyMaxUs: k.latencyMaxUs },
    cpu: { ...k.cpu },
    // Benchmarks measure; they do not travel in time: no checkpoints, a small trace window.
    checkpointMinEvents: 1e12,
    traceCapacity: 1 << 10,
  };
}

/** With two groups the controller gives g1 shards 0–4 and g2 shards 5–9 (rebalance.ts). */
const g1ShardsOfTwo = [0, 1, 2, 3, 4];

export const benchmarks: readonly BenchmarkDefinition[] = [
  {
    name: 'A',
    title: 'A: all shards in one group',
    description: 'Two groups exist, but only g1 joins: it serves every shard and its leader is the bottleneck. Expect the lowest throughput and the highest latency.',
    series: (k) => [{ name: 'A', protocol: k.protocol, config: storeConfig(k, k.protocol, { groups: 2, initialGroups: 1, clients: k.clients }) }],
  },
  {
    name: 'B',
    title: 'B: shards evenly over two groups',
    description: 'Both groups join and share the ten shards; keys are uniform, so each leader does half the work. Expect the highest throughput and the lowest latency.',
    series: (k) => [{ name: 'B', protocol: k.protocol, config: storeConfig(k, k.protocol, { groups: 2, initialGroups: 2, clients: k.clients }) }],
  },
  {
    name: 'C',
    title: 'C: two groups, most requests to one',
    description: 'Both groups join, but 80 % of operations go to keys of g1’s shards: g1 is overloaded while g2 idles. Expect throughput and latency between A and B.',
    series: (k) => [{ name: 'C', protocol: k.protocol, config: storeConfig(k, k.protocol, { groups: 2, initialGroups: 2, clients: k.clients, keyDistribution: 'hot-shards', hotShards: g1ShardsOfTwo }) }],
  },
  {
    name: 'serial',
    title: 'serial: one client, one group',
    description: 'A single closed-loop client against one 3-server group: latency is the network and replication round trips, throughput one operation per round.',
    series: (k) => [{ name: 'serial', protocol: k.protocol, config: storeConfig(k, k.protocol, { groups: 1, initialGroups: 1, clients: 1 }) }],
  },
  {
    name: 'concurrent',
    title: 'concurrent: many clients, one group',
    description: 'The clients (100 by default) against one group: throughput rises by an order of magnitude until the leader’s CPU is saturated, latency rises modestly.',
    series: (k) => [{ name: 'concurrent', protocol: k.protocol, config: storeConfig(k, k.protocol, { groups: 1, initialGroups: 1, clients: k.clients }) }],
  },
  {
    name: 'sharded',
    title: 'sharded: many clients over three groups',
    description: 'The same clients over three groups: no single leader is the bottleneck, so throughput beats `concurrent`.',
    series: (k) => [{ name: 'sharded', protocol: k.protocol, config: storeConfig(k, k.protocol, { groups: 3, initialGroups: 3, clients: k.clients }) }],
  },
  {
    name: 'raft-vs-omnipaxos',
    title: 'Raft versus OmniPaxos',
    description: 'The load of B on Raft and on OmniPaxos, same seed and costs.',
    series: (k) => ['raft', 'omnipaxos'].map((protocol) => ({ name: protocol, protocol, config: storeConfig(k, protocol, { groups: 2, initialGroups: 2, clients: k.clients }) })),
  },
  {
    name: 'failover',
    title: 'Failover: a group leader crashes',
    description: 'The load of B; 1 s into the measurement g1’s leader crashes, and restarts 1 s later. The chart shades the fault. Closed-loop clients pile up on g1’s keys one by one, so the total falls to zero, and comes back once g1 has a new leader and the clients’ 1 s request timeouts send them to it.',
    series: (k) => [
      {
        name: 'failover',
        protocol: k.protocol,
        config: storeConfig(k, k.protocol, { groups: 2, initialGroups: 2, clients: k.clients }),
        faults: [{ kind: 'crash-leader', gid: 1, atUs: 2_000_000, durationUs: 1_000_000 }],
      },
    ],
  },
  {
    name: 'uniform-vs-hotspot',
    title: 'Uniform versus hotspot keys',
    description: 'The load of B with uniform keys and with Zipf(0.99) keys: a few hot keys concentrate on a few shards.',
    series: (k) => [
      { name: 'uniform', protocol: k.protocol, config: storeConfig(k, k.protocol, { groups: 2, initialGroups: 2, clients: k.clients }) },
      { name: 'zipf', protocol: k.protocol, config: storeConfig(k, k.protocol, { groups: 2, initialGroups: 2, clients: k.clients, keyDistribution: 'zipf' }) },
    ],
  },
];

export const benchmarkNames: readonly string[] = benchmarks.map((b) => b.name);

export function benchmarkNamed(name: string): BenchmarkDefinition | undefined {
  return benchmarks.find((b) => b.name === name);
}
