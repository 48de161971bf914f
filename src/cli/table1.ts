/**
 * `npm run table1`: the partial-connectivity scenarios on every protocol,
 * like the OmniPaxos paper's Table 1.
 */
import { protocolNames } from '../engine/index';
import { describeCell, runTable1 } from '../scenarios/table1';
import { UsageError, parseArgs, usageLine, type FlagSpec } from './args';

const specs: Record<string, FlagSpec> = {
  seeds: { kind: 'range', min: 0, help: 'seeds, e.g. 1..20 (default 1..20)' },
  protocols: { kind: 'string', help: `comma-separated protocols (default ${protocolNames().join(',')})` },
  json: { kind: 'boolean', help: 'print one JSON object' },
};

function main(argv: string[]): number {
  let flags;
  try {
    flags = parseArgs(argv, specs).flags;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${usageLine('npm run table1 --', specs)}\n`);
      return 2;
    }
    throw error;
  }
  const protocols = typeof flags.protocols === 'string' ? flags.protocols.split(',') : protocolNames();
  const unknown = protocols.find((p) => !protocolNames().includes(p));
  if (unknown !== undefined) {
    process.stderr.write(`--protocols: unknown protocol "${unknown}" (known: ${protocolNames().join(', ')})\n`);
    return 2;
  }
  const [first, last] = (flags.seeds as [number, number] | undefined) ?? [1, 20];
  const seeds = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const cells = runTable1(protocols, seeds, (cell, done, total) => {
    if (process.stderr.isTTY) process.stderr.write(`\r${done}/${total} cells (${cell.scenario} on ${cell.protocol})   `);
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  if (flags.json) {
    process.stdout.write(JSON.stringify({ seeds: [first, last], cells }) + '\n');
    return 0;
  }
  process.stdout.write(`seeds ${first}..${last}; down-time counted from the final cut; partition 8 s\n`);
  for (const cell of cells) process.stdout.write(`${cell.scenario.padEnd(22)} ${cell.protocol.padEnd(12)} ${describeCell(cell)}\n`);
  return 0;
}

process.exit(main(process.argv.slice(2)));
