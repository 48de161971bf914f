/**
 * Channels to node workers as Web Workers: one module worker per node. A
 * worker answers strictly in the order it was asked, so the answers are
 * matched to requests first-in, first-out.
 */
import type { NodeChannel, NodeChannelFactory, NodeRequest, NodeResponse } from '../../engine/index';

interface Waiting {
  resolve: (response: NodeResponse) => void;
  reject: (error: Error) => void;
}

export function browserChannelFactory(): NodeChannelFactory {
  return (nodeId) => {
    const worker = new Worker(new URL('../../workers/node.worker.ts', import.meta.url), { type: 'module', name: `node n${nodeId + 1}` });
    const waiting: Waiting[] = [];
    let failure: Error | null = null;
    const failAll = (error: Error) => {
      failure = error;
      for (const w of waiting.splice(0)) w.reject(error);
    };
    worker.onmessage = (event: MessageEvent<NodeResponse>) => {
      const next = waiting.shift();
      if (next !== undefined) next.resolve(event.data);
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      failAll(new Error(`the worker of n${nodeId + 1} failed: ${event.message || 'it could not be loaded'}`));
    };
    worker.onmessageerror = () => failAll(new Error(`the worker of n${nodeId + 1} sent an answer that could not be read`));
    const channel: NodeChannel = {
      request(request: NodeRequest) {
        if (failure !== null) return Promise.reject(failure);
        return new Promise<NodeResponse>((resolve, reject) => {
          waiting.push({ resolve, reject });
          worker.postMessage(request);
        });
      },
      close() {
        worker.terminate();
        failAll(new Error(`the worker of n${nodeId + 1} was closed`));
      },
    };
    return channel;
  };
}
