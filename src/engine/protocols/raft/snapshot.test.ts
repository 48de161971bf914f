/**
 * 6.824 lab 2D snapshot families through the simulator: the service snapshots
 * every few entries, logs stay short, and a follower that fell behind the
 * leader's snapshot (disconnected or crashed) is brought back with
 * InstallSnapshot, over reliable and unreliable links.
 */
import { describe, expect, it } from 'vitest';
import {
  checkOneLeader,
  connect,
  crash,
  disconnect,
  fail,
  forSeeds,
  one,
  propose,
  randomInt,
  raftState,
  restart,
  seeds,
  unreliableNetwork,
  type Harness,
} from './testing/worldKit';

const snapshotEveryEntries = 10;
/** Entries a log may hold beyond the last snapshot (6.824 bounds the persisted state the same way). */
const maxLogEntries = 4 * snapshotEveryEntries;

function checkLogSizes(h: Harness): void {
  for (let node = 0; node < h.n; node++) {
    if (!h.up[node]) continue;
    const inMemory = raftState(h, node).log.length;
    const onDisk = (h.w.machine(node).disk.lists['log'] ?? []).length;
    if (inMemory > maxLogEntries || onDisk > maxLogEntries) {
      fail(`n${node + 1} keeps ${inMemory} entries in memory and ${onDisk} on disk (bound ${maxLogEntries})`);
    }
  }
}

function countInstalls(h: Harness, fromTrace: number): number {
  return h.w.trace(fromTrace, 1_000_000).filter((r) => r.kind === 'note' && r.label === 'install-snapshot').length;
}

type Fault = 'none' | 'disconnect' | 'crash';

/** 6.824 snapcommon: a victim misses more than a snapshot's worth of entries, then rejoins. */
function snapCommon(h: Harness, fault: Fault): number {
  one(h, h.n, true);
  let leader1 = checkOneLeader(h);
  let installs = 0;
  for (let i = 0; i < 30; i++) {
    let victim = (leader1 + 1) % h.n;
    let sender = leader1;
    if (i % 3 === 1) {
      sender = (leader1 + 1) % h.n;
      victim = leader1;
    }
    if (fault === 'disconnect') {
      disconnect(h, victim);
      one(h, h.n - 1, true);
    }
    if (fault === 'crash') {
      crash(h, victim);
      one(h, h.n - 1, true);
    }
    // Perhaps send enough to get a snapshot.
    const count = snapshotEveryEntries / 2 + randomInt(h, 0, snapshotEveryEntries - 1);
    for (let k = 0; k < count; k++) if (h.up[sender]) propose(h, sender);
    // Let the appliers catch up with the proposals.
    if (fault === 'none') one(h, h.n, true);
    else one(h, h.n - 1, true);
    checkLogSizes(h);
    const traceFrom = h.w.traceCount();
    if (fault === 'disconnect') {
      connect(h, victim);
      one(h, h.n, true);
      leader1 = checkOneLeader(h);
    }
    if (fault === 'crash') {
      restart(h, victim);
      connect(h, victim);
      one(h, h.n, true);
      leader1 = checkOneLeader(h);
    }
    installs += countInstalls(h, traceFrom);
  }
  return installs;
}

describe('6.824 2D: snapshots', () => {
  it('basic: logs stay bounded while the service snapshots every 10 entries', () => {
    forSeeds('snapshot basic', seeds(20), (seed, start) => {
      snapCommon(start({ seed, protocol: 'raft', nodeCount: 3, snapshotEveryEntries }), 'none');
    });
  });

  for (const [name, fault, unreliable] of [
    ['install (disconnect)', 'disconnect', false],
    ['install (disconnect, unreliable)', 'disconnect', true],
    ['install (crash)', 'crash', false],
    ['install (crash, unreliable)', 'crash', true],
  ] as const) {
    it(`${name}: a follower behind the leader's snapshot gets InstallSnapshot`, () => {
      const installs: number[] = [];
      forSeeds(`snapshot ${name}`, seeds(20), (seed, start) => {
        const h = start({ seed, protocol: 'raft', nodeCount: 3, snapshotEveryEntries, network: unreliable ? unreliableNetwork : undefined });
        installs.push(snapCommon(h, fault));
      });
      // Every seed must really exercise InstallSnapshot, not only catch up by entries.
      expect(Math.min(...installs)).toBeGreaterThan(0);
    });
  }

  it('all crash: every server crashes and restarts from its snapshot, repeatedly', () => {
    forSeeds('snapshot all crash', seeds(20), (seed, start) => {
      const h = start({ seed, protocol: 'raft', nodeCount: 3, snapshotEveryEntries, network: unreliableNetwork });
      one(h, 3, true);
      for (let i = 0; i < 5; i++) {
        const count = snapshotEveryEntries / 2 + randomInt(h, 0, snapshotEveryEntries - 1);
        for (let k = 0; k < count; k++) one(h, 3, true);
        const index1 = one(h, 3, true).index;
        for (let node = 0; node < 3; node++) crash(h, node);
        for (let node = 0; node < 3; node++) restart(h, node);
        const index2 = one(h, 3, true).index;
        if (index2 < index1 + 1) fail(`index decreased from ${index1} to ${index2}`);
      }
      for (let node = 0; node < 3; node++) {
        if (raftState(h, node).snapshotIndex === 0) fail(`n${node + 1} never restarted from a snapshot`);
      }
    });
  });

  it('init: a snapshot taken before a full restart is used at boot', () => {
    forSeeds('snapshot init', seeds(20), (seed, start) => {
      const h = start({ seed, protocol: 'raft', nodeCount: 3, snapshotEveryEntries });
      one(h, 3, true);
      for (let i = 0; i < snapshotEveryEntries + 1; i++) one(h, 3, true);
      for (let node = 0; node < 3; node++) crash(h, node);
      for (let node = 0; node < 3; node++) restart(h, node);
      one(h, 3, true);
      for (let node = 0; node < 3; node++) crash(h, node);
      for (let node = 0; node < 3; node++) restart(h, node);
      const p = one(h, 3, true);
      for (let node = 0; node < 3; node++) {
        const s = raftState(h, node);
        if (s.snapshotIndex < snapshotEveryEntries) fail(`n${node + 1} has no snapshot after ${p.index} entries`);
      }
    });
  });
});
