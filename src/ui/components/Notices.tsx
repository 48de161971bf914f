/** Dismissible messages about the link (bad parameters) and other things the page decided for the user. */
import { dismissNotice } from '../labActions';
import { useLabStore } from '../store/labStore';

export function Notices() {
  const notices = useLabStore((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.tone}`} role="alert" data-notice={n.id}>
          <span className="notice-icon" aria-hidden="true">
            {n.tone === 'info' ? 'i' : '!'}
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
