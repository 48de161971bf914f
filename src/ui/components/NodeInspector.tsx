/** The selected node in detail: its view's fields and the protocol's own, with crash/restart. */
import { selectNode, toggleNode, transferLeadership } from '../labActions';
import { isRaftFamily } from '../model/raftOptions';
import { useLabStore } from '../store/labStore';
import { formatDurationUs, formatVirtualTime } from '../view/format';
import { roleStyles } from '../view/palette';

const name = (id: number | null) => (id === null ? '—' : `n${id + 1}`);

function detailValue(key: string, value: string | number | boolean | null): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  // The protocol's detail times (deadlines, last contact) are points in virtual time.
  if (typeof value === 'number' && /Us$/.test(key)) return value < 0 ? '—' : `at ${formatVirtualTime(value)}`;
  return String(value);
}

/** "electionDeadlineUs" → "election deadline". */
function detailLabel(key: string): string {
  return key
    .replace(/Us$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

export function NodeInspector() {
  const nodes = useLabStore((s) => s.nodes);
  const selected = useLabStore((s) => s.selectedNode);
  const node = nodes[selected];
  // A sharded run: the leader of the selected node's own group.
  const leader = useLabStore((s) => {
    const group = s.shards?.groups.find((g) => g.servers.some((server) => server.id === s.selectedNode));
    return group === undefined ? s.leader : group.leader;
  });
  const protocol = useLabStore((s) => s.config.protocol);
  const running = useLabStore((s) => s.status === 'running');
  const transferNote = useLabStore((s) => s.transferNote);
  const installed = useLabStore((s) => s.snapshotsInstalled[s.selectedNode] ?? 0);
  const canTransfer = node !== undefined && isRaftFamily(protocol) && node.role !== 'leader' && node.role !== 'crashed';
  return (
    <section className="panel inspector" aria-labelledby="inspector-title">
      <header className="panel-head">
        <h2 id="inspector-title">Node</h2>
        <div className="node-tabs" role="group" aria-label="Choose a node to inspect">
          {nodes.map((n) => (
            <button
              key={n.id}
              type="button"
              className={`node-tab node-tab-${n.role}`}
              aria-pressed={n.id === selected}
              onClick={() => selectNode(n.id)}
              style={{ borderColor: n.id === selected ? roleStyles[n.role].stroke : undefined }}
            >
              {n.name}
            </button>
          ))}
        </div>
      </header>
      {node === undefined ? (
        <p className="muted">Starting…</p>
      ) : (
        <>
          <div className="inspector-title-row">
            <span className="role-chip" style={{ background: roleStyles[node.role].fill, color: roleStyles[node.role].ink, borderColor: roleStyles[node.role].stroke }}>
              {roleStyles[node.role].label}
            </span>
            <div className="inspector-actions">
              {canTransfer && (
                <button
                  type="button"
                  className="small"
                  onClick={() => transferLeadership(node.id)}
                  disabled={!running || leader === null}
                  aria-label={`Make ${node.name} leader`}
                  title={leader === null ? 'There is no leader to hand over from right now' : `Ask n${leader + 1} to hand leadership to ${node.name} (TimeoutNow)`}
                >
                  Make leader
                </button>
              )}
              <button type="button" className="small" onClick={() => toggleNode(node.id)}>
                {node.role === 'crashed' ? `Restart ${node.name}` : `Crash ${node.name}`}
              </button>
            </div>
          </div>
          {transferNote !== null && (
            <p className="transfer-note" role="status">
              {transferNote}
            </p>
          )}
          <dl className="facts">
            <dt>term</dt>
            <dd>{node.term}</dd>
            <dt>voted for</dt>
            <dd>{name(node.votedFor)}</dd>
            <dt>leader</dt>
            <dd>{name(node.leaderId)}</dd>
            <dt>commit</dt>
            <dd>{node.commitIndex}</dd>
            <dt>last index</dt>
            <dd>{node.lastIndex}</dd>
            <dt>snapshot</dt>
            <dd>{node.snapshotIndex > 0 ? `≤ ${node.snapshotIndex} (term ${node.snapshotTerm})` : 'none'}</dd>
            <dt>snapshots installed</dt>
            <dd data-testid="snapshots-installed">{installed === 0 ? 'none' : `${installed} from the leader (InstallSnapshot)`}</dd>
            <dt>election timeout</dt>
            <dd>{node.electionTimeoutUs > 0 ? formatDurationUs(node.electionTimeoutUs) : '—'}</dd>
            {Object.entries(node.detail).map(([key, value]) => (
              <FragmentPair key={key} label={detailLabel(key)} value={detailValue(key, value)} />
            ))}
          </dl>
        </>
      )}
    </section>
  );
}

function FragmentPair({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}
