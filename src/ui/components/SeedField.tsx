/**
 * The run's seed, editable. A new seed restarts the run (and the link) when
 * it is entered; a malformed one is explained beside the field and not used.
 */
import { useState, type FormEvent } from 'react';
import { setSeed } from '../labActions';
import { parseSeed } from '../params/labParams';
import { useLabStore } from '../store/labStore';

export function SeedField() {
  const seed = useLabStore((s) => s.config.seed);
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const text = draft ?? String(seed);

  const apply = (event?: FormEvent) => {
    event?.preventDefault();
    if (draft === null) return;
    const value = parseSeed(draft);
    if (value === null) {
      setProblem(`“${draft}” is not a whole number from 0 to 2^53.`);
      return;
    }
    setProblem(null);
    setDraft(null);
    if (value !== seed) setSeed(value);
  };

  return (
    <form className="seed" onSubmit={apply}>
      <label>
        <span className="control-label">Seed</span>
        <input
          type="text"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          value={text}
          aria-invalid={problem !== null}
          aria-describedby={problem !== null ? 'seed-problem' : undefined}
          onChange={(e) => {
            setDraft(e.currentTarget.value);
            setProblem(null);
          }}
          onBlur={() => apply()}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setDraft(null);
              setProblem(null);
            }
          }}
        />
      </label>
      {problem !== null && (
        <span id="seed-problem" className="field-problem" role="alert">
          {problem}
        </span>
      )}
    </form>
  );
}
