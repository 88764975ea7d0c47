// The reader's own data and the page's defences, end to end on the release build: the hardened
// page (Content-Security-Policy, Subresource Integrity, no inline script), a whole session that
// only ever talks to the page's own origin and keeps working offline after the first load,
// loading good and bad datasets by file picker, drop and paste, export and reload, storage that
// survives a reload or is damaged, hostile text that stays text, and axe on the data panel.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  chartsDrawn,
  DIST_DIR, ROOT, cspViolations, formatViolations, gotoApp, openTab, pageErrors, runAxe, screenshot, startHarness,
} from './harness.mjs';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

const TITLE = 'Kezuohou Banner: turning desert control into income for the poor';
const embedded = await readFile(path.join(ROOT, 'data', 'kezuohou.json'), 'utf8');
const modified = embedded
  .replace('"value": 1.4,', '"value": 2.8,')
  .replace(TITLE, 'A modified copy');
const corpus = (name) => readFile(path.join(ROOT, 'tests', 'corpus', name), 'utf8');
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const drawn = chartsDrawn;

async function openPanel(page) {
  if ((await page.locator('#data-panel').count()) === 0) await page.click('#data-toggle');
  await page.waitForSelector('#data-panel');
}

/** Paste: the text lands in the box in one input event, as a clipboard paste delivers it
 * (playwright's `fill` of a megabyte-long text can outlast its action timeout on a busy machine). */
async function paste(page, text) {
  await page.locator('#data-text').evaluate((box, t) => {
    box.value = t;
    box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, text);
  await page.click('#data-load');
}

/** Drop a file on the drop zone, the way a browser delivers one. */
async function dropFile(page, name, text) {
  await page.evaluate(([n, t]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], n, { type: 'application/json' }));
    const zone = document.querySelector('#data-drop');
    zone.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
    zone.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
  }, [name, text]);
}

const name = (page) => page.locator('#dataset-name').textContent();

/** A fresh page that has loaded the modified copy of the case and chosen mu. */
async function withModifiedCopyInMu() {
  const page = await harness.newPage();
  await gotoApp(page);
  await openPanel(page);
  await dropFile(page, 'modified.json', modified);
  await page.waitForFunction(() => document.querySelector('#dataset-name')?.textContent === 'A modified copy');
  // Kept: its titles record is written once its text is in IndexedDB.
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('kezuohou-explorer.about.')));
  await page.selectOption('#ctl-area', 'mu');
  return page;
}

test('the built page has a strict policy, integrity on every asset and no inline script', async () => {
  const html = await readFile(path.join(DIST_DIR, 'index.html'), 'utf8');
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
  assert.ok(csp, 'a CSP meta tag');
  assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<script'), 'the policy comes before any script');
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives['default-src'], ["'none'"]);
  assert.deepEqual(directives['script-src'], ["'self'", "'wasm-unsafe-eval'"]);
  // The drafting worker's script, from this origin only.
  assert.deepEqual(directives['worker-src'], ["'self'"]);
  assert.deepEqual(directives['style-src'], ["'self'"]);
  assert.deepEqual(directives['connect-src'], ["'self'"]);
  assert.deepEqual(directives['require-trusted-types-for'], ["'script'"]);
  assert.ok(!csp.includes('unsafe-inline') && !csp.includes("'unsafe-eval'") && !csp.includes('http'), csp);

  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.equal(scripts.length, 1, 'one script: the boot module');
  const [, attrs, body] = scripts[0];
  assert.equal(body.trim(), '', 'no inline script');
  const boot = attrs.match(/src="\/(boot-[0-9a-f]+\.js)"/)?.[1];
  assert.ok(boot, attrs);
  const bootText = await readFile(path.join(DIST_DIR, boot));
  assert.match(attrs, new RegExp(`integrity="${sri(bootText).replace(/[+/]/g, '\\$&')}"`));

  // Every stylesheet, module and preload carries an integrity that matches the file.
  const links = [...html.matchAll(/<link\b([^>]*)>/g)].map((m) => m[1]).filter((a) => /rel="(stylesheet|modulepreload|preload)"/.test(a));
  assert.ok(links.length >= 3, links.join('\n'));
  for (const a of links) {
    const href = a.match(/href="\/([^"]+)"/)[1];
    const want = sri(await readFile(path.join(DIST_DIR, href)));
    assert.ok(a.includes(`integrity="${want}"`), `${href}: ${a}`);
  }
  // The wasm is fetched with its integrity too, not only preloaded.
  const files = await readdir(DIST_DIR);
  const wasm = files.find((f) => f.endsWith('.wasm') && !f.startsWith('draft-worker'));
  assert.ok(bootText.toString().includes(`integrity: '${sri(await readFile(path.join(DIST_DIR, wasm)))}'`), bootText.toString());
  // So is the drafting worker's wasm, by its loader (the worker's scripts cannot carry one).
  const loader = (await readFile(path.join(DIST_DIR, 'draft-worker_loader.js'))).toString();
  const workerWasm = sri(await readFile(path.join(DIST_DIR, 'draft-worker_bg.wasm')));
  assert.ok(loader.includes(`integrity: '${workerWasm}'`), loader);
});

test('the policy is in force: injected inline script and HTML sinks are refused', async () => {
  const page = await harness.newPage();
  await gotoApp(page);
  const refused = await page.evaluate(() => {
    const out = {};
    const attempt = (name, f) => {
      try {
        f();
        out[name] = 'accepted';
      } catch (e) {
        out[name] = e.name;
      }
    };
    // Trusted Types: strings are refused by every HTML and script sink.
    attempt('insertAdjacentHTML', () => document.body.insertAdjacentHTML('beforeend', '<img src=x onerror="window.__pwned=1">'));
    attempt('innerHTML', () => { document.createElement('div').innerHTML = '<b>x</b>'; });
    attempt('script.src', () => { document.createElement('script').src = 'https://example.org/x.js'; });
    attempt('script.text', () => { document.createElement('script').textContent = 'window.__pwned=1'; });
    // An inline script put together without those sinks: the policy still refuses to run it.
    const s = document.createElement('script');
    s.appendChild(document.createTextNode('window.__inline = 1'));
    document.head.appendChild(s);
    return out;
  });
  assert.deepEqual(refused, {
    insertAdjacentHTML: 'TypeError', innerHTML: 'TypeError', 'script.src': 'TypeError', 'script.text': 'TypeError',
  });
  assert.equal(await page.evaluate(() => window.__inline), undefined, 'the inline script did not run');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.ok((await cspViolations(page)).length >= 1, 'the refusal was reported as a violation');
});

test('a whole session talks only to its own origin and works offline after the first load', async () => {
  const page = await harness.newPage({ acceptDownloads: true });
  const origin = new URL(harness.baseUrl).origin;
  const foreign = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['data:', 'blob:'].includes(u.protocol) && u.origin !== origin) foreign.push(r.url());
    if (u.protocol === 'blob:' && !r.url().startsWith(`blob:${origin}/`)) foreign.push(r.url());
  });
  await gotoApp(page);
  await drawn(page);
  await page.context().setOffline(true);

  // Every view, both languages, a theme and units.
  for (const view of ['table', 'quality', 'derived', 'channels', 'whatif', 'timeline', 'trail', 'overview']) {
    await page.click(`button[data-view="${view}"]`);
    await page.waitForSelector('main h2');
  }
  await page.selectOption('#ctl-lang', 'zh');
  await page.selectOption('#ctl-theme', 'dark');
  await page.selectOption('#ctl-area', 'km2');
  await page.selectOption('#ctl-lang', 'en');
  await page.click('button[data-figure="forest_land_area"]');
  await page.waitForSelector('#detail-title');

  // Load a dataset, export it, load the export: the same dataset and view.
  await openPanel(page);
  await paste(page, modified);
  await page.waitForFunction(() => document.querySelector('#dataset-name')?.textContent === 'A modified copy');
  const url = page.url();
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-dataset')]);
  assert.equal(download.suggestedFilename(), 'case-2.11-kezuohou.json');
  const exported = await readFile(await download.path(), 'utf8');
  assert.equal(exported, modified, 'the export is the dataset as it was loaded');
  await page.click('#data-embedded');
  await page.waitForFunction((t) => document.querySelector('#dataset-name')?.textContent === t, TITLE);
  await paste(page, exported);
  await page.waitForFunction(() => document.querySelector('#dataset-name')?.textContent === 'A modified copy');
  assert.equal(page.url(), url, 'the view is unchanged');
  assert.equal(await page.locator('#detail-title').textContent(), 'Forest land area');
  await page.click('button[data-view="overview"]');
  await drawn(page);
  assert.match(await page.locator('#chart-tourism').textContent(), /2\.8\u00a0million visits/);

  // CSV still downloads offline.
  await page.click('button[data-view="table"]');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  assert.match(await readFile(await csv.path(), 'utf8'), /^id,label/);

  assert.deepEqual(foreign, [], 'requests to other origins');
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(pageErrors(page), []);
});

test('a refused file leaves the dataset and the view as they were; every problem is shown', async () => {
  const page = await harness.newPage();
  await gotoApp(page, 'view=table&fig=subsidy_total&sort=value&dir=desc');
  await page.waitForSelector('#detail-title');
  const before = { url: page.url(), name: await name(page), detail: await page.locator('#detail-title').textContent() };
  await openPanel(page);

  // From the file picker: several problems at once.
  const bad = embedded
    .replace('"unit": "ha"', '"unit": "acre"')
    .replace('"value": 50.457,', '"value": "50.457",')
    .replace('"banner_area"]', '"county_area"]');
  await page.setInputFiles('#data-file', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
  await page.waitForSelector('#data-errors li');
  const items = await page.locator('#data-errors li.dataset-error').evaluateAll((lis) => lis.map((li) => ({
    code: li.dataset.code,
    path: li.querySelector('.error-path').textContent,
    expected: li.querySelector('.error-expected').textContent,
    found: li.querySelector('.error-found').textContent,
  })));
  assert.ok(items.length >= 1, JSON.stringify(items));
  for (const i of items) assert.ok(i.path && i.expected && i.found, JSON.stringify(i));
  assert.equal(await page.locator('#data-errors').getAttribute('role'), 'alert');
  assert.deepEqual({ url: page.url(), name: await name(page), detail: await page.locator('#detail-title').textContent() }, before);

  // Dropped: a syntax error, with line and column.
  await dropFile(page, 'syntax.json', await corpus('syntax_trailing_comma.json'));
  await page.waitForFunction(() => document.querySelector('#data-errors .error-position'));
  assert.equal(await page.locator('#data-errors .error-position').first().textContent(), 'line 2, column 23');
  assert.equal(await page.locator('#data-errors li').first().getAttribute('data-code'), 'syntax');

  // Not UTF-8.
  await page.setInputFiles('#data-file', { name: 'latin1.json', mimeType: 'application/json', buffer: await readFile(path.join(ROOT, 'tests', 'corpus', 'not_utf8.json')) });
  await page.waitForFunction(() => document.querySelector('#data-errors .error-found')?.textContent.includes('not UTF-8'));

  // Too large: refused before it is read, and the page stays responsive.
  // One byte over the model's limit (read from its source), written to a file: playwright does
  // not pass buffers that large.
  const limitSrc = await readFile(path.join(ROOT, 'src', 'model', 'validate.rs'), 'utf8');
  const limitExpr = limitSrc.match(/MAX_DATASET_BYTES: usize = ([0-9_ *]+);/)[1];
  const limit = limitExpr.split('*').map((x) => Number(x.trim().replaceAll('_', ''))).reduce((a, b) => a * b, 1);
  const bigPath = path.join(ROOT, 'target', 'big-dataset.json');
  await mkdir(path.dirname(bigPath), { recursive: true });
  await writeFile(bigPath, Buffer.alloc(limit + 1, 0x20));
  await page.setInputFiles('#data-file', bigPath);
  await page.waitForFunction(() => document.querySelector('#data-errors li')?.dataset.code === 'too_large');

  // Deeply nested, pasted.
  await paste(page, '['.repeat(500_000));
  await page.waitForFunction(() => document.querySelector('#data-errors li')?.dataset.code === 'syntax');

  // Thousands of problems: the first hundred listed, the rest counted.
  const many = JSON.parse(embedded);
  many.figures = Array.from({ length: 3000 }, (_, i) => ({ ...many.figures[0], id: `f${i}`, unit: 'acre' }));
  await paste(page, JSON.stringify(many));
  await page.waitForFunction(() => document.querySelectorAll('#data-errors li').length === 100);
  assert.match(await page.locator('#data-errors').textContent(), /\d+ more not listed/);

  // A shown problem (the screenshot below) and the view is still what it was.
  await paste(page, bad);
  await page.waitForSelector('#data-errors li');
  assert.deepEqual({ url: page.url(), name: await name(page), detail: await page.locator('#detail-title').textContent() }, before);
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('kezuohou-explorer.dataset'))), []);
  await page.locator('#data-panel').screenshot({ path: path.join(ROOT, 'target', 'screenshots', 'data-panel-errors.png') });
  assert.deepEqual(pageErrors(page), []);
});

test('the loaded dataset and the settings survive a reload; damaged storage starts clean', async () => {
  const page = await withModifiedCopyInMu();
  // A bare address: the stored settings apply.
  await gotoApp(page);
  assert.equal(await name(page), 'A modified copy');
  assert.equal(await page.locator('#ctl-area').inputValue(), 'mu');
  assert.match(page.url(), /area=mu/);
  const ds = new URL(page.url()).searchParams.get('ds');
  assert.match(ds, /^local:[0-9a-f]{64}$/, 'the address names the dataset shown');
  // The address wins when it has parameters, the dataset it names included.
  await gotoApp(page, `ds=${encodeURIComponent(ds)}&area=km2`);
  assert.equal(await page.locator('#ctl-area').inputValue(), 'km2');
  assert.equal(await name(page), 'A modified copy');
  // A link that names no dataset is one of the built-in case.
  await gotoApp(page, 'area=km2');
  assert.equal(await name(page), TITLE);

  // Damaged, old and unreadable records: a notice and the embedded case, never a blank page.
  for (const [record, problem] of [
    ['garbage', 'corrupt'],
    [`kezuohou-explorer/dataset/0\n${modified}`, 'old_format'],
    [`kezuohou-explorer/dataset/1\n${modified.slice(0, 3000)}`, 'invalid_dataset'],
  ]) {
    await page.evaluate((r) => localStorage.setItem('kezuohou-explorer.dataset', r), record);
    await gotoApp(page);
    await page.waitForSelector('#storage-notice');
    assert.equal(await page.locator('#storage-notice li').first().getAttribute('data-problem'), problem);
    assert.equal(await name(page), TITLE);
    await drawn(page);
  }

  // The remove control empties storage.
  await openPanel(page);
  await page.click('#data-remove');
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), []);
  await page.selectOption('#ctl-lang', 'zh');
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), [], 'nothing more is stored this visit');
  assert.deepEqual(pageErrors(page), []);
});

test('a visit to the Chinese page keeps the stored dataset and settings whole; the address decides the language', async () => {
  const page = await withModifiedCopyInMu();
  await page.selectOption('#ctl-theme', 'dark');
  const stored = () => page.evaluate(() => localStorage.getItem('kezuohou-explorer.settings'));
  const before = await stored();
  assert.match(before, /ds=local/);
  assert.doesNotMatch(before, /lang=/, 'the language is not a stored setting');

  // The Chinese page: the reader's dataset and settings, in Chinese; nothing stored is lost.
  await gotoApp(page, 'zh/');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  // The reader's copy, by its Chinese title (only the English one was changed), and its id.
  assert.equal(await name(page), '科左后旗：把治沙变成贫困农牧民的收入');
  assert.match(before, new RegExp(`ds=${encodeURIComponent(new URL(page.url()).searchParams.get('ds')).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  assert.equal(await page.locator('#ctl-area').inputValue(), 'mu');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.doesNotMatch(page.url(), /lang=/, 'on /zh/ Chinese is the default, not a parameter');
  assert.equal(await stored(), before);

  // Back on `/`: English, with the same dataset and settings.
  await gotoApp(page);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(await name(page), 'A modified copy');
  assert.equal(await page.locator('#ctl-area').inputValue(), 'mu');

  // `/zh/?lang=en` is English and stays so on reload: the address keeps saying it.
  await gotoApp(page, 'zh/?lang=en');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.match(page.url(), /lang=en/);
  await page.reload({ waitUntil: 'load' });
  await page.waitForFunction(() => document.documentElement.dataset.app === 'live');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.deepEqual(pageErrors(page), []);
});

test('hostile labels and links from a loaded dataset stay inert text', async () => {
  const page = await harness.newPage();
  await gotoApp(page, 'q=%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E');
  await openPanel(page);
  await paste(page, await corpus('valid/hostile.json'));
  await page.waitForFunction(() => document.querySelector('#dataset-name')?.textContent.startsWith('<img'));
  for (const lang of ['en', 'zh']) {
    await page.selectOption('#ctl-lang', lang);
    for (const view of ['overview', 'table', 'quality', 'derived', 'channels', 'whatif', 'timeline', 'trail']) {
      await page.click(`button[data-view="${view}"]`);
      await page.waitForSelector('main h2');
      const links = page.locator('button[data-figure]:visible');
      if (await links.count()) {
        await links.first().click();
        await page.waitForSelector('#detail-title');
      }
      const injected = await page.evaluate(() => [...document.querySelectorAll(
        'body script, img, svg, iframe, object, embed, body style, math, b, [src]:not(script), a[href^="javascript"], [onerror], [onload], [onmouseover], [ontoggle]',
      )].map((e) => e.outerHTML));
      assert.deepEqual(injected, [], `${view} ${lang}`);
      assert.equal(await page.evaluate(() => window.__pwned), undefined, `${view} ${lang}`);
      // The detail lies over the page's right side, tabs included: closed before the next.
      if (await page.locator('.detail').count()) {
        await page.keyboard.press('Escape');
        await page.waitForSelector('.detail', { state: 'detached' });
      }
    }
  }
  // The markup is there, as text.
  await page.selectOption('#ctl-lang', 'en');
  assert.match(await page.locator('#dataset-name').textContent(), /^<img src=x onerror="window.__pwned=1">/);
  assert.match(await page.locator('#data-current').textContent(), /^<img src=x onerror=/);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(pageErrors(page), []);
});

for (const lang of ['en', 'zh']) {
  for (const theme of ['light', 'dark']) {
    test(`axe finds no violation in the data panel with problems shown (${lang}, ${theme})`, async () => {
      for (const width of [1280, 360]) {
        const page = await harness.newPage({ viewport: { width, height: 900 }, colorScheme: theme });
        await gotoApp(page, `lang=${lang}&theme=${theme}`);
        await openPanel(page);
        await paste(page, await corpus('unknown_unit.json'));
        await page.waitForSelector('#data-errors li');
        await dropFile(page, 'syntax.json', await corpus('syntax_truncated.json'));
        await page.waitForSelector('#data-errors .error-position');
        // Keyboard: the file input, the textarea and the buttons are reachable with Tab.
        await page.focus('#data-toggle');
        const order = [];
        for (let i = 0; i < 30; i += 1) {
          await page.keyboard.press('Tab');
          order.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName));
        }
        for (const id of ['export-dataset', 'data-file', 'data-text', 'data-load', 'data-remove']) {
          assert.ok(order.includes(id), `${id} reachable by Tab: ${order.join(', ')}`);
        }
        await screenshot(page, `data-panel-${lang}-${theme}-${width}`);
        if (width === 1280) {
          const violations = await runAxe(page);
          assert.equal(violations.length, 0, `${lang} ${theme}:\n${formatViolations(violations)}`);
        }
        assert.deepEqual(pageErrors(page), []);
        await page.context().close();
      }
    });
  }
}

test('hostile labels and numbers: the CSV does not run formulas, numbers read compactly and wrap', async () => {
  const formula = '=HYPERLINK("http://example.invalid/?leak","click")';
  const longLabel = 'Horqin_Desert_area_under_comprehensive_treatment_'.repeat(3);
  const hostile = embedded
    .replace('"label": {"en": "Horqin Desert area under comprehensive treatment"', `"label": {"en": "${longLabel}"`)
    .replace('"value": 273333,', '"value": 123456789012345,')
    .replace('"label": {"en": "Ecological forest guards employed"', `"label": {"en": ${JSON.stringify(formula)}`)
    .replace('"value": 10000, "scale": "one", "unit": "CNY/{person}/a"', '"value": -0, "scale": "one", "unit": "CNY/{person}/a"')
    .replace('"value": 1.2, "scale": "billion"', '"value": 5e-324, "scale": "billion"')
    .replace(TITLE, 'Hostile numbers')
    .replace('科左后旗：把治沙变成贫困农牧民的收入', 'Hostile numbers');
  for (const [lang, theme] of [['en', 'light'], ['zh', 'dark']]) {
    const page = await harness.newPage({ viewport: { width: 360, height: 900 }, colorScheme: theme, acceptDownloads: true });
    await gotoApp(page, `lang=${lang}&theme=${theme}`);
    await openPanel(page);
    await paste(page, hostile);
    await page.waitForFunction(() => document.querySelector('#dataset-name')?.textContent === 'Hostile numbers');
    await page.click('#data-toggle');
    await page.waitForSelector('.card-value');
    // Nothing overflows its card: the long label wraps, the 15-digit number (in scale words,
    // every digit kept) stays on one line inside it.
    const overflowing = await page.locator('.card-value, .card-label, .card-value .number').evaluateAll((els) => els
      .filter((el) => el.scrollWidth > el.clientWidth + 1
        || el.getBoundingClientRect().right > el.closest('.card').getBoundingClientRect().right + 1
        || el.closest('.card').getBoundingClientRect().right > window.innerWidth)
      .map((el) => el.textContent));
    assert.deepEqual(overflowing, []);
    const cards = await page.locator('.card-value').allTextContents();
    const big = lang === 'en' ? '123.456789012345\u00a0trillion' : '123.456789012345万亿';
    assert.ok(cards.some((c) => c.startsWith(big)), cards.join(' | '));
    // The smallest float is a power of ten, not hundreds of zeros; −0 yuan is 0.
    const all = await page.locator('main').textContent();
    assert.ok(!/0\.0000000/.test(all), 'a long run of zeros');
    assert.ok(!/-0(?![.,\d])/.test(all), '-0 shown');
    await page.click('button[data-view="derived"]');
    await page.waitForSelector('td.num');
    const derived = await page.locator('main').textContent();
    assert.match(derived, /×10⁻³/, derived.slice(0, 400));
    assert.ok(!/-0(?![.,\d])/.test(derived), '-0 shown among derived metrics');
    const overflowingCells = await page.locator('td.num').evaluateAll((els) => els
      .filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent));
    assert.deepEqual(overflowingCells, []);
    await screenshot(page, `hostile-numbers-${lang}-${theme}`);
    // The CSV shows the formula as text; numbers stay numbers.
    await page.click('button[data-view="table"]');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    const text = await readFile(await csv.path(), 'utf8');
    const guards = text.split('\r\n').find((l) => l.startsWith('forest_guards,'));
    assert.ok(guards, text.slice(0, 300));
    if (lang === 'en') assert.ok(guards.startsWith(`forest_guards,"'=HYPERLINK(""http://example.invalid/?leak"",""click"")",310,`), guards);
    const salary = text.split('\r\n').find((l) => l.startsWith('guard_salary,'));
    assert.match(salary, /^guard_salary,[^,]*,0,one,0,/, salary);
    assert.deepEqual(pageErrors(page), []);
    await page.context().close();
  }
});

test('two tabs storing datasets at once lose no title, and each is told of the other', { timeout: 180_000 }, async () => {
  const a = await harness.newPage();
  const b = await openTab(a);
  await gotoApp(a);
  await gotoApp(b);
  await openPanel(a);
  await openPanel(b);
  // Eight datasets each: both tabs store one at the same moment, eight times over.
  const titled = (t) => embedded.replace(TITLE, t);
  const shows = (page, t) => page.waitForFunction((x) => document.querySelector('#dataset-name')?.textContent === x, t);
  for (let k = 0; k < 8; k++) {
    await Promise.all([
      dropFile(a, `a${k}.json`, titled(`Tab A dataset ${k}`)),
      dropFile(b, `b${k}.json`, titled(`Tab B dataset ${k}`)),
    ]);
    await Promise.all([shows(a, `Tab A dataset ${k}`), shows(b, `Tab B dataset ${k}`)]);
  }
  // Every one of the 16 is listed by its title in both tabs (B learns of A's through the
  // storage event, and the other way round), and each tab says the list changed elsewhere.
  for (const page of [a, b]) {
    await page.waitForFunction(() => document.querySelectorAll('#dataset-list li[data-ds^="local:"]').length === 16);
    const titles = await page.locator('#dataset-list li[data-ds^="local:"] .dataset-entry-title').allTextContents();
    assert.equal(titles.filter((t) => /^Tab [AB] dataset \d$/.test(t)).length, 16, titles.join(' | '));
  }
  // A tab that did nothing since is told the list changed under it.
  await dropFile(a, 'late.json', titled('Late from tab A'));
  await b.waitForSelector('#list-changed');
  await b.waitForFunction(() => [...document.querySelectorAll('#dataset-list .dataset-entry-title')].some((e) => e.textContent === 'Late from tab A'));
  // Ids are SHA-256 digests: 64 hex digits in each titles record's key (localStorage) and each
  // text's key (IndexedDB); no text in localStorage.
  const keys = await a.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('kezuohou-explorer.about.')));
  assert.equal(keys.length, 17);
  assert.ok(keys.every((k) => /^kezuohou-explorer\.about\.[0-9a-f]{64}$/.test(k)), keys.join(' '));
  assert.deepEqual(await a.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('kezuohou-explorer.dataset'))), []);
  const texts = await a.evaluate(() => new Promise((resolve) => {
    const open = indexedDB.open('kezuohou-explorer');
    open.onsuccess = () => {
      const req = open.result.transaction('datasets').objectStore('datasets').getAllKeys();
      req.onsuccess = () => { open.result.close(); resolve(req.result); };
    };
  }));
  assert.deepEqual([...texts].sort(), keys.map((k) => k.slice('kezuohou-explorer.about.'.length)).sort());
  assert.deepEqual(pageErrors(a), []);
  assert.deepEqual(pageErrors(b), []);
});

// A link to a dataset the browser could not keep (full): tests/e2e/storage_idb.test.mjs, with
// IndexedDB's quota lowered.
