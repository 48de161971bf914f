/**
 * The shard controller's data: numbered configurations and the four
 * operations of the 6.824 lab 4A controller (PROTOCOLS.md, "Shard controller
 * and sharded KV"). Everything here is plain data, so that configurations
 * can travel in log entries, snapshots and messages unchanged.
 */

/** A replica group id. 0 is reserved: "no group", the owner of an unassigned shard. */
export type Gid = number;

/** The gid that owns a shard nobody serves (configuration 0, or after every group left). */
export const noGroup: Gid = 0;

/** The lab's fixed shard count. */
export const defaultShardCount = 10;

/**
 * One configuration. Invariant: each shard is owned by exactly one group of
 * `groups`, or by `noGroup` (0); `shards[s] === 0` for all s exactly when
 * `groups` is empty. Configurations are immutable once created (frozen).
 */
export interface Config {
  readonly num: number;
  /** shards[s] = the gid that owns shard s (0: unassigned). */
  readonly shards: readonly Gid[];
  /** gid → the names of its servers. */
  readonly groups: Readonly<Record<Gid, readonly string[]>>;
}

/** Join several groups at once: gid → server names. */
export interface JoinOp {
  readonly kind: 'join';
  readonly servers: Readonly<Record<Gid, readonly string[]>>;
}

export interface LeaveOp {
  readonly kind: 'leave';
  readonly gids: readonly Gid[];
}

/** Hand one shard to one group, exactly as asked (no rebalance). */
export interface MoveOp {
  readonly kind: 'move';
  readonly shard: number;
  readonly gid: Gid;
}

/** Configuration `num`; −1 (or any number past the latest) means the latest. */
export interface QueryOp {
  readonly kind: 'query';
  readonly num: number;
}

export type CtrlerOp = JoinOp | LeaveOp | MoveOp | QueryOp;

/**
 * Why an operation was refused. A refused operation creates no
 * configuration, but its reply is still remembered for exactly-once.
 */
export type CtrlerError =
  /** A gid that is not a positive safe integer (0 is reserved for "no group"). */
  | 'bad-gid'
  /** A Join whose server list for some gid is empty or not a list of names. */
  | 'bad-servers'
  /** Join of a gid that is already a member. */
  | 'gid-exists'
  /** Leave of, or Move to, a gid that is not a member. */
  | 'no-such-gid'
  /** Move of a shard outside 0 … shardCount−1. */
  | 'bad-shard'
  /** Join or Leave naming no group at all. */
  | 'empty'
  /** Query of a negative number other than −1. */
  | 'bad-num';

/** What a controller command turns into in the log. */
export interface CtrlerCommandBody {
  readonly client: number;
  readonly seq: number;
  readonly op: CtrlerOp;
}

/**
 * The service's answer to one command. Join, Leave and Move answer with the
 * configuration they created, Query with the one asked for; a refused
 * operation answers with `err` and no configuration.
 */
export interface CtrlerApplyResult {
  readonly client: number;
  readonly seq: number;
  readonly err: CtrlerError | null;
  readonly config: Config | null;
}

/** A controller clerk's request on the network. */
export interface CtrlerRequest {
  readonly type: 'CtrlerRequest';
  readonly client: number;
  readonly seq: number;
  readonly op: CtrlerOp;
}

export type CtrlerReplyStatus = 'ok' | 'not-leader';

export interface CtrlerReply {
  readonly type: 'CtrlerReply';
  readonly client: number;
  readonly seq: number;
  readonly status: CtrlerReplyStatus;
  readonly err: CtrlerError | null;
  readonly config: Config | null;
  /** Index of the controller replica to try next after `not-leader` (−1: no idea). */
  readonly leaderHint: number;
}

export type CtrlerMessage = CtrlerRequest | CtrlerReply;

export function isCtrlerMessage(msg: unknown): msg is CtrlerMessage {
  const type = (msg as { type?: unknown } | null)?.type;
  return type === 'CtrlerRequest' || type === 'CtrlerReply';
}

/** A valid gid: a positive safe integer. */
export function isGid(gid: unknown): gid is Gid {
  return typeof gid === 'number' && Number.isSafeInteger(gid) && gid > 0;
}

/** The gids of a record keyed by gid, as numbers in ascending order (never in the record's own key order). */
export function sortedGids(groups: Readonly<Record<Gid, unknown>>): Gid[] {
  return Object.keys(groups)
    .map(Number)
    .sort((a, b) => a - b);
}

export function configBytes(config: Config): number {
  let bytes = 16 + config.shards.length * 4;
  for (const gid of sortedGids(config.groups)) {
    bytes += 8;
    for (const name of config.groups[gid]) bytes += 8 + name.length;
  }
  return bytes;
}

export function ctrlerOpBytes(op: CtrlerOp): number {
  switch (op.kind) {
    case 'join': {
      let bytes = 8;
      for (const gid of sortedGids(op.servers)) {
        bytes += 8;
        for (const name of op.servers[gid]) bytes += 8 + name.length;
      }
      return bytes;
    }
    case 'leave':
      return 8 + op.gids.length * 8;
    case 'move':
    case 'query':
      return 16;
  }
}

export function ctrlerMessageBytes(msg: CtrlerMessage): number {
  return msg.type === 'CtrlerRequest' ? 16 + ctrlerOpBytes(msg.op) : 24 + (msg.config === null ? 0 : configBytes(msg.config));
}

export function describeCtrlerOp(op: CtrlerOp): string {
  switch (op.kind) {
    case 'join':
      return `Join(${sortedGids(op.servers)
        .map((gid) => `g${gid}`)
        .join(', ')})`;
    case 'leave':
      return `Leave(${op.gids.map((gid) => `g${gid}`).join(', ')})`;
    case 'move':
      return `Move(s${op.shard} → g${op.gid})`;
    case 'query':
      return `Query(${op.num})`;
  }
}

/** `[1 1 2 2 0]`-style summary of who owns which shard. */
export function describeShards(shards: readonly Gid[]): string {
  return `[${shards.join(' ')}]`;
}

export function describeCtrlerMessage(msg: CtrlerMessage): string {
  if (msg.type === 'CtrlerRequest') return `CtrlerRequest c${msg.client} #${msg.seq} ${describeCtrlerOp(msg.op)}`;
  const detail = msg.err !== null ? ` err=${msg.err}` : msg.config !== null ? ` config #${msg.config.num} ${describeShards(msg.config.shards)}` : '';
  return `CtrlerReply c${msg.client} #${msg.seq} ${msg.status}${detail}${msg.status === 'not-leader' && msg.leaderHint >= 0 ? ` try replica ${msg.leaderHint}` : ''}`;
}
