/**
 * The Benchmarks tab: choose benchmarks and knobs, run them in a Web Worker
 * (the lab above keeps running), and compare the results of several runs in
 * the charts the command line draws (`npm run bench`).
 */
import { BenchForm } from './BenchForm';
import { BenchProgress } from './BenchProgress';
import { BenchResults } from './BenchResults';
import { useBenchStore } from './benchStore';
import { RunList } from './RunList';

export function BenchPanel() {
  return (
    <div className="bench">
      <p className="bench-intro">
        Sharded key-value stores under closed-loop load, measured off the page’s thread: each benchmark builds its store, warms it up for a second of virtual time, then
        counts operations. The charts are the ones <code>npm run bench</code> writes.
      </p>
      <BenchForm />
      <BenchProgress />
      <RunList />
      <BenchResults />
    </div>
  );
}

/** On the tab: how far a run has got, so it can be followed from the other views. */
export function BenchTabBadge() {
  const running = useBenchStore((s) => s.progress.status === 'running');
  const finished = useBenchStore((s) => s.progress.finished);
  const series = useBenchStore((s) => s.progress.labels.length);
  const seeds = useBenchStore((s) => s.progress.seeds.length);
  const seedIndex = useBenchStore((s) => s.progress.seedIndex);
  if (!running) return null;
  const seedWords = seeds > 1 ? `, seed ${seedIndex + 1}/${seeds}` : '';
  return <span className="tab-badge">{series === 0 ? `starting${seedWords}` : `running ${finished}/${series}${seedWords}`}</span>;
}
