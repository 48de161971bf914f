import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

function run(script: string, args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', `src/cli/${script}.ts`, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run sim', () => {
  it('prints one JSON summary with the documented fields, the same for the same seed', () => {
    const a = run('sim', ['--seed', '4', '--until-ms', '3000', '--json']);
    expect(a.code, a.stderr).toBe(0);
    const summary = JSON.parse(a.stdout);
    expect(summary).toMatchObject({ seed: 4, protocol: 'raft', nodeCount: 5, virtualTimeMs: 3000, invariantViolations: [] });
    expect(summary.traceHash).toMatch(/^[0-9a-f]{16}$/);
    expect(Object.keys(summary.leaders).length).toBeGreaterThan(0);
    expect(summary.committed).toBeGreaterThan(10);
    expect(summary.messages.delivered).toBeGreaterThan(0);
    const b = run('sim', ['--seed', '4', '--until-ms', '3000', '--json']);
    expect(JSON.parse(b.stdout).traceHash).toBe(summary.traceHash);
    const c = run('sim', ['--seed', '5', '--until-ms', '3000', '--json']);
    expect(JSON.parse(c.stdout).traceHash).not.toBe(summary.traceHash);
  });

  it('gives the same trace hash on the worker host', () => {
    const inprocess = JSON.parse(run('sim', ['--seed', '9', '--until-ms', '2000', '--json']).stdout);
    const worker = run('sim', ['--seed', '9', '--until-ms', '2000', '--json', '--host', 'worker']);
    expect(worker.code, worker.stderr).toBe(0);
    expect(JSON.parse(worker.stdout).traceHash).toBe(inprocess.traceHash);
  });

  it('replays a run from its printed replay command', () => {
    const actions = JSON.stringify([{ atUs: 800_000, action: { type: 'crash', node: 0 } }, { atUs: 1_500_000, action: { type: 'restart', node: 0 } }]);
    const first = JSON.parse(run('sim', ['--seed', '12', '--until-ms', '2500', '--loss', '0.05', '--actions', actions, '--json']).stdout);
    const replayArgs = (first.replay as string).replace(/^npm run sim -- /, '').match(/'[^']*'|\S+/g)!.map((a) => a.replace(/^'|'$/g, ''));
    const again = JSON.parse(run('sim', [...replayArgs, '--json']).stdout);
    expect(again.traceHash).toBe(first.traceHash);
  });

  it('rejects unknown flags and bad values with exit code 2 and names the flag', () => {
    const unknown = run('sim', ['--sed', '4']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown flag --sed/);
    expect(unknown.stderr).toMatch(/^usage: /m);
    const badSeed = run('sim', ['--seed', 'abc']);
    expect(badSeed.code).toBe(2);
    expect(badSeed.stderr).toMatch(/--seed must be a whole number/);
    const badHost = run('sim', ['--host', 'gpu']);
    expect(badHost.code).toBe(2);
    expect(badHost.stderr).toMatch(/--host must be one of inprocess, worker/);
    const badProtocol = run('sim', ['--protocol', 'paxos']);
    expect(badProtocol.code).toBe(2);
    expect(badProtocol.stderr).toMatch(/--protocol must be one of/);
  });
});

describe('npm run chaos', () => {
  it('reports each seed and exits 0 when all pass', () => {
    const r = run('chaos', ['--protocol', 'raft', '--seeds', '1..3', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.results).toHaveLength(3);
    expect(report.failed).toBe(0);
  });

  it('rejects a bad seed range', () => {
    const r = run('chaos', ['--seeds', '5..1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--seeds/);
  });

  it('sweeps the key-value store, and with a bug prints each failing seed with its replay and exits 1', () => {
    const ok = run('chaos', ['--store', 'kv', '--seeds', '1..2', '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    const report = JSON.parse(ok.stdout);
    expect(report.store).toBe('kv');
    expect(report.results.every((r: { opsCompleted: number }) => r.opsCompleted > 0)).toBe(true);
    const broken = run('chaos', ['--store', 'kv', '--bug', 'reply-before-commit', '--seeds', '1']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('seed 1: FAILED — client history not linearizable');
    expect(broken.stdout).toContain('replay: npm run chaos -- --protocol raft --store kv --bug reply-before-commit --seeds 1');
  });

  it('rejects an unknown store or bug, naming the choices', () => {
    const store = run('chaos', ['--store', 'disk']);
    expect(store.code).toBe(2);
    expect(store.stderr).toMatch(/--store must be one of log, kv, shards, got "disk"/);
    const mixed = run('chaos', ['--protocol', 'mixed', '--store', 'kv']);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('(or mixed with --store shards: each group draws its own), got "mixed"');
    const bug = run('chaos', ['--store', 'kv', '--bug', 'typo']);
    expect(bug.code).toBe(2);
    expect(bug.stderr).toMatch(/--bug must name bugs among stale-reads/);
  });
});

describe('npm run bench', () => {
  it('runs named benchmarks, writes one CSV row per operation, a summary and the SVG charts', async () => {
    const { mkdtempSync, readFileSync, readdirSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { parseCsv } = await import('../engine/bench/parseCsv');
    const { xmlProblems } = await import('../charts/wellFormed');
    const out = mkdtempSync(join(tmpdir(), 'bench-'));
    const r = run('bench', ['A', 'B', '--ops', '400', '--seed', '2', '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.rows.map((row: { benchmark: string }) => row.benchmark)).toEqual(['A', 'B']);
    expect(readdirSync(out).sort()).toEqual(['A.csv', 'B.csv', 'latency-by-op.csv', 'latency-cdf.svg', 'results.json', 'summary.csv', 'throughput-over-time.svg', 'throughput.svg']);
    // Latency per operation kind: the kinds the benchmark ran, and counts that add up to the operations measured.
    const byOp = parseCsv(readFileSync(join(out, 'latency-by-op.csv'), 'utf8'));
    expect(byOp[0]).toEqual(['benchmark', 'protocol', 'op', 'completed', 'p50_ms', 'p90_ms', 'p99_ms', 'p99_9_ms', 'max_ms', 'mean_ms']);
    const aOps = byOp.slice(1).filter((row) => row[0] === 'A');
    expect(aOps.map((row) => row[2])).toEqual(['get', 'put']);
    expect(aOps.reduce((sum, row) => sum + Number(row[3]), 0)).toBe(summary.rows[0].ops);
    const rows = parseCsv(readFileSync(join(out, 'A.csv'), 'utf8'));
    expect(rows[0]).toEqual(['benchmark', 'client', 'op', 'key', 'invoke_ms', 'return_ms', 'latency_ms']);
    expect(rows.length - 1).toBeGreaterThanOrEqual(400);
    expect(rows.slice(1).every((row) => row[0] === 'A')).toBe(true);
    const svg = readFileSync(join(out, 'latency-cdf.svg'), 'utf8');
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg.match(/class="series"/g)?.length).toBe(2);
    expect(svg).toContain('Latency (ms)');
    const again = run('bench', ['A', 'B', '--ops', '400', '--seed', '2', '--out', out, '--json']);
    expect(JSON.parse(again.stdout).rows.map((row: { p50Ms: number }) => row.p50Ms)).toEqual(summary.rows.map((row: { p50Ms: number }) => row.p50Ms));

    // Over seeds 1..2: each seed's files as a one-seed run writes them, and each figure across the seeds.
    const many = mkdtempSync(join(tmpdir(), 'bench-'));
    const r2 = run('bench', ['A', 'B', 'A', '--ops', '400', '--seeds', '1..2', '--out', many, '--json']);
    expect(r2.code, r2.stderr).toBe(0);
    const report = JSON.parse(r2.stdout);
    expect(report.seeds).toEqual([1, 2]);
    expect(report.rows.map((row: { benchmark: string; seed: number }) => `${row.benchmark}@${row.seed}`)).toEqual(['A@1', 'B@1', 'A@2', 'B@2']);
    expect(readdirSync(many).sort()).toEqual(['across-seeds.csv', 'seed-1', 'seed-2', 'throughput-across-seeds.svg']);
    const acrossSvg = readFileSync(join(many, 'throughput-across-seeds.svg'), 'utf8');
    expect(xmlProblems(acrossSvg)).toEqual([]);
    expect(acrossSvg.match(/class="series"/g)?.length).toBe(2);
    expect(acrossSvg).toContain('Throughput across seeds (raft, seeds 1 &amp; 2)');
    expect(readFileSync(join(many, 'seed-2', 'summary.csv'), 'utf8')).toBe(readFileSync(join(out, 'summary.csv'), 'utf8'));
    expect(readFileSync(join(many, 'seed-2', 'latency-cdf.svg'), 'utf8')).toBe(svg);
    const across = parseCsv(readFileSync(join(many, 'across-seeds.csv'), 'utf8'));
    expect(across.map((row) => row.slice(0, 3))).toEqual([
      ['benchmark', 'protocol', 'seeds'],
      ['A', 'raft', '2'],
      ['B', 'raft', '2'],
    ]);
    const a = report.acrossSeeds[0];
    const [a1, a2] = report.rows.filter((row: { benchmark: string }) => row.benchmark === 'A').map((row: { p50Ms: number }) => row.p50Ms);
    expect(a.p50Ms.mean).toBeCloseTo((a1 + a2) / 2, 9);
    expect(a.p50Ms.min).toBe(Math.min(a1, a2));
  });

  it('refuses unknown benchmarks and bad flags with usage', () => {
    const r = run('bench', ['D']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown benchmark "D"');
    expect(run('bench', ['A', '--ops', 'many']).stderr).toContain('--ops must be a whole number');
    expect(run('bench', ['A', '--seed', '1', '--seeds', '1..3']).stderr).toContain('give --seed or --seeds, not both');
    expect(run('bench', ['A', '--seeds', '3..3']).stderr).toContain('is one seed: give --seed 3');
    const tooMany = run('bench', ['A', '--seeds', '1..101']);
    expect(tooMany.code).toBe(2);
    expect(tooMany.stderr).toContain('is 101 seeds; at most 100');
  });
});

describe('npm run perf', () => {
  it('measures every host on the same workload and reports the median of the repeated short runs', () => {
    const args = ['--virtual-s', '2', '--repeat', '3', '--long-virtual-s', '4', '--worker-virtual-s', '1', '--memory-virtual-s', '0', '--warmup-virtual-s', '1', '--json'];
    const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'src/cli/perf.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(result.status, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout);
    for (const key of ['short', 'long', 'worker']) {
      expect(out[key].delivered).toBeGreaterThan(0);
      expect(out[key].deliveredPerWallSecond).toBeGreaterThan(0);
    }
    expect(out.short.virtualSeconds).toBe(2);
    expect(out.long.virtualSeconds).toBe(4);
    // Same workload, same run: the worker host delivers exactly what the in-process host does.
    expect(out.worker.host).toBe('worker');
    expect(out.worker.windows).toBeGreaterThan(0);
    expect(out.worker.delivered).toBe(out.workerInprocess.delivered);
    expect(out.worker.committed).toBe(out.workerInprocess.committed);
    // The fixed cost of a window is measured on the worker host only.
    expect(out.worker.emptyWindowUs).toBeGreaterThan(0);
    expect(out.workerInprocess.emptyWindowUs).toBeNull();
  });

  it('rejects bad flags with exit code 2', () => {
    const bad = run('perf', ['--repeat', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--repeat');
  });
});
