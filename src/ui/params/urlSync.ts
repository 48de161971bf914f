/**
 * Keep the address bar in step with the run, so that a reload or a shared
 * link gives the same run. replaceState: changing the seed is not a page to
 * go back to.
 */
import type { LabConfig } from '../model/types';
import { labSearch } from './labParams';

export function writeConfigToUrl(config: LabConfig): void {
  const search = labSearch(window.location.search, config);
  if (search === window.location.search) return;
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${window.location.hash}`);
}
