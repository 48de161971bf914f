/** The run's branches: acting in the past starts one; each keeps its own action log. */
import { switchBranch } from '../labActions';
import { useLabStore } from '../store/labStore';
import { formatMs } from '../view/format';

export function BranchList() {
  const branches = useLabStore((s) => s.branches);
  const seeking = useLabStore((s) => s.seeking);
  if (branches.length === 0) return null;
  return (
    <section className="branches" aria-labelledby="branches-title">
      <h2 id="branches-title" className="branches-title">
        Branches
      </h2>
      <ul aria-label="Branches">
        {branches.map((b) => (
          <li key={b.id} className={b.current ? 'branch current' : 'branch'} aria-current={b.current ? 'true' : undefined}>
            <button type="button" className="small" onClick={() => switchBranch(b.id)} disabled={b.current || seeking} title={b.current ? 'The branch shown' : 'Switch to this branch'}>
              {b.name}
            </button>
            <span className="muted">
              {b.id === 1 ? 'from the start' : `forked at ${formatMs(b.forkUs)}`} · {b.actionCount} {b.actionCount === 1 ? 'action' : 'actions'}
              {b.current ? ' · current' : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
