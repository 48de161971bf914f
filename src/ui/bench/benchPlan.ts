/**
 * What a benchmark run will do: the series of the chosen benchmarks, in the
 * catalogue's order, each labelled the way the command line labels it
 * (`A`, or `raft-vs-omnipaxos/raft` when a benchmark has several series).
 */
import { benchmarkNamed, benchmarks, type BenchKnobs, type BenchSeries } from '../../engine/bench/benchmarks';

export interface PlannedSeries {
  /** The benchmark it belongs to. */
  benchmark: string;
  /** Its name in charts, tables and files. */
  label: string;
  series: BenchSeries;
}

/** The chosen names in the catalogue's order, each once. */
export function catalogueOrder(names: readonly string[]): string[] {
  const chosen = new Set(names);
  return benchmarks.map((b) => b.name).filter((name) => chosen.has(name));
}

export function planSeries(names: readonly string[], knobs: BenchKnobs): PlannedSeries[] {
  const unknown = names.filter((name) => benchmarkNamed(name) === undefined);
  if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.map((n) => `"${n}"`).join(', ')}`);
  return catalogueOrder(names).flatMap((name) => {
    const definition = benchmarkNamed(name)!;
    return definition.series(knobs).map((series) => ({
      benchmark: name,
      label: definition.name === series.name ? series.name : `${definition.name}/${series.name}`,
      series,
    }));
  });
}
