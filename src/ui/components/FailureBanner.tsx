/** When the run stops on an error: what happened, the command that replays it, and ways on. */
import { reset, startRun } from '../labActions';
import { useLabStore } from '../store/labStore';

export function FailureBanner() {
  const failure = useLabStore((s) => s.failure);
  const config = useLabStore((s) => s.config);
  if (failure === null) return null;
  return (
    <div className="notice notice-error failure" role="alert">
      <span className="notice-icon" aria-hidden="true">
        !
      </span>
      <div>
        <p>{failure.message}</p>
        {failure.replay !== null && (
          <p className="replay">
            Replay it with <code>{failure.replay}</code>
          </p>
        )}
      </div>
      <div className="failure-actions">
        <button type="button" className="small" onClick={reset}>
          Start again
        </button>
        {config.host === 'worker' && (
          <button type="button" className="small" onClick={() => startRun({ ...config, host: 'inprocess' })}>
            Run in-process instead
          </button>
        )}
      </div>
    </div>
  );
}
