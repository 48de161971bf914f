/**
 * The compare page's link: `?scenario=chained&seed=3`. Validated once, here,
 * into typed values; a bad value is replaced by its default and explained in
 * a sentence that says what was used instead.
 */
import { partialConnectivityIds } from '../../../scenarios/index';

export type CompareScenarioId = (typeof partialConnectivityIds)[number];

export interface CompareParams {
  scenario: CompareScenarioId;
  seed: number;
}

export interface CompareParamProblem {
  /** Stable code, also the notice's id. */
  code: 'bad-scenario' | 'bad-seed';
  text: string;
}

export const defaultCompareParams: CompareParams = { scenario: 'quorum-loss', seed: 1 };

/** The largest seed: 2^53 − 1, the largest integer a double holds exactly. */
export const maxCompareSeed = Number.MAX_SAFE_INTEGER;

const wholeNumber = /^\d+$/;

export function isCompareScenario(id: string): id is CompareScenarioId {
  return (partialConnectivityIds as readonly string[]).includes(id);
}

/** A seed as typed or linked: a whole number from 0 to 2^53 − 1, else null. */
export function parseCompareSeed(raw: string): number | null {
  const text = raw.trim();
  if (!wholeNumber.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) && value <= maxCompareSeed ? value : null;
}

/** Long values are cut, so that a pasted essay does not fill the notice. */
function quoted(raw: string): string {
  const text = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  return `"${text}"`;
}

export function parseCompareParams(search: string): { params: CompareParams; problems: CompareParamProblem[] } {
  const query = new URLSearchParams(search);
  const params: CompareParams = { ...defaultCompareParams };
  const problems: CompareParamProblem[] = [];
  const scenario = query.get('scenario');
  if (scenario !== null) {
    if (isCompareScenario(scenario)) params.scenario = scenario;
    else
      problems.push({
        code: 'bad-scenario',
        text: `The scenario in the link, ${quoted(scenario)}, is not one of ${partialConnectivityIds.join(', ')}; showing ${params.scenario} instead.`,
      });
  }
  const seed = query.get('seed');
  if (seed !== null) {
    const value = parseCompareSeed(seed);
    if (value !== null) params.seed = value;
    else problems.push({ code: 'bad-seed', text: `The seed in the link, ${quoted(seed)}, is not a whole number from 0 to 2^53 − 1; showing seed ${params.seed} instead.` });
  }
  return { params, problems };
}

/** The query string for `params`, keeping any other parameters of `search`. */
export function compareSearch(search: string, params: CompareParams): string {
  const query = new URLSearchParams(search);
  query.set('scenario', params.scenario);
  query.set('seed', String(params.seed));
  return `?${query.toString()}`;
}
