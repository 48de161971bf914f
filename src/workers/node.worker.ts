/**
 * One simulated node in a Web Worker. The coordinator on the page sends this
 * worker its node's inputs, window by window; the shared node host runs the
 * replica and answers with the effects.
 */
import { createNodeHost } from '../engine/host/nodeHost';
import type { NodeRequest } from '../engine/host/messages';

const host = createNodeHost();
const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (event: MessageEvent<NodeRequest>) => {
  scope.postMessage(host.handle(event.data));
};
