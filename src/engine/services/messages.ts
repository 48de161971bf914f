/**
 * Messages that services and clerks exchange over the simulated network (as
 * opposed to a protocol's own messages between the replicas of one group):
 * key-value requests and replies, controller requests and replies, shard
 * pushes and acknowledgements. The coordinator labels, sizes and describes
 * any message on the network through these, falling back to the protocol.
 */
import { clientMessageBytes, describeClientMessage, isClientMessage } from '../clients/messages';
import { ctrlerMessageBytes, describeCtrlerMessage, isCtrlerMessage } from './shardctrler/types';
import { describeShardMessage, isShardMessage, shardMessageBytes } from './shardkv/types';

/** The label of a service message, or null when it is not one. */
export function serviceMessageType(msg: unknown): string | null {
  // One read of `type` and a switch: this runs for every message sent.
  const type = (msg as { type?: unknown } | null)?.type;
  switch (type) {
    case 'ClientRequest':
    case 'ClientReply':
    case 'CtrlerRequest':
    case 'CtrlerReply':
    case 'ShardPush':
    case 'ShardAck':
      return type;
    default:
      return null;
  }
}

export function serviceMessageBytes(msg: unknown): number {
  if (isClientMessage(msg)) return clientMessageBytes(msg);
  if (isCtrlerMessage(msg)) return ctrlerMessageBytes(msg);
  if (isShardMessage(msg)) return shardMessageBytes(msg);
  return 0;
}

/** The shard a message hands over (a ShardPush's), or null for any other message. */
export function messageShard(msg: unknown): number | null {
  return isShardMessage(msg) && msg.type === 'ShardPush' ? msg.shard : null;
}

export function describeServiceMessage(msg: unknown): string {
  if (isClientMessage(msg)) return describeClientMessage(msg);
  if (isCtrlerMessage(msg)) return describeCtrlerMessage(msg);
  if (isShardMessage(msg)) return describeShardMessage(msg);
  return String((msg as { type?: unknown } | null)?.type ?? 'message');
}
