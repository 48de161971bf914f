import { describe, expect, it } from 'vitest';
import { deriveRng } from '../../core/prng';
import type { StepContext } from '../contract';
import { makeBallot } from './ballot';
import { createBle, onHeartbeatReply, onHeartbeatRequest, onRoundEnd, startBle } from './ble';
import { TimerId, type Ballot, type BleState, type OmniPaxosMessage } from './types';

/** A context that only records what BLE does (BLE never touches the disk). */
function fakeCtx() {
  const sent: { to: number; msg: OmniPaxosMessage }[] = [];
  const timers: { id: number; delayUs: number }[] = [];
  const notes: { kind: string; a: number; b: number }[] = [];
  const ctx = {
    nowUs: 0,
    nodeId: 0,
    rng: deriveRng(1, 'node:0'),
    send: (to: number, msg: OmniPaxosMessage) => sent.push({ to, msg }),
    setTimer: (id: number, delayUs: number) => timers.push({ id, delayUs }),
    cancelTimer: () => {},
    note: (kind: string, a: number, b: number) => notes.push({ kind, a, b }),
  } as unknown as StepContext<OmniPaxosMessage>;
  return { ctx, sent, timers, notes };
}

/** Server n1 (id 0) of five, its round started. */
function server(ballotN = 1, leader: Ballot | null = null): { b: BleState; io: ReturnType<typeof fakeCtx> } {
  const io = fakeCtx();
  const b = createBle({ nodeId: 0, nodeCount: 5, configId: 1, members: [0, 1, 2, 3, 4], ballotN, priority: 0, leader, roundUs: 300_000 });
  startBle(b, io.ctx);
  return { b, io };
}

function reply(b: BleState, from: number, ballot: Ballot, qc: boolean): void {
  onHeartbeatReply(b, from, { type: 'HeartbeatReply', config: 1, round: b.round, ballot, quorumConnected: qc });
}

describe('Ballot Leader Election (§4)', () => {
  it('starts a round by asking every peer; a round lasts one election timeout', () => {
    const { b, io } = server();
    expect(b.round).toBe(1);
    expect(io.sent.map((s) => s.to)).toEqual([1, 2, 3, 4]);
    expect(io.sent.every((s) => s.msg.type === 'HeartbeatRequest' && s.msg.round === 1)).toBe(true);
    expect(io.timers[0].id).toBe(TimerId.bleRound);
    expect(io.timers[0].delayUs).toBe(300_000);
  });

  it('answers a heartbeat with its ballot and QC flag, echoing the round', () => {
    const { b, io } = server(3);
    io.sent.length = 0;
    onHeartbeatRequest(b, io.ctx, 2, { type: 'HeartbeatRequest', config: 1, round: 17 });
    expect(io.sent).toEqual([{ to: 2, msg: { type: 'HeartbeatReply', config: 1, round: 17, ballot: b.ballot, quorumConnected: true } }]);
  });

  it('elects the highest ballot among quorum-connected servers, itself included', () => {
    const { b, io } = server();
    reply(b, 1, makeBallot(1, 0, 1), true);
    reply(b, 3, makeBallot(2, 0, 3), true);
    reply(b, 4, makeBallot(1, 5, 4), true);
    const elected = onRoundEnd(b, io.ctx);
    expect(elected).toEqual(makeBallot(2, 0, 3));
    expect(b.leader).toEqual(makeBallot(2, 0, 3));
    // The next round has begun.
    expect(b.round).toBe(2);
    expect(io.notes).toContainEqual({ kind: 'ble-round', a: 1, b: 0 });
  });

  it('orders ballots by n, then priority, then pid', () => {
    const { b, io } = server();
    reply(b, 1, makeBallot(1, 2, 1), true);
    reply(b, 4, makeBallot(1, 1, 4), true);
    expect(onRoundEnd(b, io.ctx)).toEqual(makeBallot(1, 2, 1));
  });

  it('never elects a server that is not quorum-connected, however high its ballot', () => {
    const { b, io } = server();
    reply(b, 1, makeBallot(1, 0, 1), true);
    reply(b, 2, makeBallot(9, 0, 2), false);
    reply(b, 3, makeBallot(1, 0, 3), true);
    expect(onRoundEnd(b, io.ctx)).toEqual(makeBallot(1, 0, 3));
  });

  it('drops late replies and duplicates', () => {
    const { b, io } = server();
    onHeartbeatReply(b, 1, { type: 'HeartbeatReply', config: 1, round: 0, ballot: makeBallot(5, 0, 1), quorumConnected: true });
    reply(b, 2, makeBallot(1, 0, 2), true);
    reply(b, 2, makeBallot(1, 0, 2), true);
    // One reply plus itself is not a majority of five.
    expect(onRoundEnd(b, io.ctx)).toBeNull();
    expect(b.quorumConnected).toBe(false);
    expect(io.notes).toContainEqual({ kind: 'qc', a: 0, b: 1 });
  });

  it('without a majority of replies marks itself not QC and keeps its leader', () => {
    const leader = makeBallot(4, 0, 3);
    const { b, io } = server(1, leader);
    reply(b, 3, leader, true);
    expect(onRoundEnd(b, io.ctx)).toBeNull();
    expect(b.quorumConnected).toBe(false);
    expect(b.leader).toEqual(leader);
    expect(b.ballot.n).toBe(1);
  });

  it('competes with leader.n + 1 when the leader went silent, and wins the next round if it is the highest QC ballot', () => {
    const leader = makeBallot(4, 0, 3);
    const { b, io } = server(1, leader);
    reply(b, 1, makeBallot(1, 0, 1), true);
    reply(b, 2, makeBallot(2, 0, 2), true);
    expect(onRoundEnd(b, io.ctx)).toBeNull();
    expect(b.ballot).toEqual(makeBallot(5, 0, 0));
    expect(b.leader).toBeNull();
    expect(b.competing).toBe(true);
    reply(b, 1, makeBallot(1, 0, 1), true);
    reply(b, 2, makeBallot(2, 0, 2), true);
    expect(onRoundEnd(b, io.ctx)).toEqual(makeBallot(5, 0, 0));
    expect(b.competing).toBe(false);
  });

  it('competes when the leader reports itself not quorum-connected', () => {
    const leader = makeBallot(4, 0, 3);
    const { b, io } = server(1, leader);
    reply(b, 3, leader, false);
    reply(b, 1, makeBallot(1, 0, 1), true);
    expect(onRoundEnd(b, io.ctx)).toBeNull();
    expect(b.ballot.n).toBe(5);
  });

  it('keeps a live QC leader without handing it over again', () => {
    const leader = makeBallot(4, 0, 3);
    const { b, io } = server(1, leader);
    reply(b, 3, leader, true);
    reply(b, 1, makeBallot(1, 0, 1), true);
    expect(onRoundEnd(b, io.ctx)).toBeNull();
    expect(b.leader).toEqual(leader);
    expect(b.competing).toBe(false);
  });
});
