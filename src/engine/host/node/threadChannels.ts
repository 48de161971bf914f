/**
 * Channels to node workers as Node worker threads. This is the host layer
 * that talks to real threads, so it is the one place under src/engine that
 * uses Node APIs; it never reads the clock or randomness.
 */
import { Worker } from 'node:worker_threads';
import type { NodeChannel, NodeChannelFactory, NodeRequest, NodeResponse } from '../messages';

export function threadChannelFactory(): NodeChannelFactory {
  return () => {
    const worker = new Worker(new URL('./nodeThreadBootstrap.mjs', import.meta.url));
    const waiting: { resolve: (r: NodeResponse) => void; reject: (e: Error) => void }[] = [];
    worker.on('message', (response: NodeResponse) => waiting.shift()?.resolve(response));
    worker.on('error', (error) => {
      for (const w of waiting.splice(0)) w.reject(error);
    });
    const channel: NodeChannel = {
      request(request: NodeRequest) {
        return new Promise((resolve, reject) => {
          waiting.push({ resolve, reject });
          worker.postMessage(request);
        });
      },
      close() {
        void worker.terminate();
      },
    };
    return channel;
  };
}
