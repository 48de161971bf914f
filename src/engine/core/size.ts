/** Size estimates shared by the replicas and services. */
/**
 * A rough size of a snapshot's data for byte counts, walking at most a bounded
 * number of values (computed once per snapshot, never per message).
 */
export function estimateBytes(data: unknown): number {
  let budget = 100_000;
  let bytes = 0;
  const stack: unknown[] = [data];
  while (stack.length > 0 && budget-- > 0) {
    const v = stack.pop();
    if (v === null || v === undefined) bytes += 1;
    else if (typeof v === 'number') bytes += 8;
    else if (typeof v === 'string') bytes += v.length + 2;
    else if (typeof v === 'boolean') bytes += 1;
    else if (Array.isArray(v)) {
      bytes += 4;
      for (const item of v) stack.push(item);
    } else if (typeof v === 'object') {
      for (const key of Object.keys(v)) {
        bytes += key.length + 2;
        stack.push((v as Record<string, unknown>)[key]);
      }
    }
  }
  return bytes;
}
