/**
 * Series colours: a fixed categorical palette, assigned in input order, so
 * that a series has the same colour on the page, in an exported file and
 * from the command line. The hues are Okabe and Ito's colour-blind safe set
 * without its yellow, with the orange and the sky blue darkened so that
 * every colour reaches 3:1 contrast against white (WCAG's minimum for
 * graphics), then brown.
 */
export const seriesPalette: readonly string[] = [
  '#0072b2', // blue, 5.2:1
  '#d55e00', // vermillion, 3.9:1
  '#009e73', // bluish green, 3.4:1
  '#cc79a7', // reddish purple, 3.1:1
  '#c27c00', // orange, 3.4:1
  '#3a9bd9', // sky blue, 3.1:1
  '#000000', // black, 21:1
  '#8c564b', // brown, 5.9:1
];

/** The colour of the series at `index` (0-based), cycling through the palette. */
export function seriesColor(index: number): string {
  return seriesPalette[index % seriesPalette.length];
}

/** Ink for axes, labels and text. */
export const inkColor = '#222222';
/** Grid lines. */
export const gridColor = '#e5e5e5';
/** Shading of fault periods (drawn at low opacity). */
export const faultColor = '#d62728';
