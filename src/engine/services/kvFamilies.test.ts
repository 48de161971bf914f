/**
 * The MIT 6.824 / 6.5840 key-value service families without crashes or
 * partitions (lab 3A: basic, concurrent, unreliable; lab 3B: snapshots with a
 * bounded state), each over 20 seeds and every protocol in `kvTestProtocols`.
 * Every run checks the protocol's invariants after every event and its client
 * history for linearizability (a verdict of `unknown` fails), and must make
 * real progress. The fault families (partitions, crashes, combinations, the
 * minority partition) are in kvFaults.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { WorldConfig } from '../sim/config';
import type { World } from '../sim/world';
import { createKvService, type KvState } from './kv';
import {
  crashChurn,
  durableFootprint,
  faultRng,
  healEverything,
  kvTestProtocols,
  mergeScripts,
  reliableLinks,
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

const snapshotEveryEntries = 5;
/**
 * 6.824 bounds the persisted state the same way: a few snapshots' worth of
 * entries at most. (A server that just restarted may hold a re-synced suffix
 * for a moment before its next snapshot: OmniPaxos's AcceptSync sends it whole.)
 */
const maxLogEntries = 8 * snapshotEveryEntries;
/** Five clients putting short values into five keys: data and sessions stay a few hundred bytes. */
const maxServiceBytes = 1_000;
const maxDurableValueChars = 4_000;
const kvSizes = createKvService({ forgetSessionsInSnapshots: false });

/**
 * OmniPaxos trims its log only up to what every server has accepted (the
 * paper's trim rule), so while a server is down the others' logs grow; the
 * log bound applies to it once everyone is back (after the heal).
 */
function logBoundApplies(world: World): boolean {
  return world.entry.name !== 'omnipaxos' || world.nowUs() >= 5_500_000;
}

function checkBoundedState(world: World): void {
  const views = world.views();
  for (let node = 0; node < nodeCount; node++) {
    const view = views[node];
    if (view === null) continue;
    const disk = durableFootprint(world, node);
    const inMemory = view.lastIndex - view.snapshotIndex;
    const serviceBytes = kvSizes.sizeBytes(world.serviceState(node) as KvState);
    const where = `n${node + 1} at t=${world.nowUs() / 1000} ms`;
    if (logBoundApplies(world) && inMemory > maxLogEntries) throw new Error(`${where} keeps ${inMemory} log entries in memory (bound ${maxLogEntries})`);
    if (logBoundApplies(world) && disk.listItems > maxLogEntries) throw new Error(`${where} keeps ${disk.listItems} log entries on disk (bound ${maxLogEntries})`);
    if (disk.valueChars > maxDurableValueChars) throw new Error(`${where} keeps ${disk.valueChars} characters of durable values (bound ${maxDurableValueChars})`);
    if (serviceBytes > maxServiceBytes) throw new Error(`${where} holds a service state of ${serviceBytes} bytes (bound ${maxServiceBytes})`);
  }
}

const families: KvFamily[] = [
  {
    // 6.824 TestBasic3A: one client, reliable network.
    name: 'basic',
    build: (seed, protocol) => ({ config: kvWorld(seed, protocol, { clients: { count: 1 } }), script: [] }),
    untilUs: 5_000_000,
    healUs: null,
    minOps: 40,
  },
  {
    // TestConcurrent3A: several clients at once on a few keys.
    name: 'concurrent',
    build: (seed, protocol) => ({ config: kvWorld(seed, protocol, { clients: { count: 5, keys: 3 } }), script: [] }),
    untilUs: 5_000_000,
    healUs: null,
    minOps: 200,
  },
  {
    // TestUnreliable3A: 1–26 ms delays, 10 % of messages lost; here 5 % also delivered twice.
    name: 'unreliable',
    build: (seed, protocol) => ({ config: kvWorld(seed, protocol, { clients: { count: 5, keys: 3 }, network: unreliableLinks }), script: [] }),
    untilUs: 5_000_000,
    healUs: null,
    minOps: 60,
    exercisesExactlyOnce: true,
  },
  {
    // TestSnapshotSize3B / TestSnapshotRecover3B: the service snapshots every few entries, one server at a
    // time crashes and restarts from its snapshot, and neither the log nor the state grows without bound.
    name: 'snapshots',
    build: (seed, protocol) => ({
      config: kvWorld(seed, protocol, { clients: { count: 5, keys: 5, appendRatio: 0 }, snapshotEveryEntries }),
      script: mergeScripts(crashChurn(faultRng(seed, 'snapshots'), nodeCount, 500_000, 5_000_000, 700_000, 500_000), healEverything(nodeCount, 5_000_000, reliableLinks)),
    }),
    untilUs: 6_000_000,
    healUs: 5_000_000,
    minOps: 120,
    minOpsAfterHeal: 30,
    checkEveryUs: 100_000,
    during: (world) => {
      checkBoundedState(world);
      if (world.nowUs() >= 6_000_000) {
        // The bound means something only if far more entries than it were committed, and every log was compacted.
        expect(world.committedCount()).toBeGreaterThan(5 * maxLogEntries);
        for (const view of world.views()) expect(view?.snapshotIndex ?? 0).toBeGreaterThan(0);
      }
    },
  },
];

for (const protocol of protocols) {
  describe(`key-value service over ${protocol} (6.824 lab 3 families)`, () => {
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
