// The release build loads in headless Chromium and shows the page's fixed landmarks:
// title, a data table, a drawn chart and the source footer, without any error.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { canvasStats, gotoApp, pageErrors, screenshot, startHarness } from './harness.mjs';

let harness;

before(async () => {
  harness = await startHarness();
});

after(async () => {
  await harness?.close();
});

test('the explorer loads with title, table, drawn chart and footer', { timeout: 120_000 }, async () => {
  const page = await harness.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await gotoApp(page);
    await page.waitForSelector('canvas.chart[data-drawn="true"]', { state: 'attached', timeout: 20_000 });
  } finally {
    await screenshot(page, 'foundation-desktop');
  }

  const title = await page.locator('h1').first().textContent();
  assert.match(title ?? '', /Kezuohou/, 'the <h1> names Kezuohou');

  const charts = (await canvasStats(page)).filter((c) => c.drawn === 'true');
  assert.ok(charts.length >= 1, 'at least one canvas.chart has data-drawn="true"');
  assert.ok(
    charts.some((c) => c.distinctColors > 1),
    `every drawn chart is blank: ${JSON.stringify(charts)}`,
  );

  // The figure table is its own view: reach it through the navigation, as a reader would.
  await page.click('button[data-view="table"]');
  await page.waitForSelector('table.figure-table tbody tr');
  const rows = await page.locator('table.figure-table tbody tr').count();
  assert.ok(rows >= 1, `table.figure-table has ${rows} body rows; expected at least one`);

  const footer = await page.locator('footer').first().textContent();
  assert.ok(footer?.includes('Case Study 2.11'), `footer text: ${JSON.stringify(footer)}`);

  assert.deepEqual(pageErrors(page), [], 'no console errors, page errors or failed requests');
});
