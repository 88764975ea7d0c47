// A published site of cases (`cargo xtask publish DIR --out OUT`): made here from the shipped case
// and two fictional ones, it lists every case at cases/ and gives each its own pages, which read
// without JavaScript and, with it, run the app on that case (its settings kept apart from the
// other cases'); a folder with a malformed file publishes nothing and names the file.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT, cspViolations, formatViolations, pageErrors, runAxe, screenshot, startHarness } from './harness.mjs';

const CASES = path.join(ROOT, 'target', 'site-e2e-cases');
const OUT = path.join(ROOT, 'target', 'site-e2e');
const MAIN_CASE = 'case-2.11-kezuohou';
/** The build usually takes a minute or two (dependencies compiled by the release build). */
const BUILD_TIMEOUT_MS = 20 * 60_000;
const FILES = ['data/kezuohou.json', 'tests/fixtures/fictional_marsh.json', 'tests/fixtures/kenya_dairy.json'];

/** `cargo xtask publish ARGS`: its exit code and output. */
function publish(args) {
  const env = {
    ...process.env,
    PATH: [path.join(os.homedir(), '.cargo', 'bin'), path.join(ROOT, 'tools', 'node_modules', '.bin'), process.env.PATH].join(path.delimiter),
  };
  return new Promise((resolve, reject) => {
    const child = spawn('cargo', ['xtask', 'publish', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    const keep = (d) => {
      log = (log + d).slice(-20000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, log }));
  });
}

async function exists(p) {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/** Each case of the folder: its id and title per language, read from its file. */
const cases = [];
let h;
before(async () => {
  await rm(CASES, { recursive: true, force: true });
  await mkdir(CASES, { recursive: true });
  for (const f of FILES) {
    await copyFile(path.join(ROOT, f), path.join(CASES, path.basename(f)));
    const json = JSON.parse(await readFile(path.join(ROOT, f), 'utf8'));
    cases.push({ id: json.case.id, title: json.presentation?.title ?? json.case.title, file: path.join(ROOT, f) });
  }
  const { code, log } = await publish([CASES, '--out', OUT, '--default', MAIN_CASE]);
  assert.equal(code, 0, `publish failed:\n${log}`);
  h = await startHarness({ dist: OUT });
}, { timeout: BUILD_TIMEOUT_MS });

after(async () => {
  await h?.close();
});

const other = () => cases.find((c) => c.id !== MAIN_CASE);

test('the index lists every case, with figures and checks, and links to each case in each language', { timeout: 180_000 }, async () => {
  for (const javaScriptEnabled of [false, true]) {
    for (const [lang, folder] of [['en', ''], ['zh', 'zh/']]) {
      for (const width of [1280, 360]) {
        for (const colorScheme of ['light', 'dark']) {
          const page = await h.newPage({ viewport: { width, height: 800 }, javaScriptEnabled, colorScheme });
          await page.goto(`${h.baseUrl}cases/${folder}`, { waitUntil: 'load' });
          const entries = await page.locator('li.case-entry').evaluateAll((els) =>
            els.map((el) => ({
              id: el.dataset.case,
              title: el.querySelector('h2').innerText,
              href: el.querySelector('h2 a').href,
              figures: el.querySelectorAll('.case-figures li').length,
              checks: el.querySelector('.case-checks').innerText,
            })),
          );
          assert.deepEqual(entries.map((e) => e.id).sort(), cases.map((c) => c.id).sort());
          for (const e of entries) {
            const c = cases.find((x) => x.id === e.id);
            assert.equal(e.title, c.title[lang] ?? c.title.en, `${lang}: ${e.id}'s title`);
            assert.equal(new URL(e.href).pathname, `/${e.id}/${folder}`);
            assert.ok(e.figures >= 1, `${e.id} shows headline figures`);
            assert.match(e.checks, /\d/);
          }
          assert.equal(await page.evaluate(() => document.documentElement.lang), lang === 'zh' ? 'zh-CN' : 'en');
          assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), `${lang} ${width}: no sideways scroll`);
          if (javaScriptEnabled) {
            const violations = await runAxe(page);
            assert.deepEqual(violations, [], formatViolations(violations));
          }
          await screenshot(page, `site-index-${lang}-${width}-${colorScheme}${javaScriptEnabled ? '' : '-nojs'}`);
          assert.deepEqual(pageErrors(page), []);
          await page.context().close();
        }
      }
    }
  }
});

test("a case's own page reads without JavaScript, in each language", { timeout: 120_000 }, async () => {
  const c = other();
  for (const [lang, folder] of [['en', ''], ['zh', 'zh/']]) {
    const page = await h.newPage({ javaScriptEnabled: false });
    await page.goto(`${h.baseUrl}${c.id}/${folder}`, { waitUntil: 'load' });
    assert.equal(await page.locator('h1').innerText(), c.title[lang] ?? c.title.en);
    assert.ok((await page.locator('.cards .card').count()) >= 1, 'headline cards');
    const images = await page.locator('img').evaluateAll((els) => els.map((i) => i.naturalWidth));
    assert.ok(images.every((w) => w > 0), 'every chart image loads');
    // Back to the index.
    await page.click('a.site-index-link');
    await page.waitForSelector('li.case-entry');
    assert.equal(new URL(page.url()).pathname, `/cases/${folder}`);
    // With scripting off, Chromium refuses to fetch the module the page preloads and reports it
    // as blocked: the setting at work, not a fault of the page.
    assert.deepEqual(pageErrors(page).filter((e) => !/^request failed: .*\.js \(csp\)$/.test(e)), []);
    await page.context().close();
  }
});

test("with JavaScript a case's page runs the app on that case, its settings apart from the others'", { timeout: 120_000 }, async () => {
  const c = other();
  const page = await h.newPage();
  await page.goto(`${h.baseUrl}${c.id}/`, { waitUntil: 'load' });
  await page.waitForFunction(() => document.documentElement.dataset.app === 'live');
  assert.equal(await page.locator('h1').innerText(), c.title.en);
  // Another view of the same case: the table lists this case's figures.
  await page.click('button[data-view="table"]');
  await page.waitForSelector('table.figure-table tbody tr[data-figure]');
  const ids = await page.locator('table.figure-table tbody tr[data-figure]').evaluateAll((rows) => rows.map((r) => r.dataset.figure));
  const json = JSON.parse(await readFile(c.file, 'utf8'));
  const expected = json.figures.map((f) => f.id);
  assert.ok(ids.some((id) => expected.includes(id)), `the table shows ${c.id}'s figures (${ids.slice(0, 3)})`);
  assert.equal(new URL(page.url()).pathname, `/${c.id}/`, 'the address stays on the case');
  // Its settings are its own: the site's main page still opens on its overview.
  await page.waitForFunction((id) => Object.keys(localStorage).some((k) => k.endsWith(`settings@${id}`)), c.id);
  await page.goto(h.baseUrl, { waitUntil: 'load' });
  await page.waitForFunction(() => document.documentElement.dataset.app === 'live');
  assert.equal(await page.locator('button[data-view="overview"]').getAttribute('aria-current'), 'page');
  const mainTitle = cases.find((x) => x.id === MAIN_CASE).title.en;
  assert.equal(await page.locator('h1').innerText(), mainTitle);
  // And coming back to the case restores its table view.
  await page.goto(`${h.baseUrl}${c.id}/`, { waitUntil: 'load' });
  await page.waitForSelector('table.figure-table tbody tr[data-figure]');
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(pageErrors(page), []);
  const violations = await runAxe(page);
  assert.deepEqual(violations, [], formatViolations(violations));
  await screenshot(page, `site-case-${c.id}`);
  await page.context().close();
});

test('a folder with a malformed file publishes nothing and names the file', { timeout: 300_000 }, async () => {
  const bad = path.join(ROOT, 'target', 'site-e2e-bad');
  const out = path.join(ROOT, 'target', 'site-e2e-bad-out');
  await rm(bad, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
  await mkdir(bad, { recursive: true });
  await copyFile(path.join(ROOT, FILES[1]), path.join(bad, 'good.json'));
  await writeFile(path.join(bad, 'broken.json'), '{"format": 3, "case": ');
  const { code, log } = await publish([bad, '--out', out]);
  assert.notEqual(code, 0);
  assert.match(log, /broken\.json: not a valid dataset/);
  assert.ok(!(await exists(out)), 'nothing written');
});
