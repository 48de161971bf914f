/**
 * 6.824 lab 2C persistence families through the simulator: crashes lose
 * volatile state and unsynced writes; restarted nodes rebuild from what was
 * synced and the cluster keeps every committed entry.
 */
import { describe, it } from 'vitest';
import {
  checkOneLeader,
  connect,
  crash,
  disconnect,
  forSeeds,
  one,
  restart,
  seeds,
  waitApplied,
  type Harness,
} from './testing/worldKit';

const electionTimeoutUs = 300_000;

/** 6.824 start1 on a running server: power loss and immediate restart. */
function crashRestart(h: Harness, node: number): void {
  crash(h, node);
  restart(h, node);
}

describe('6.824 2C: persistence', () => {
  it('persist 1: whole-cluster and single-node crash-restarts keep agreement', () => {
    forSeeds('persist 1', seeds(20), (seed, start) => {
      const h = start({ seed, protocol: 'raft', nodeCount: 3 });
      one(h, 3, true);
      for (let i = 0; i < 3; i++) crashRestart(h, i);
      for (let i = 0; i < 3; i++) {
        disconnect(h, i);
        connect(h, i);
      }
      one(h, 3, true);
      const leader1 = checkOneLeader(h);
      disconnect(h, leader1);
      crashRestart(h, leader1);
      connect(h, leader1);
      one(h, 3, true);
      const leader2 = checkOneLeader(h);
      disconnect(h, leader2);
      const p = one(h, 2, true);
      crashRestart(h, leader2);
      connect(h, leader2);
      // Wait for leader2 to catch up before killing the next one.
      waitApplied(h, p.index, 3);
      const i3 = (checkOneLeader(h) + 1) % 3;
      disconnect(h, i3);
      one(h, 2, true);
      crashRestart(h, i3);
      connect(h, i3);
      one(h, 3, true);
    });
  });

  it('persist 2: five servers, rolling partitions and crashes', () => {
    forSeeds('persist 2', seeds(20), (seed, start) => {
      const h = start({ seed, protocol: 'raft', nodeCount: 5 });
      for (let iteration = 0; iteration < 5; iteration++) {
        one(h, 5, true);
        const leader1 = checkOneLeader(h);
        const at = (k: number) => (leader1 + k) % 5;
        disconnect(h, at(1));
        disconnect(h, at(2));
        one(h, 3, true);
        disconnect(h, at(0));
        disconnect(h, at(3));
        disconnect(h, at(4));
        crashRestart(h, at(1));
        crashRestart(h, at(2));
        connect(h, at(1));
        connect(h, at(2));
        h.w.runFor(electionTimeoutUs);
        crashRestart(h, at(3));
        connect(h, at(3));
        one(h, 3, true);
        connect(h, at(4));
        connect(h, at(0));
      }
      one(h, 5, true);
    });
  });

  it('persist 3: a majority crashes with a partition in place, and recovers everything', () => {
    forSeeds('persist 3', seeds(20), (seed, start) => {
      const h = start({ seed, protocol: 'raft', nodeCount: 3 });
      one(h, 3, false);
      const leader = checkOneLeader(h);
      disconnect(h, (leader + 2) % 3);
      one(h, 2, false);
      crash(h, leader);
      crash(h, (leader + 1) % 3);
      connect(h, (leader + 2) % 3);
      restart(h, leader);
      one(h, 2, true);
      restart(h, (leader + 1) % 3);
      one(h, 3, true);
    });
  });
});
