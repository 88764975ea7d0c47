// The drafter runs in a web worker (src/drafting.rs), on the release build: a text of about 1 MB
// is drafted in the worker, not on the page, and the page answers the reader while the worker
// reads (a setting changed then takes effect before the draft arrives); the longest task on the
// page's thread is printed, not asserted (a timed assertion flakes on a busy machine: the figure
// goes to BENCHMARKS.md). All under the page's strict policy (no CSP violation, no error). A kept draft is read again by the
// worker after a reload. "Add as figure" re-reads a selection in the worker too (the page's wasm
// holds no drafter), busy meanwhile, and the addition replays after a reload (en, zh, with
// screenshots). When the worker's script cannot be loaded, the editor says that drafting needs
// it, and the rest of the explorer keeps working.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cspViolations, gotoApp, pageErrors, screenshot, startHarness } from './harness.mjs';
import { draftText } from '../bench/drafttext.mjs';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

/** Longest task the page's thread may run while a text is drafted in the worker. */

async function watchLongTasks(page) {
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask' });
  });
}

/** Puts `text` in the text box as a paste would (one change), returns the page's clock. */
async function paste(page, text) {
  return page.evaluate((t) => {
    const box = document.getElementById('draft-text');
    box.value = t;
    box.dispatchEvent(new Event('input', { bubbles: true }));
    return performance.now();
  }, text);
}

async function summary(page, timeout = 120_000) {
  await page.waitForFunction(
    () => /\d/.test(document.querySelector('#draft-summary')?.textContent ?? ''),
    null,
    { timeout },
  );
  return (await page.locator('#draft-summary').textContent()).trim();
}

test('a 1 MB text is drafted in the worker while the page keeps answering', async () => {
  const page = await harness.newPage();
  await gotoApp(page, '?view=draft');
  await page.waitForSelector('#draft-text');
  const text = draftText(18_000);
  assert.ok(text.length > 1_000_000 && text.length < 2 * 1024 * 1024, `${text.length} bytes`);

  await watchLongTasks(page);
  const from = await paste(page, text);
  await page.click('#draft-run');
  // While the worker reads, the page still answers: a change of theme takes effect before the
  // draft arrives. (If the worker were already done, nothing is learnt, and that is said.)
  const answered = await page.evaluate(() => new Promise((resolve) => {
    const reading = () => document.querySelector('#draft-reading') !== null;
    if (!reading()) return resolve('the draft came first');
    const seen = new MutationObserver(() => {
      if (document.documentElement.dataset.theme === 'dark') {
        seen.disconnect();
        resolve(reading() ? 'answered while the worker read' : 'answered only after the draft');
      }
    });
    seen.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const theme = document.querySelector('#ctl-theme');
    theme.value = 'dark';
    theme.dispatchEvent(new Event('change', { bubbles: true }));
  }));
  console.log(`a setting changed while drafting: ${answered}`);
  assert.notEqual(answered, 'answered only after the draft');
  assert.match(await summary(page), /^5000 figures found/);
  // Drafted by the worker: its answer was read on the page (a user-timing measure).
  assert.ok(
    await page.evaluate(() => performance.getEntriesByName('draft-reply-read').length > 0),
    'the worker answered',
  );
  const to = await page.evaluate(() => performance.now());
  // Long tasks are reported after they end: give the observer a moment.
  await page.waitForTimeout(200);
  const tasks = await page.evaluate(
    ([a, b]) => window.__longTasks.filter((e) => e.start + e.duration >= a && e.start <= b),
    [from, to],
  );
  const longest = Math.max(0, ...tasks.map((e) => e.duration));
  const reading = await page.evaluate(
    () => performance.getEntriesByName('draft-reply-read').map((e) => Math.round(e.duration)),
  );
  const replyAt = await page.evaluate(() => performance.getEntriesByName('draft-reply')[0]?.startTime ?? 0);
  const keeping = await page.evaluate(
    () => performance.getEntriesByName('draft-keep').map((e) => `${Math.round(e.duration)} ms at ${Math.round(e.startTime)}`),
  );
  console.log(`reading the worker's answer (5,000 figures) on the page: ${reading.join(', ')} ms; keeping the draft in the browser: ${keeping.join(', ')}; answer at ${Math.round(replyAt)}`);
  console.log(`tasks over 50 ms (start after the paste / after the answer arrived, duration): ${tasks
    .map((e) => `${Math.round(e.start - from)}/${Math.round(e.start - replyAt)}/${Math.round(e.duration)}`)
    .join('; ')}`);
  console.log(
    `drafting ${text.length} bytes in the worker: ${Math.round(to - from)} ms; longest task on the page ` +
    `${Math.round(longest)} ms; tasks over 50 ms: ${tasks.map((e) => Math.round(e.duration)).join(', ') || 'none'}`,
  );
  assert.equal(await page.locator('#draft-no-worker').count(), 0, 'drafted in the worker');
  assert.equal(await page.locator('#draft-reading').count(), 0, 'the status is gone');
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(pageErrors(page), []);
});

test('a kept draft is read again by the worker after a reload', async () => {
  const page = await harness.newPage();
  await gotoApp(page, '?view=draft');
  await page.waitForSelector('#draft-text');
  await paste(page, draftText(300));
  await page.click('#draft-run');
  assert.match(await summary(page), /^300 figures found/);
  await page.locator('mark.hl button').first().click();
  await page.locator('#draft-drop').click();
  await page.waitForFunction(() => /^299 /.test(document.querySelector('#draft-summary')?.textContent ?? ''));

  await page.reload();
  await page.waitForSelector('html[data-app=live]');
  assert.match(await summary(page, 30_000), /^299 figures found/);
  assert.equal(await page.locator('#draft-no-worker').count(), 0, 'restored through the worker');
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(pageErrors(page), []);
});

/** Selects `quote` in the editor's text pane, as a reader's drag would. */
async function selectInSource(page, quote) {
  await page.evaluate((q) => {
    const pane = document.getElementById('draft-source');
    const walker = document.createTreeWalker(pane, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.textContent.indexOf(q);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(n, at);
      range.setEnd(n, at + q.length);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      return;
    }
    throw new Error(`not in the text pane: ${q}`);
  }, quote);
}

for (const lang of ['en', 'zh']) {
  test(`"Add as figure" re-reads a selection in the worker, and it replays after a reload (${lang})`, async () => {
    const page = await harness.newPage();
    await gotoApp(page, `${lang === 'zh' ? 'zh/' : ''}?view=draft`);
    await page.waitForSelector('#draft-text');
    await paste(page, draftText(20));
    await page.click('#draft-run');
    await summary(page, 30_000);
    const n = await page.locator('mark.hl').count();
    const first = page.locator('mark.hl button').first();
    const quote = (await first.textContent()).trim();
    await first.click();
    await page.locator('#draft-drop').click();
    await page.waitForFunction((k) => document.querySelectorAll('mark.hl').length === k, n - 1);

    await selectInSource(page, quote);
    // Busy while the worker reads: the request is seen (the add buttons are disabled), then the
    // figure comes back selected.
    await page.evaluate(() => {
      window.__busy = false;
      new MutationObserver(() => {
        if (document.querySelector('#draft-adding') && document.querySelector('#draft-add')?.disabled) window.__busy = true;
      }).observe(document.getElementById('draft-review'), { subtree: true, childList: true, attributes: true });
    });
    await page.locator('#draft-add').click();
    await page.waitForFunction((k) => document.querySelectorAll('mark.hl').length === k, n);
    assert.equal((await page.locator('mark.hl.selected').textContent()).trim(), quote);
    assert.ok(await page.evaluate(() => window.__busy), 'the editor was busy while the worker read');
    assert.equal(await page.locator('#draft-adding').count(), 0, 'not busy any more');
    assert.equal(await page.locator('#draft-add-error').count(), 0);
    assert.ok(await page.locator('#draft-add').isEnabled());
    await page.locator('#draft-add').scrollIntoViewIfNeeded();
    await screenshot(page, `draft-add-selection-${lang}`);

    // After a reload the addition replays: the worker reads the kept selection with the text.
    await page.reload();
    await page.waitForSelector('html[data-app=live]');
    await summary(page, 30_000);
    await page.waitForFunction((k) => document.querySelectorAll('mark.hl').length === k, n);
    assert.match(await page.locator('#draft-edits').textContent(), /2/);
    assert.equal(await page.locator('#draft-no-worker').count(), 0);
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(pageErrors(page), []);
    await page.context().close();
  });
}

test('without its worker the editor says drafting needs it, and the rest works', async () => {
  const page = await harness.newPage();
  await page.route('**/draft-worker_loader.js', (route) => route.fulfill({ status: 404, body: '' }));
  await gotoApp(page, '?view=draft');
  await page.waitForSelector('#draft-text');
  await paste(page, draftText(20));
  await page.click('#draft-run');
  await page.waitForSelector('#draft-no-worker', { timeout: 30_000 });
  assert.match(await page.locator('#draft-no-worker').textContent(), /needs|background worker/);
  assert.equal(await page.locator('#draft-reading').count(), 0, 'not left reading');
  assert.equal(await page.locator('mark.hl').count(), 0, 'nothing drafted on the page');
  // Again: the note stays one note.
  await paste(page, draftText(25));
  await page.click('#draft-run');
  assert.equal(await page.locator('#draft-no-worker').count(), 1);
  await screenshot(page, 'draft-no-worker-en');
  // The rest of the explorer works: the table of the case's figures.
  await page.click('button[data-view=table]');
  await page.waitForSelector('table.figure-table');
  assert.ok(await page.locator('table.figure-table tbody tr').count() > 5);
  assert.deepEqual(await cspViolations(page), []);
  await page.context().close();
});
