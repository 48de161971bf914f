/**
 * Turns Jepsen-style event logs (one line per call or completion, matched by
 * process) into operations. Shared by the `jepsen` and `edn` formats.
 *
 * Jepsen's completion types: `:ok` returned, `:fail` definitely had no
 * effect, `:info` unknown (the process crashed or timed out; Jepsen then
 * gives the process a new number). A process that invokes again while its
 * previous operation is still open is handled the same way: the open
 * operation's outcome becomes unknown. The event's line number is its time.
 */
import type { Operation, OperationKind, RegisterValue } from './history';
import { HistoryParseError } from './parseError';

export type EventType = 'invoke' | 'ok' | 'fail' | 'info';

/** What an invoke line asked for. */
export interface InvokeEvent {
  readonly type: 'invoke';
  readonly line: number;
  readonly process: number;
  readonly kind: OperationKind;
  readonly key: string;
  /** put/append/write/cas: the value written or swapped in. */
  readonly value?: string | RegisterValue;
  /** cas: the value compared against. */
  readonly expected?: RegisterValue;
}

/** What a completion line reported. */
export interface CompleteEvent {
  readonly type: 'ok' | 'fail' | 'info';
  readonly line: number;
  readonly process: number;
  readonly kind: OperationKind;
  /**
   * get/read: the value seen. cas: whether it swapped (a `:fail :cas` with
   * the compared values is a cas that returned false).
   */
  readonly output?: string | RegisterValue | boolean;
  /** Set when a `:fail` observed something (a cas whose comparison failed). */
  readonly failObserved?: boolean;
}

export type HistoryEvent = InvokeEvent | CompleteEvent;

interface Open {
  readonly invoke: InvokeEvent;
  readonly id: number;
}

function build(
  invoke: InvokeEvent,
  id: number,
  outcome: Operation['outcome'],
  returnUs: number | null,
  output: CompleteEvent['output'],
): Operation {
  const base = { id, client: invoke.process, key: invoke.key, invokeUs: invoke.line, returnUs, outcome };
  const observed = outcome === 'ok';
  switch (invoke.kind) {
    case 'get':
      return observed ? { ...base, kind: 'get', output: output as string } : { ...base, kind: 'get' };
    case 'read':
      return observed ? { ...base, kind: 'read', output: output as RegisterValue } : { ...base, kind: 'read' };
    case 'put':
      return { ...base, kind: 'put', value: invoke.value as string };
    case 'append':
      return { ...base, kind: 'append', value: invoke.value as string };
    case 'write':
      return { ...base, kind: 'write', value: invoke.value as RegisterValue };
    case 'cas': {
      const cas = { ...base, kind: 'cas' as const, expected: invoke.expected ?? null, value: invoke.value as RegisterValue };
      return observed ? { ...cas, output: output as boolean } : cas;
    }
  }
}

/** Operations in invoke order, ids 0, 1, 2, ... */
export function operationsFromEvents(events: readonly HistoryEvent[]): Operation[] {
  const open = new Map<number, Open>();
  const built: (Operation | null)[] = [];
  const invokes: InvokeEvent[] = [];
  for (const event of events) {
    const pending = open.get(event.process);
    if (event.type === 'invoke') {
      if (pending !== undefined) built[pending.id] = build(pending.invoke, pending.id, 'unknown', null, undefined);
      const id = built.length;
      built.push(null);
      invokes.push(event);
      open.set(event.process, { invoke: event, id });
      continue;
    }
    if (pending === undefined) {
      throw new HistoryParseError(event.line, `expected an :invoke by process ${event.process} before this :${event.type}`);
    }
    if (pending.invoke.kind !== event.kind) {
      throw new HistoryParseError(
        event.line,
        `expected :f to be :${pending.invoke.kind}, as invoked by process ${event.process} on line ${pending.invoke.line}, got :${event.kind}`,
      );
    }
    open.delete(event.process);
    if (event.type === 'ok') {
      built[pending.id] = build(pending.invoke, pending.id, 'ok', event.line, event.output);
    } else if (event.type === 'fail' && event.failObserved === true) {
      built[pending.id] = build(pending.invoke, pending.id, 'ok', event.line, event.output);
    } else if (event.type === 'fail') {
      built[pending.id] = build(pending.invoke, pending.id, 'fail', event.line, undefined);
    } else {
      built[pending.id] = build(pending.invoke, pending.id, 'unknown', null, undefined);
    }
  }
  return built.map((op, id) => op ?? build(invokes[id], id, 'unknown', null, undefined));
}
