/**
 * The cluster's highest term (ballot) over the scenario, as a step line up to
 * now, over the shaded partition: Raft's livelocks show as a staircase,
 * a calm election as one step.
 */
import type { ClusterVM } from '../sim/compareModel';
import { useCompareStore } from '../store/compareStore';
import type { FaultWindow } from '../sim/faultWindow';
import { protocolInfo } from '../view/protocolInfo';
import { sparkTop, sparkX, sparkY, termSparkPath, type SparkGeometry } from '../view/sparkline';

const g: SparkGeometry = { width: 440, height: 54, padLeft: 26, padTop: 6 };

export function TermSparkline({ cluster, window }: { cluster: ClusterVM; window: FaultWindow }) {
  const nowUs = useCompareStore((s) => s.nowUs);
  const top = sparkTop(cluster.terms);
  const x = sparkX(g, window.durationUs);
  const y = sparkY(g, top);
  const info = protocolInfo(cluster.protocol);
  const path = termSparkPath(cluster.terms, nowUs, window.durationUs, g, top);
  const last = cluster.counters.highestTerm;
  return (
    <figure className="cmp-spark">
      <figcaption>
        Highest {info.termWord} over time <span className="muted">(shaded: partition)</span>
      </figcaption>
      <svg viewBox={`0 0 ${g.width} ${g.height}`} role="img" aria-label={`${info.title}: highest ${info.termWord} ${last} at ${(nowUs / 1_000_000).toFixed(2)} s`}>
        <rect className="cmp-spark-fault" x={x(window.startUs)} y={g.padTop - 4} width={x(window.endUs) - x(window.startUs)} height={g.height - g.padTop + 1} />
        <line className="cmp-spark-axis" x1={g.padLeft} x2={g.width - 2} y1={y(0)} y2={y(0)} />
        <text className="cmp-spark-label" x={g.padLeft - 5} y={y(top) + 8} textAnchor="end">
          {top}
        </text>
        <text className="cmp-spark-label" x={g.padLeft - 5} y={y(0)} textAnchor="end">
          0
        </text>
        <path className="cmp-spark-line" d={path} stroke={info.accent} />
        <circle cx={x(nowUs)} cy={y(last)} r={3.5} fill={info.accent} />
      </svg>
    </figure>
  );
}
