import { describe, expect, it } from 'vitest';
import { SerialQueue } from './serialQueue';
import { frameAdvanceUs } from './frameClock';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('serial queue', () => {
  it('runs tasks one at a time, in order, even when they await', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    let running = 0;
    const task = (name: string) => async () => {
      running++;
      expect(running).toBe(1);
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
      running--;
      return name;
    };
    expect(queue.idle).toBe(true);
    const results = Promise.all([queue.run(task('run')), queue.run(task('crash')), queue.run(task('run2'))]);
    expect(queue.idle).toBe(false);
    expect(await results).toEqual(['run', 'crash', 'run2']);
    expect(log).toEqual(['run start', 'run end', 'crash start', 'crash end', 'run2 start', 'run2 end']);
    expect(queue.idle).toBe(true);
  });

  it('goes on after a task fails, and the failure reaches only its caller', async () => {
    const queue = new SerialQueue();
    const failed = queue.run(async () => {
      throw new Error('boom');
    });
    const next = queue.run(() => 42);
    await expect(failed).rejects.toThrow('boom');
    expect(await next).toBe(42);
  });
});

describe('frame clock', () => {
  it('moves virtual time by real time times speed', () => {
    expect(frameAdvanceUs(16, 0.1)).toBe(1600);
    expect(frameAdvanceUs(16, 1)).toBe(16_000);
  });

  it('caps a long gap so the world slows down instead of jumping', () => {
    expect(frameAdvanceUs(5000, 1)).toBe(100_000);
    expect(frameAdvanceUs(-5, 1)).toBe(0);
  });
});
