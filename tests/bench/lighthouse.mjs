// Lighthouse 12 (tools/node_modules/lighthouse, pinned to 12.2.3: 13 wants Node 22) through its
// CLI, mobile profile (the default: simulated slow 4G and 4× CPU slowdown), Debian's Chromium.

import { spawn } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CHROMIUM, ROOT } from '../e2e/harness.mjs';
import { stats } from './report.mjs';

const CLI = path.join(ROOT, 'tools', 'node_modules', 'lighthouse', 'cli', 'index.js');
export const CHROME_FLAGS =
  '--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run --disable-dev-shm-usage';
const CATEGORIES = ['performance', 'accessibility', 'best-practices'];

function run(args, env, timeoutMs) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.on('data', () => {});
    child.stderr.on('data', (d) => {
      stderr = (stderr + d).slice(-4000);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ code: -1, signal: null, stderr: String(err) });
    });
  });
}

/** Runs Lighthouse `runs` times on `url`; resolves to { runs, median, failing } or { error }. */
export async function lighthouse(url, { runs = 3, outDir, timeoutMs = 180_000 } = {}) {
  if (!existsSync(CLI)) return { error: `${CLI} is missing: run \`cargo xtask setup\` (npm ci in tools/)` };
  await mkdir(outDir, { recursive: true });
  const results = [];
  let last;
  for (let i = 0; i < runs; i++) {
    const out = path.join(outDir, `lighthouse-${i + 1}.json`);
    const res = await run(
      [
        url,
        '--quiet',
        '--output=json',
        `--output-path=${out}`,
        `--only-categories=${CATEGORIES.join(',')}`,
        `--chrome-flags=${CHROME_FLAGS}`,
        '--max-wait-for-load=60000',
      ],
      { CHROME_PATH: CHROMIUM },
      timeoutMs,
    );
    if (res.code !== 0) {
      const why = res.signal ? `killed (${res.signal}) after ${timeoutMs} ms` : `exit code ${res.code}`;
      return { error: `lighthouse ${why}: ${res.stderr.trim().split('\n').slice(-5).join(' / ')}` };
    }
    const report = JSON.parse(await readFile(out, 'utf8'));
    if (report.runtimeError) return { error: `${report.runtimeError.code}: ${report.runtimeError.message}` };
    const a = report.audits;
    results.push({
      performance: report.categories.performance?.score ?? null,
      accessibility: report.categories.accessibility?.score ?? null,
      'best-practices': report.categories['best-practices']?.score ?? null,
      lcpMs: a['largest-contentful-paint']?.numericValue ?? null,
      fcpMs: a['first-contentful-paint']?.numericValue ?? null,
      tbtMs: a['total-blocking-time']?.numericValue ?? null,
      siMs: a['speed-index']?.numericValue ?? null,
      warnings: report.runWarnings ?? [],
    });
    last = report;
  }
  const median = {};
  for (const key of [...CATEGORIES, 'lcpMs', 'fcpMs', 'tbtMs', 'siMs']) median[key] = stats(results.map((x) => x[key])).median;
  // What keeps a category below 1, from the last run.
  const failing = [];
  for (const cat of CATEGORIES) {
    for (const ref of last.categories[cat]?.auditRefs ?? []) {
      const audit = last.audits[ref.id];
      if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) {
        failing.push(`${cat}: ${ref.id} ${audit.score.toFixed(2)}${audit.displayValue ? ` (${audit.displayValue})` : ''}`);
      }
    }
  }
  return { runs: results, median, failing };
}
