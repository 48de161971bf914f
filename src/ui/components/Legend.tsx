/** What the colours and marks mean: message families (filled request, hollow response) and roles. */
import { knownMessageFamilies, roleStyles } from '../view/palette';
import type { NodeRole } from '../model/types';
import { MessageGlyph } from './MessageGlyph';
import { useLabStore } from '../store/labStore';

const roles: NodeRole[] = ['leader', 'candidate', 'precandidate', 'follower', 'crashed'];

export function Legend() {
  const protocol = useLabStore((s) => s.config.protocol);
  return (
    <div className="legend" aria-label="Legend">
      <ul className="legend-group">
        {knownMessageFamilies(protocol).map((f) => (
          <li key={f.family}>
            <svg width="34" height="16" aria-hidden="true">
              <g transform="translate(8,8)">
                <MessageGlyph type={f.request} scale={0.72} />
              </g>
              {f.response !== null && (
                <g transform="translate(25,8)">
                  <MessageGlyph type={f.response} scale={0.72} />
                </g>
              )}
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
