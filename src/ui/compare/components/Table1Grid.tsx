/**
 * Table 1 as the paper lays it out: a row per scenario, a column per
 * protocol; each cell "recovered in X ms" or "no progress" with its leader
 * changes, and the paper's theoretical verdict beneath in small type.
 */
import { partialConnectivityIds } from '../../../scenarios/index';
import type { Table1Cell } from '../../../scenarios/table1';
import { compareProtocols } from '../sim/compareSession';
import type { Table1State } from '../store/compareStore';
import { cellText } from '../table1/cellText';
import { labVerdict, paperTheory, scenarioTitles } from '../table1/paperColumn';
import { protocolInfo } from '../view/protocolInfo';

const setups: Record<string, string> = {
  'quorum-loss': '5 servers; only links to one follower A remain',
  'constrained-election': '5 servers; A cut from L first, then only A is quorum-connected',
  chained: '3 servers; only the link L–C is cut',
};

function Cell({ scenario, protocol, table }: { scenario: string; protocol: string; table: Table1State }) {
  const cell: Table1Cell | undefined = table.cells.find((c) => c.scenario === scenario && c.protocol === protocol);
  const error = table.errors.find((e) => e.scenario === scenario && e.protocol === protocol);
  const paper = paperTheory[scenario]?.[protocol];
  const id = `table1-${scenario}-${protocol}`;
  if (cell === undefined) {
    const words = error !== undefined ? 'failed' : table.status === 'running' ? 'running…' : table.status === 'idle' ? '' : 'not run';
    return (
      <td data-testid={id} data-verdict="" className={`cmp-t1-cell cmp-t1-empty${error !== undefined ? ' cmp-t1-failed' : ''}`} title={error?.message}>
        <span className="cmp-t1-headline">{words}</span>
        {paper !== undefined && <span className="cmp-t1-paper">paper: {paper.words}</span>}
      </td>
    );
  }
  const text = cellText(cell);
  const verdict = labVerdict(cell);
  const differs = paper !== undefined && paper.verdict !== verdict;
  return (
    <td data-testid={id} data-verdict={verdict} className={`cmp-t1-cell cmp-t1-${verdict}${differs ? ' cmp-t1-differs' : ''}`}>
      <span className="cmp-t1-headline">{text.headline}</span>
      <span className="cmp-t1-details">{text.details.join(' · ')}</span>
      {paper !== undefined && (
        <span className="cmp-t1-paper">
          paper: {paper.words}
          {differs && <strong> — differs</strong>}
        </span>
      )}
    </td>
  );
}

export function Table1Grid({ table }: { table: Table1State }) {
  return (
    <table className="cmp-t1">
      <caption>
        Down-time is the median over seeds of the time from the final cut until the first operation proposed after it is decided; leader changes and decided entries are medians during the
        partition.
      </caption>
      <thead>
        <tr>
          <th scope="col">Scenario</th>
          {compareProtocols.map((p) => (
            <th key={p} scope="col" style={{ ['--accent' as string]: protocolInfo(p).accent }}>
              {protocolInfo(p).title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {partialConnectivityIds.map((s) => (
          <tr key={s}>
            <th scope="row">
              <span className="cmp-t1-scenario">{scenarioTitles[s]}</span>
              <span className="cmp-t1-setup">{setups[s]}</span>
            </th>
            {compareProtocols.map((p) => (
              <Cell key={p} scenario={s} protocol={p} table={table} />
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
