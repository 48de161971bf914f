/**
 * Which key a client's next operation uses, and how big its value is: the
 * key distributions of the load model (ARCHITECTURE.md, "Clients").
 * - `uniform`: every key alike (the default, and the 6.824 tests').
 * - `zipf`: key k has weight 1/(k+1)^s (s = `zipfSkew`, 0.99 is YCSB's), so
 *   a few keys take most of the load.
 * - `hot-shards` (sharded store): a share `hotFraction` of operations goes to
 *   keys of the shards in `hotShards`, the rest to the others: "most
 *   requests to one group" when the hot shards are one group's.
 * Draws come from the clerk's own PRNG stream; the tables are pure functions
 * of the settings, cached so that every clerk shares them.
 */
import { nextFloat, nextIntInclusive, type Rng } from '../core/prng';
import { key2shard } from '../services/shardctrler/key2shard';

export type KeyDistribution = 'uniform' | 'zipf' | 'hot-shards';
export const keyDistributions: readonly KeyDistribution[] = ['uniform', 'zipf', 'hot-shards'];

interface KeySettings {
  keys: number;
  keyDistribution: KeyDistribution;
  zipfSkew: number;
  hotShards: readonly number[];
  hotFraction: number;
}

const zipfTables = new Map<string, Float64Array>();
const hotTables = new Map<string, { hot: string[]; cold: string[] }>();

/** Cumulative weights of keys 0 … n−1 under Zipf(s), normalised to end at 1. */
function zipfTable(n: number, skew: number): Float64Array {
  const id = `${n}:${skew}`;
  let table = zipfTables.get(id);
  if (table === undefined) {
    table = new Float64Array(n);
    let sum = 0;
    for (let k = 0; k < n; k++) table[k] = sum += 1 / Math.pow(k + 1, skew);
    for (let k = 0; k < n; k++) table[k] /= sum;
    table[n - 1] = 1;
    zipfTables.set(id, table);
  }
  return table;
}

function hotTable(n: number, hotShards: readonly number[], shardCount: number): { hot: string[]; cold: string[] } {
  const id = `${n}:${shardCount}:${hotShards.join(',')}`;
  let table = hotTables.get(id);
  if (table === undefined) {
    const hotSet = new Set(hotShards);
    table = { hot: [], cold: [] };
    for (let k = 0; k < n; k++) (hotSet.has(key2shard(keyName(k), shardCount)) ? table.hot : table.cold).push(keyName(k));
    hotTables.set(id, table);
  }
  return table;
}

/** Key names, made once: a long run's history then holds one string per key, not one per operation. */
const keyNames: string[] = [];
function keyName(k: number): string {
  let name = keyNames[k];
  if (name === undefined) {
    if (k > 1_000_000) return `k${k}`;
    name = keyNames[k] = `k${k}`;
  }
  return name;
}

/** The key of the next operation. `shardCount` 0: not a sharded store (`hot-shards` then draws uniformly). */
export function drawKey(rng: Rng, s: KeySettings, shardCount: number): string {
  switch (s.keyDistribution) {
    case 'zipf': {
      const table = zipfTable(s.keys, s.zipfSkew);
      const u = nextFloat(rng);
      let lo = 0;
      let hi = table.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (table[mid] < u) lo = mid + 1;
        else hi = mid;
      }
      return keyName(lo);
    }
    case 'hot-shards': {
      if (shardCount > 0) {
        const { hot, cold } = hotTable(s.keys, s.hotShards, shardCount);
        const hotPick = nextFloat(rng) < s.hotFraction;
        const list = hotPick && hot.length > 0 ? hot : cold.length > 0 ? cold : hot;
        return list[nextIntInclusive(rng, 0, list.length - 1)];
      }
      return keyName(nextIntInclusive(rng, 0, s.keys - 1));
    }
    default:
      return keyName(nextIntInclusive(rng, 0, s.keys - 1));
  }
}

/** A value of at least `bytes` characters that still starts with its unique prefix. */
export function paddedValue(prefix: string, bytes: number): string {
  return bytes > prefix.length ? prefix + '.'.repeat(bytes - prefix.length) : prefix;
}

/**
 * Open-loop arrivals: operations arrive at a clerk as a Poisson process
 * (exponential gaps with mean `meanGapUs`), whether or not the last one has
 * finished; an operation that arrives while the clerk is busy waits in the
 * clerk's backlog, and its invoke time is its arrival, so the latency a
 * benchmark reports includes the wait (what an open-loop load generator
 * measures). The clerk checks for arrivals at most every `arrivalTickUs`,
 * which keeps its timers above the worker host's lookahead.
 */
export interface Arrivals {
  rng: Rng;
  meanGapUs: number;
  /** Virtual time of the next arrival not yet collected. */
  nextUs: number;
  /** Arrival times of operations waiting to start, oldest first. */
  backlog: number[];
  /** Generation of the arrival timer. */
  gen: number;
  /** Arrivals dropped because the backlog was full. */
  dropped: number;
}

export const arrivalTickUs = 1_000;
export const maxBacklog = 10_000;
/** The timer id clerks use for arrivals (their own timer is 0). */
export const arrivalTimerId = 1;

function exponentialGapUs(rng: Rng, meanGapUs: number): number {
  return Math.max(1, Math.round(-Math.log(1 - nextFloat(rng)) * meanGapUs));
}

export function createArrivals(seed: number, client: number, opsPerSecond: number, clients: number, derive: (seed: number, name: string) => Rng): Arrivals {
  const rng = derive(seed, `arrivals:${client}`);
  const meanGapUs = (1_000_000 * clients) / opsPerSecond;
  return { rng, meanGapUs, nextUs: exponentialGapUs(rng, meanGapUs), backlog: [], gen: 0, dropped: 0 };
}

/** Move every arrival due by `nowUs` into the backlog. */
export function collectArrivals(a: Arrivals, nowUs: number): void {
  while (a.nextUs <= nowUs) {
    if (a.backlog.length < maxBacklog) a.backlog.push(a.nextUs);
    else a.dropped++;
    a.nextUs += exponentialGapUs(a.rng, a.meanGapUs);
  }
}

/** The arrival time of the oldest waiting operation, taken off the backlog, when the clerk is free; else undefined. */
export function takeWaiting(a: Arrivals, busy: boolean): number | undefined {
  return busy ? undefined : a.backlog.shift();
}

/** When to look for arrivals next. */
export function arrivalDelayUs(a: Arrivals, nowUs: number): number {
  return Math.max(arrivalTickUs, a.nextUs - nowUs);
}
