/**
 * What to run: the benchmarks (a checkbox each, with its title and what it
 * shows) and the knobs. Fields keep exactly what was typed; a bad value is
 * named under its field and Run does nothing until it is fixed.
 */
import { useMemo, useRef, type FormEvent } from 'react';
import { benchmarks, defaultBenchKnobs } from '../../engine/bench/benchmarks';
import { cancelBenchmarks, chooseBenchmark, runBenchmarks, setKnob } from './benchActions';
import { useBenchStore } from './benchStore';
import { benchProtocols, checkKnobs, draftOf, knobFields, selectionProblem, type KnobDraft } from './knobs';

function resetKnobs(): void {
  const defaults = draftOf(defaultBenchKnobs);
  for (const field of Object.keys(defaults) as (keyof KnobDraft)[]) setKnob(field, defaults[field]);
}

/** A description's `names` set as code, the rest as text. */
function Described({ text }: { text: string }) {
  return (
    <>
      {text.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}
    </>
  );
}

function BenchmarkChoices({ problem }: { problem: string | null }) {
  const chosen = useBenchStore((s) => s.chosen);
  return (
    <fieldset className="bench-choices" aria-describedby={problem === null ? undefined : 'bench-choice-problem'}>
      <legend>Benchmarks</legend>
      <ul>
        {benchmarks.map((b) => (
          <li key={b.name}>
            <label className="bench-choice">
              <input type="checkbox" checked={chosen.includes(b.name)} onChange={(e) => chooseBenchmark(b.name, e.currentTarget.checked)} aria-describedby={`bench-desc-${b.name}`} />
              <span className="bench-choice-title">{b.title}</span>
            </label>
            <p className="bench-choice-desc" id={`bench-desc-${b.name}`}>
              <Described text={b.description} />
            </p>
          </li>
        ))}
      </ul>
      {problem !== null && (
        <p className="bench-problem" id="bench-choice-problem">
          {problem}
        </p>
      )}
    </fieldset>
  );
}

export function BenchForm() {
  const draft = useBenchStore((s) => s.draft);
  const chosen = useBenchStore((s) => s.chosen);
  const triedRun = useBenchStore((s) => s.triedRun);
  const running = useBenchStore((s) => s.progress.status === 'running');
  const check = useMemo(() => checkKnobs(draft), [draft]);
  const problems = check.ok ? {} : check.problems;
  const choiceProblem = selectionProblem(chosen);
  const formRef = useRef<HTMLFormElement>(null);
  const problemCount = Object.keys(problems).length + (choiceProblem === null ? 0 : 1);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!runBenchmarks()) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  };
  return (
    <form className="bench-form" ref={formRef} onSubmit={onSubmit} aria-label="Benchmark settings" noValidate>
      <BenchmarkChoices problem={choiceProblem} />
      <fieldset className="bench-knobs">
        <legend>Knobs</legend>
        <div className="bench-knob">
          <label htmlFor="bench-protocol">Protocol</label>
          <select id="bench-protocol" value={draft.protocol} onChange={(e) => setKnob('protocol', e.currentTarget.value)} aria-invalid={problems.protocol !== undefined}>
            {benchProtocols.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
          <span className="bench-hint">every group’s (Raft versus OmniPaxos runs both)</span>
        </div>
        {knobFields.map(({ field, label, unit, hint }) => {
          const problem = problems[field];
          return (
            <div className="bench-knob" key={field}>
              <label htmlFor={`bench-${field}`}>
                {label}
                {unit !== '' && ` (${unit})`}
              </label>
              <input
                id={`bench-${field}`}
                type="text"
                inputMode="decimal"
                autoComplete="off"
                spellCheck={false}
                value={draft[field]}
                onChange={(e) => setKnob(field, e.currentTarget.value)}
                aria-invalid={problem !== undefined}
                aria-describedby={problem !== undefined ? `bench-${field}-problem` : `bench-${field}-hint`}
              />
              {problem !== undefined ? (
                <span className="bench-problem" id={`bench-${field}-problem`}>
                  {problem}
                </span>
              ) : (
                <span className="bench-hint" id={`bench-${field}-hint`}>
                  {hint}
                </span>
              )}
            </div>
          );
        })}
      </fieldset>
      <div className="bench-actions">
        <button type="submit" className="primary" disabled={running}>
          Run benchmarks
        </button>
        <button type="button" onClick={cancelBenchmarks} disabled={!running}>
          Cancel
        </button>
        <button type="button" onClick={resetKnobs}>
          Default knobs
        </button>
        {triedRun && problemCount > 0 && (
          <span className="bench-problem" role="alert">
            Nothing ran: fix the {problemCount === 1 ? 'problem' : `${problemCount} problems`} above first.
          </span>
        )}
      </div>
    </form>
  );
}
