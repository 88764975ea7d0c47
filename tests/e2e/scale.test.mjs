// Views of a large dataset, end to end on the release build: the timeline, source trail and
// channels show their long lists a page at a time, keyboard and screen reader included, in both
// languages; screenshots of a paged view (EN, ZH, dark).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import { ROOT, SCREENSHOT_DIR, formatViolations, gotoApp, pageErrors, runAxe, startHarness } from './harness.mjs';
import { generateDataset } from '../bench/datasets.mjs';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

const FIGURES = 5_000;
const base = JSON.parse(await readFile(path.join(ROOT, 'data', 'kezuohou.json'), 'utf8'));
const big = generateDataset(base, FIGURES);

/** A screenshot of the viewport with `selector` in the middle (the whole page is very long). */
async function screenshotAt(page, selector, name) {
  await page.evaluate((sel) => document.querySelector(sel)?.scrollIntoView({ block: 'center' }), selector);
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}

async function loadBig(page) {
  await page.click('#data-toggle');
  await page.setInputFiles('#data-file', { name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(big)) });
  await page.waitForFunction((t) => document.querySelector('#dataset-name')?.textContent === t, big.case.title.en, { timeout: 60_000 });
  await page.click('#data-toggle');
}

test('long lists come a page at a time, by keyboard too, in both languages', async () => {
  const page = await harness.newPage({ viewport: { width: 1280, height: 900 } });
  await gotoApp(page, '');
  await loadBig(page);
  for (const view of ['timeline', 'trail', 'channels']) {
    await page.click(`button[data-view="${view}"]`);
    await page.waitForSelector('.pager .count', { state: 'attached' });
    const links = await page.locator('main button[data-figure]').count();
    assert.ok(links <= 400, `${view}: ${links} figure links in the DOM for ${FIGURES} figures`);
    const counts = await page.locator('.pager .count').allTextContents();
    assert.ok(counts.some((c) => /^Showing 50 of [\d,]+$/.test(c)), `${view}: ${counts.join(' | ')}`);
  }

  // Keyboard: Tab to "Show next", Enter; the count changes (a live region) and focus stays.
  await page.click('button[data-view="timeline"]');
  const pager = page.locator('#timeline-undated-count');
  const before = await pager.textContent();
  const total = Number(before.match(/of ([\d,]+)/)[1].replace(/,/g, ''));
  await page.focus('#timeline-undated-count + button');
  await page.keyboard.press('Enter');
  await page.waitForFunction((b) => document.querySelector('#timeline-undated-count').textContent !== b, before);
  assert.equal(await pager.textContent(), `Showing 100 of ${total.toLocaleString('en-US')}`);
  assert.equal(await pager.getAttribute('role'), 'status');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Show next 50');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.querySelector('#timeline-undated-count').textContent.startsWith('Showing 150'));

  const violations = await runAxe(page, { runOnly: ['wcag2a', 'wcag2aa'] });
  assert.deepEqual(violations, [], formatViolations(violations));
  await screenshotAt(page, '#timeline-undated-count', 'scale-timeline-en');

  await page.selectOption('#ctl-lang', 'zh');
  await page.waitForFunction(() => document.querySelector('#timeline-undated-count').textContent.startsWith('显示'));
  assert.match(await pager.textContent(), /^显示 [\d,]+ 项中的 150 项$/);
  assert.match(await page.locator('#timeline-undated-count + button').textContent(), /^再显示 50 项$/);
  await screenshotAt(page, '#timeline-undated-count', 'scale-timeline-zh');
  await page.selectOption('#ctl-theme', 'dark').catch(() => {});
  await page.click('button[data-view="trail"]');
  await page.waitForSelector('#trail-title');
  await screenshotAt(page, '#para-2-figures-count', 'scale-trail-zh-dark');
  assert.deepEqual(pageErrors(page), []);
  await page.context().close();
});
