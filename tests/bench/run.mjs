#!/usr/bin/env node
// The browser part of `cargo xtask bench` (xtask builds the release bundle and measures its
// files first). Serves the build on 127.0.0.1 (gzip, no caching), drives Debian's headless
// Chromium and measures: cold loads to the first complete render, a static lower bound, the
// latency of six interactions, memory, generated datasets loaded through the reader's file input,
// Lighthouse, and a profile. Writes target/bench.json and the results section of BENCHMARKS.md.
//
//   node tests/bench/run.mjs [--quick] [--runs N] [--dist DIR] [--size FILE] [--out FILE]
//                            [--markdown FILE] [--profile-dist DIR] [--no-lighthouse]
//                            [--datasets 1000,10000,100000] [--extract FILE]
//   node tests/bench/run.mjs --store-only [--store-mb 100] [--dist DIR]   # only storing and reopening
//
// --extract FILE: the drafter's scores from `cargo run --release --example extract_score --
// --json FILE` (xtask runs it first), copied into the results and their Markdown.
//
// The browser measurements (cold loads, static loads, interactions, datasets) run N times, in a
// fresh browser each (3 by default, 1 with --quick); every measure is reported as the median of
// the runs, with their spread. Lighthouse, the draft review, the views at the size limit and the
// profile run once.
//   node tests/bench/run.mjs --report-only     # rewrite BENCHMARKS.md's results from target/bench.json
//
// Exit status: 0 when everything could be measured, whether targets pass or not (they are
// reported); 1 when something could not be measured at all (the app never rendered, ...).

import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { gzipSync, constants } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS as HARNESS_CHROMIUM_ARGS, ROOT, openPage, pageErrors } from '../e2e/harness.mjs';
import { datasetAtBounds, generateDataset, staticTableHtml, withoutScripts, SHIPPED } from './datasets.mjs';
import { benchInit } from './inpage.mjs';
import { draftText } from './drafttext.mjs';
import { lighthouse } from './lighthouse.mjs';
import { traced } from './profile.mjs';
import { INTERACTIONS, combineRuns, runSummary, evaluateTargets, markdown, spliceResults, stats, ms, bytes, int } from './report.mjs';
import { startBenchServer } from './server.mjs';

const requireFromTools = createRequire(path.join(ROOT, 'tools', 'package.json'));
const { chromium } = requireFromTools('playwright-core');

// ---- options ----
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : fallback;
};
const QUICK = flag('--quick');
const STORE_ONLY = flag('--store-only');
const DIST = path.resolve(ROOT, option('--dist', process.env.DIST_DIR ?? 'dist'));
const SIZE_JSON = option('--size', null);
const EXTRACT_JSON = option('--extract', null);
const OUT = path.resolve(ROOT, option('--out', 'target/bench.json'));
const MARKDOWN = path.resolve(ROOT, option('--markdown', 'BENCHMARKS.md'));
const PROFILE_DIST = option('--profile-dist', null);
const LIGHTHOUSE = !flag('--no-lighthouse');
const RUNS = Math.max(1, Math.min(20, Number.parseInt(option('--runs', QUICK ? '1' : '3'), 10) || 1));
const WORK = path.join(ROOT, 'target', 'bench');
const SIZES = option('--datasets', '1000,10000,100000')
  .split(',')
  .filter(Boolean)
  .map(Number);

const CONFIG = QUICK
  ? { coldLoads: 5, staticLoads: 5, reps: 10, warmup: 2, reloads: 2, lighthouseRuns: 1, kindBudgetMs: 20_000 }
  : { coldLoads: 10, staticLoads: 10, reps: 20, warmup: 2, reloads: 5, lighthouseRuns: 3, kindBudgetMs: 45_000 };
/** Longest wait for one render (a large dataset on a loaded 2-core machine). */
const STEP_TIMEOUT_MS = 90_000;

const CHROMIUM_ARGS = [
  ...HARNESS_CHROMIUM_ARGS,
  // The e2e harness's flags, plus exact heap sizes (performance.memory is coarse and cached without it) and gc().
  '--enable-precise-memory-info',
  '--js-flags=--expose-gc',
];

const log = (...a) => console.log('bench:', ...a);

/**
 * Whether the app marks itself interactive with `data-app="live"` on <html>: unknown until the
 * first cold load, which waits LIVE_PROBE_MS after its first complete render for it. Without it,
 * the app is taken to be interactive at its first complete render once the wasm has started
 * (a client-rendered page has its handlers live as soon as it is drawn).
 */
let liveContract = null;
const LIVE_PROBE_MS = 3000;

/** Waits until the app is drawn and, when it says so, interactive (`data-app="live"`). */
async function waitReady(page) {
  await page.waitForFunction(() => window.__bench && window.__bench.firstRender !== null, undefined, {
    timeout: STEP_TIMEOUT_MS,
    polling: 100,
  });
  if (liveContract === false) return;
  const live = await page
    .waitForFunction(() => window.__bench.live !== null, undefined, { timeout: liveContract ? STEP_TIMEOUT_MS : LIVE_PROBE_MS, polling: 50 })
    .then(
      () => true,
      () => false,
    );
  if (liveContract === null) {
    liveContract = live;
    log(live ? 'the app marks itself interactive (data-app="live")' : `no data-app="live" within ${LIVE_PROBE_MS} ms of the first render: interactive = first complete render after the wasm started`);
  } else if (!live) throw new Error('data-app="live" never set');
}

/** When the page became interactive, by the contract above. */
function interactiveAt(t) {
  if (t.live !== null && t.live !== undefined) return t.live;
  if (t.firstRender === null || t.firstRender === undefined) return null;
  return t.trunkStarted !== null && t.trunkStarted !== undefined ? Math.max(t.firstRender, t.trunkStarted) : t.firstRender;
}
const problems = []; // what could not be measured at all: makes the run fail

function launch() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
}

/** Rejects when `promise` takes longer than `timeoutMs`. */
function within(promise, timeoutMs, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${timeoutMs} ms`)), timeoutMs);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** The MAX_DATASET_BYTES the model enforces, read from its source. */
function maxDatasetBytes() {
  const src = readFileSync(path.join(ROOT, 'src', 'model', 'validate.rs'), 'utf8');
  const m = src.match(/MAX_DATASET_BYTES:\s*usize\s*=\s*([0-9_\s*]+);/);
  if (!m) return null;
  return m[1]
    .split('*')
    .map((x) => Number(x.replace(/[_\s]/g, '')))
    .reduce((a, b) => a * b, 1);
}

/** The presentation bounds of src/model/limits.rs (charts, panels, figures per panel, headlines). */
function presentationLimits() {
  const src = readFileSync(path.join(ROOT, 'src', 'model', 'limits.rs'), 'utf8');
  const read = (name) => Number(src.match(new RegExp(`${name}:\\s*usize\\s*=\\s*([0-9_]+);`))?.[1]?.replace(/_/g, ''));
  const limits = {
    charts: read('MAX_CHARTS'),
    panels: read('MAX_PANELS'),
    figures: read('MAX_PANEL_FIGURES'),
    headlines: read('MAX_HEADLINES'),
  };
  return Object.values(limits).every(Number.isFinite) ? limits : null;
}

/**
 * The app opened in `page` (the benchmark's init script installed), then `file` chosen in its
 * file input: when the choice was made (`performance.now()`) and how the load went.
 */
async function chooseFile(page, url, file, title) {
  await page.addInitScript(benchInit, { mode: 'app' });
  await page.goto(url, { waitUntil: 'load' });
  await waitReady(page);
  if (!(await openLoader(page))) throw new Error('no file input');
  const t0 = await page.evaluate(() => performance.now());
  const load = await loadFile(page, file, title);
  return { t0, load };
}

/**
 * A dataset at the presentation bounds loaded through the file input: from the input's change
 * to the overview complete and its frame (the page is blocked for most of it), and the longest
 * main-thread task. Once: the bound on the work a dataset can ask for, not a target.
 */
async function presentationAtBounds(browser, url, file, d) {
  const page = await openPage(browser, url);
  try {
    const { t0, load } = await chooseFile(page, url, file, d.title);
    const tasks = await page.evaluate((t) => window.__bench.longestSince?.(t) ?? null, t0);
    const r = { ...d, load, tasks };
    log(`presentation at its bounds (${d.charts} charts × ${d.panels} panels × ${d.perPanel} figures, ${d.headlines} headlines; ${bytes(d.bytes)}): ${load.outcome} after ${ms(load.frameMs)}${tasks?.longestTaskMs ? `, longest task ${Math.round(tasks.longestTaskMs)} ms` : ''}`);
    return r;
  } catch (err) {
    problems.push(`the presentation at its bounds could not be measured: ${err.message.split('\n')[0]}`);
    return { error: err.message.split('\n')[0] };
  } finally {
    await page.context().close();
  }
}

function git(args) {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

async function sizeReport() {
  if (SIZE_JSON && existsSync(SIZE_JSON)) return JSON.parse(await readFile(SIZE_JSON, 'utf8'));
  // Run without xtask: measure the same way (every file, gzip at the best level).
  const files = [];
  for (const name of (await readdir(DIST)).sort()) {
    const raw = await readFile(path.join(DIST, name)).catch(() => null);
    if (!raw) continue;
    files.push({ path: name, raw_bytes: raw.length, gzip_bytes: gzipSync(raw, { level: constants.Z_BEST_COMPRESSION }).length });
  }
  return {
    files,
    total_raw_bytes: files.reduce((s, f) => s + f.raw_bytes, 0),
    total_gzip_bytes: files.reduce((s, f) => s + f.gzip_bytes, 0),
  };
}

// ---- one cold load ----

/** Fresh context, navigate, wait for the first complete render; timings and memory. */
async function coldLoad(browser, url, initOptions) {
  const page = await openPage(browser, url);
  try {
    await page.addInitScript(benchInit, initOptions);
    await page.goto(url, { waitUntil: 'commit', timeout: STEP_TIMEOUT_MS });
    if (initOptions.mode === 'app') await waitReady(page);
    else
      await page.waitForFunction(() => window.__bench && window.__bench.firstRender !== null, undefined, {
        timeout: STEP_TIMEOUT_MS,
        polling: 100,
      });
    // The paint entries are queued after the frame is presented.
    await page
      .waitForFunction(() => performance.getEntriesByType('paint').some((p) => p.name === 'first-contentful-paint'), undefined, { timeout: 5000 })
      .catch(() => {});
    const timings = await page.evaluate(() => window.__bench.timings());
    const memory = await page.evaluate(() => window.__bench.memory());
    return { ...timings, interactive: initOptions.mode === 'app' ? interactiveAt(timings) : null, memory, errors: pageErrors(page) };
  } catch (err) {
    return { error: `${err.message.split('\n')[0]}${pageErrors(page).length ? `; page: ${pageErrors(page).join('; ')}` : ''}` };
  } finally {
    await page.context().close();
  }
}

async function coldLoads(browser, server, url, count, initOptions, label) {
  const samples = [];
  for (let i = 0; i < count; i++) {
    const before = server.sent();
    const s = await coldLoad(browser, url, initOptions);
    const after = server.sent();
    s.serverBytes = [...after.entries()].reduce((sum, [p, n]) => sum + n - (before.get(p) ?? 0), 0);
    samples.push(s);
    log(`${label} ${i + 1}/${count}: ${s.error ? `FAILED ${s.error}` : `complete at ${ms(s.firstRender)}, FCP ${ms(s.fcp)}${s.interactive !== null ? `, interactive ${ms(s.interactive)}` : ''}`}`);
  }
  return samples;
}

// ---- interactions ----

const PLAN = [
  ['overview', ['lang', 'area', 'select']],
  ['table', ['sort', 'search']],
  ['whatif', ['whatif']],
  ['compare', ['compare']],
];

async function interactions(page, label) {
  const out = {};
  for (const [view, kinds] of PLAN) {
    try {
      await within(
        page.evaluate(([v, t]) => window.__bench.showView(v, t), [view, STEP_TIMEOUT_MS]),
        STEP_TIMEOUT_MS + 5000,
        `showing ${view}`,
      );
    } catch (err) {
      for (const k of kinds) out[k] = { error: `view ${view} not shown: ${err.message.split('\n')[0]}` };
      continue;
    }
    for (const kind of kinds) {
      const samples = [];
      let error = null;
      const started = Date.now();
      const total = CONFIG.warmup + CONFIG.reps;
      for (let i = 0; i < total; i++) {
        if (Date.now() - started > CONFIG.kindBudgetMs && samples.length >= 3) {
          error = `stopped after ${samples.length} repetitions: over the ${CONFIG.kindBudgetMs / 1000} s budget`;
          break;
        }
        try {
          const r = await within(
            page.evaluate(([k, n, t, phase]) => window.__bench.interact(k, n, t, phase), [kind, i, STEP_TIMEOUT_MS, (i * 7) % 16]),
            STEP_TIMEOUT_MS + 5000,
            kind,
          );
          if (i >= CONFIG.warmup) samples.push(r);
        } catch (err) {
          error = err.message.split('\n')[0];
          break;
        }
      }
      out[kind] = {
        frame: stats(samples.map((s) => s.frameMs)),
        dom: stats(samples.map((s) => s.domMs)),
        painted: stats(samples.map((s) => s.paintedMs)),
        samplesMs: samples.map((s) => Math.round(s.frameMs * 10) / 10),
        ...(error ? { error } : {}),
      };
      log(`${label} ${kind}: median ${ms(out[kind].frame.median)}, p95 ${ms(out[kind].frame.p95)} (n=${samples.length})${error ? ` — ${error}` : ''}`);
      try {
        await within(page.evaluate((t) => window.__bench.reset(t), STEP_TIMEOUT_MS), STEP_TIMEOUT_MS + 5000, 'reset');
      } catch (err) {
        log(`${label}: reset after ${kind} failed: ${err.message.split('\n')[0]}`);
      }
    }
  }
  return out;
}

// ---- every view at the size limit ----

/** Rounds of opening every view; each figure reported is the median of the rounds. */
const VIEW_ROUNDS = 3;

/**
 * Opens every view through its tab and switches the language there (to Chinese and back),
 * VIEW_ROUNDS times; per view the longest main-thread task (Long Tasks API) of each step.
 */
async function viewTasks(page, label) {
  const views = await page.evaluate(() => window.__bench.views);
  const samples = Object.fromEntries(views.map((v) => [v, { open: [], openFrame: [], lang: [], langFrame: [], domNodes: [] }]));
  const errors = [];
  for (let round = 0; round < VIEW_ROUNDS; round++) {
    // Start each round elsewhere, so the first view is really opened.
    await page.evaluate((t) => window.__bench.showView('overview', t), STEP_TIMEOUT_MS).catch(() => {});
    for (const v of [...views.filter((x) => x !== 'overview'), 'overview']) {
      try {
        const open = await within(
          page.evaluate(([code, t]) => window.__bench.openViewTasks(code, t), [v, STEP_TIMEOUT_MS]),
          STEP_TIMEOUT_MS + 5000,
          `opening ${v}`,
        );
        const zh = await within(
          page.evaluate(([code, t]) => window.__bench.langTasks('zh', code, t), [v, STEP_TIMEOUT_MS]),
          STEP_TIMEOUT_MS + 5000,
          `language switch in ${v}`,
        );
        const en = await within(
          page.evaluate(([code, t]) => window.__bench.langTasks('en', code, t), [v, STEP_TIMEOUT_MS]),
          STEP_TIMEOUT_MS + 5000,
          `language switch back in ${v}`,
        );
        const x = samples[v];
        x.open.push(open.longestTaskMs);
        x.openFrame.push(open.untilFrameMs);
        x.lang.push(Math.max(zh.longestTaskMs ?? 0, en.longestTaskMs ?? 0));
        x.langFrame.push(Math.max(zh.untilFrameMs, en.untilFrameMs));
        x.domNodes.push(open.domNodes);
      } catch (err) {
        errors.push(`${v}: ${err.message.split('\n')[0]}`);
      }
    }
  }
  const out = {};
  for (const v of views) {
    const x = samples[v];
    out[v] = {
      openLongestTask: stats(x.open),
      openUntilFrame: stats(x.openFrame),
      langLongestTask: stats(x.lang),
      langUntilFrame: stats(x.langFrame),
      domNodes: stats(x.domNodes).median,
    };
    log(
      `${label} ${v}: open: longest task ${ms(out[v].openLongestTask.median)} (click → frame ${ms(out[v].openUntilFrame.median)}); ` +
        `language switch: longest task ${ms(out[v].langLongestTask.median)}; ${int(out[v].domNodes)} elements (medians of ${x.open.length})`,
    );
  }
  return { rounds: VIEW_ROUNDS, views: out, errors };
}

// ---- datasets through the file input ----

/** Opens the dataset panel; false when the app has no loader. */
async function openLoader(page) {
  if ((await page.$('#data-file')) === null) {
    const toggle = await page.$('#data-toggle');
    if (!toggle) return false;
    await toggle.click();
  }
  try {
    await page.waitForSelector('#data-file', { state: 'attached', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/** Chooses `file` in the dataset panel and waits for it to be loaded or refused. */
async function loadFile(page, file, title) {
  await page.evaluate(([t, timeout]) => window.__bench.watchLoad(t, timeout), [title, STEP_TIMEOUT_MS]);
  await page.setInputFiles('#data-file', file);
  try {
    await page.waitForFunction(() => window.__bench.load !== null, undefined, { timeout: STEP_TIMEOUT_MS + 10_000, polling: 250 });
  } catch {
    // The page's own time-out cannot fire while its main thread is busy.
    return { outcome: 'timeout', frameMs: null, errors: [], error: `no outcome within ${(STEP_TIMEOUT_MS + 10_000) / 1000} s (main thread busy)` };
  }
  return page.evaluate(() => window.__bench.load);
}

const DRAFT_FIGURES = 5000;
async function draftReview(browser, url) {
  const page = await openPage(browser, url);
  try {
    await page.addInitScript(benchInit, { mode: 'app' });
    await page.goto(url, { waitUntil: 'load' });
    await waitReady(page);
    await page.waitForSelector('button[data-view=draft]');
    await page.click('button[data-view=draft]');
    await page.waitForSelector('#draft-review');
    // The editor is a module of its own, fetched and started when the tab is first shown.
    const editorLoadMs = await page.evaluate(() => performance.getEntriesByName('draft-module-load')[0]?.duration ?? null);
    log(`draft editor: module fetched, started and mounted ${editorLoadMs === null ? '(not measured)' : `in ${Math.round(editorLoadMs)} ms`} after the Draft tab`);
    await page.locator('#draft-text').fill(draftText(DRAFT_FIGURES));
    const r = await page.evaluate((t) => window.__bench.draftTasks(250, t), STEP_TIMEOUT_MS);
    const lt = (x) => (x.longestTaskMs === 0 ? 'none over 50 ms' : `${Math.round(x.longestTaskMs)} ms`);
    log(`draft review, ${DRAFT_FIGURES} highlights (${r.summary}; ${r.figures} on the page): longest task on open ${lt(r.open)} (click → frame ${Math.round(r.open.untilFrameMs)} ms), on selecting a highlight ${lt(r.select)} (click → frame ${Math.round(r.select.untilFrameMs)} ms), on editing ${lt(r.edit)}`);
    return { figures: DRAFT_FIGURES, editorLoadMs, ...r };
  } catch (err) {
    problems.push(`the draft review screen could not be measured: ${err.message.split('\n')[0]}`);
    return { error: err.message.split('\n')[0] };
  } finally {
    await page.context().close();
  }
}

async function measureDataset(browser, url, d, options) {
  const page = await openPage(browser, url);
  try {
    await page.addInitScript(benchInit, { mode: 'app' });
    await page.goto(url, { waitUntil: 'commit' });
    await waitReady(page);
    if (!(await openLoader(page))) return { loader: false };
    d.load = await loadFile(page, d.file, d.title);
    log(`${d.figures} figures (${bytes(d.bytes)}): ${d.load.outcome} after ${ms(d.load.frameMs)}${d.load.errors?.length ? ` (${d.load.errors.join(', ')})` : ''}`);
    if (d.load.outcome !== 'loaded') return { loader: true };
    d.memoryAfterFileLoad = await page.evaluate(() => window.__bench.memory());
    await page.click('#data-toggle').catch(() => {});

    // Reloads: the app starts from the dataset it keeps in the browser.
    const reloads = [];
    let kept = true;
    for (let i = 0; i < CONFIG.reloads && kept; i++) {
      await page.goto(`${url}?view=overview`, { waitUntil: 'commit' });
      await waitReady(page);
      kept = (await page.textContent('#dataset-name').catch(() => null)) === d.title;
      if (kept) reloads.push(await page.evaluate(() => window.__bench.firstRender));
    }
    d.reload = kept
      ? { firstRender: stats(reloads), samplesMs: reloads }
      : { error: 'not kept in the browser after reload (storage full or refused)' };
    if (!kept) {
      await openLoader(page);
      await loadFile(page, d.file, d.title);
      await page.click('#data-toggle').catch(() => {});
    }
    // The JS heap is shared with the documents the reloads left behind: the figure kept as the
    // dataset's memory is the one after the file load, in a page that had one navigation.
    d.memory = d.memoryAfterFileLoad;
    d.memoryAfterReloads = await page.evaluate(() => window.__bench.memory());
    if (d.atLimit && options.viewTasks) d.viewTasks = await viewTasks(page, `${d.figures} figures`);
    await page.evaluate((t) => window.__bench.showView('table', t), STEP_TIMEOUT_MS);
    d.tableDomNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
    await page.evaluate((t) => window.__bench.showView('overview', t), STEP_TIMEOUT_MS);
    d.interactions = await interactions(page, `${d.figures} figures`);
    d.errors = pageErrors(page);
    return { loader: true };
  } catch (err) {
    d.error = err.message.split('\n')[0];
    log(`${d.figures} figures: ${d.error}`);
    return { loader: true };
  } finally {
    await within(page.context().close(), 60_000, 'closing the page').catch(() => {});
  }
}

/** Bytes of the dataset whose storing and reopening is measured (issue 22 part 1). */
const STORE_BYTES = Number(option('--store-mb', '100')) * 1000 * 1000;

/**
 * Storing and reopening a 100 MB dataset (issue 22 part 1): chosen in the file input, the time
 * until it is shown and until its text is kept in IndexedDB (its titles record, written last,
 * appears in localStorage); then a reload of its address, the time from navigation start to the
 * dataset shown and the app live, and the longest main-thread task of that reopening (Long Tasks
 * API). Once: not a target.
 */
async function storeAndReopen(browser, url, base) {
  // The largest multiple of 1,000 figures under STORE_BYTES.
  const size = (n) => Buffer.byteLength(JSON.stringify(generateDataset(base, n)));
  let n = Math.floor(STORE_BYTES / (size(1000) / 1000) / 1000) * 1000;
  while (size(n) > STORE_BYTES) n -= 1000;
  const d = generateDataset(base, n);
  d.case.title.en = `Stored ${n} figures`;
  const json = JSON.stringify(d);
  const file = path.join(WORK, 'data', `stored-${n}.json`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, json);
  const about = { figures: n, bytes: Buffer.byteLength(json), title: d.case.title.en };
  const page = await openPage(browser, url);
  try {
    const { t0, load } = await chooseFile(page, url, file, about.title);
    if (load.outcome !== 'loaded') throw new Error(`not loaded: ${load.outcome}`);
    log(`${bytes(about.bytes)} shown after ${ms(load.frameMs)}; waiting for it to be kept`);
    await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('kezuohou-explorer.about.')), undefined, { timeout: 3 * STEP_TIMEOUT_MS, polling: 50 });
    const storedMs = (await page.evaluate(() => performance.now())) - t0;
    const storeTasks = await page.evaluate((t) => window.__bench.longestSince(t), t0);
    log(`kept after ${ms(storedMs)}; reloading`);
    // Reload its address: IndexedDB is read, the text parsed and checked, the view drawn.
    await page.reload({ waitUntil: 'commit' });
    await page.waitForFunction(
      (t) => document.documentElement.dataset.app === 'live' && document.querySelector('#dataset-name')?.textContent === t,
      about.title,
      { timeout: 3 * STEP_TIMEOUT_MS, polling: 50 },
    );
    const reopenMs = await page.evaluate(() => performance.now());
    await new Promise((resolve) => setTimeout(resolve, 200));
    const reopenTasks = await page.evaluate(() => window.__bench.longestSince(0));
    // The app's own user-timing measures split the reopening: reading the kept text out of
    // IndexedDB and parsing and checking it (both in slices, spread over tasks).
    const measured = await page.evaluate(() => Object.fromEntries(['dataset-read', 'dataset-open']
      .map((n) => [n, performance.getEntriesByName(n, 'measure').at(-1)?.duration ?? null])));
    const r = {
      ...about,
      loadFrameMs: load.frameMs,
      storedMs,
      storeLongestTaskMs: storeTasks.longestTaskMs,
      reopenMs,
      reopenLongestTaskMs: reopenTasks.longestTaskMs,
      reopenLongTasks: reopenTasks.longTasks,
      reopenReadMs: measured['dataset-read'],
      reopenOpenMs: measured['dataset-open'],
      errors: pageErrors(page),
    };
    log(`store and reopen ${int(n)} figures (${bytes(about.bytes)}): shown ${ms(load.frameMs)} after choosing the file, kept in IndexedDB ${ms(storedMs)} after; reload → shown ${ms(reopenMs)} (read from IndexedDB ${ms(r.reopenReadMs)}, parsed and checked ${ms(r.reopenOpenMs)}), longest task ${ms(r.reopenLongestTaskMs)} (${r.reopenLongTasks} over 50 ms)`);
    return r;
  } catch (err) {
    problems.push(`storing and reopening 100 MB could not be measured: ${err.message.split('\n')[0]}`);
    return { ...about, error: err.message.split('\n')[0] };
  } finally {
    await within(page.context().close(), 60_000, 'closing the page').catch(() => {});
  }
}

/** `--store-only`: measures storing and reopening 100 MB alone; writes target/bench-store.json. */
async function storeOnly() {
  await mkdir(WORK, { recursive: true });
  const base = JSON.parse(await readFile(path.join(ROOT, SHIPPED), 'utf8'));
  const server = await startBenchServer(DIST);
  const browser = await launch();
  try {
    const r = await storeAndReopen(browser, server.url, base);
    const out = path.join(ROOT, 'target', 'bench-store.json');
    await writeFile(out, `${JSON.stringify({ date: new Date().toISOString(), chromium: browser.version(), cpus: os.cpus().length, storeAndReopen: r }, null, 2)}\n`);
    log(`wrote ${path.relative(ROOT, out)}`);
  } finally {
    await browser.close();
    await server.close();
  }
  if (problems.length) {
    console.error(`bench: could not measure:\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
  }
}

// ---- profile ----

async function profile(browser, url, largest) {
  const cases = [];
  const save = (name) => path.join(WORK, `trace-${name}.json`);
  {
    const page = await openPage(browser, url);
    await page.addInitScript(benchInit, { mode: 'app' });
    let firstRender = null;
    const summary = await traced(
      browser,
      page,
      async () => {
        await page.goto(url, { waitUntil: 'commit' });
        await waitReady(page);
        firstRender = await page.evaluate(() => window.__bench.firstRender);
      },
      { save: save('shipped-cold-load') },
    );
    cases.push({ name: `shipped data, cold load to first complete render (${ms(firstRender)} in this traced run)`, ...summary });
    await page.context().close();
  }
  if (largest) {
    const page = await openPage(browser, url);
    await page.addInitScript(benchInit, { mode: 'app' });
    await page.goto(url, { waitUntil: 'commit' });
    await waitReady(page);
    if (await openLoader(page)) {
      let load;
      const summary = await traced(browser, page, async () => {
        load = await loadFile(page, largest.file, largest.title);
      }, { save: save(`load-${largest.figures}`) });
      cases.push({ name: `${largest.figures} figures, file chosen → overview drawn (${ms(load?.frameMs)} in this traced run)`, ...summary });
      if (load?.outcome === 'loaded') {
        await page.click('#data-toggle').catch(() => {});
        // Every interaction of the plan: two unmeasured, then three in one trace.
        for (const [view, kinds] of PLAN) {
          await page.evaluate(([v, t]) => window.__bench.showView(v, t), [view, STEP_TIMEOUT_MS]);
          for (const kind of kinds) {
            try {
              for (let i = 0; i < 2; i++) await page.evaluate(([k, n, t]) => window.__bench.interact(k, n, t), [kind, i, STEP_TIMEOUT_MS]);
              const frames = [];
              const summary = await traced(browser, page, async () => {
                for (let i = 2; i < 5; i++) frames.push((await page.evaluate(([k, n, t]) => window.__bench.interact(k, n, t), [kind, i, STEP_TIMEOUT_MS])).frameMs);
              }, { save: save(`${kind}-${largest.figures}`) });
              const label = INTERACTIONS.find(([k]) => k === kind)?.[1] ?? kind;
              cases.push({ name: `${largest.figures} figures, ${label} ×3 (${frames.map((f) => ms(f)).join(', ')} in this traced run; the trace also holds the untimed steps between them)`, ...summary });
              await page.evaluate((t) => window.__bench.reset(t), STEP_TIMEOUT_MS);
            } catch (err) {
              cases.push({ name: `${largest.figures} figures, ${kind}: not traced (${err.message.split('\n')[0]})`, categories: [], topFunctions: [], topEvents: [] });
            }
          }
        }
      }
    }
    await page.context().close();
  }
  return { cases };
}

// ---- one run of the browser measurements ----

/** Cold loads, static loads, the shipped data's interactions and the generated datasets. */
async function measureRun(browser, server, { appUrl, staticUrl, bareUrl, base, datasets, first }) {
  const r = {};
  // Cold loads of the app and of the static lower bound, interleaved in blocks.
  const app = await coldLoads(browser, server, appUrl, CONFIG.coldLoads, { mode: 'app' }, 'cold load');
  const stat = await coldLoads(browser, server, staticUrl, CONFIG.staticLoads, { mode: 'static', rows: base.figures.length }, 'static load');
  // The app's own prerendered page with every script taken out: what the same HTML costs to
  // paint with no wasm at all (complete = cards there and every chart image loaded).
  const bare = await coldLoads(browser, server, bareUrl, CONFIG.staticLoads, { mode: 'page' }, 'page without script');
  const okBare = bare.filter((s) => !s.error);
  const ok = app.filter((s) => !s.error);
  const okStatic = stat.filter((s) => !s.error);
  if (!ok.length) problems.push(`the app never completed its first render: ${app[0]?.error}`);
  if (!okStatic.length) problems.push(`the static page never rendered: ${stat[0]?.error}`);
  const pick = (list, key) => stats(list.map((s) => s[key]));
  r.coldLoad = {
    firstRender: pick(ok, 'firstRender'),
    fcp: pick(ok, 'fcp'),
    interactive: pick(ok, 'interactive'),
    // How "interactive" was taken: the app's data-app="live", or the fallback.
    interactiveBy: liveContract ? 'data-app="live" on <html>' : 'first complete render after the wasm started (no data-app="live")',
    trunkStarted: pick(ok, 'trunkStarted'),
    wasmResponseEnd: pick(ok, 'wasmResponseEnd'),
    domContentLoaded: pick(ok, 'domContentLoaded'),
    loadEvent: pick(ok, 'loadEvent'),
    memory: {
      jsHeapUsed: stats(ok.map((s) => s.memory?.jsHeapUsed)),
      wasmMemory: stats(ok.map((s) => s.memory?.wasmMemory)),
      domNodes: stats(ok.map((s) => s.memory?.domNodes)),
    },
    samplesMs: ok.map((s) => Math.round(s.firstRender * 10) / 10),
    failures: app.filter((s) => s.error).map((s) => s.error),
    pageErrors: [...new Set(ok.flatMap((s) => s.errors))],
    resources: ok[0]?.resources,
  };
  r.static = {
    rows: base.figures.length,
    complete: pick(okStatic, 'firstRender'),
    fcp: pick(okStatic, 'fcp'),
    domContentLoaded: pick(okStatic, 'domContentLoaded'),
    samplesMs: okStatic.map((s) => Math.round(s.firstRender * 10) / 10),
    failures: stat.filter((s) => s.error).map((s) => s.error),
  };
  r.bare = {
    complete: pick(okBare, 'firstRender'),
    fcp: pick(okBare, 'fcp'),
    failures: bare.filter((s) => s.error).map((s) => s.error),
  };
  r.transfer = {
    browserBytes: stats(ok.map((s) => s.transferBytes)).median,
    encodedBytes: stats(ok.map((s) => s.encodedBytes)).median,
    serverBytes: stats(ok.map((s) => s.serverBytes)).median,
  };
  const div = (a, b) => (a && b ? a / b : null);
  r.ratio = {
    firstRenderOverStatic: div(r.coldLoad.firstRender.median, r.static.complete.median),
    firstRenderOverStaticFcp: div(r.coldLoad.firstRender.median, r.static.fcp.median),
    fcpOverStaticFcp: div(r.coldLoad.fcp.median, r.static.fcp.median),
    interactiveOverStatic: div(r.coldLoad.interactive.median, r.static.complete.median),
    firstRenderOverBare: div(r.coldLoad.firstRender.median, r.bare.complete.median),
    fcpOverBareFcp: div(r.coldLoad.fcp.median, r.bare.fcp.median),
  };

  // The shipped data in one page: reloads, memory, the table's size, interactions.
  {
    const page = await openPage(browser, appUrl);
    try {
      await page.addInitScript(benchInit, { mode: 'app' });
      const reloads = [];
      for (let i = 0; i < CONFIG.reloads; i++) {
        await page.goto(`${appUrl}?view=overview`, { waitUntil: 'commit' });
        await waitReady(page);
        reloads.push(await page.evaluate(() => window.__bench.firstRender));
      }
      const shipped = {
        figures: base.figures.length,
        derived: base.derived.length,
        relations: base.relations.length,
        bytes: Buffer.byteLength(await readFile(path.join(ROOT, SHIPPED))),
        shipped: true,
        reload: { firstRender: stats(reloads), samplesMs: reloads },
        // Memory after a cold load (fresh context), medians; after the reloads, as measured.
        memory: {
          jsHeapUsed: r.coldLoad.memory.jsHeapUsed.median,
          wasmMemory: r.coldLoad.memory.wasmMemory.median,
          domNodes: r.coldLoad.memory.domNodes.median,
        },
        memoryAfterReloads: await page.evaluate(() => window.__bench.memory()),
      };
      await page.evaluate((t) => window.__bench.showView('table', t), STEP_TIMEOUT_MS);
      shipped.tableDomNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
      await page.evaluate((t) => window.__bench.showView('overview', t), STEP_TIMEOUT_MS);
      r.interactions = await interactions(page, 'shipped');
      r.shipped = shipped;
      const missing = INTERACTIONS.filter(([k]) => !r.interactions[k]?.frame?.n).map(([k]) => k);
      if (missing.length) problems.push(`interactions not measured on the shipped data: ${missing.map((k) => `${k} (${r.interactions[k]?.error})`).join(', ')}`);
      r.interactionPageErrors = pageErrors(page);
    } catch (err) {
      problems.push(`the shipped data could not be measured in one page: ${err.message.split('\n')[0]}`);
    } finally {
      await page.context().close();
    }
  }

  // Generated datasets through the reader's file input.
  for (const d of datasets) {
    // The dataset at the size limit serves the views' long tasks, measured once: later runs
    // skip it (its interactions are no target).
    if (d.atLimit && !first) {
      d.firstRunOnly = true;
      continue;
    }
    const got = await measureDataset(browser, appUrl, d, { viewTasks: first });
    if (got.loader === false) {
      r.loader = false;
      log('loader not available: the app has no #data-file input; generated datasets are not measured');
      for (const x of datasets) x.skipped = 'loader not available';
      break;
    }
  }
  r.datasets = datasets.map(({ file, ...rest }) => ({ ...rest, file: path.relative(ROOT, file) }));

  return r;
}

// ---- main ----

async function main() {
  const t0 = Date.now();
  await mkdir(WORK, { recursive: true });
  const base = JSON.parse(await readFile(path.join(ROOT, SHIPPED), 'utf8'));
  const maxBytes = maxDatasetBytes();
  const results = {
    meta: {
      date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model?.trim(),
      memGiB: Math.round(os.totalmem() / 2 ** 30),
      loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
      node: process.versions.node,
      commit: `${git(['rev-parse', '--short', 'HEAD']) ?? '?'}${git(['status', '--porcelain', '--', 'src', 'index.html', 'static', 'Cargo.toml'])?.length ? ' + uncommitted changes' : ''}`,
      quick: QUICK,
      reps: CONFIG.reps,
      warmup: CONFIG.warmup,
      shippedFigures: base.figures.length,
      maxDatasetBytes: maxBytes,
      dist: path.relative(ROOT, DIST),
    },
  };
  results.size = await sizeReport();
  if (EXTRACT_JSON && existsSync(EXTRACT_JSON)) results.extract = JSON.parse(await readFile(EXTRACT_JSON, 'utf8'));

  // Inputs: generated datasets (plus the largest that fits under the limit) and the static page.
  const dataDir = path.join(WORK, 'data');
  await mkdir(dataDir, { recursive: true });
  const sizes = [...SIZES];
  if (maxBytes) {
    // The largest multiple of 100 figures whose JSON still fits under the limit.
    const size = (n) => Buffer.byteLength(JSON.stringify(generateDataset(base, n)));
    let n = Math.floor(maxBytes / (size(1000) / 1000) / 100) * 100;
    while (n > 100 && size(n) > maxBytes) n -= 100;
    if (!sizes.includes(n) && n > base.figures.length) sizes.push(n);
  }
  sizes.sort((a, b) => a - b);
  const datasets = [];
  for (const n of sizes) {
    const d = generateDataset(base, n);
    const json = JSON.stringify(d);
    const file = path.join(dataDir, `generated-${n}.json`);
    await writeFile(file, json);
    datasets.push({
      figures: n,
      derived: d.derived.length,
      relations: d.relations.length,
      bytes: Buffer.byteLength(json),
      file,
      title: d.case.title.en,
      atLimit: !SIZES.includes(n),
    });
    log(`generated ${n} figures: ${Buffer.byteLength(json)} bytes${maxBytes && Buffer.byteLength(json) > maxBytes ? ` (over the ${maxBytes}-byte limit)` : ''}`);
  }
  // The presentation at its bounds (issue 24): the most charts, panels, bars and cards.
  const limits = presentationLimits();
  let bounds = null;
  if (limits) {
    const d = datasetAtBounds(base, limits);
    const json = JSON.stringify(d);
    const file = path.join(dataDir, 'presentation-bounds.json');
    await writeFile(file, json);
    bounds = {
      file,
      about: {
        charts: limits.charts, panels: limits.panels, perPanel: limits.figures, headlines: limits.headlines,
        bars: limits.charts * limits.panels * limits.figures, bytes: Buffer.byteLength(json), title: d.case.title.en,
      },
    };
  } else {
    problems.push('the presentation bounds could not be read from src/model/limits.rs');
  }
  const css = (await readdir(DIST)).find((f) => f.endsWith('.css'));
  const staticHtml = staticTableHtml(base, { cssHref: css ? `/${css}` : undefined });
  // At the site's root, so the page's relative chart addresses resolve as on the real page.
  const bareHtml = withoutScripts(await readFile(path.join(DIST, 'index.html'), 'utf8'));
  const server = await startBenchServer(DIST, {
    extra: { '/__bench/static-table.html': { body: staticHtml }, '/__bench-no-script.html': { body: bareHtml } },
  });
  const appUrl = server.url;
  const staticUrl = new URL('/__bench/static-table.html', server.url).toString();
  const bareUrl = new URL('/__bench-no-script.html', server.url).toString();

  const runs = [];
  for (let run = 1; run <= RUNS; run++) {
    if (RUNS > 1) log(`run ${run} of ${RUNS}`);
    const browser = await launch();
    results.meta.chromium = `Chromium ${browser.version()}`;
    try {
      // The datasets are measured afresh in every run (measureDataset fills in its copy).
      const own = datasets.map((d) => ({ ...d }));
      runs.push(await measureRun(browser, server, { appUrl, staticUrl, bareUrl, base, datasets: own, first: run === 1 }));
      // The draft review screen with 5,000 highlights: longest task on drafting (open), on
      // selecting a highlight and on editing it. Once: it is not a target.
      if (run === 1) results.draftReview = await draftReview(browser, appUrl);
      if (run === 1 && bounds) results.presentationBounds = await presentationAtBounds(browser, appUrl, bounds.file, bounds.about);
      if (run === 1) results.storeAndReopen = await storeAndReopen(browser, appUrl, base);
    } finally {
      await browser.close();
    }
  }
  Object.assign(results, combineRuns(runs));
  results.meta.runs = runs.length;
  results.perRun = runs.map(runSummary);

  // Lighthouse, on its own (its Chromium is launched by Lighthouse itself).
  if (LIGHTHOUSE) {
    log(`Lighthouse, ${CONFIG.lighthouseRuns} run(s)...`);
    results.lighthouse = await lighthouse(appUrl, { runs: CONFIG.lighthouseRuns, outDir: WORK });
    log(results.lighthouse.error ? `Lighthouse could not run: ${results.lighthouse.error}` : `Lighthouse median: ${JSON.stringify(results.lighthouse.median)}`);
  } else results.lighthouse = { error: 'skipped (--no-lighthouse)' };
  await server.close();

  // Profile on a build that keeps the wasm function names.
  if (PROFILE_DIST && existsSync(path.join(PROFILE_DIST, 'index.html'))) {
    log('profiling (traces in target/bench/trace-*.json)...');
    const pserver = await startBenchServer(path.resolve(PROFILE_DIST));
    const pbrowser = await launch();
    try {
      const loaded = results.datasets.filter((d) => d.load?.outcome === 'loaded').sort((a, b) => b.figures - a.figures)[0];
      results.profile = await profile(pbrowser, pserver.url, loaded ? { ...loaded, file: path.join(ROOT, loaded.file) } : null);
    } catch (err) {
      results.profile = { skipped: `profiling failed: ${err.message.split('\n')[0]}` };
    } finally {
      await pbrowser.close();
      await pserver.close();
    }
  } else results.profile = { skipped: PROFILE_DIST ? `${PROFILE_DIST}/index.html not found` : 'no --profile-dist given (`cargo xtask bench` builds one unless --quick)' };

  results.meta.durationSec = (Date.now() - t0) / 1000;
  results.meta.loadAverageAtEnd = os.loadavg().map((x) => Math.round(x * 100) / 100);
  results.targets = evaluateTargets(results);
  results.problems = problems;

  await mkdir(path.dirname(OUT), { recursive: true });
  await writeFile(OUT, `${JSON.stringify(results, null, 2)}\n`);
  const section = markdown(results);
  const doc = existsSync(MARKDOWN) ? await readFile(MARKDOWN, 'utf8') : '# Benchmarks\n';
  await writeFile(MARKDOWN, spliceResults(doc, section));
  console.log(`\n${section}\n`);
  log(`wrote ${path.relative(ROOT, OUT)} and the results section of ${path.relative(ROOT, MARKDOWN)}`);
  const missed = results.targets.filter((t) => t.pass === false).length;
  const unmeasured = results.targets.filter((t) => t.pass === null).length;
  log(`targets: ${results.targets.filter((t) => t.pass).length} pass, ${missed} missed, ${unmeasured} not measured (missed targets are reported, not fatal)`);
  if (problems.length) {
    console.error(`bench: could not measure:\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
  }
}

/** `--report-only`: writes the Markdown again from target/bench.json, measuring nothing. */
async function reportOnly() {
  const results = JSON.parse(await readFile(OUT, 'utf8'));
  results.targets = evaluateTargets(results);
  const doc = existsSync(MARKDOWN) ? await readFile(MARKDOWN, 'utf8') : '# Benchmarks\n';
  await writeFile(MARKDOWN, spliceResults(doc, markdown(results)));
  log(`rewrote the results section of ${path.relative(ROOT, MARKDOWN)} from ${path.relative(ROOT, OUT)}`);
}

(flag('--report-only') ? reportOnly() : STORE_ONLY ? storeOnly() : main()).catch((err) => {
  console.error(`bench: ${err.stack ?? err}`);
  process.exitCode = 1;
});
