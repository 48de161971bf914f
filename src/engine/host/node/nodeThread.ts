/**
 * Node's version of a node worker: a worker thread that forwards the
 * coordinator's requests to the shared node host. Used by the CLI's
 * `--host worker` and by the tests that compare the two hosts in Node.
 * It sleeps on the shared request counter and reads requests synchronously
 * (threadChannels.ts says why); a `close` request ends the loop.
 */
import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { createNodeHost } from '../nodeHost';
import type { NodeRequest } from '../messages';

const requestsPosted = 0;
const answersPosted = 1;
const { signal, port } = workerData as { signal: Int32Array; port: MessagePort };
const host = createNodeHost();
let handled = 0;
for (;;) {
  const got = receiveMessageOnPort(port);
  if (got === undefined) {
    Atomics.wait(signal, requestsPosted, handled);
    continue;
  }
  handled++;
  const request = got.message as NodeRequest;
  port.postMessage(host.handle(request));
  Atomics.add(signal, answersPosted, 1);
  Atomics.notify(signal, answersPosted);
  if (request.type === 'close') break;
}
port.close();
