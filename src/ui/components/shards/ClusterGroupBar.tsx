/**
 * Which servers the cluster view shows in a sharded run: every group, or one
 * (the controller or a key-value group). The Shards view's mini clusters open
 * a group too; "All groups" goes back.
 */
import { openGroup } from '../../labActions';
import { useLabStore } from '../../store/labStore';
import { groupStyle } from '../../view/palette';

export function ClusterGroupBar() {
  const groups = useLabStore((s) => s.shards?.groups);
  const open = useLabStore((s) => s.clusterGroup);
  if (groups === undefined) return null;
  const shown = groups.find((g) => g.gid === open);
  return (
    <div className="cluster-group-bar" role="group" aria-label="Servers shown in the cluster view">
      <button type="button" className="small" aria-pressed={open === null} onClick={() => openGroup(null)}>
        All groups
      </button>
      {groups.map((g) => (
        <button key={g.gid} type="button" className="small group-button" aria-pressed={open === g.gid} style={{ borderColor: groupStyle(g.gid).color }} onClick={() => openGroup(g.gid)} aria-label={`Show ${g.controller ? 'g0, the controller' : `g${g.gid}`} only`}>
          {g.controller ? 'g0 controller' : `g${g.gid}`}
        </button>
      ))}
      <span className="muted cluster-group-note" role="status">
        {shown === undefined ? 'every server' : `${shown.controller ? 'the controller' : `g${shown.gid}`}: ${shown.servers.map((s) => s.name).join(', ')}`}
      </span>
    </div>
  );
}
