/** The 6.824 sharded key-value families on raft (shardFamiliesKit.ts). */
import { defineShardFamilies } from './shardFamiliesKit';

defineShardFamilies('raft');
