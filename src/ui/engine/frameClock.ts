/**
 * How far virtual time moves in one animation frame. Real time between frames
 * is capped, so that a hidden tab or a slow run does not come back and jump
 * the world ahead by seconds: when the engine cannot keep up, the world slows
 * down instead of skipping.
 */

/** The longest real gap one frame may account for. */
export const maxFrameGapMs = 100;

/** Virtual microseconds to advance for `realGapMs` of wall time at `speed` (virtual s per real s). */
export function frameAdvanceUs(realGapMs: number, speed: number): number {
  const gap = Math.min(Math.max(realGapMs, 0), maxFrameGapMs);
  return Math.max(0, Math.round(gap * 1000 * speed));
}
