/**
 * Scenarios and their narration: pick a built-in one or open a file, then
 * follow "Step k of n". The text is filled from what the run did and is
 * rendered as text nodes only: a scenario file is data, never markup.
 */
import { useRef, type ChangeEvent } from 'react';
import { builtInScenarios } from '../../scenarios/index';
import { currentNarrationStep, goToNarrationStep, narrationBack, narrationNext, openScenarioText, startBuiltInScenario } from '../labActions';
import { useLabStore } from '../store/labStore';
import { formatMs } from '../view/format';

export function ScenarioPicker() {
  const narration = useLabStore((s) => s.narration);
  const fileRef = useRef<HTMLInputElement | null>(null);
  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    input.value = '';
    if (file === undefined) return;
    openScenarioText(await file.text(), file.name);
  };
  return (
    <div className="scenario-picker">
      <label>
        Scenario{' '}
        <select value={narration?.scenarioId ?? ''} onChange={(e) => e.currentTarget.value !== '' && startBuiltInScenario(e.currentTarget.value)} aria-label="Scenario">
          <option value="">— free run —</option>
          {builtInScenarios.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="small" onClick={() => fileRef.current?.click()}>
        Open scenario file…
      </button>
      <input ref={fileRef} type="file" accept=".json,application/json" hidden onChange={(e) => void onFile(e)} data-testid="scenario-file" />
    </div>
  );
}

export function NarrationPanel() {
  const narration = useLabStore((s) => s.narration);
  const nowUs = useLabStore((s) => s.frame.nowUs);
  const seeking = useLabStore((s) => s.seeking);
  if (narration === null) return null;
  void nowUs;
  const current = currentNarrationStep();
  const total = narration.steps.length;
  const shown = narration.steps[Math.max(0, current - 1)];
  return (
    <section className="panel narration" aria-labelledby="narration-title">
      <header className="panel-head">
        <h2 id="narration-title">{narration.title}</h2>
        <span className="narration-count" data-testid="narration-count">
          {current === 0 ? `Step 0 of ${total}` : `Step ${current} of ${total}`}
        </span>
      </header>
      <p className="muted narration-summary">{narration.summary}</p>
      <p className="narration-text" data-testid="narration-text" aria-live="polite">
        {current === 0 ? 'The run has not reached the first step yet.' : shown.text}
      </p>
      {current > 0 && shown.atUs !== null && <p className="muted">at {formatMs(shown.atUs)}</p>}
      <div className="narration-controls">
        <button type="button" className="small" onClick={narrationBack} disabled={seeking || current <= 1} aria-keyshortcuts="PageUp p">
          Back
        </button>
        <button type="button" className="small" onClick={narrationNext} disabled={seeking || current >= total} aria-keyshortcuts="PageDown n">
          Next
        </button>
        <label>
          Jump to{' '}
          <select value={current === 0 ? '' : String(current)} onChange={(e) => e.currentTarget.value !== '' && goToNarrationStep(Number(e.currentTarget.value))} aria-label="Jump to step">
            {current === 0 && <option value="">—</option>}
            {narration.steps.map((s) => (
              <option key={s.number} value={String(s.number)}>
                {`${s.number}. ${s.atUs === null ? '(not yet)' : formatMs(s.atUs)}`}
              </option>
            ))}
          </select>
        </label>
      </div>
    </section>
  );
}
