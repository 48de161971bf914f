/**
 * The shard controller as a replicated service (6.824 lab 4A): a history of
 * numbered configurations, changed by Join, Leave and Move and read by
 * Query, applied from committed log entries. Configuration 0 has no groups
 * and every shard unassigned; each accepted Join, Leave or Move appends
 * configuration num+1, and Join and Leave rebalance with as few moves as
 * possible (rebalance.ts). Past configurations never change, so Query(n)
 * returns the same answer forever.
 *
 * Exactly-once (PROTOCOLS.md, "Exactly-once client operations"): the last
 * sequence number applied per clerk and its reply live inside the state and
 * in its snapshots. A reply names a configuration by number only, since
 * configurations are immutable and numbered, so the table stays small.
 */
import type { CommittedEntry } from '../../protocols/contract';
import type { Service, ServiceNode } from '../contract';
import { ctrlerNode } from './node';
import { rebalance } from './rebalance';
import {
  configBytes,
  isGid,
  sortedGids,
  type Config,
  type CtrlerApplyResult,
  type CtrlerCommandBody,
  type CtrlerError,
  type CtrlerOp,
  type CtrlerReply,
  type Gid,
  type JoinOp,
  type LeaveOp,
  type MoveOp,
  type QueryOp,
} from './types';

export interface ShardCtrlerOptions {
  /** Fixed for the life of the service (10 in the labs). */
  readonly shardCount: number;
}

/** The last request applied for one clerk and what it was told. */
export interface CtrlerSession {
  readonly seq: number;
  readonly err: CtrlerError | null;
  /** The configuration the reply carried (−1: none, the request was refused). */
  readonly num: number;
}

export interface ShardCtrlerState {
  shardCount: number;
  /** configs[i].num === i; configs[0] has no groups. Every entry is frozen. */
  configs: Config[];
  /** client id → last applied request; the exactly-once table. */
  sessions: Record<number, CtrlerSession>;
  /** Requests applied (including refused ones), not counting duplicates. */
  appliedOps: number;
  /** Duplicates answered from the table instead of being applied again. */
  duplicates: number;
  /** Requests answered with an error. */
  refused: number;
}

const opKinds: ReadonlySet<string> = new Set(['join', 'leave', 'move', 'query']);

/** Freeze a configuration and everything in it, copying so that nobody else holds a mutable alias. */
export function freezeConfig(num: number, shards: readonly Gid[], groups: Readonly<Record<Gid, readonly string[]>>): Config {
  const frozenGroups: Record<Gid, readonly string[]> = {};
  for (const gid of sortedGids(groups)) frozenGroups[gid] = Object.freeze(groups[gid].slice());
  return Object.freeze({ num, shards: Object.freeze(shards.slice()), groups: Object.freeze(frozenGroups) });
}

/** Already deeply frozen (taken from this process's own snapshot): safe to share as it is. */
function isFrozenConfig(c: Config): boolean {
  return Object.isFrozen(c) && Object.isFrozen(c.shards) && Object.isFrozen(c.groups) && sortedGids(c.groups).every((gid) => Object.isFrozen(c.groups[gid]));
}

export function initialConfig(shardCount: number): Config {
  return freezeConfig(0, new Array<Gid>(shardCount).fill(0), {});
}

export function latestConfig(state: ShardCtrlerState): Config {
  return state.configs[state.configs.length - 1];
}

/** Query semantics: −1, or any number past the latest, means the latest; null for other negatives and non-integers. */
export function queryConfig(state: ShardCtrlerState, num: number): Config | null {
  if (!Number.isSafeInteger(num) || num < -1) return null;
  return num === -1 || num >= state.configs.length ? latestConfig(state) : state.configs[num];
}

function isCommandBody(body: unknown): body is CtrlerCommandBody {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as { client?: unknown; seq?: unknown; op?: { kind?: unknown } | null };
  return typeof b.client === 'number' && typeof b.seq === 'number' && typeof b.op === 'object' && b.op !== null && typeof b.op.kind === 'string' && opKinds.has(b.op.kind);
}

interface Outcome {
  readonly err: CtrlerError | null;
  readonly config: Config | null;
  /** The config is new and must be appended to the history. */
  readonly created: boolean;
}

const refuse = (err: CtrlerError): Outcome => ({ err, config: null, created: false });
const created = (config: Config): Outcome => ({ err: null, config, created: true });

function join(state: ShardCtrlerState, op: JoinOp): Outcome {
  const latest = latestConfig(state);
  const servers = op.servers as Readonly<Record<string, readonly string[]>> | null;
  if (typeof servers !== 'object' || servers === null) return refuse('empty');
  // Keys sorted as numbers: the outcome must not depend on the order the map was built in.
  const keys = Object.keys(servers).sort((a, b) => Number(a) - Number(b));
  if (keys.length === 0) return refuse('empty');
  for (const key of keys) {
    const gid = Number(key);
    if (!isGid(gid) || String(gid) !== key) return refuse('bad-gid');
    const names = servers[key];
    if (!Array.isArray(names) || names.length === 0 || !names.every((name) => typeof name === 'string')) return refuse('bad-servers');
  }
  for (const key of keys) if (latest.groups[Number(key)] !== undefined) return refuse('gid-exists');
  const groups: Record<Gid, readonly string[]> = { ...latest.groups };
  for (const key of keys) groups[Number(key)] = servers[key];
  return created(freezeConfig(latest.num + 1, rebalance(latest.shards, sortedGids(groups)), groups));
}

function leave(state: ShardCtrlerState, op: LeaveOp): Outcome {
  const latest = latestConfig(state);
  if (!Array.isArray(op.gids) || op.gids.length === 0) return refuse('empty');
  if (!op.gids.every(isGid)) return refuse('bad-gid');
  if (!op.gids.every((gid) => latest.groups[gid] !== undefined)) return refuse('no-such-gid');
  const leaving = new Set(op.gids);
  const groups: Record<Gid, readonly string[]> = {};
  for (const gid of sortedGids(latest.groups)) if (!leaving.has(gid)) groups[gid] = latest.groups[gid];
  return created(freezeConfig(latest.num + 1, rebalance(latest.shards, sortedGids(groups)), groups));
}

function move(state: ShardCtrlerState, op: MoveOp): Outcome {
  const latest = latestConfig(state);
  if (!Number.isSafeInteger(op.shard) || op.shard < 0 || op.shard >= state.shardCount) return refuse('bad-shard');
  if (!isGid(op.gid)) return refuse('bad-gid');
  if (latest.groups[op.gid] === undefined) return refuse('no-such-gid');
  const shards = latest.shards.slice();
  shards[op.shard] = op.gid;
  return created(freezeConfig(latest.num + 1, shards, latest.groups));
}

function query(state: ShardCtrlerState, op: QueryOp): Outcome {
  const config = queryConfig(state, op.num);
  return config === null ? refuse('bad-num') : { err: null, config, created: false };
}

function execute(state: ShardCtrlerState, op: CtrlerOp): Outcome {
  switch (op.kind) {
    case 'join':
      return join(state, op);
    case 'leave':
      return leave(state, op);
    case 'move':
      return move(state, op);
    case 'query':
      return query(state, op);
  }
}

function sessionReply(state: ShardCtrlerState, client: number, session: CtrlerSession): CtrlerApplyResult {
  return { client, seq: session.seq, err: session.err, config: session.num >= 0 ? state.configs[session.num] : null };
}

/**
 * Apply one command. Returns the reply for its clerk; null for no-op entries,
 * commands that are not controller requests, and requests older than the
 * clerk's last applied one (the clerk has moved on and ignores any answer).
 */
export function applyCtrlerCommand(state: ShardCtrlerState, body: CtrlerCommandBody): CtrlerApplyResult | null {
  const session = state.sessions[body.client];
  if (session !== undefined && body.seq <= session.seq) {
    state.duplicates++;
    return body.seq === session.seq ? sessionReply(state, body.client, session) : null;
  }
  const outcome = execute(state, body.op);
  if (outcome.created) state.configs.push(outcome.config as Config);
  if (outcome.err !== null) state.refused++;
  state.appliedOps++;
  state.sessions[body.client] = Object.freeze({ seq: body.seq, err: outcome.err, num: outcome.config === null ? -1 : outcome.config.num });
  return { client: body.client, seq: body.seq, err: outcome.err, config: outcome.config };
}

/** The network reply a controller replica sends once the command applied. */
export function ctrlerReplyFor(result: CtrlerApplyResult, replicaIndex: number): CtrlerReply {
  return { type: 'CtrlerReply', client: result.client, seq: result.seq, status: 'ok', err: result.err, config: result.config, leaderHint: replicaIndex };
}

interface ShardCtrlerSnapshot {
  readonly shardCount: number;
  readonly configs: readonly Config[];
  readonly sessions: Readonly<Record<number, CtrlerSession>>;
  readonly appliedOps: number;
  readonly duplicates: number;
  readonly refused: number;
}

export function createShardCtrlerService(options: ShardCtrlerOptions): Service<ShardCtrlerState> {
  if (!Number.isSafeInteger(options.shardCount) || options.shardCount < 1) throw new Error(`shardCount must be a positive integer, got ${options.shardCount}`);
  return {
    name: 'shardctrler',
    create: () => ({ shardCount: options.shardCount, configs: [initialConfig(options.shardCount)], sessions: {}, appliedOps: 0, duplicates: 0, refused: 0 }),
    apply(state: ShardCtrlerState, entry: CommittedEntry): CtrlerApplyResult | null {
      if (entry.command === null) return null;
      const body = entry.command.body;
      return isCommandBody(body) ? applyCtrlerCommand(state, body) : null;
    },
    // Configurations and sessions are frozen, so the snapshot can share them.
    snapshot: (state: ShardCtrlerState): ShardCtrlerSnapshot =>
      Object.freeze({
        shardCount: state.shardCount,
        configs: Object.freeze(state.configs.slice()),
        sessions: Object.freeze({ ...state.sessions }),
        appliedOps: state.appliedOps,
        duplicates: state.duplicates,
        refused: state.refused,
      }),
    // Frozen configurations (a snapshot taken in this process) are shared; a structured clone (a worker, a
    // run file) arrives unfrozen and is copied and frozen again, so that nobody holds a mutable alias.
    restore(data: unknown): ShardCtrlerState {
      const s = data as ShardCtrlerSnapshot;
      const sessions: Record<number, CtrlerSession> = {};
      for (const client of Object.keys(s.sessions).map(Number).sort((a, b) => a - b)) {
        const session = s.sessions[client];
        sessions[client] = Object.freeze({ seq: session.seq, err: session.err, num: session.num });
      }
      return {
        shardCount: s.shardCount,
        configs: s.configs.map((c) => (isFrozenConfig(c) ? c : freezeConfig(c.num, c.shards, c.groups))),
        sessions,
        appliedOps: s.appliedOps,
        duplicates: s.duplicates,
        refused: s.refused,
      };
    },
    sizeBytes(state: ShardCtrlerState): number {
      let bytes = 32;
      for (const config of state.configs) bytes += configBytes(config);
      return bytes + Object.keys(state.sessions).length * 24;
    },
    node: ctrlerNode as ServiceNode<ShardCtrlerState, unknown>,
  };
}
