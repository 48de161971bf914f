/** The key to the rings: message colours per protocol, roles, cut links, the QC badge and the highlights. */
import { roleStyles } from '../../view/palette';
import { legendFamilies, type MessageFamily } from '../view/messagePalette';

function Dot({ family, hollow = false }: { family: MessageFamily; hollow?: boolean }) {
  const r = family.logSync ? 7 : 5.5;
  return (
    <svg width={22} height={22} viewBox="-11 -11 22 22" aria-hidden="true">
      {family.logSync && <circle r={r + 3.5} fill={family.color} opacity={0.22} />}
      <circle r={hollow ? r - 1 : r} fill={hollow ? '#fff' : family.color} stroke={family.color} strokeWidth={hollow ? 2.4 : 1} />
    </svg>
  );
}

function Families({ title, protocols }: { title: string; protocols: 'raft' | 'omnipaxos' }) {
  return (
    <li>
      <strong>{title}</strong>
      {legendFamilies(protocols).map((f) => (
        <span key={f.family} className="cmp-legend-item">
          <Dot family={f} />
          {f.family}
          {f.logSync && <em> (log sync)</em>}
        </span>
      ))}
    </li>
  );
}

export function MessageLegend() {
  return (
    <section className="cmp-legend" aria-label="Legend">
      <ul>
        <Families title="Raft messages" protocols="raft" />
        <Families title="OmniPaxos messages" protocols="omnipaxos" />
        <li>
          <strong>Marks</strong>
          <span className="cmp-legend-item">filled: request · hollow: reply</span>
          <span className="cmp-legend-item">
            <svg width={34} height={16} viewBox="0 0 34 16" aria-hidden="true">
              <line x1={1} y1={8} x2={33} y2={8} className="cmp-legend-cut" />
              <circle cx={17} cy={8} r={6} fill="#fff" stroke="#c8414b" strokeWidth={1.4} />
              <path d="M 14.5 5.5 L 19.5 10.5 M 19.5 5.5 L 14.5 10.5" stroke="#c8414b" strokeWidth={1.6} />
            </svg>
            cut link
          </span>
          <span className="cmp-legend-item">
            <span className="cmp-legend-tag">A</span> the scenario’s name for a server
          </span>
          <span className="cmp-legend-item">
            <span className="cmp-legend-qc">QC</span>/<span className="cmp-legend-qc cmp-legend-qc-off">no QC</span> quorum-connected in its last BLE round
          </span>
          <span className="cmp-legend-item">
            <span className="cmp-legend-ring cmp-legend-ble" /> BLE round ends
          </span>
          <span className="cmp-legend-item">
            <span className="cmp-legend-ring cmp-legend-refusal" /> vote refused
          </span>
          {(['leader', 'candidate', 'precandidate', 'follower'] as const).map((role) => (
            <span key={role} className="cmp-legend-item">
              <span className="cmp-legend-role" style={{ background: roleStyles[role].fill, borderColor: roleStyles[role].stroke, borderStyle: roleStyles[role].dash === '' ? 'solid' : 'dashed' }} />
              {roleStyles[role].label}
            </span>
          ))}
        </li>
      </ul>
    </section>
  );
}
