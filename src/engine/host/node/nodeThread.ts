/**
 * Node's version of a node worker: a worker thread that forwards the
 * coordinator's requests to the shared node host. Used by the CLI's
 * `--host worker` and by the tests that compare the two hosts in Node.
 */
import { parentPort } from 'node:worker_threads';
import { createNodeHost } from '../nodeHost';
import type { NodeRequest } from '../messages';

const host = createNodeHost();
if (parentPort === null) throw new Error('nodeThread must run as a worker thread');
const port = parentPort;
port.on('message', (request: NodeRequest) => {
  port.postMessage(host.handle(request));
});
