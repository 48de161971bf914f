/**
 * Deep copy of plain data (objects, arrays, primitives, typed arrays). The
 * engine's state is plain data by contract, so this is all a checkpoint needs;
 * it is faster than a generic structured clone and available in every host.
 * Objects marked frozen are shared, not copied: immutable log entries and
 * messages are frozen once and then cost nothing to checkpoint.
 */
export function clonePlain<T>(value: T): T {
  return cloneValue(value) as T;
}

function cloneValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Object.isFrozen(value)) return value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = cloneValue(value[i]);
    return out;
  }
  if (ArrayBuffer.isView(value)) return (value as unknown as { slice(): unknown }).slice();
  if (value instanceof Map) {
    const out = new Map();
    for (const [k, v] of value) out.set(k, cloneValue(v));
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = cloneValue((value as Record<string, unknown>)[key]);
  return out;
}
