/** The scenario in one paragraph: its summary, then what the lab measured in this run, filled from the run. */
import { builtInScenario } from '../../../scenarios/index';
import { explainScenario } from '../explain/scenarioExplanation';
import { useCompareStore } from '../store/compareStore';

export function ExplanationPanel() {
  const scenarioId = useCompareStore((s) => s.scenarioId);
  const seed = useCompareStore((s) => s.seed);
  const window = useCompareStore((s) => s.window);
  const clusters = useCompareStore((s) => s.clusters);
  // The paragraph follows the counters, which change far less often than the clock.
  const nowUs = useCompareStore((s) => Math.floor(s.nowUs / 50_000) * 50_000);
  const scenario = builtInScenario(scenarioId);
  if (scenario === undefined || clusters.length === 0) return null;
  const text = explainScenario(scenario, window, seed, nowUs, clusters);
  return (
    <section className="cmp-explanation" aria-labelledby="cmp-explanation-title">
      <h2 id="cmp-explanation-title">{scenario.title}</h2>
      <p>
        {text.summary} <span className="cmp-measured">{text.measured.join(' ')}</span>
      </p>
    </section>
  );
}
