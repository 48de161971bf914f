/** What the colours and marks mean: message families (filled request, hollow response) and roles. */
import { knownMessageFamilies, roleStyles } from '../view/palette';
import type { NodeRole } from '../model/types';

const roles: NodeRole[] = ['leader', 'candidate', 'precandidate', 'follower', 'crashed'];

export function Legend() {
  return (
    <div className="legend" aria-label="Legend">
      <ul className="legend-group">
        {knownMessageFamilies().map((f) => (
          <li key={f.family}>
            <svg width="30" height="12" aria-hidden="true">
              <circle cx="7" cy="6" r="4.5" fill={f.color} />
              <circle cx="21" cy="6" r="3.8" fill="#fff" stroke={f.color} strokeWidth="2" />
            </svg>
            {f.family}
          </li>
        ))}
        <li className="muted">filled: request · hollow: response</li>
      </ul>
      <ul className="legend-group">
        {roles.map((role) => {
          const s = roleStyles[role];
          return (
            <li key={role}>
              <svg width="16" height="16" aria-hidden="true">
                <circle cx="8" cy="8" r="6" fill={s.fill} stroke={s.stroke} strokeWidth={Math.min(s.strokeWidth, 2.5)} strokeDasharray={s.dash ? s.dash.split(' ').map((v) => Number(v) / 2).join(' ') : undefined} />
              </svg>
              {s.label}
            </li>
          );
        })}
        <li className="muted">ring: election timer left</li>
      </ul>
    </div>
  );
}
