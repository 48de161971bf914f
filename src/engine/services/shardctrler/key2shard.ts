/**
 * Which shard a key lives in. The 6.824 lab uses the key's first byte modulo
 * the shard count; this lab's workloads name keys `k0`, `k1`, … so every key
 * would land in one shard. We hash the whole key instead, with 32-bit FNV-1a
 * over its UTF-16 code units (the same function that names the PRNG
 * streams): stable across runs, replicas, browsers and Node, cheap, and it
 * spreads `k0` … `k9` over eight of the ten shards (`k0` → 0, `k1` → 9, `k2` → 2).
 */
import { hashString32 } from '../../core/prng';

export function key2shard(key: string, shardCount: number): number {
  return hashString32(key) % shardCount;
}
