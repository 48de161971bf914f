/**
 * The OmniPaxos paper's Table 1, live: each partial-connectivity scenario
 * run on each protocol over a range of seeds, summarised as "recovered in X
 * ms" or "no progress", with leader changes and operations decided during
 * the partition.
 */
import { partialConnectivityIds, builtInScenario } from './index';
import { runScenario } from '../engine/scenario/run';

export interface Table1Run {
  seed: number;
  downtimeMs: number | null;
  leaderChanges: number;
  decidedDuringPartition: number;
}

export interface Table1Cell {
  scenario: string;
  protocol: string;
  runs: Table1Run[];
  /** Seeds on which some operation proposed after the final cut was decided during the partition. */
  recovered: number;
  medianDowntimeMs: number | null;
  maxDowntimeMs: number | null;
  medianLeaderChanges: number;
  medianDecided: number;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export function table1Cell(scenarioId: string, protocol: string, seeds: readonly number[]): Table1Cell {
  const scenario = builtInScenario(scenarioId);
  if (scenario === undefined) throw new Error(`unknown scenario ${scenarioId}`);
  const runs = seeds.map((seed): Table1Run => {
    const r = runScenario(scenario, { protocol, seed });
    const f = r.fault;
    if (f === null) throw new Error(`scenario ${scenarioId} marks no fault`);
    if (r.violation !== null) throw new Error(`${scenarioId} on ${protocol}, seed ${seed}: ${r.violation}`);
    return { seed, downtimeMs: f.downtimeMs, leaderChanges: f.leaderChanges, decidedDuringPartition: f.decidedDuringPartition };
  });
  const downtimes = runs.filter((r) => r.downtimeMs !== null).map((r) => r.downtimeMs as number);
  return {
    scenario: scenarioId,
    protocol,
    runs,
    recovered: downtimes.length,
    medianDowntimeMs: median(downtimes),
    maxDowntimeMs: downtimes.length === 0 ? null : Math.max(...downtimes),
    medianLeaderChanges: median(runs.map((r) => r.leaderChanges)) ?? 0,
    medianDecided: median(runs.map((r) => r.decidedDuringPartition)) ?? 0,
  };
}

/** Every cell, scenario by scenario; `onCell` reports progress. */
export function runTable1(protocols: readonly string[], seeds: readonly number[], onCell?: (cell: Table1Cell, done: number, total: number) => void): Table1Cell[] {
  const cells: Table1Cell[] = [];
  const total = partialConnectivityIds.length * protocols.length;
  for (const scenario of partialConnectivityIds) {
    for (const protocol of protocols) {
      const cell = table1Cell(scenario, protocol, seeds);
      cells.push(cell);
      onCell?.(cell, cells.length, total);
    }
  }
  return cells;
}

export function describeCell(cell: Table1Cell): string {
  const n = cell.runs.length;
  if (cell.recovered === 0) return `no progress (${cell.medianLeaderChanges} leader changes)`;
  const all = cell.recovered === n ? '' : ` on ${cell.recovered}/${n} seeds`;
  return `recovered in ${cell.medianDowntimeMs} ms${all} (max ${cell.maxDowntimeMs}; ${cell.medianLeaderChanges} leader changes)`;
}
