/**
 * The administrator's requests to the shard controller: Join a group that is
 * not a member of the newest configuration, Leave one that is, Move one shard
 * to a member. Each is an action like a crash or a cut: logged, replayed, and
 * undone by going back in time.
 */
import { chooseShardMove, joinGroup, leaveGroup, moveShard } from '../../labActions';
import { useLabStore } from '../../store/labStore';
import { groupStyle } from '../../view/palette';

export function ShardControls() {
  const groups = useLabStore((s) => s.shards?.groups);
  const shardCount = useLabStore((s) => s.shards?.shardCount ?? 0);
  const move = useLabStore((s) => s.shardMove);
  const running = useLabStore((s) => s.status === 'running' && !s.seeking);
  if (groups === undefined) return null;
  const kv = groups.filter((g) => !g.controller);
  const members = kv.filter((g) => g.member);
  const others = kv.filter((g) => !g.member);
  const target = members.some((g) => g.gid === move.gid) ? move.gid : (members[0]?.gid ?? null);
  return (
    <div className="shard-controls" role="group" aria-label="Shard controller requests">
      <div className="shard-control-row">
        <span className="control-label">Join</span>
        {others.length === 0 && <span className="muted">every group is a member</span>}
        {others.map((g) => (
          <button key={g.gid} type="button" className="small group-button" style={{ borderColor: groupStyle(g.gid).color }} onClick={() => joinGroup(g.gid)} disabled={!running} title={`Ask the controller to add g${g.gid} (its servers ${g.servers.map((s) => s.name).join(', ')})`}>
            Join g{g.gid}
          </button>
        ))}
      </div>
      <div className="shard-control-row">
        <span className="control-label">Leave</span>
        {members.length === 0 && <span className="muted">no group is a member</span>}
        {members.map((g) => (
          <button key={g.gid} type="button" className="small group-button" style={{ borderColor: groupStyle(g.gid).color }} onClick={() => leaveGroup(g.gid)} disabled={!running} title={`Ask the controller to remove g${g.gid}: its shards go to the others`}>
            Leave g{g.gid}
          </button>
        ))}
      </div>
      <div className="shard-control-row">
        <span className="control-label">Move</span>
        <label>
          shard{' '}
          <select aria-label="Shard to move" value={move.shard} onChange={(e) => chooseShardMove({ shard: Number(e.currentTarget.value) })}>
            {Array.from({ length: shardCount }, (_, s) => (
              <option key={s} value={s}>
                s{s}
              </option>
            ))}
          </select>
        </label>
        <label>
          to{' '}
          <select aria-label="Group to move the shard to" value={target ?? ''} onChange={(e) => chooseShardMove({ gid: Number(e.currentTarget.value) })} disabled={members.length === 0}>
            {members.map((g) => (
              <option key={g.gid} value={g.gid}>
                g{g.gid}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="small" onClick={() => target !== null && moveShard(move.shard, target)} disabled={!running || target === null} aria-label={target === null ? 'Move' : `Move s${move.shard} to g${target}`}>
          Move
        </button>
      </div>
    </div>
  );
}
