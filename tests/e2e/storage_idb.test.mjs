// Storage that holds what the app accepts (issue 22, part 1): dataset texts live in IndexedDB,
// so a 15 MB dataset loaded through the data panel is still there after a reload (localStorage
// holds about 5 MB: earlier versions said it would not be kept, and lost it). Also: an earlier
// version's texts in localStorage move to IndexedDB with their ids and links; a full browser
// (its quota lowered through the DevTools protocol) names the dataset it could not keep and
// keeps the rest readable; "Remove stored data" empties IndexedDB too.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gotoApp, pageErrors, ROOT, runAxe, formatViolations, screenshot, startHarness } from './harness.mjs';
import { generateDataset } from '../bench/datasets.mjs';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

const TITLE = 'Kezuohou Banner: turning desert control into income for the poor';
const embedded = await readFile(path.join(ROOT, 'data', 'kezuohou.json'), 'utf8');
const base = JSON.parse(embedded);
// About 15 MB: 12,000 figures, the shipped ones and copies (as the benchmark makes them).
const FIGURES = 12_000;
const big = generateDataset(base, FIGURES);
big.case.title.en = 'Fifteen megabytes of figures';
const bigText = JSON.stringify(big);
const bigTitle = big.case.title.en;
const bigPath = path.join(ROOT, 'target', 'e2e-idb', 'fifteen-mb.json');
const digest = (text) => createHash('sha256').update(text).digest('hex');
const LONG = { timeout: 60_000 };
const TEST = { timeout: 240_000 };

const name = (page) => page.locator('#dataset-name').textContent();

async function openPanel(page) {
  if ((await page.locator('#data-panel').count()) === 0) await page.click('#data-toggle');
  await page.waitForSelector('#data-panel');
}

/** The ids of the dataset texts in IndexedDB (the app's database, its one object store). */
function idbKeys(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('kezuohou-explorer');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('datasets')) { db.close(); resolve([]); return; }
      const req = db.transaction('datasets').objectStore('datasets').getAllKeys();
      req.onsuccess = () => { db.close(); resolve(req.result); };
      req.onerror = () => reject(req.error);
    };
  }));
}

const textKeys = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('kezuohou-explorer.dataset')));

test('a 15 MB dataset loaded through the panel is kept in IndexedDB and shown again after a reload', TEST, async () => {
  assert.ok(bigText.length > 14_000_000, `${bigText.length} bytes`);
  await mkdir(path.dirname(bigPath), { recursive: true });
  await writeFile(bigPath, bigText);
  const id = digest(bigText);
  const page = await harness.newPage();
  await gotoApp(page, 'view=table');
  await openPanel(page);
  await page.setInputFiles('#data-file', bigPath);
  await page.waitForFunction((t) => document.querySelector('#dataset-name')?.textContent === t, bigTitle, LONG);
  // Kept: listed by its title once its text is stored (or a notice says it is not).
  await page.waitForSelector(`#dataset-list li[data-ds="local:${id}"], #storage-notice`, LONG);
  assert.equal(await page.locator('#storage-notice').count(), 0, await page.locator('#storage-notice').textContent().catch(() => ''));
  assert.equal(await page.locator(`#dataset-list li[data-ds="local:${id}"] .dataset-entry-title`).textContent(), bigTitle);
  assert.match(await page.locator('#data-kept').textContent(), /kept in this browser for your next visit/);
  assert.equal(await page.locator('#storage-notice').count(), 0, 'no notice that it will not be kept');
  const rows = await page.locator('#row-count').textContent();
  assert.ok(Number(rows.replace(/\D/g, '')) >= FIGURES, rows);
  // Its text and nothing else, in pieces of at most 8 MiB: the id, then `<id>/001`, `<id>/002`…
  const keys = await idbKeys(page);
  assert.ok(keys.length >= 2, `one piece for ${bigText.length} bytes`);
  assert.deepEqual(keys, keys.map((_, i) => (i === 0 ? id : `${id}/${String(i).padStart(3, '0')}`)));
  assert.deepEqual(await textKeys(page), [], 'no dataset text in localStorage');
  assert.match(page.url(), new RegExp(`ds=local%3A${id}`));

  // Reload: the address names it, IndexedDB has it, the view is the one the address names.
  // A heartbeat (a zero timeout, again and again) notes when the page could run other work.
  await page.addInitScript(() => {
    window.__beats = [];
    const beat = () => { window.__beats.push(performance.now()); setTimeout(beat, 0); };
    beat();
  });
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.app === 'live', undefined, LONG);
  assert.equal(await name(page), bigTitle);
  // Parsing and checking the kept text (the app's `dataset-open` measure) came in slices: the
  // heartbeat ran between them. Read in one task, it could not have run at all meanwhile.
  const opening = await page.evaluate(() => {
    const m = performance.getEntriesByName('dataset-open', 'measure').at(-1);
    const end = m.startTime + m.duration;
    return { ms: Math.round(m.duration), beats: window.__beats.filter((t) => t > m.startTime && t < end).length };
  });
  assert.ok(opening.beats >= 3, `the page ran nothing else for ${opening.ms} ms of opening (${opening.beats} beats)`);
  assert.equal(await page.locator('#row-count').textContent(), rows);
  assert.equal(await page.locator('#storage-notice').count(), 0);
  await openPanel(page);
  assert.doesNotMatch(await page.locator('#data-panel').textContent(), /not be kept|not kept/);
  assert.equal(await page.locator(`#dataset-list li[data-ds="local:${id}"] .dataset-entry-title`).textContent(), bigTitle);
  // What the browser said of persistent storage, in words.
  await page.waitForSelector('#data-persistent');
  const persistent = await page.locator('#data-persistent').getAttribute('data-persistent');
  assert.match(await page.locator('#data-persistent').textContent(), persistent === 'true' ? /has granted persistent storage/ : /may clear what is kept here/);
  await page.locator('#data-panel').screenshot({ path: path.join(ROOT, 'target', 'screenshots', 'idb-panel-after-reload-en.png') });
  const violations = await runAxe(page);
  assert.deepEqual(violations, [], formatViolations(violations));

  // A bare address: the stored settings name it; the Chinese page too.
  await page.goto(new URL('zh/', page.url()).href);
  await page.waitForFunction(() => document.documentElement.dataset.app === 'live', undefined, LONG);
  assert.equal(await name(page), big.case.title.zh);
  await openPanel(page);
  await page.waitForSelector('#data-persistent');
  await page.locator('#data-panel').screenshot({ path: path.join(ROOT, 'target', 'screenshots', 'idb-panel-after-reload-zh.png') });

  // Removing what is stored empties IndexedDB too.
  await page.click('#data-remove');
  await page.waitForFunction(() => Object.keys(localStorage).length === 0);
  await page.waitForFunction(async () => new Promise((resolve) => {
    const open = indexedDB.open('kezuohou-explorer');
    open.onsuccess = () => {
      const req = open.result.transaction('datasets').objectStore('datasets').count();
      req.onsuccess = () => { open.result.close(); resolve(req.result === 0); };
    };
  }));
  assert.deepEqual(pageErrors(page), []);
});

test("an earlier version's dataset texts in localStorage move to IndexedDB; their links still open them", TEST, async () => {
  const page = await harness.newPage();
  await gotoApp(page);
  const alpha = embedded.replace(TITLE, 'Alpha, kept by an earlier version');
  const beta = embedded.replace(TITLE, 'Beta, under a digest id');
  const old = '0123456789abcdef';
  await page.evaluate(([old, alpha, beta, betaId]) => {
    localStorage.setItem(`kezuohou-explorer.dataset.${old}`, `kezuohou-explorer/dataset/1\n${alpha}`);
    localStorage.setItem('kezuohou-explorer.datasets', `kezuohou-explorer/datasets/1\n${old}\t5\tAlpha, kept by an earlier version\t`);
    localStorage.setItem(`kezuohou-explorer.dataset.${betaId}`, `kezuohou-explorer/dataset/1\n${beta}`);
  }, [old, alpha, beta, digest(beta)]);
  // A link made by the earlier version, to the dataset under its 16-digit id.
  await gotoApp(page, `ds=local%3A${old}&view=table`);
  assert.equal(await name(page), 'Alpha, kept by an earlier version');
  await page.waitForFunction(() => !Object.keys(localStorage).some((k) => k.startsWith('kezuohou-explorer.dataset')));
  assert.deepEqual((await idbKeys(page)).sort(), [digest(alpha), digest(beta)].sort());
  // After the move, the same old link opens it from IndexedDB, and the other is listed.
  await gotoApp(page, `ds=local%3A${old}&view=table`);
  assert.equal(await name(page), 'Alpha, kept by an earlier version');
  await openPanel(page);
  const titles = await page.locator('#dataset-list li[data-ds^="local:"] .dataset-entry-title').allTextContents();
  assert.deepEqual(titles.sort(), ['Alpha, kept by an earlier version', 'Beta, under a digest id']);
  await gotoApp(page, `ds=local%3A${digest(beta)}`);
  assert.equal(await name(page), 'Beta, under a digest id');
  assert.deepEqual(pageErrors(page), []);
});

test('a full browser names the dataset it could not keep; what was kept stays readable', TEST, async () => {
  const page = await harness.newPage();
  await gotoApp(page);
  // The origin's quota lowered to 2 MB (before IndexedDB is first opened: Chromium reads it then).
  const cdp = await page.context().newCDPSession(page);
  const origin = new URL(page.url()).origin;
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 2 * 1024 * 1024 });
  await openPanel(page);
  const small = embedded.replace(TITLE, 'Small and kept');
  await page.locator('#data-text').evaluate((box, t) => {
    box.value = t;
    box.dispatchEvent(new InputEvent('input', { bubbles: true }));
  }, small);
  await page.click('#data-load');
  await page.waitForSelector(`#dataset-list li[data-ds="local:${digest(small)}"]`);
  await writeFile(bigPath, bigText);
  await page.setInputFiles('#data-file', bigPath);
  await page.waitForFunction((t) => document.querySelector('#dataset-name')?.textContent === t, bigTitle, LONG);
  await page.waitForFunction((t) => document.querySelector('#data-kept')?.textContent.includes(`“${t}” is not kept`), bigTitle, LONG);
  await page.waitForSelector('#storage-notice li[data-problem="full"]');
  await page.locator('#data-panel').screenshot({ path: path.join(ROOT, 'target', 'screenshots', 'idb-panel-full-en.png') });
  // A link to it says why it is missing; the small one opens.
  const link = page.url();
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await page.goto(link);
  await page.waitForSelector('#storage-notice li[data-problem="not_kept"]', LONG);
  assert.equal(await name(page), TITLE);
  await gotoApp(page, `ds=local%3A${digest(small)}`);
  assert.equal(await name(page), 'Small and kept');
  assert.deepEqual(await idbKeys(page), [digest(small)]);
  assert.deepEqual(pageErrors(page), []);
});
