/**
 * Keep the address bar in step with the run, so that a reload or a shared
 * link gives the same run. replaceState: changing the seed is not a page to
 * go back to.
 */
import type { LabConfig } from '../model/types';
import { labSearch } from './labParams';

export function writeConfigToUrl(config: LabConfig): void {
  const current = new URLSearchParams(window.location.search);
  // The lab's own settings now say what runs: a scenario or a saved run no longer does.
  current.delete('scenario');
  current.delete('run');
  const search = labSearch(current.toString(), config);
  if (search === window.location.search) return;
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${window.location.hash}`);
}

/**
 * A scenario run is named by its id (`?scenario=…`); a run from a file or a
 * link is not a page of its own, so the address keeps only viewing options.
 */
export function writeSourceToUrl(scenarioId: string | null): void {
  const query = new URLSearchParams();
  const current = new URLSearchParams(window.location.search);
  if (scenarioId !== null) query.set('scenario', scenarioId);
  for (const keep of ['classroom', 'speed']) {
    const value = current.get(keep);
    if (value !== null) query.set(keep, value);
  }
  const search = query.toString();
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${search ? '?' + search : ''}${window.location.hash}`);
}
