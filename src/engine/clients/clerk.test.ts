/**
 * The clerk alone, driven through a fake ClerkIo: a closed-loop client that
 * numbers its requests, retries a request with the same sequence number on a
 * timeout (at the next server), follows "not leader" hints, ignores late
 * answers to earlier attempts, records invoke and return times, and stops
 * after its share of operations.
 */
import { describe, expect, it } from 'vitest';
import { clerkMinTimerUs, clerkOnReply, clerkOnTimer, clerkStart, createClerk, defaultClientSettings, noLeaderBackoffUs, type ClerkIo, type ClerkState, type ClientSettings } from './clerk';
import type { ClientReply, ClientRequest, KvOp } from './messages';
import { toCheckerOperations } from './history';

const nodeCount = 5;

/** What the fake io remembers of one operation. */
interface OperationRecordLike {
  client: number;
  op: KvOp;
  invokeUs: number;
  returnUs: number | null;
  output: string | null;
}

interface FakeIo extends ClerkIo {
  sends: { from: number; to: number; msg: ClientRequest }[];
  timers: { endpoint: number; delayUs: number; gen: number }[];
  history: OperationRecordLike[];
}

function fakeIo(): FakeIo {
  const io: FakeIo = {
    nowUs: 0,
    sends: [],
    timers: [],
    history: [],
    send(from, to, msg) {
      io.sends.push({ from, to, msg });
    },
    setTimer(endpoint, delayUs, gen) {
      io.timers.push({ endpoint, delayUs, gen });
    },
    setArrivalTimer(endpoint, delayUs, gen) {
      io.timers.push({ endpoint, delayUs, gen: -gen });
    },
    invoke(client: number, op: KvOp, nowUs: number) {
      io.history.push({ client, op, invokeUs: nowUs, returnUs: null, output: null });
      return io.history.length - 1;
    },
    complete(historyIndex, value, nowUs) {
      const record = io.history[historyIndex];
      expect(record.returnUs, 'an operation returns once').toBeNull();
      record.returnUs = nowUs;
      record.output = value;
    },
  };
  return io;
}

function settings(overrides: Partial<ClientSettings> = {}): ClientSettings {
  return { ...defaultClientSettings, count: 1, ...overrides };
}

function lastSend(io: FakeIo) {
  return io.sends[io.sends.length - 1];
}

function lastTimer(io: FakeIo) {
  return io.timers[io.timers.length - 1];
}

function ok(clerk: ClerkState, seq: number, value: string | null, from = clerk.leaderGuess): ClientReply {
  return { type: 'ClientReply', client: clerk.client, seq, status: 'ok', value, leaderHint: from };
}

function notLeader(clerk: ClerkState, seq: number, leaderHint: number): ClientReply {
  return { type: 'ClientReply', client: clerk.client, seq, status: 'not-leader', value: null, leaderHint };
}

describe('clerk', () => {
  it('is a network endpoint after the replicas and starts with a seeded guess of the leader', () => {
    const clerk = createClerk(42, 3, nodeCount);
    expect(clerk.endpoint).toBe(nodeCount + 3);
    expect(clerk.leaderGuess).toBeGreaterThanOrEqual(0);
    expect(clerk.leaderGuess).toBeLessThan(nodeCount);
    expect(createClerk(42, 3, nodeCount)).toEqual(clerk);
  });

  it('starts an operation: records its call, sends request #1 to its guess and arms the request timeout', () => {
    const s = settings();
    const clerk = createClerk(1, 0, nodeCount);
    const io = fakeIo();
    io.nowUs = 1_000;
    clerkStart(clerk, s, io);
    expect(io.history).toHaveLength(1);
    expect(io.history[0].invokeUs).toBe(1_000);
    expect(io.sends).toHaveLength(1);
    const { from, to, msg } = io.sends[0];
    expect(from).toBe(clerk.endpoint);
    expect(to).toBe(clerk.leaderGuess);
    expect(msg).toEqual({ type: 'ClientRequest', client: 0, seq: 1, op: io.history[0].op });
    expect(lastTimer(io)).toEqual({ endpoint: clerk.endpoint, delayUs: s.requestTimeoutUs, gen: clerk.timerGen });
    expect(clerk.pending?.attempts).toBe(1);
  });

  it('retries a timed-out request with the same sequence number at the next server', () => {
    const s = settings();
    const clerk = createClerk(2, 0, nodeCount);
    const io = fakeIo();
    clerkStart(clerk, s, io);
    const first = lastSend(io);
    io.nowUs = s.requestTimeoutUs;
    clerkOnTimer(clerk, lastTimer(io).gen, s, nodeCount, io);
    const second = lastSend(io);
    expect(second.to).toBe((first.to + 1) % nodeCount);
    expect(second.msg.seq).toBe(first.msg.seq);
    expect(second.msg.op).toEqual(first.msg.op);
    expect(clerk.retries).toBe(1);
    expect(clerk.pending?.attempts).toBe(2);
    // Around the ring: after nodeCount timeouts it is back where it started.
    for (let k = 1; k < nodeCount; k++) clerkOnTimer(clerk, lastTimer(io).gen, s, nodeCount, io);
    expect(lastSend(io).to).toBe(first.to);
    expect(io.history).toHaveLength(1);
  });

  it('ignores a timer it has since re-armed (a stale generation)', () => {
    const s = settings();
    const clerk = createClerk(3, 0, nodeCount);
    const io = fakeIo();
    clerkStart(clerk, s, io);
    const stale = lastTimer(io).gen;
    clerkOnTimer(clerk, stale, s, nodeCount, io);
    const sends = io.sends.length;
    clerkOnTimer(clerk, stale, s, nodeCount, io);
    expect(io.sends).toHaveLength(sends);
    expect(clerk.retries).toBe(1);
  });

  it('follows a not-leader hint at once, with the same sequence number', () => {
    const s = settings();
    const clerk = createClerk(4, 0, nodeCount);
    const io = fakeIo();
    clerkStart(clerk, s, io);
    const guess = clerk.leaderGuess;
    const hint = (guess + 2) % nodeCount;
    clerkOnReply(clerk, notLeader(clerk, 1, hint), s, nodeCount, io);
    expect(clerk.leaderGuess).toBe(hint);
    expect(lastSend(io).to).toBe(hint);
    expect(lastSend(io).msg.seq).toBe(1);
    expect(lastTimer(io).delayUs).toBe(s.requestTimeoutUs);
    expect(clerk.retries).toBe(1);
  });

  it('backs off briefly when nobody knows the leader, then tries the next server', () => {
    const s = settings();
    const clerk = createClerk(5, 0, nodeCount);
    const io = fakeIo();
    clerkStart(clerk, s, io);
    const guess = clerk.leaderGuess;
    for (const hint of [-1, guess]) {
      const sends = io.sends.length;
      clerkOnReply(clerk, notLeader(clerk, 1, hint), s, nodeCount, io);
      expect(io.sends).toHaveLength(sends);
      expect(lastTimer(io).delayUs).toBe(noLeaderBackoffUs);
    }
    clerkOnTimer(clerk, lastTimer(io).gen, s, nodeCount, io);
    expect(lastSend(io).to).toBe((guess + 1) % nodeCount);
    expect(lastSend(io).msg.seq).toBe(1);
  });

  it('records the return, thinks, then starts the next operation with the next sequence number', () => {
    const s = settings({ thinkTimeUs: 7_000 });
    const clerk = createClerk(6, 0, nodeCount);
    const io = fakeIo();
    clerkStart(clerk, s, io);
    io.nowUs = 30_000;
    clerkOnReply(clerk, ok(clerk, 1, 'seen'), s, nodeCount, io);
    expect(io.history[0]).toMatchObject({ invokeUs: 0, returnUs: 30_000, output: 'seen' });
    expect(clerk.pending).toBeNull();
    expect(lastTimer(io).delayUs).toBe(7_000);
    io.nowUs = 37_000;
    clerkOnTimer(clerk, lastTimer(io).gen, s, nodeCount, io);
    expect(io.history).toHaveLength(2);
    expect(io.history[1].invokeUs).toBe(37_000);
    expect(lastSend(io).msg.seq).toBe(2);
  });

  it('starts the next operation at once when think time is 0', () => {
    const s = settings({ thinkTimeUs: 0 });
    const clerk = createClerk(7, 0, nodeCount);
    const io = fakeIo();
    clerkStart(clerk, s, io);
    clerkOnReply(clerk, ok(clerk, 1, null), s, nodeCount, io);
    expect(io.history).toHaveLength(2);
    expect(lastSend(io).msg.seq).toBe(2);
  });

  it('ignores late answers to earlier attempts and duplicates of an answer already taken', () => {
    const s = settings();
    const clerk = createClerk(8, 0, nodeCount);
    const io = fakeIo();
    clerkStart(clerk, s, io);
    clerkOnReply(clerk, ok(clerk, 1, 'first'), s, nodeCount, io);
    // A duplicate of the same answer while the clerk thinks.
    clerkOnReply(clerk, ok(clerk, 1, 'first'), s, nodeCount, io);
    clerkOnTimer(clerk, lastTimer(io).gen, s, nodeCount, io);
    expect(clerk.pending?.seq).toBe(2);
    const sends = io.sends.length;
    const guess = clerk.leaderGuess;
    // The answer to a retried copy of request #1, and a not-leader for it, arrive during #2.
    clerkOnReply(clerk, ok(clerk, 1, 'late'), s, nodeCount, io);
    clerkOnReply(clerk, notLeader(clerk, 1, (guess + 1) % nodeCount), s, nodeCount, io);
    expect(clerk.pending?.seq).toBe(2);
    expect(clerk.leaderGuess).toBe(guess);
    expect(io.sends).toHaveLength(sends);
    expect(io.history[0].output).toBe('first');
    expect(io.history[1].returnUs).toBeNull();
  });

  it('stops after opsPerClient operations', () => {
    const s = settings({ opsPerClient: 3 });
    const clerk = createClerk(9, 0, nodeCount);
    const io = fakeIo();
    clerkStart(clerk, s, io);
    for (let k = 0; k < 5; k++) {
      if (clerk.pending !== null) clerkOnReply(clerk, ok(clerk, clerk.pending.seq, null), s, nodeCount, io);
      clerkOnTimer(clerk, lastTimer(io).gen, s, nodeCount, io);
    }
    expect(io.history).toHaveLength(3);
    expect(io.history.every((r) => r.returnUs !== null)).toBe(true);
    expect(clerk.issued).toBe(3);
    expect(clerk.pending).toBeNull();
  });

  it('draws keys k0…k{keys-1} and unique values, as configured', () => {
    const io = fakeIo();
    const ops = (overrides: Partial<ClientSettings>, seed: number): KvOp[] => {
      const s = settings({ thinkTimeUs: 0, opsPerClient: 200, ...overrides });
      const clerk = createClerk(seed, 2, nodeCount);
      clerkStart(clerk, s, io);
      while (clerk.pending !== null) clerkOnReply(clerk, ok(clerk, clerk.pending.seq, null), s, nodeCount, io);
      return io.history.splice(0).map((r) => r.op);
    };
    const reads = ops({ readRatio: 1, keys: 3 }, 1);
    expect(reads.every((op) => op.kind === 'get')).toBe(true);
    expect(new Set(reads.map((op) => op.key))).toEqual(new Set(['k0', 'k1', 'k2']));
    const appends = ops({ readRatio: 0, appendRatio: 1 }, 1);
    expect(appends.every((op) => op.kind === 'append')).toBe(true);
    const values = appends.map((op) => (op.kind === 'append' ? op.value : ''));
    expect(new Set(values).size).toBe(values.length);
    expect(values[0]).toBe('2.1 ');
    const puts = ops({ readRatio: 0, appendRatio: 0 }, 1);
    expect(puts.every((op) => op.kind === 'put')).toBe(true);
    const mixed = ops({}, 5);
    expect(new Set(mixed.map((op) => op.kind))).toEqual(new Set(['get', 'put', 'append']));
    expect(ops({}, 5)).toEqual(mixed);
  });

  it('never sets a timer shorter than clerkMinTimerUs (the worker host’s lookahead)', () => {
    const s = settings({ thinkTimeUs: 3_000, requestTimeoutUs: 50_000 });
    expect(clerkMinTimerUs(s)).toBe(3_000);
    expect(clerkMinTimerUs(settings({ thinkTimeUs: 0, requestTimeoutUs: 5_000 }))).toBe(5_000);
    expect(clerkMinTimerUs(settings({ thinkTimeUs: 0, requestTimeoutUs: 500_000 }))).toBe(noLeaderBackoffUs);
    const clerk = createClerk(10, 0, nodeCount);
    const io = fakeIo();
    clerkStart(clerk, s, io);
    clerkOnReply(clerk, notLeader(clerk, 1, -1), s, nodeCount, io);
    clerkOnTimer(clerk, lastTimer(io).gen, s, nodeCount, io);
    clerkOnReply(clerk, ok(clerk, 1, null), s, nodeCount, io);
    expect(Math.min(...io.timers.map((t) => t.delayUs))).toBeGreaterThanOrEqual(clerkMinTimerUs(s));
  });
});

describe('client history for the checker', () => {
  it('maps returned operations to ok and unreturned ones to unknown; an unreturned Get has no output', () => {
    const ops = toCheckerOperations([
      { client: 0, kind: 'put', key: 'k', value: 'a', expected: null, output: null, invokeUs: 1, returnUs: 5 },
      { client: 1, kind: 'get', key: 'k', value: null, expected: null, output: 'a', invokeUs: 6, returnUs: 9 },
      { client: 2, kind: 'append', key: 'k', value: 'b', expected: null, output: null, invokeUs: 7, returnUs: null },
      { client: 3, kind: 'get', key: 'k', value: null, expected: null, output: null, invokeUs: 8, returnUs: null },
    ]);
    expect(ops.map((op) => [op.id, op.kind, op.outcome])).toEqual([
      [0, 'put', 'ok'],
      [1, 'get', 'ok'],
      [2, 'append', 'unknown'],
      [3, 'get', 'unknown'],
    ]);
    expect(ops[1]).toMatchObject({ output: 'a', invokeUs: 6, returnUs: 9 });
    expect('output' in ops[3]).toBe(false);
  });

  it('refuses compare-and-set records (they belong to the register model)', () => {
    expect(() => toCheckerOperations([{ client: 0, kind: 'cas', key: 'k', value: 'b', expected: 'a', output: 'true', invokeUs: 1, returnUs: 2 }])).toThrow(/register model/);
  });
});
