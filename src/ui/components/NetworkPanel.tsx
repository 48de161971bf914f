/**
 * The network dials: latency range, loss and duplication, for every link or
 * for one link (both directions). Each change is a `setNetwork` action at the
 * current virtual time, so it is in the action log and replays. Presets:
 * the 6.824 tester's unreliable network, and back to reliable.
 */
import { useState, type FormEvent } from 'react';
import { applyLinkSettings, applyReliablePreset, applyUnreliablePreset, setNetScope } from '../labActions';
import { describeSettings, draftOf, parseDraft, sameSettings, type DialDraft, type DialField, type DialProblem } from '../model/linkSettings';
import type { LinkSettingsVM, NetLinkVM } from '../model/types';
import { useLabStore } from '../store/labStore';

const name = (id: number) => `n${id + 1}`;

/** The settings the dials start from: the chosen link's, or every link's when they agree (else the first's). */
function shownSettings(network: readonly NetLinkVM[], scope: { a: number; b: number } | null): { settings: LinkSettingsVM | null; mixed: boolean } {
  if (network.length === 0) return { settings: null, mixed: false };
  if (scope !== null) {
    const link = network.find((l) => l.a === scope.a && l.b === scope.b);
    if (link === undefined) return { settings: null, mixed: false };
    return { settings: link.ab, mixed: !sameSettings(link.ab, link.ba) };
  }
  const first = network[0].ab;
  const mixed = network.some((l) => !sameSettings(l.ab, first) || !sameSettings(l.ba, first));
  return { settings: first, mixed };
}

const fields: Record<DialField, { label: string; accessibleName: string; unit: string }> = {
  latencyMinMs: { label: 'Latency', accessibleName: 'Shortest latency, ms', unit: '' },
  latencyMaxMs: { label: '–', accessibleName: 'Longest latency, ms', unit: 'ms' },
  lossPercent: { label: 'Loss', accessibleName: 'Loss, percent of messages', unit: '%' },
  duplicatePercent: { label: 'Duplicate', accessibleName: 'Duplication, percent of messages', unit: '%' },
};

export function NetworkPanel() {
  const network = useLabStore((s) => s.network);
  const scope = useLabStore((s) => s.netScope);
  const nodeCount = useLabStore((s) => s.config.nodeCount);
  const scopeKey = scope === null ? 'all' : `${scope.a}-${scope.b}`;
  const pairs: { a: number; b: number }[] = [];
  for (let a = 0; a < nodeCount; a++) for (let b = a + 1; b < nodeCount; b++) pairs.push({ a, b });
  const { settings, mixed } = shownSettings(network, scope);

  return (
    <section className="panel network" aria-labelledby="network-title">
      <header className="panel-head">
        <h2 id="network-title">Network</h2>
        <label className="net-scope">
          <span className="sr-only">Links the dials act on</span>
          <select
            value={scopeKey}
            onChange={(e) => {
              const value = e.currentTarget.value;
              if (value === 'all') setNetScope(null);
              else {
                const [a, b] = value.split('-').map(Number);
                setNetScope({ a, b });
              }
            }}
          >
            <option value="all">All links</option>
            {pairs.map((p) => (
              <option key={`${p.a}-${p.b}`} value={`${p.a}-${p.b}`}>
                Link {name(p.a)} ↔ {name(p.b)}
              </option>
            ))}
          </select>
        </label>
      </header>
      {settings === null ? (
        <p className="muted">Starting…</p>
      ) : (
        // A new scope starts a fresh form (its key), showing that scope's values.
        <DialForm key={scopeKey} scope={scope} settings={settings} mixed={mixed} />
      )}
    </section>
  );
}

function DialForm({ scope, settings, mixed }: { scope: { a: number; b: number } | null; settings: LinkSettingsVM; mixed: boolean }) {
  const running = useLabStore((s) => s.status === 'running');
  const [draft, setDraft] = useState<DialDraft | null>(null);
  const [problems, setProblems] = useState<DialProblem[]>([]);
  const [applied, setApplied] = useState<string | null>(null);
  // Untouched, the form shows the world's settings as they change.
  const shown = draft ?? draftOf(settings);
  const scopeName = scope === null ? 'every link' : `${name(scope.a)} ↔ ${name(scope.b)}`;
  const problemOf = (field: DialField) => problems.find((p) => p.field === field);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseDraft(shown);
    setProblems(parsed.problems);
    if (parsed.settings === null) return;
    applyLinkSettings(parsed.settings);
    setDraft(null);
    setApplied(`Set ${scopeName} to ${describeSettings(parsed.settings)}.`);
  };

  const preset = (apply: () => void, text: string) => () => {
    apply();
    setDraft(null);
    setProblems([]);
    setApplied(text);
  };

  return (
    <form className="dials" onSubmit={submit} noValidate aria-describedby="net-now">
      <p id="net-now" className="muted net-now">
        {scopeName}: {describeSettings(settings)}
        {mixed ? (scope === null ? ' (links differ; showing n1→n2)' : ' (directions differ; showing one)') : ''}
      </p>
      <div className="dial-rows">
        {(['latencyMinMs', 'latencyMaxMs', 'lossPercent', 'duplicatePercent'] as const).map((field) => {
          const { label, accessibleName, unit } = fields[field];
          const problem = problemOf(field);
          return (
            <label key={field} className={`dial dial-${field}`}>
              <span className="dial-label" aria-hidden="true">
                {label}
              </span>
              <input
                type="text"
                inputMode="decimal"
                autoComplete="off"
                spellCheck={false}
                aria-label={accessibleName}
                value={shown[field]}
                aria-invalid={problem !== undefined}
                aria-describedby={problem !== undefined ? `dial-problem-${field}` : undefined}
                onChange={(e) => {
                  setDraft({ ...shown, [field]: e.currentTarget.value });
                  setApplied(null);
                }}
                onKeyDown={(e) => {
                  if (e.key === 'Escape') {
                    setDraft(null);
                    setProblems([]);
                  }
                }}
              />
              {unit !== '' && (
                <span className="dial-unit" aria-hidden="true">
                  {unit}
                </span>
              )}
            </label>
          );
        })}
      </div>
      {problems.length > 0 && (
        <ul className="dial-problems" role="alert">
          {problems.map((p) => (
            <li key={p.field + p.text} id={`dial-problem-${p.field}`}>
              {p.text}
            </li>
          ))}
        </ul>
      )}
      <div className="dial-actions">
        <button type="submit" className="small" disabled={!running || draft === null}>
          Apply to {scope === null ? 'all links' : `${name(scope.a)} ↔ ${name(scope.b)}`}
        </button>
        <button
          type="button"
          className="small"
          disabled={!running}
          onClick={preset(applyUnreliablePreset, `Set ${scopeName} to the 6.824 unreliable network.`)}
          title="The 6.824 tester's unreliable network: 1–26 ms, 10 % of messages lost"
        >
          Unreliable (6.824)
        </button>
        <button type="button" className="small" disabled={!running} onClick={preset(applyReliablePreset, `Set ${scopeName} back to reliable.`)} title="5–15 ms, nothing lost or duplicated">
          Reliable
        </button>
      </div>
      <p className="muted net-applied" role="status">
        {applied ?? ''}
      </p>
    </form>
  );
}
