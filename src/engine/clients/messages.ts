/**
 * What clients and the replicated key-value service say to each other. A
 * request names its client and a per-client sequence number, so the service
 * can apply each operation exactly once however often it is retried.
 */
export type KvOp =
  | { readonly kind: 'get'; readonly key: string }
  | { readonly kind: 'put'; readonly key: string; readonly value: string }
  | { readonly kind: 'append'; readonly key: string; readonly value: string }
  /** Compare-and-set: replace the value with `value` if it equals `expected`. */
  | { readonly kind: 'cas'; readonly key: string; readonly expected: string; readonly value: string };

export interface ClientRequest {
  readonly type: 'ClientRequest';
  readonly client: number;
  readonly seq: number;
  readonly op: KvOp;
}

/**
 * `wrong-group` and `not-ready` come from the sharded store only: the shard
 * is not owned by the group asked (refresh the configuration), or is owned
 * but its data has not arrived yet (retry soon).
 */
export type ReplyStatus = 'ok' | 'not-leader' | 'wrong-group' | 'not-ready';

export interface ClientReply {
  readonly type: 'ClientReply';
  readonly client: number;
  readonly seq: number;
  readonly status: ReplyStatus;
  /** get: the value read; cas: 'true' or 'false'; put/append: null. */
  readonly value: string | null;
  /** Where to try next after `not-leader` (-1: no idea). */
  readonly leaderHint: number;
  /** Sharded store: the configuration the server was in when it answered. */
  readonly configNum?: number;
}

export type ClientMessage = ClientRequest | ClientReply;

export function isClientMessage(msg: unknown): msg is ClientMessage {
  const type = (msg as { type?: unknown } | null)?.type;
  return type === 'ClientRequest' || type === 'ClientReply';
}

export function opBytes(op: KvOp): number {
  return 16 + op.key.length + ('value' in op ? op.value.length : 0) + (op.kind === 'cas' ? op.expected.length : 0);
}

export function clientMessageBytes(msg: ClientMessage): number {
  return msg.type === 'ClientRequest' ? 16 + opBytes(msg.op) : 24 + (msg.value?.length ?? 0);
}

export function describeOp(op: KvOp): string {
  switch (op.kind) {
    case 'get':
      return `Get(${op.key})`;
    case 'put':
      return `Put(${op.key}, "${op.value}")`;
    case 'append':
      return `Append(${op.key}, "${op.value}")`;
    case 'cas':
      return `CAS(${op.key}, "${op.expected}" → "${op.value}")`;
  }
}

export function describeClientMessage(msg: ClientMessage): string {
  if (msg.type === 'ClientRequest') return `ClientRequest c${msg.client} #${msg.seq} ${describeOp(msg.op)}`;
  const value = msg.value === null ? '' : ` value="${msg.value.length > 24 ? msg.value.slice(0, 24) + '…' : msg.value}"`;
  return `ClientReply c${msg.client} #${msg.seq} ${msg.status}${value}${msg.status === 'not-leader' && msg.leaderHint >= 0 ? ` try n${msg.leaderHint + 1}` : ''}`;
}
