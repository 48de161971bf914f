/**
 * The worker side of the worker host: one node's runtime behind a request
 * handler. The browser's worker script and Node's worker thread both just
 * forward their messages here.
 */
import { clonePlain } from '../core/clone';
import { resolveProtocol } from '../protocols/registry';
import { createEffects, markStep, trimEffects, type Effects } from '../sim/effects';
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
            const marks: number[] = [];
            guarded(effects, () => bootNode(node, request.nowUs, effects));
            markStep(effects, marks);
            trimEffects(effects);
            return { type: 'effects', effects, marks, steps: 1, view: request.logTail > 0 ? viewNode(node, request.logTail) : null };
          }
          case 'crash':
            crashNode(runtime());
            return { type: 'ok' };
          case 'batch': {
            const node = runtime();
            // One buffer for the whole batch: each step appends after the one before, and marks where it ends.
            const effects = createEffects();
            const marks: number[] = [];
            let steps = 0;
            for (const item of request.items) {
              guarded(effects, () => stepNode(node, item.timeUs, item.input, effects));
              markStep(effects, marks);
              steps++;
              if (effects.error !== null) break;
            }
            trimEffects(effects);
            return { type: 'effects', effects, marks, steps, view: request.logTail > 0 ? viewNode(node, request.logTail) : null };
          }
          case 'machine':
            return { type: 'machine', machine: clonePlain(runtime().machine) };
          case 'ping':
            return { type: 'ok' };
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
