/**
 * Link settings as the page reads and writes them: latency in milliseconds,
 * loss and duplication as percentages on the dials and ratios in the link.
 * Validated here, once, for both the dials and the URL.
 */
import { defaultLinkSettings, unreliableLinkSettings } from '../../engine/index';
import type { LinkSettingsVM } from './types';

/** The highest latency the dials accept: ten seconds is already far beyond any timeout. */
export const maxLatencyMs = 10_000;

export const reliableSettings: LinkSettingsVM = { ...defaultLinkSettings };
/** The 6.824 tester's unreliable network (the engine's preset). */
export const unreliableSettings: LinkSettingsVM = { ...unreliableLinkSettings };

export function sameSettings(a: LinkSettingsVM, b: LinkSettingsVM): boolean {
  return a.latencyMinUs === b.latencyMinUs && a.latencyMaxUs === b.latencyMaxUs && a.lossRatio === b.lossRatio && a.duplicateRatio === b.duplicateRatio;
}

export function isReliable(s: LinkSettingsVM): boolean {
  return sameSettings(s, reliableSettings);
}

const decimal = /^(\d+(\.\d*)?|\.\d+)$/;

/** Milliseconds as typed ("12", "0.5") to whole microseconds; null when not a number from 0 to the maximum. */
export function parseLatencyMs(raw: string): number | null {
  const text = raw.trim();
  if (!decimal.test(text)) return null;
  const ms = Number(text);
  if (!(ms >= 0 && ms <= maxLatencyMs)) return null;
  return Math.round(ms * 1000);
}

/** A percentage as typed ("10", "2.5", "10%") to a ratio 0..1; null otherwise. */
export function parsePercent(raw: string): number | null {
  const text = raw.trim().replace(/\s*%$/, '');
  if (!decimal.test(text)) return null;
  const percent = Number(text);
  if (!(percent >= 0 && percent <= 100)) return null;
  return Math.round(percent * 1000) / 100_000;
}

/** A ratio in a link ("0.1", or "10%"); null when it is not from 0 to 1. */
export function parseRatio(raw: string): number | null {
  const text = raw.trim();
  if (text.endsWith('%')) return parsePercent(text);
  if (!decimal.test(text)) return null;
  const ratio = Number(text);
  return ratio >= 0 && ratio <= 1 ? ratio : null;
}

/** A latency range in a link: "5..15", "5-15" or a single "10" (ms); null otherwise. */
export function parseLatencyRange(raw: string): { latencyMinUs: number; latencyMaxUs: number } | null {
  const parts = raw.trim().split(/\s*(?:\.\.|-|–)\s*/);
  if (parts.length > 2) return null;
  const min = parseLatencyMs(parts[0]);
  const max = parseLatencyMs(parts[parts.length - 1]);
  if (min === null || max === null || max < min) return null;
  return { latencyMinUs: min, latencyMaxUs: max };
}

export interface DialDraft {
  latencyMinMs: string;
  latencyMaxMs: string;
  lossPercent: string;
  duplicatePercent: string;
}

export type DialField = keyof DialDraft;

export interface DialProblem {
  field: DialField;
  text: string;
}

export function draftOf(s: LinkSettingsVM): DialDraft {
  return {
    latencyMinMs: formatMs(s.latencyMinUs),
    latencyMaxMs: formatMs(s.latencyMaxUs),
    lossPercent: formatPercent(s.lossRatio),
    duplicatePercent: formatPercent(s.duplicateRatio),
  };
}

/** The dials' text to settings, or every problem with it. */
export function parseDraft(draft: DialDraft): { settings: LinkSettingsVM; problems: [] } | { settings: null; problems: DialProblem[] } {
  const problems: DialProblem[] = [];
  const min = parseLatencyMs(draft.latencyMinMs);
  const max = parseLatencyMs(draft.latencyMaxMs);
  const loss = parsePercent(draft.lossPercent);
  const duplicate = parsePercent(draft.duplicatePercent);
  const latencyText = `a number of milliseconds from 0 to ${maxLatencyMs}`;
  if (min === null) problems.push({ field: 'latencyMinMs', text: `Shortest latency: enter ${latencyText}.` });
  if (max === null) problems.push({ field: 'latencyMaxMs', text: `Longest latency: enter ${latencyText}.` });
  if (min !== null && max !== null && max < min) problems.push({ field: 'latencyMaxMs', text: 'Longest latency: must not be shorter than the shortest.' });
  if (loss === null) problems.push({ field: 'lossPercent', text: 'Loss: enter a percentage from 0 to 100.' });
  if (duplicate === null) problems.push({ field: 'duplicatePercent', text: 'Duplication: enter a percentage from 0 to 100.' });
  if (problems.length > 0 || min === null || max === null || loss === null || duplicate === null) return { settings: null, problems };
  return { settings: { latencyMinUs: min, latencyMaxUs: max, lossRatio: loss, duplicateRatio: duplicate }, problems: [] };
}

export function formatMs(us: number): string {
  return String(Math.round(us) / 1000);
}

export function formatPercent(ratio: number): string {
  return String(Math.round(ratio * 100_000) / 1000);
}

/** "1–26 ms · 10 % loss", for chips and titles. */
export function describeSettings(s: LinkSettingsVM): string {
  const latency = s.latencyMinUs === s.latencyMaxUs ? `${formatMs(s.latencyMinUs)} ms` : `${formatMs(s.latencyMinUs)}–${formatMs(s.latencyMaxUs)} ms`;
  const parts = [latency];
  if (s.lossRatio > 0) parts.push(`${formatPercent(s.lossRatio)} % loss`);
  if (s.duplicateRatio > 0) parts.push(`${formatPercent(s.duplicateRatio)} % dup`);
  return parts.join(' · ');
}
