/** A polite live region: the cut, the heal and each protocol's recovery, said once. */
import { useCompareStore } from '../store/compareStore';

export function Announcer() {
  const announcement = useCompareStore((s) => s.announcement);
  return (
    <p className="sr-only" aria-live="polite" role="status">
      {announcement}
    </p>
  );
}
