/**
 * The sharded key-value store's data and messages (6.824 lab 4B; DSLabs lab
 * 4). Each replica group keeps, per shard, a phase and (when it holds the
 * shard) its data and exactly-once table, so both move together.
 *
 * Phases of one shard in one group:
 * - `absent`: not held here (never was, or handed over and deleted).
 * - `serving`: owned in the current configuration and present: client
 *   operations on it are applied.
 * - `receiving`: owned in the current configuration, but its data has not
 *   arrived yet from the group that owned it before (client operations are
 *   refused with `not-ready`; the clerk retries).
 * - `sending`: owned by another group in the current configuration; the
 *   data is kept and pushed to that group until it acknowledges, then
 *   deleted (phase `absent`).
 * - `parked`: every group left and the shard has no owner; the data stays
 *   here until a later configuration names an owner, and is then sent.
 */
import type { KvOp } from '../../clients/messages';
import type { KvSession } from '../kv';
import type { Config, Gid } from '../shardctrler/types';

export type ShardPhase = 'absent' | 'serving' | 'sending' | 'receiving' | 'parked';

export interface ShardSlot {
  phase: ShardPhase;
  /** Number of the configuration in which the shard entered this phase. */
  num: number;
  data: Record<string, string> | null;
  sessions: Record<number, KvSession> | null;
}

/** One command of a group's log. */
export type ShardKvCommand =
  | { readonly type: 'op'; readonly client: number; readonly seq: number; readonly op: KvOp }
  | { readonly type: 'config'; readonly config: Config }
  | {
      readonly type: 'install';
      readonly num: number;
      readonly shard: number;
      readonly data: Readonly<Record<string, string>>;
      readonly sessions: Readonly<Record<number, KvSession>>;
    }
  | { readonly type: 'delete'; readonly num: number; readonly shard: number };

export type OpStatus = 'ok' | 'wrong-group' | 'not-ready';

/** The result of applying a client operation. */
export interface ShardOpResult {
  readonly client: number;
  readonly seq: number;
  readonly status: OpStatus;
  readonly value: string | null;
  readonly shard: number;
  /** The configuration in force where the operation was applied. */
  readonly num: number;
}

/** The sending group's leader pushes a shard to every server of its new owner until one acknowledges. */
export interface ShardPush {
  readonly type: 'ShardPush';
  readonly fromGid: Gid;
  /** The configuration in which the shard moved. */
  readonly num: number;
  readonly shard: number;
  readonly data: Readonly<Record<string, string>>;
  readonly sessions: Readonly<Record<number, KvSession>>;
}

/** The receiving group has installed the shard (it is in its log): the sender may delete it. */
export interface ShardAck {
  readonly type: 'ShardAck';
  readonly gid: Gid;
  readonly num: number;
  readonly shard: number;
}

export type ShardMessage = ShardPush | ShardAck;

export function isShardMessage(msg: unknown): msg is ShardMessage {
  const type = (msg as { type?: unknown } | null)?.type;
  return type === 'ShardPush' || type === 'ShardAck';
}

export function shardDataBytes(data: Readonly<Record<string, string>>, sessions: Readonly<Record<number, KvSession>>): number {
  let bytes = 0;
  for (const key of Object.keys(data)) bytes += key.length + data[key].length + 8;
  for (const client of Object.keys(sessions)) bytes += 16 + (sessions[Number(client)].reply?.length ?? 0);
  return bytes;
}

export function shardMessageBytes(msg: ShardMessage): number {
  return msg.type === 'ShardPush' ? 32 + shardDataBytes(msg.data, msg.sessions) : 24;
}

export function describeShardMessage(msg: ShardMessage): string {
  if (msg.type === 'ShardAck') return `ShardAck s${msg.shard} config #${msg.num} installed by g${msg.gid}`;
  return `ShardPush s${msg.shard} config #${msg.num} from g${msg.fromGid} (${Object.keys(msg.data).length} keys, ${Object.keys(msg.sessions).length} sessions)`;
}
