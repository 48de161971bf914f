/**
 * Which scenario and which seed. A typed seed is checked when it is applied
 * (Enter or leaving the field); a bad one is explained next to the field and
 * the run on screen stays.
 */
import { useState, type FormEvent } from 'react';
import { partialConnectivityIds } from '../../../scenarios/index';
import { openScenario } from '../compareActions';
import { isCompareScenario, maxCompareSeed, parseCompareSeed } from '../params/compareParams';
import { useCompareStore } from '../store/compareStore';
import { scenarioTitles } from '../table1/paperColumn';

export function ScenarioPicker() {
  const scenarioId = useCompareStore((s) => s.scenarioId);
  const seed = useCompareStore((s) => s.seed);
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? String(seed);
  const invalid = draft !== null && parseCompareSeed(draft) === null;

  const apply = (event?: FormEvent) => {
    event?.preventDefault();
    if (draft === null) return;
    const value = parseCompareSeed(draft);
    if (value === null) return;
    setDraft(null);
    if (value !== seed) openScenario(scenarioId, value);
  };

  return (
    <form className="cmp-picker" onSubmit={apply} aria-label="Scenario and seed">
      <label>
        <span className="control-label">Scenario</span>
        <select
          value={scenarioId}
          onChange={(e) => {
            const id = e.currentTarget.value;
            if (isCompareScenario(id)) openScenario(id, seed);
          }}
        >
          {partialConnectivityIds.map((id) => (
            <option key={id} value={id}>
              {scenarioTitles[id]}
            </option>
          ))}
        </select>
      </label>
      <label className="cmp-seed">
        <span className="control-label">Seed</span>
        <input
          type="text"
          inputMode="numeric"
          value={text}
          aria-invalid={invalid}
          aria-describedby={invalid ? 'cmp-seed-problem' : undefined}
          onChange={(e) => setDraft(e.currentTarget.value)}
          onBlur={() => apply()}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setDraft(null);
          }}
        />
        {invalid && (
          <span id="cmp-seed-problem" className="cmp-field-problem" role="alert">
            A seed is a whole number from 0 to {maxCompareSeed.toLocaleString('en-US')}.
          </span>
        )}
      </label>
      <button type="button" onClick={() => openScenario(scenarioId, seed >= maxCompareSeed ? 0 : seed + 1)}>
        Next seed
      </button>
    </form>
  );
}
