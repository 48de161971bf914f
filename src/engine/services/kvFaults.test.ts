/**
 * The MIT 6.824 / 6.5840 key-value service families with faults: random
 * re-partitions every second, crashes one server at a time, every server
 * crashing at once (persistence), and everything together over an unreliable
 * network with snapshots. Each runs 20 seeds over every protocol in
 * `kvTestProtocols`, with invariants checked after every event, the client
 * history required to be linearizable (`unknown` fails), and progress both
 * during the faults and after they heal. Last, 6.824's TestOnePartition3A:
 * a minority partition makes no progress and completes the pending
 * operation after healing.
 */
import { describe, expect, it } from 'vitest';
import type { WorldConfig } from '../sim/config';
import type { World } from '../sim/world';
import {
  clerkLink,
  crashChurn,
  durableFootprint,
  faultRng,
  forKvSeeds,
  fullRestarts,
  healEverything,
  kvTestProtocols,
  mergeScripts,
    partitionStorm,
  reliableLinks,
  requireAtLeast,
  requireLinearizable,
  runKvFamily,
  seedRange,
  unreliableLinks,
  type KvFamily,
} from './kvTestkit';

const protocols = kvTestProtocols;
const seeds = seedRange(20);
const nodeCount = 5;

function kvWorld(seed: number, protocol: string, rest: Omit<WorldConfig, 'seed' | 'protocol' | 'nodeCount'>): WorldConfig {
  return { seed, protocol, nodeCount, ...rest };
}

const faultsEndUs = 8_000_000;
/**
 * Time allowed after the heal. Without PreVote a server with a stale log can
 * win the race to time out several elections in a row, so a leader whose log
 * others accept may take a few election timeouts to appear.
 */
const recoveryUs = 2_500_000;

/** The combination family snapshots every 10 entries; after the heal every log is back under this. */
const comboMaxLogEntries = 4 * 10;

function checkLogsBoundedAfterHeal(world: World): void {
  if (world.nowUs() < faultsEndUs + recoveryUs) return;
  const views = world.views();
  for (let node = 0; node < nodeCount; node++) {
    const view = views[node];
    if (view === null) throw new Error(`n${node + 1} is down after the heal`);
    const onDisk = durableFootprint(world, node).listItems;
    const inMemory = view.lastIndex - view.snapshotIndex;
    if (Math.max(onDisk, inMemory) > comboMaxLogEntries) {
      throw new Error(`n${node + 1} keeps ${inMemory} log entries in memory and ${onDisk} on disk after the heal (bound ${comboMaxLogEntries})`);
    }
  }
}

const families: KvFamily[] = [
  {
    // 6.824 TestManyPartitionsOneClient3A / TestManyPartitionsManyClients3A: re-partition at random
    // about every second (clients still reach every server), heal at the end.
    name: 'many partitions',
    build: (seed, protocol) => ({
      config: kvWorld(seed, protocol, { clients: { count: 5, keys: 3 } }),
      script: mergeScripts(partitionStorm(faultRng(seed, 'partitions'), nodeCount, 500_000, faultsEndUs, 1_000_000), healEverything(nodeCount, faultsEndUs, reliableLinks)),
    }),
    untilUs: faultsEndUs + recoveryUs,
    healUs: faultsEndUs,
    minOps: 100,
    minOpsAfterHeal: 10,
  },
  {
    // TestPersistOneClient3A with one server at a time: crash a server, restart it from its disk a little
    // later; at most two are down at once, so a majority is usually up.
    name: 'persistence (crash and restart servers)',
    build: (seed, protocol) => ({
      config: kvWorld(seed, protocol, { clients: { count: 5, keys: 3 } }),
      script: mergeScripts(crashChurn(faultRng(seed, 'crashes'), nodeCount, 500_000, faultsEndUs, 500_000, 400_000, 2), healEverything(nodeCount, faultsEndUs, reliableLinks)),
    }),
    untilUs: faultsEndUs + recoveryUs,
    healUs: faultsEndUs,
    minOps: 150,
    minOpsAfterHeal: 30,
    exercisesExactlyOnce: true,
  },
  {
    // TestPersistConcurrent3A: every server crashes at once each second and all restart 100 ms later;
    // everything the service acknowledged must come back from the disks.
    name: 'persistence (all servers crash at once)',
    build: (seed, protocol) => ({
      config: kvWorld(seed, protocol, { clients: { count: 5, keys: 3 } }),
      script: mergeScripts(fullRestarts(nodeCount, 1_000_000, faultsEndUs, 1_000_000, 100_000), healEverything(nodeCount, faultsEndUs, reliableLinks)),
    }),
    untilUs: faultsEndUs + recoveryUs,
    healUs: faultsEndUs,
    minOps: 120,
    minOpsAfterHeal: 30,
    exercisesExactlyOnce: true,
  },
  {
    // TestSnapshotUnreliableRecoverConcurrentPartitionLinearizable3B: unreliable links with duplicates,
    // random partitions, crashes one at a time, one full restart, snapshots every 10 entries.
    name: 'combination (unreliable, partitions, crashes, snapshots)',
    build: (seed, protocol) => {
      const rng = faultRng(seed, 'combination');
      const partitions = partitionStorm(rng, nodeCount, 500_000, faultsEndUs, 1_000_000);
      const crashes = crashChurn(rng, nodeCount, 700_000, faultsEndUs, 600_000, 400_000);
      const everyone = fullRestarts(nodeCount, 4_000_000, 4_150_000, 1_000_000, 150_000);
      return {
        config: kvWorld(seed, protocol, { clients: { count: 5, keys: 3 }, network: unreliableLinks, snapshotEveryEntries: 10 }),
        script: mergeScripts(partitions, crashes, everyone, healEverything(nodeCount, faultsEndUs, unreliableLinks)),
      };
    },
    untilUs: faultsEndUs + recoveryUs,
    healUs: faultsEndUs,
    minOps: 25,
    minOpsAfterHeal: 10,
    exercisesExactlyOnce: true,
    checkEveryUs: faultsEndUs + recoveryUs,
    during: checkLogsBoundedAfterHeal,
  },
];

for (const protocol of protocols) {
  describe(`key-value service with faults over ${protocol} (6.824 lab 3 families)`, () => {
    for (const family of families) {
      it(`${family.name}: ${seeds.length} seeds, every history linearizable`, () => {
        const { ops, duplicatesAnswered } = runKvFamily(family, protocol, seeds);
        expect(ops).toHaveLength(seeds.length);
        if (family.exercisesExactlyOnce === true) {
          expect(duplicatesAnswered.reduce((a, b) => a + b, 0), 'committed duplicates answered from the exactly-once table').toBeGreaterThan(0);
        }
      });
    }
  });
}

/**
 * TestOnePartition3A. Clerk c1 can reach only the two servers of a minority
 * partition and clerk c2 only the three of the majority (a clerk is cut off
 * from a server by a loss ratio of 1 on their links, see `clerkLink`). On
 * even seeds the minority holds the leader, on odd seeds two followers.
 */
const partitionAtUs = 1_000_000;
const partitionForUs = 2_000_000;
/** Replies already on their way when the partition starts may still arrive (latency is at most 15 ms). */
const inFlightGraceUs = 50_000;
const minorityClerk = 0;
const majorityClerk = 1;

function minorityMax(world: World, minority: readonly number[], field: 'commitIndex' | 'lastIndex'): number {
  const views = world.views();
  return Math.max(...minority.map((node) => views[node]?.[field] ?? 0));
}

function runOnePartition(seed: number, world: World): void {
  world.runUntil(partitionAtUs);
  const leader = world.leader();
  if (leader === null) throw new Error(`no leader at ${partitionAtUs / 1000} ms`);
  const minority = seed % 2 === 0 ? [leader, (leader + 1) % nodeCount] : [(leader + 1) % nodeCount, (leader + 2) % nodeCount];
  const majority = Array.from({ length: nodeCount }, (_, n) => n).filter((n) => !minority.includes(n));
  const named = `{${minority.map((n) => `n${n + 1}`).join(',')}}`;
  world.act({ type: 'partition', groups: [minority, majority] });
  for (const node of majority) for (const action of clerkLink(nodeCount, minorityClerk, node, false)) world.act(action);
  for (const node of minority) for (const action of clerkLink(nodeCount, majorityClerk, node, false)) world.act(action);
  // Entries the minority held before the cut may already be on a majority and may still commit
  // (the leader learns of the last acknowledgements from inside the minority); nothing appended later may.
  const heldBefore = minorityMax(world, minority, 'lastIndex');

  const healAtUs = partitionAtUs + partitionForUs;
  const settledAtUs = partitionAtUs + 100_000;
  world.runUntil(settledAtUs);
  const settled = minorityMax(world, minority, 'commitIndex');
  if (settled > heldBefore) throw new Error(`the minority ${named} committed index ${settled}, appended after the partition (it held ${heldBefore})`);
  for (let t = settledAtUs + 100_000; t <= healAtUs; t += 100_000) {
    world.runUntil(t);
    const commit = minorityMax(world, minority, 'commitIndex');
    if (commit !== settled) throw new Error(`the minority ${named} moved its commit index from ${settled} to ${commit} at t=${t / 1000} ms while partitioned`);
  }
  expect(world.committedCount(), 'the majority kept committing').toBeGreaterThan(heldBefore);
  const history = world.history();
  const clerkOps = (client: number) => history.filter((op) => op.client === client);
  const stuck = clerkOps(minorityClerk).filter((op) => op.returnUs !== null && op.returnUs >= partitionAtUs + inFlightGraceUs && op.returnUs < healAtUs);
  if (stuck.length > 0) throw new Error(`the minority clerk completed ${stuck.length} operations while partitioned`);
  const majorityDone = clerkOps(majorityClerk).filter((op) => op.returnUs !== null && op.returnUs >= partitionAtUs && op.returnUs < healAtUs).length;
  requireAtLeast('operations the majority clerk completed while partitioned', majorityDone, 10);
  const pending = clerkOps(minorityClerk).filter((op) => op.invokeUs < healAtUs && op.returnUs === null);
  if (pending.length !== 1) throw new Error(`the minority clerk has ${pending.length} operations pending at the heal, expected 1`);
  const pendingIndex = history.indexOf(pending[0]);

  world.act({ type: 'healAll' });
  world.act({ type: 'setNetwork', from: null, to: null, lossRatio: 0 });
  world.runUntil(healAtUs + 3_000_000);
  const done = world.history()[pendingIndex];
  if (done.returnUs === null) throw new Error(`the pending ${done.kind} of the minority clerk did not complete within 3 s of the heal`);
  expect(done.returnUs).toBeGreaterThan(healAtUs);
  requireLinearizable(world);
}

for (const protocol of protocols) {
  describe(`key-value service over ${protocol}: a minority partition (6.824 TestOnePartition3A)`, () => {
    it(`makes no progress and completes the pending operation after healing, ${seeds.length} seeds`, () => {
      forKvSeeds('one partition', protocol, seeds, (seed, start) => {
        runOnePartition(seed, start(kvWorld(seed, protocol, { clients: { count: 2, keys: 2 } })));
      });
    });
  });
}
