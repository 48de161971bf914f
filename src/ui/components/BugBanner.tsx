/**
 * While a rule is broken on purpose, the page says so plainly, all the time:
 * which rule, what its scenario does, how it will be caught, the scripted
 * faults, and a way back to the correct protocol.
 */
import { setBug } from '../labActions';
import { bugInfo } from '../model/bugSetups';
import { useLabStore } from '../store/labStore';

export function BugBanner() {
  const bug = useLabStore((s) => s.config.bug);
  const script = useLabStore((s) => s.script);
  const skipped = useLabStore((s) => s.scriptSkipped);
  // Only the number of faults already applied, so the banner does not redraw every frame.
  const done = useLabStore((s) => s.script.filter((item) => item.atUs <= s.frame.nowUs).length);
  if (bug === null) return null;
  const info = bugInfo(bug);
  return (
    <section className="bug-banner" aria-labelledby="bug-banner-title">
      <span className="bug-banner-icon" aria-hidden="true">
        ⚠
      </span>
      <div className="bug-banner-body">
        <h2 id="bug-banner-title">
          Rule broken on purpose: <code>{bug}</code>
        </h2>
        <p className="bug-banner-rule">{info.rule}</p>
        <details>
          <summary>
            {info.title}; {info.caughtBy}.
          </summary>
          <p>{info.story}</p>
        </details>
        {skipped !== null ? (
          <p className="muted">{skipped}</p>
        ) : (
          script.length > 0 && (
            <ol className="script" aria-label="Scripted faults">
              {script.map((item, i) => (
                <li key={item.atUs} className={i < done ? 'script-done' : undefined}>
                  <time>{(item.atUs / 1_000_000).toFixed(item.atUs % 100_000 === 0 ? 1 : 3)} s</time> {item.text}
                </li>
              ))}
            </ol>
          )
        )}
      </div>
      <button type="button" className="small" onClick={() => setBug(null)}>
        Restore the rule
      </button>
    </section>
  );
}
