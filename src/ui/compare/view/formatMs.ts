/** Milliseconds as the compare page writes them: "19.6 ms", "592 ms", "1,398 ms". */
export function formatMs(ms: number): string {
  const rounded = ms < 100 ? Math.round(ms * 10) / 10 : Math.round(ms);
  return `${rounded.toLocaleString('en-US')} ms`;
}

/** Virtual time on the shared clock: "2.150 s". */
export function formatClock(us: number): string {
  return `${(us / 1_000_000).toFixed(3)} s`;
}

/** "1 leader change", "3 leader changes". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}
