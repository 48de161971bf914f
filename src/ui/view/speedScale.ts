/**
 * The speed slider: a log scale, so that 0.1× to 1× gets as much travel as
 * 10× to 100×. Speed is virtual seconds per real second.
 */
import { scaleLog } from 'd3';
import { maxSpeed, minSpeed } from '../params/labParams';

export const sliderSteps = 1000;

const scale = scaleLog().domain([minSpeed, maxSpeed]).range([0, sliderSteps]).clamp(true);

export function speedToSlider(speed: number): number {
  return Math.round(scale(speed));
}

/** Slider position to speed, rounded to two significant digits so the label reads cleanly. */
export function sliderToSpeed(position: number): number {
  const raw = scale.invert(position);
  return clampSpeed(Number(raw.toPrecision(2)));
}

export function clampSpeed(speed: number): number {
  return Math.min(maxSpeed, Math.max(minSpeed, speed));
}

/** The next speed up or down a ladder of round values (keyboard shortcuts). */
const ladder = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100];

export function nextSpeed(speed: number, direction: 1 | -1): number {
  if (direction > 0) return ladder.find((s) => s > speed + 1e-9) ?? maxSpeed;
  return [...ladder].reverse().find((s) => s < speed - 1e-9) ?? minSpeed;
}

export function formatSpeed(speed: number): string {
  if (speed >= 10) return `${Math.round(speed)}×`;
  if (speed >= 1) return `${Number(speed.toFixed(1))}×`;
  return `${Number(speed.toFixed(2))}×`;
}
