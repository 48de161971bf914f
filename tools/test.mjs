#!/usr/bin/env node
// `npm test`: type-check, lint, unit and simulation tests (vitest), then the
// browser journeys (Playwright in Chromium). Ends with one line that counts
// every test: "N passed, M failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

mkdirSync('test-results', { recursive: true });
const stages = [
  { name: 'type-check', cmd: 'npx', args: ['tsc', '-b'] },
  { name: 'lint', cmd: 'npx', args: ['oxlint', '-c', '.oxlintrc.json', '--deny-warnings', 'src', 'e2e', 'tools'] },
  {
    name: 'unit and simulation tests',
    cmd: 'npx',
    args: ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json'],
    report: 'test-results/vitest.json',
  },
  {
    name: 'browser tests',
    cmd: 'npx',
    args: ['playwright', 'test', '--reporter=list,json'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: 'test-results/playwright.json' },
    report: 'test-results/playwright.json',
  },
];

let passed = 0;
let failed = 0;
let broken = [];
for (const stage of stages) {
  process.stdout.write(`\n== ${stage.name} ==\n`);
  const started = Date.now();
  const result = spawnSync(stage.cmd, stage.args, { stdio: 'inherit', env: { ...process.env, ...(stage.env ?? {}) } });
  process.stdout.write(`== ${stage.name}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s ==\n`);
  if (stage.report && existsSync(stage.report)) {
    const counts = countReport(stage.report);
    passed += counts.passed;
    failed += counts.failed;
  }
  if (result.status !== 0) {
    broken.push(stage.name);
    if (!stage.report) failed += 1;
    break;
  }
}

function countReport(path) {
  const report = JSON.parse(readFileSync(path, 'utf8'));
  if ('numPassedTests' in report) return { passed: report.numPassedTests, failed: report.numFailedTests };
  const stats = report.stats ?? {};
  return { passed: stats.expected ?? 0, failed: (stats.unexpected ?? 0) + (stats.flaky ?? 0) };
}

if (broken.length > 0) process.stdout.write(`\nfailed stage: ${broken.join(', ')}\n`);
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(broken.length > 0 || failed > 0 ? 1 : 0);
