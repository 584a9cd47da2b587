#!/usr/bin/env node
/**
 * `npm test`: every suite, then one closing line summing them: `N passed, N failed, N skipped`.
 *   unit + integration: vitest (native modules, real SQLite, real ONNX model, real Neo4j)
 *   e2e: Playwright driving Debian Chromium against the headless host
 * Pass suite names to run a subset: `npm test -- unit`, `npm test -- e2e`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = path.join(root, '.tmp');
mkdirSync(tmp, { recursive: true });
const wanted = new Set(process.argv.slice(2));
const want = (name) => wanted.size === 0 || wanted.has(name);

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

const build = run(process.execPath, ['scripts/build.mjs', '--if-stale']);
if (build !== 0) {
  console.error('build failed');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

if (want('unit')) {
  const out = path.join(tmp, 'vitest.json');
  rmSync(out, { force: true });
  const code = run(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  if (existsSync(out)) {
    const r = JSON.parse(readFileSync(out, 'utf8'));
    const s = { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + (r.numTodoTests ?? 0) };
    // A suite that failed to load has no tests but counts as a failure.
    const brokenFiles = (r.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
    s.failed += brokenFiles;
    lines.push(`unit+integration (vitest): ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`);
    for (const k of Object.keys(totals)) totals[k] += s[k];
  } else {
    lines.push(`unit+integration (vitest): did not report (exit ${code})`);
    totals.failed += 1;
  }
  if (code !== 0 && totals.failed === 0) totals.failed += 1;
}

if (want('e2e')) {
  const out = path.join(tmp, 'playwright.json');
  rmSync(out, { force: true });
  const code = run(process.execPath, ['node_modules/@playwright/test/cli.js', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: out });
  if (existsSync(out)) {
    const st = JSON.parse(readFileSync(out, 'utf8')).stats;
    const s = { passed: st.expected + st.flaky, failed: st.unexpected, skipped: st.skipped };
    lines.push(`e2e (playwright): ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`);
    for (const k of Object.keys(totals)) totals[k] += s[k];
    if (code !== 0 && s.failed === 0) totals.failed += 1;
  } else {
    lines.push(`e2e (playwright): did not report (exit ${code})`);
    totals.failed += 1;
  }
}

console.log('');
for (const l of lines) console.log(l);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
