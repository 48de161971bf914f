/**
 * Channels to node workers as Node worker threads. This is the host layer
 * that talks to real threads, so it is the one place under src/engine that
 * uses Node APIs; it never reads the clock or randomness.
 *
 * A lookahead window holds a few dozen events, so the cost of a round trip
 * to the workers decides the worker host's speed. Instead of waking each
 * side through its event loop, requests and answers go through a
 * MessageChannel read synchronously (`receiveMessageOnPort`), and each side
 * sleeps on a shared counter (`Atomics.wait`) until the other has posted. A
 * request's answer is read only when its promise is awaited (in a
 * microtask), so the coordinator sends every worker its batch first and
 * then collects the answers while the workers run in parallel.
 */
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import type { NodeChannel, NodeChannelFactory, NodeRequest, NodeResponse } from '../messages';

/** Shared counters: requests posted by the coordinator, answers posted by the worker. */
export const requestsPosted = 0;
export const answersPosted = 1;
/** A worker that does not answer within this long is taken for dead. */
const answerTimeoutMs = 30_000;

export function threadChannelFactory(): NodeChannelFactory {
  return () => {
    const signal = new Int32Array(new SharedArrayBuffer(8));
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(new URL('./nodeThreadBootstrap.mjs', import.meta.url), { workerData: { signal, port: port2 }, transferList: [port2] });
    let failure: Error | null = null;
    let closed = false;
    worker.on('error', (error) => (failure = error));
    let answered = 0;
    const receive = (): NodeResponse => {
      for (;;) {
        if (closed) throw new Error('node worker closed');
        const got = receiveMessageOnPort(port1);
        if (got !== undefined) {
          answered++;
          return got.message as NodeResponse;
        }
        if (failure !== null) throw failure;
        const posted = Atomics.load(signal, answersPosted);
        // Posted already but not visible yet on the port: look again; otherwise sleep until the worker posts.
        if (posted > answered) continue;
        if (Atomics.wait(signal, answersPosted, posted, answerTimeoutMs) === 'timed-out') throw new Error(`node worker did not answer within ${answerTimeoutMs / 1000} s`);
      }
    };
    const channel: NodeChannel = {
      request(request: NodeRequest) {
        port1.postMessage(request);
        Atomics.add(signal, requestsPosted, 1);
        Atomics.notify(signal, requestsPosted);
        return new Promise((resolve, reject) =>
          queueMicrotask(() => {
            try {
              resolve(receive());
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          }),
        );
      },
      close() {
        if (closed) return;
        closed = true;
        port1.close();
        void worker.terminate();
      },
    };
    return channel;
  };
}
