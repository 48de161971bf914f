/**
 * For screen readers: say when leadership changes, politely. The ring itself
 * is silent (it changes every frame); this is the one event worth hearing.
 */
import { useLabStore } from '../store/labStore';

export function LeaderAnnouncer() {
  const leader = useLabStore((s) => s.leader);
  const term = useLabStore((s) => (s.leader === null ? null : (s.nodes[s.leader]?.term ?? null)));
  const status = useLabStore((s) => s.status);
  const text = status !== 'running' ? '' : leader === null ? 'No leader.' : `n${leader + 1} leads in term ${term ?? '?'}.`;
  return (
    <p className="sr-only" aria-live="polite" aria-atomic="true">
      {text}
    </p>
  );
}
