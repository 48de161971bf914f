/**
 * The replicated key-value store: Get, Put, Append and compare-and-set,
 * applied from committed log entries, with a per-client exactly-once table
 * (last sequence number applied and its reply) inside the state, so that it
 * survives snapshots, crashes and restarts. A retried request that was
 * already applied gets the cached reply and changes nothing.
 */
import type { CommittedEntry } from '../protocols/contract';
import type { KvOp } from '../clients/messages';
import type { Service } from './contract';

/** What a client request turns into in the log. */
export interface KvCommandBody {
  readonly client: number;
  readonly seq: number;
  readonly op: KvOp;
}

export interface KvSession {
  readonly seq: number;
  readonly reply: string | null;
}

export interface KvState {
  data: Record<string, string>;
  /** client id → last applied request; the exactly-once table. */
  sessions: Record<number, KvSession>;
  appliedOps: number;
  /** Duplicates answered from the table instead of being applied again. */
  duplicates: number;
}

export interface KvApplyResult {
  readonly client: number;
  readonly seq: number;
  readonly value: string | null;
}

export interface KvOptions {
  /**
   * Bug toggle: the exactly-once table is left out of snapshots, so a server
   * restored from a snapshot forgets which requests it already applied.
   */
  readonly forgetSessionsInSnapshots: boolean;
}

export function applyKvOp(data: Record<string, string>, op: KvOp): string | null {
  switch (op.kind) {
    case 'get':
      return data[op.key] ?? '';
    case 'put':
      data[op.key] = op.value;
      return null;
    case 'append':
      data[op.key] = (data[op.key] ?? '') + op.value;
      return null;
    case 'cas':
      if ((data[op.key] ?? '') !== op.expected) return 'false';
      data[op.key] = op.value;
      return 'true';
  }
}

export function createKvService(options: KvOptions): Service<KvState> {
  return {
    name: 'kv',
    create: () => ({ data: {}, sessions: {}, appliedOps: 0, duplicates: 0 }),
    apply(state: KvState, entry: CommittedEntry): KvApplyResult | null {
      if (entry.command === null) return null;
      const body = entry.command.body as KvCommandBody | string;
      // Commands that are not client requests (the page's "send command", steady load) leave the store as it is.
      if (typeof body !== 'object' || body === null || body.op === undefined) return null;
      const session = state.sessions[body.client];
      if (session !== undefined && body.seq <= session.seq) {
        state.duplicates++;
        // An older request than the last one applied: its client has moved on and ignores the answer.
        return { client: body.client, seq: body.seq, value: body.seq === session.seq ? session.reply : null };
      }
      const value = applyKvOp(state.data, body.op);
      // A new record, never changed afterwards: a snapshot's shallow copy of the table shares it safely.
      state.sessions[body.client] = { seq: body.seq, reply: value };
      state.appliedOps++;
      return { client: body.client, seq: body.seq, value };
    },
    snapshot: (state: KvState) =>
      Object.freeze({
        data: Object.freeze({ ...state.data }),
        sessions: options.forgetSessionsInSnapshots ? Object.freeze({}) : Object.freeze({ ...state.sessions }),
        appliedOps: state.appliedOps,
        duplicates: state.duplicates,
      }),
    restore: (data: unknown) => {
      const s = data as KvState;
      return { data: { ...s.data }, sessions: { ...s.sessions }, appliedOps: s.appliedOps, duplicates: s.duplicates };
    },
    sizeBytes(state: KvState) {
      let bytes = 0;
      for (const key of Object.keys(state.data)) bytes += key.length + state.data[key].length + 8;
      for (const client of Object.keys(state.sessions)) bytes += 16 + (state.sessions[Number(client)].reply?.length ?? 0);
      return bytes;
    },
  };
}
