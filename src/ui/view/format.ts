/** Numbers as the page writes them. */

/** Virtual time, in seconds with a tenth of a millisecond. */
export function formatVirtualTime(nowUs: number): string {
  return `${(nowUs / 1_000_000).toFixed(4)} s`;
}

/** A virtual time for a log line: milliseconds with one decimal. */
export function formatLineTime(timeUs: number): string {
  return (timeUs / 1000).toFixed(1);
}

export function formatDurationUs(us: number): string {
  return us >= 1_000_000 ? `${(us / 1_000_000).toFixed(2)} s` : `${Math.round(us / 1000)} ms`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** A moment on the timeline: milliseconds with one decimal. */
export function formatMs(us: number): string {
  return `${(us / 1000).toFixed(1)} ms`;
}
