/**
 * The worker side of the worker host: one node's runtime behind a request
 * handler. The browser's worker script and Node's worker thread both just
 * forward their messages here.
 */
import { clonePlain } from '../core/clone';
import { resolveProtocol } from '../protocols/registry';
import { createEffects, type Effects } from '../sim/effects';
import { bootNode, crashNode, createNodeRuntimeFor, stepNode, viewNode, type NodeRuntime } from '../sim/nodeRuntime';
import type { NodeRequest, NodeResponse } from './messages';

export interface NodeHost {
  handle(request: NodeRequest): NodeResponse;
}

export function createNodeHost(): NodeHost {
  let rt: NodeRuntime | null = null;
  const runtime = (): NodeRuntime => {
    if (rt === null) throw new Error('node worker used before init');
    return rt;
  };
  const guarded = (effects: Effects, run: () => void): void => {
    try {
      run();
    } catch (error) {
      effects.error = error instanceof Error ? error.message : String(error);
    }
  };
  return {
    handle(request) {
      try {
        switch (request.type) {
          case 'init': {
            rt = createNodeRuntimeFor(resolveProtocol(request.setup.protocolName), request.setup.world, request.setup.nodeId);
            return { type: 'ok' };
          }
          case 'boot': {
            const node = runtime();
            const effects = createEffects();
            guarded(effects, () => bootNode(node, request.nowUs, effects));
            return { type: 'effects', effects: [effects], view: request.logTail > 0 ? viewNode(node, request.logTail) : null };
          }
          case 'crash':
            crashNode(runtime());
            return { type: 'ok' };
          case 'batch': {
            const node = runtime();
            const out: Effects[] = [];
            for (const item of request.items) {
              const effects = createEffects();
              guarded(effects, () => stepNode(node, item.timeUs, item.input, effects));
              out.push(effects);
              if (effects.error !== null) break;
            }
            return { type: 'effects', effects: out, view: request.logTail > 0 ? viewNode(node, request.logTail) : null };
          }
          case 'machine':
            return { type: 'machine', machine: clonePlain(runtime().machine) };
          case 'close':
            rt = null;
            return { type: 'ok' };
        }
      } catch (error) {
        return { type: 'error', message: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
