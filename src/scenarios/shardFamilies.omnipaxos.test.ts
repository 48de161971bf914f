/** The 6.824 sharded key-value families on omnipaxos (shardFamiliesKit.ts). */
import { defineShardFamilies } from './shardFamiliesKit';

defineShardFamilies('omnipaxos');
