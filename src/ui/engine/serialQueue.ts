/**
 * Runs asynchronous tasks one at a time, in the order they were queued, so
 * that an action never lands in the middle of a run and two runs never
 * overlap. A failed task rejects its own promise and does not stop the queue.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  /** True when no task is queued or running. */
  get idle(): boolean {
    return this.pending === 0;
  }

  run<T>(task: () => T | Promise<T>): Promise<T> {
    this.pending++;
    const result = this.tail.then(task);
    this.tail = result
      .catch(() => undefined)
      .finally(() => {
        this.pending--;
      });
    return result;
  }
}
