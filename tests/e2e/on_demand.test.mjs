// Views loaded on demand (src/components/on_demand.rs), on the release build. The draft editor
// and the comparison of cases are wasm modules of their own, which the page imports the first
// time their view is shown: a reader who never opens them downloads none of it; the view fetches
// its module once, under the page's strict policy; the module follows the language switch; a
// click inside it is the module's alone (the two Yew apps mark their elements with ids that never
// meet); leaving the view and coming back mounts it again and fetches nothing more; when a
// module's wasm cannot be fetched the view says so, and trying again once it can brings it. The
// comparison's choice still goes through the page's address.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cspViolations, gotoApp, pageErrors, screenshot, startHarness } from './harness.mjs';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

const TEXT = `Reed Marsh Restoration in Lakeside County

By 2021 the cooperative had replanted 1,200 hectares of reed beds and 800 hectares of sedge meadow.`;

/** The files of the modules loaded on demand the page has requested so far. */
function moduleRequests(page, prefix = 'draft-editor') {
  const seen = [];
  page.on('request', (r) => {
    const file = new URL(r.url()).pathname.split('/').pop();
    if (file.startsWith(prefix)) seen.push(file);
  });
  return seen;
}

/**
 * The subtree ids Yew wrote on elements (`__yew_subtree_id`), inside the editor's host and
 * outside it: which app an event inside an element goes to.
 */
function subtreeIds(page, hostId = 'draft-host') {
  return page.evaluate((hostId) => {
    const host = document.getElementById(hostId);
    const inside = new Set();
    const outside = new Set();
    for (const el of document.querySelectorAll('*')) {
      const id = el.__yew_subtree_id;
      if (id === undefined) continue;
      (host?.contains(el) ? inside : outside).add(id);
    }
    return { inside: [...inside], outside: [...outside] };
  }, hostId);
}

test('a reader downloads no editor; the Draft tab fetches it once, and it is the editor\'s alone', async () => {
  const page = await harness.newPage({ viewport: { width: 1280, height: 900 } });
  const requested = moduleRequests(page);
  const compare = moduleRequests(page, 'compare-view');
  await gotoApp(page, '');
  // The reader reads, switches view and language: no editor file.
  await page.click('button[data-view=table]');
  await page.waitForSelector('table.figure-table');
  assert.deepEqual(requested, [], 'the editor is not fetched before the Draft tab');

  await page.click('button[data-view=draft]');
  await page.waitForSelector('#draft-review');
  assert.equal(await page.locator('#draft-loading').count(), 0, 'the loading note is gone');
  assert.deepEqual(requested.sort(), ['draft-editor.js', 'draft-editor_bg.wasm']);
  // The editor renders inside the reader's page, below its header and tabs.
  assert.equal(await page.locator('#draft-host #draft-review').count(), 1);
  assert.equal(await page.locator('[data-view=draft][aria-current=page]').count(), 1);

  // Two Yew apps: their marks never meet, so neither takes the other's events.
  const ids = await subtreeIds(page);
  assert.ok(ids.inside.length > 0 && ids.outside.length > 0, JSON.stringify(ids));
  assert.deepEqual(ids.inside.filter((id) => ids.outside.includes(id)), [], JSON.stringify(ids));

  // A click inside the editor works in the editor and changes nothing of the reader's.
  const url = page.url();
  await page.locator('#draft-text').fill(TEXT);
  await page.click('#draft-run');
  await page.waitForSelector('#draft-summary');
  await page.locator('mark.hl button', { hasText: '1,200 hectares' }).first().click();
  await page.waitForSelector('#draft-editor');
  assert.equal(page.url(), url, 'the reader\'s address did not move');
  assert.equal(await page.locator('[data-view=draft][aria-current=page]').count(), 1);

  // The reader's language switch reaches the editor.
  const run = async () => (await page.locator('#draft-run').textContent()).trim();
  assert.equal(await run(), 'Draft');
  await page.locator('#ctl-lang').selectOption('zh');
  await page.waitForFunction(() => document.querySelector('#draft-run')?.textContent.trim() === '起草');
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  await screenshot(page, 'draft-module-zh');
  await page.locator('#ctl-lang').selectOption('en');
  await page.waitForFunction(() => document.querySelector('#draft-run')?.textContent.trim() === 'Draft');

  // Away and back: the editor is mounted again with the kept draft, and nothing is fetched again.
  await page.click('button[data-view=table]');
  await page.waitForSelector('table.figure-table');
  assert.equal(await page.locator('#draft-host').count(), 0);
  await page.click('button[data-view=draft]');
  await page.waitForSelector('#draft-summary');
  assert.ok(await page.locator('mark.hl').count() >= 2, 'the kept draft is shown again');
  assert.equal(requested.length, 2, `fetched once: ${requested.join(', ')}`);
  assert.deepEqual(compare, [], 'the comparison is not fetched with the editor');
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(pageErrors(page), []);
  await page.context().close();
});

test('when the editor cannot be fetched the tab says why, and trying again brings it', async () => {
  const page = await harness.newPage();
  let block = true;
  await page.route('**/draft-editor_bg.wasm', (route) =>
    block ? route.fulfill({ status: 503, body: '' }) : route.continue());
  await gotoApp(page, 'lang=fr');
  await page.click('button[data-view=draft]');
  await page.waitForSelector('#draft-load-failed');
  const note = await page.locator('#draft-load-failed').textContent();
  assert.match(note, /L’éditeur d’ébauche n’a pas pu être chargé/);
  assert.equal(await page.locator('#draft-loading').count(), 0, 'not left loading');
  assert.equal(await page.locator('#draft-review').count(), 0);
  await screenshot(page, 'draft-module-failed-fr');
  // The rest of the explorer works meanwhile.
  await page.click('button[data-view=table]');
  await page.waitForSelector('table.figure-table');
  await page.click('button[data-view=draft]');
  await page.waitForSelector('#draft-load-failed');
  block = false;
  await page.click('#draft-load-retry');
  await page.waitForSelector('#draft-review');
  assert.equal(await page.locator('#draft-load-failed').count(), 0);
  assert.deepEqual(await cspViolations(page), []);
  await page.context().close();
});

test('the comparison is its own module: fetched on its view, its choice in the address, its clicks its own', async () => {
  const page = await harness.newPage({ viewport: { width: 1280, height: 900 } });
  const requested = moduleRequests(page, 'compare-view');
  const editor = moduleRequests(page);
  await gotoApp(page, '');
  await page.click('button[data-view=table]');
  await page.waitForSelector('table.figure-table');
  assert.deepEqual(requested, [], 'not fetched before its view');
  await page.click('button[data-view=compare]');
  await page.waitForSelector('#compare-host .compare-cases input');
  assert.deepEqual(requested.sort(), ['compare-view.js', 'compare-view_bg.wasm']);
  assert.deepEqual(editor, [], 'the editor is not fetched with the comparison');
  const ids = await subtreeIds(page, 'compare-host');
  assert.ok(ids.inside.length > 0 && ids.outside.length > 0, JSON.stringify(ids));
  assert.deepEqual(ids.inside.filter((id) => ids.outside.includes(id)), [], JSON.stringify(ids));
  // Ticking two cases and choosing a concept: the module's choice reaches the page's address,
  // and the table follows.
  const boxes = page.locator('#compare-host .compare-cases input[type=checkbox]');
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.waitForFunction(() => /cases=/.test(location.search));
  const concept = page.locator('#compare-host select').first();
  const options = await concept.locator('option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  assert.ok(options.length > 0, 'concepts offered');
  await concept.selectOption(options[0]);
  await page.waitForFunction((c) => new URLSearchParams(location.search).get('concept') === c, options[0]);
  // The language switch reaches the module.
  const heading = async () => (await page.locator('#compare-title').textContent()).trim();
  const en = await heading();
  await page.locator('#ctl-lang').selectOption('zh');
  await page.waitForFunction((t) => document.querySelector('#compare-title')?.textContent.trim() !== t, en);
  assert.match(await heading(), /[\u4e00-\u9fff]/);
  await screenshot(page, 'compare-module-zh');
  // Reloading the address brings the same choice back, read by the module again.
  const search = new URL(page.url()).search;
  await page.reload();
  await page.waitForSelector('#compare-host .compare-cases input');
  assert.equal(new URL(page.url()).search, search);
  assert.equal(await page.locator('#compare-host .compare-cases input:checked').count(), 2);
  // From one on-demand view straight to the other: the editor's module, not the comparison's
  // handed the editor's input.
  await page.click('button[data-view=draft]');
  await page.waitForSelector('#draft-host #draft-review');
  assert.equal(await page.locator('#compare-host').count(), 0);
  await page.click('button[data-view=compare]');
  await page.waitForSelector('#compare-host .compare-cases input');
  assert.equal(await page.locator('#draft-host').count(), 0);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(pageErrors(page), []);
  await page.context().close();
});

test('when the comparison cannot be fetched its view says why, and the rest works', async () => {
  const page = await harness.newPage();
  await page.route('**/compare-view_bg.wasm', (route) => route.fulfill({ status: 503, body: '' }));
  await gotoApp(page, 'view=compare&lang=zh');
  await page.waitForSelector('#compare-load-failed');
  assert.match(await page.locator('#compare-load-failed').textContent(), /无法加载案例对比/);
  await page.click('button[data-view=table]');
  await page.waitForSelector('table.figure-table');
  assert.deepEqual(await cspViolations(page), []);
  await page.context().close();
});
