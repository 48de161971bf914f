/**
 * The controller clerk alone, driven through a fake io: it numbers its
 * requests, sends them to its guess of the leader, retries a timed-out
 * request with the same sequence number at the next replica, follows
 * "not leader" hints, backs off when nobody knows the leader, ignores late
 * answers, and runs submitted operations one at a time, in order.
 */
import { describe, expect, it } from 'vitest';
import {
  createCtrlerClerk,
  ctrlerClerkIdle,
  ctrlerClerkMinTimerUs,
  ctrlerClerkOnReply,
  ctrlerClerkOnTimer,
  ctrlerClerkSubmit,
  defaultCtrlerClerkSettings,
  type CtrlerClerkIo,
  type CtrlerClerkState,
} from './clerk';
import { initialConfig } from './service';
import type { CtrlerOp, CtrlerReply, CtrlerRequest } from './types';

/** Controller replicas listen at endpoints 20, 21, 22; the clerk at 40. */
const servers = [20, 21, 22];
const s = defaultCtrlerClerkSettings;

interface FakeIo extends CtrlerClerkIo {
  sends: { from: number; to: number; msg: CtrlerRequest }[];
  timers: { endpoint: number; delayUs: number; gen: number }[];
  completions: { seq: number; op: CtrlerOp; reply: CtrlerReply; nowUs: number }[];
}

function fakeIo(): FakeIo {
  const io: FakeIo = {
    nowUs: 0,
    sends: [],
    timers: [],
    completions: [],
    send: (from, to, msg) => io.sends.push({ from, to, msg }),
    setTimer: (endpoint, delayUs, gen) => io.timers.push({ endpoint, delayUs, gen }),
    complete: (_client, seq, op, reply, nowUs) => io.completions.push({ seq, op, reply, nowUs }),
  };
  return io;
}

const lastSend = (io: FakeIo) => io.sends[io.sends.length - 1];
const lastTimer = (io: FakeIo) => io.timers[io.timers.length - 1];
const query = (num: number): CtrlerOp => ({ kind: 'query', num });

function ok(clerk: CtrlerClerkState, seq: number): CtrlerReply {
  return { type: 'CtrlerReply', client: clerk.client, seq, status: 'ok', err: null, config: initialConfig(10), leaderHint: clerk.leaderGuess };
}

function notLeader(clerk: CtrlerClerkState, seq: number, leaderHint: number): CtrlerReply {
  return { type: 'CtrlerReply', client: clerk.client, seq, status: 'not-leader', err: null, config: null, leaderHint };
}

describe('controller clerk', () => {
  it('starts idle with a seeded guess of the leader, the same for the same seed', () => {
    const clerk = createCtrlerClerk(42, 3, 40, servers);
    expect(ctrlerClerkIdle(clerk)).toBe(true);
    expect(clerk.leaderGuess).toBeGreaterThanOrEqual(0);
    expect(clerk.leaderGuess).toBeLessThan(servers.length);
    expect(createCtrlerClerk(42, 3, 40, servers)).toEqual(clerk);
    const guesses = new Set(Array.from({ length: 30 }, (_, seed) => createCtrlerClerk(seed, 3, 40, servers).leaderGuess));
    expect(guesses.size).toBe(servers.length);
    expect(() => createCtrlerClerk(1, 1, 40, [])).toThrow();
    expect(ctrlerClerkMinTimerUs(s)).toBe(s.noLeaderBackoffUs);
  });

  it('sends request #1 to its guess and arms the request timeout', () => {
    const clerk = createCtrlerClerk(1, 0, 40, servers);
    const io = fakeIo();
    ctrlerClerkSubmit(clerk, { kind: 'join', servers: { 1: ['a'] } }, s, io);
    expect(io.sends).toEqual([{ from: 40, to: servers[clerk.leaderGuess], msg: { type: 'CtrlerRequest', client: 0, seq: 1, op: { kind: 'join', servers: { 1: ['a'] } } } }]);
    expect(lastTimer(io)).toEqual({ endpoint: 40, delayUs: s.requestTimeoutUs, gen: clerk.timerGen });
    expect(clerk.pending?.attempts).toBe(1);
    expect(ctrlerClerkIdle(clerk)).toBe(false);
  });

  it('retries a timed-out request with the same sequence number at the next replica, around the ring', () => {
    const clerk = createCtrlerClerk(2, 0, 40, servers);
    const io = fakeIo();
    ctrlerClerkSubmit(clerk, query(-1), s, io);
    const first = lastSend(io);
    ctrlerClerkOnTimer(clerk, lastTimer(io).gen, s, io);
    const second = lastSend(io);
    expect(servers.indexOf(second.to)).toBe((servers.indexOf(first.to) + 1) % servers.length);
    expect(second.msg).toEqual(first.msg);
    expect(clerk.retries).toBe(1);
    for (let k = 1; k < servers.length; k++) ctrlerClerkOnTimer(clerk, lastTimer(io).gen, s, io);
    expect(lastSend(io).to).toBe(first.to);
    expect(clerk.seq).toBe(1);
  });

  it('ignores a stale timer, and any timer once the request is answered', () => {
    const clerk = createCtrlerClerk(3, 0, 40, servers);
    const io = fakeIo();
    ctrlerClerkSubmit(clerk, query(-1), s, io);
    const stale = lastTimer(io).gen;
    ctrlerClerkOnTimer(clerk, stale, s, io);
    const sends = io.sends.length;
    ctrlerClerkOnTimer(clerk, stale, s, io);
    expect(io.sends).toHaveLength(sends);
    const live = lastTimer(io).gen;
    ctrlerClerkOnReply(clerk, ok(clerk, 1), s, io);
    ctrlerClerkOnTimer(clerk, live, s, io);
    expect(io.sends).toHaveLength(sends);
    expect(ctrlerClerkIdle(clerk)).toBe(true);
  });

  it('follows a not-leader hint at once; backs off when there is none, then tries the next replica', () => {
    const clerk = createCtrlerClerk(4, 0, 40, servers);
    const io = fakeIo();
    ctrlerClerkSubmit(clerk, query(-1), s, io);
    const hint = (clerk.leaderGuess + 1) % servers.length;
    ctrlerClerkOnReply(clerk, notLeader(clerk, 1, hint), s, io);
    expect(clerk.leaderGuess).toBe(hint);
    expect(lastSend(io).to).toBe(servers[hint]);
    expect(lastSend(io).msg.seq).toBe(1);
    for (const useless of [-1, hint, servers.length + 5]) {
      const sends = io.sends.length;
      ctrlerClerkOnReply(clerk, notLeader(clerk, 1, useless), s, io);
      expect(io.sends).toHaveLength(sends);
      expect(lastTimer(io).delayUs).toBe(s.noLeaderBackoffUs);
    }
    ctrlerClerkOnTimer(clerk, lastTimer(io).gen, s, io);
    expect(lastSend(io).to).toBe(servers[(hint + 1) % servers.length]);
    expect(lastSend(io).msg.seq).toBe(1);
  });

  it('runs submitted operations one at a time, in order, each with the next sequence number', () => {
    const clerk = createCtrlerClerk(5, 7, 40, servers);
    const io = fakeIo();
    const ops = [query(0), { kind: 'leave', gids: [1] } as CtrlerOp, query(-1)];
    for (const op of ops) ctrlerClerkSubmit(clerk, op, s, io);
    expect(io.sends).toHaveLength(1);
    for (let seq = 1; seq <= 3; seq++) {
      expect(lastSend(io).msg.seq).toBe(seq);
      expect(lastSend(io).msg.op).toEqual(ops[seq - 1]);
      io.nowUs = seq * 1_000;
      ctrlerClerkOnReply(clerk, ok(clerk, seq), s, io);
    }
    expect(io.completions.map((c) => [c.seq, c.op, c.nowUs])).toEqual(ops.map((op, i) => [i + 1, op, (i + 1) * 1_000]));
    expect(ctrlerClerkIdle(clerk)).toBe(true);
    expect(clerk.completed).toBe(3);
  });

  it('lets the completion callback submit the next operation itself', () => {
    const clerk = createCtrlerClerk(6, 0, 40, servers);
    const io = fakeIo();
    io.complete = (_client, seq, op, reply, nowUs) => {
      io.completions.push({ seq, op, reply, nowUs });
      if (seq < 3) ctrlerClerkSubmit(clerk, query(seq), s, io);
    };
    ctrlerClerkSubmit(clerk, query(-1), s, io);
    for (let seq = 1; seq <= 3; seq++) ctrlerClerkOnReply(clerk, ok(clerk, seq), s, io);
    expect(io.completions.map((c) => c.seq)).toEqual([1, 2, 3]);
    expect(io.sends.map((x) => x.msg.seq)).toEqual([1, 2, 3]);
    expect(ctrlerClerkIdle(clerk)).toBe(true);
  });

  it('ignores late answers, duplicates and answers meant for another client', () => {
    const clerk = createCtrlerClerk(8, 0, 40, servers);
    const io = fakeIo();
    ctrlerClerkSubmit(clerk, query(-1), s, io);
    ctrlerClerkSubmit(clerk, query(-1), s, io);
    ctrlerClerkOnReply(clerk, ok(clerk, 1), s, io);
    ctrlerClerkOnReply(clerk, ok(clerk, 1), s, io);
    expect(io.completions).toHaveLength(1);
    expect(clerk.pending?.seq).toBe(2);
    const guess = clerk.leaderGuess;
    ctrlerClerkOnReply(clerk, notLeader(clerk, 1, (guess + 1) % servers.length), s, io);
    ctrlerClerkOnReply(clerk, { ...ok(clerk, 2), client: 99 }, s, io);
    expect(clerk.leaderGuess).toBe(guess);
    expect(io.completions).toHaveLength(1);
    ctrlerClerkOnReply(clerk, ok(clerk, 2), s, io);
    expect(io.completions.map((c) => c.seq)).toEqual([1, 2]);
  });

  it('is plain data: a structured clone continues exactly like the original', () => {
    const a = createCtrlerClerk(9, 0, 40, servers);
    const ioA = fakeIo();
    ctrlerClerkSubmit(a, query(-1), s, ioA);
    ctrlerClerkSubmit(a, query(3), s, ioA);
    const b = structuredClone(a);
    const ioB = fakeIo();
    for (const [clerk, io] of [
      [a, ioA],
      [b, ioB],
    ] as const) {
      ctrlerClerkOnTimer(clerk, clerk.timerGen, s, io);
      ctrlerClerkOnReply(clerk, ok(clerk, 1), s, io);
    }
    expect(b).toEqual(a);
    expect(ioB.sends).toEqual(ioA.sends.slice(1));
  });
});
