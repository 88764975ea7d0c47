// "Draft from text" on the release build: a .txt file chosen in the picker is drafted, every
// figure highlighted and listed; a highlight opens its editor; relations are accepted one by one;
// "Open in the explorer" makes the reviewed draft the dataset in use, kept across a reload.
// axe on the review screen in both languages and themes, with screenshots to look at.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  ROOT, formatViolations, gotoApp, pageErrors, runAxe, screenshot, startHarness,
} from './harness.mjs';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

const text = (lang) => readFile(path.join(ROOT, 'tests', 'extract', `kezuohou_${lang}.txt`), 'utf8');

async function openDraft(page) {
  await page.click('button[data-view=draft]');
  await page.waitForSelector('#draft-text');
}

test('a text file is drafted, reviewed and opened in the explorer', async () => {
  const page = await harness.newPage();
  await gotoApp(page, 'view=table');
  await openDraft(page);
  await page.setInputFiles('#draft-file', {
    name: 'case.txt', mimeType: 'text/plain', buffer: Buffer.from(await text('en'), 'utf8'),
  });
  await page.waitForSelector('#draft-summary');
  assert.equal(
    (await page.locator('#draft-summary').textContent()).trim(),
    '31 figures found, 20 with something to check; 3 relations proposed.',
  );
  assert.equal(await page.locator('mark.hl').count(), 31);
  assert.match(await page.locator('#draft-text').inputValue(), /^Case Study 4\.07/);

  // Keyboard: a highlight is a button; Enter selects it and opens its editor.
  await page.locator('mark.hl button', { hasText: '50.457 million yuan' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('#draft-editor');
  assert.equal(await page.locator('#draft-value').inputValue(), '50.457');
  assert.equal(await page.locator('#draft-scale').inputValue(), 'million');
  assert.equal(await page.locator('#draft-period').inputValue(), '5');
  assert.equal(await page.locator('#draft-year').inputValue(), '2014');
  assert.equal(await page.locator('#draft-year-to').inputValue(), '2017');
  await page.locator('#draft-label-en').fill('Ecological subsidies, stated total');
  await page.locator('#draft-label-en').press('Tab');
  assert.match(await page.locator('#draft-figures tr.selected').textContent(), /stated total/);

  // Accept the sum only; open.
  const sum = page.locator('#draft-relations li', { hasText: 'add up' });
  await sum.locator('input').check();
  assert.equal(await page.locator('#draft-relations input:checked').count(), 1);
  await screenshot(page, 'draft-review-en-light-1280');
  await page.click('#draft-open');
  await page.waitForFunction(() => document.querySelector('#dataset-name')?.textContent.startsWith('Case Study 4.07'));
  // The explorer takes over from the editor, at its overview.
  await page.click('button[data-view=table]');
  await page.waitForSelector('table.figure-table');
  assert.equal(await page.locator('table.figure-table tbody tr[data-figure]').count(), 31);
  assert.ok(await page.locator('table.figure-table .status-contradicts').count() >= 1);

  // Kept like any loaded dataset.
  await page.reload({ waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelector('#dataset-name')?.textContent.startsWith('Case Study 4.07'));
  assert.deepEqual(pageErrors(page), []);
  await page.context().close();
});

for (const lang of ['en', 'zh']) {
  for (const theme of ['light', 'dark']) {
    test(`the review screen passes axe (${lang}, ${theme})`, async () => {
      const page = await harness.newPage();
      await gotoApp(page, `lang=${lang}&theme=${theme}`);
      await openDraft(page);
      await page.locator('#draft-text').fill(await text(lang));
      await page.click('#draft-run');
      await page.waitForSelector('#draft-figures');
      await page.locator('mark.hl.unsure button').first().click();
      await page.waitForSelector('#draft-editor');
      await page.locator('#draft-review').scrollIntoViewIfNeeded();
      await screenshot(page, `draft-review-${lang}-${theme}`);
      await page.locator('#draft-review').screenshot({ path: path.join(ROOT, 'target', 'screenshots', `draft-review-${lang}-${theme}-screen.png`) });
      const violations = await runAxe(page);
      assert.equal(violations.length, 0, `${lang} ${theme}:\n${formatViolations(violations)}`);
      assert.deepEqual(pageErrors(page), []);
      await page.context().close();
    });
  }
}

test('the review screen with 5,000 highlights opens in pages and a selection works', async () => {
  const { draftText } = await import('../bench/drafttext.mjs');
  const page = await harness.newPage();
  await gotoApp(page, 'view=table');
  await openDraft(page);
  await page.locator('#draft-text').fill(draftText(5000));
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask' });
  });
  await page.click('#draft-run');
  await page.waitForSelector('#draft-summary', { timeout: 60_000 });
  assert.match(await page.locator('#draft-summary').textContent(), /^5000 figures found/);
  // One page at a time: 100 figures (20 paragraphs of 5), in the text and the table.
  assert.equal(await page.locator('mark.hl').count(), 100);
  assert.equal(await page.locator('#draft-figures tbody tr').count(), 100);
  assert.equal((await page.locator('#draft-page').textContent()).trim(), 'Figures 1–100 of 5000');
  const opened = await page.evaluate(() => window.__longest);
  await page.evaluate(() => { window.__longest = 0; });
  await page.click('#draft-next');
  await page.waitForFunction(() => document.querySelector('#draft-page')?.textContent.trim() === 'Figures 101–200 of 5000');
  assert.equal(await page.locator('mark.hl').count(), 100);
  const hl = page.locator('mark.hl button', { hasText: '4,200 hectares' });
  await hl.click();
  await page.waitForSelector('#draft-editor');
  assert.equal(await hl.getAttribute('aria-pressed'), 'true');
  assert.match(await page.locator('#draft-value').inputValue(), /^4,?200$/);
  assert.match(await page.locator('#draft-figures tr.selected').textContent(), /4,200 hectares/);
  await page.locator('#draft-label-en').fill('Plot 101');
  await page.locator('#draft-label-en').press('Tab');
  assert.match(await page.locator('#draft-figures tr.selected').textContent(), /Plot 101/);
  await new Promise((r) => setTimeout(r, 200));
  const selecting = await page.evaluate(() => window.__longest);
  console.log(`5,000 highlights: longest task while drafting/opening ${Math.round(opened)} ms; paging, selecting and editing ${Math.round(selecting)} ms (0 = none over 50 ms)`);
  await screenshot(page, 'draft-review-5000');
  assert.deepEqual(pageErrors(page), []);
  await page.context().close();
});
