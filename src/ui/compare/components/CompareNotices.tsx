/** Dismissible messages about the link (a bad scenario or seed) and what was shown instead. */
import { dismissNotice } from '../compareActions';
import { useCompareStore } from '../store/compareStore';

export function CompareNotices() {
  const notices = useCompareStore((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div className="cmp-notices">
      {notices.map((n) => (
        <div key={n.id} className="cmp-notice" role="alert" data-notice={n.id}>
          <span className="cmp-notice-icon" aria-hidden="true">
            !
          </span>
          <p>{n.text}</p>
          <button type="button" className="small" onClick={() => dismissNotice(n.id)} aria-label="Dismiss this message">
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
