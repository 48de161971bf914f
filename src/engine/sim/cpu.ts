/**
 * The CPU service-time model (ARCHITECTURE.md, "The simulated world"). Each
 * replica has one CPU. Handling an input costs `messageUs` (a message or a
 * timer), plus `applyUs` per log entry it applies, plus `clientOpUs` when
 * the input is a client's request. Work queues: a step's outputs leave once
 * the CPU has worked off everything handed to it before, and this step. So a
 * node that is handed more work per second than it can do answers later and
 * later, and with closed-loop clients the group's throughput is capped at
 * what its busiest replica (the leader) can do: an overloaded group is
 * visibly the bottleneck, and spreading shards over more groups helps.
 *
 * State changes are not delayed (the replica decides when the input arrives;
 * only what it says waits for the CPU): a simplification that keeps the
 * model in the coordinator, identical on both hosts, and never shortens a
 * delay below the network's, so the worker host's lookahead still holds.
 * All costs 0 (the default) turns the model off.
 */
import { commitCount, type Effects } from './effects';
import type { CoordinatorState, SimEvent } from './coordinator';
import { serviceMessageType } from '../services/messages';

export interface CpuSettings {
  /** Cost of handling one message or timer, µs. */
  messageUs: number;
  /** Cost of applying one log entry to the service, µs. */
  applyUs: number;
  /** Extra cost of a client request (parsing, proposing, bookkeeping), µs. */
  clientOpUs: number;
}

/** Costs the benchmarks use: a leader doing a client operation spends ~300 µs, so one group tops out near 3,000 ops/s. */
export const benchmarkCpu: Readonly<CpuSettings> = Object.freeze({ messageUs: 20, applyUs: 10, clientOpUs: 120 });

export function validateCpu(cpu: Partial<CpuSettings> | undefined): string[] {
  if (cpu === undefined) return [];
  const problems: string[] = [];
  for (const key of ['messageUs', 'applyUs', 'clientOpUs'] as const) {
    const v = cpu[key];
    if (v !== undefined && !(Number.isInteger(v) && v >= 0 && v <= 1_000_000)) problems.push(`cpu.${key}: must be a whole number of microseconds from 0 to 1000000`);
  }
  return problems;
}

export function cpuModelOf(cpu: Partial<CpuSettings> | undefined): CpuSettings | null {
  const full: CpuSettings = { messageUs: cpu?.messageUs ?? 0, applyUs: cpu?.applyUs ?? 0, clientOpUs: cpu?.clientOpUs ?? 0 };
  return full.messageUs === 0 && full.applyUs === 0 && full.clientOpUs === 0 ? null : full;
}

/** Charge one step's work to its replica's CPU; returns how long after now its outputs leave. */
export function chargeCpu(c: CoordinatorState, cpu: CpuSettings, node: number, ev: SimEvent | null, e: Effects): number {
  let cost = commitCount(e) * cpu.applyUs;
  if (ev !== null) {
    cost += cpu.messageUs;
    if (ev.kind === 1 /* EventKind.deliver; a value import would be circular */ && serviceMessageType(ev.msg) === 'ClientRequest') cost += cpu.clientOpUs;
  }
  if (cost === 0) return Math.max(0, c.busyUntilUs[node] - c.nowUs);
  const start = Math.max(c.nowUs, c.busyUntilUs[node]);
  c.busyUntilUs[node] = start + cost;
  c.cpuBusyUs[node] += cost;
  return start + cost - c.nowUs;
}
