// A reader's walk through the explorer in headless Chromium: language, units, table filters and
// sorting, selecting a figure from a chart by keyboard, a copied link, CSV export, a tampered
// link, accessibility (axe-core) of every view in both languages and themes, and screenshots.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { chartsDrawn, formatViolations, gotoApp, pageErrors, runAxe, screenshot, startHarness } from './harness.mjs';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

const drawn = chartsDrawn;

// Charts off screen are redrawn a frame after a switch, not inside it: the switch paints what
// the reader sees first. They must still end up exactly as a page opened in that language.
test('charts off screen are redrawn after the switch, as a page opened in that language draws them', async () => {
  const pixels = (page) => page.evaluate(() => [...document.querySelectorAll('canvas.chart')].map((c) => c.toDataURL()));
  const allDrawn = chartsDrawn;
  const fresh = await harness.newPage({ viewport: { width: 1280, height: 800 } });
  await gotoApp(fresh, 'lang=zh');
  await allDrawn(fresh);
  const want = await pixels(fresh);
  await fresh.close();

  const page = await harness.newPage({ viewport: { width: 1280, height: 800 } });
  await gotoApp(page);
  await allDrawn(page);
  const before = await pixels(page);
  // Read right after the switch's update, when <html lang> changes (the observer runs at the end
  // of that task): charts below the fold are still waiting.
  const right = await page.evaluate(
    () =>
      new Promise((resolve) => {
        new MutationObserver((_, obs) => {
          if (document.documentElement.lang !== 'zh-CN') return;
          obs.disconnect();
          resolve([...document.querySelectorAll('canvas.chart')].map((c) => [Math.round(c.getBoundingClientRect().top), c.dataset.drawn]));
        }).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
        const sel = document.querySelector('#ctl-lang');
        sel.value = 'zh';
        sel.dispatchEvent(new Event('change', { bubbles: true }));
      }),
  );
  assert.ok(right.length >= 5, `charts: ${JSON.stringify(right)}`);
  for (const [top, drawnState] of right) {
    if (top > 800 + 200) assert.equal(drawnState, 'pending', `a chart at ${top} px waits for the next frame`);
  }
  await allDrawn(page);
  const after = await pixels(page);
  assert.notDeepEqual(after, before, 'the charts changed language');
  assert.deepEqual(after, want, 'each chart is drawn as on a page opened in Chinese');
  assert.deepEqual(pageErrors(page), []);
  await page.close();
});

test('language and unit switches change what is shown, without reload', async () => {
  const page = await harness.newPage();
  await gotoApp(page);
  await drawn(page);
  const card = page.locator('button[data-figure="desert_treated_area"] .card-value');
  assert.equal((await card.textContent()).trim(), '273,333 ha');

  await page.selectOption('#ctl-area', 'mu');
  await page.waitForFunction(() => document.querySelector('button[data-figure="desert_treated_area"] .card-value')?.textContent.includes('mu'));
  // 273,333 ha × 15 mu/ha, kept to the six digits the source printed (4,099,995 → 4,100,000),
  // in the default compact style.
  assert.equal((await card.textContent()).trim(), '4.1\u00a0million mu');

  await page.selectOption('#ctl-lang', 'zh');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.equal(await page.locator('h1').textContent(), '科左后旗的治沙与增收');
  assert.match(await card.textContent(), /亩/);

  await page.selectOption('#ctl-currency', 'USD');
  const income = page.locator('button[data-figure="income_gain_all"] .card-value');
  await page.waitForFunction(() => document.querySelector('button[data-figure="income_gain_all"] .card-value')?.textContent.includes('美元'));
  // 51.36 million yuan since 2014 at the mean 2014–2017 rate (6.441325) is 7,973,515 dollars,
  // kept to three significant digits because it is computed, in 万.
  assert.equal((await income.textContent()).trim(), '797万美元');
  assert.deepEqual(pageErrors(page), []);
});

test('the table filters, searches and sorts; the CSV holds what is shown', async () => {
  const page = await harness.newPage({ acceptDownloads: true });
  await gotoApp(page, 'view=table');
  await page.waitForSelector('table.figure-table tbody tr');
  const all = await page.locator('table.figure-table tbody tr').count();
  assert.ok(all >= 40, `every figure and derived metric is listed (${all})`);

  await page.selectOption('#flt-kind', 'context');
  await page.waitForFunction((n) => document.querySelectorAll('table.figure-table tbody tr').length < n, all);
  const kinds = await page.locator('table.figure-table tbody tr .badge').allTextContents();
  assert.ok(kinds.length > 0 && kinds.every((k) => k === 'context'), kinds.join(','));

  await page.click('button[data-sort="value"]');
  await page.click('button[data-sort="value"]');
  const firstId = await page.locator('table.figure-table tbody tr').first().getAttribute('data-figure');
  assert.equal(firstId, 'tongliao_area', 'largest context figure first when sorted by value, descending');
  assert.match(page.url(), /sort=value/);
  assert.match(page.url(), /dir=desc/);

  await page.selectOption('#flt-kind', '');
  await page.fill('#flt-search', '森林覆盖');
  await page.waitForFunction(() => document.querySelectorAll('table.figure-table tbody tr').length === 4);
  const ids = await page.locator('table.figure-table tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.figure));
  assert.deepEqual(ids.sort(), ['forest_cover_2002', 'forest_cover_gain', 'forest_cover_rate', 'forest_cover_rate_results']);

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  const csv = await readFile(await download.path(), 'utf8');
  const lines = csv.trim().split('\n');
  assert.match(lines[0], /^id,label,value_as_reported,scale,value,unit,qualifier,period/);
  assert.equal(lines.length, 1 + 3, 'header plus the three matching figures (derived metrics are not figures)');
  assert.ok(lines.some((l) => l.startsWith('forest_cover_rate,') && l.includes('more_than')), csv);
  assert.deepEqual(pageErrors(page), []);
});

test('a figure is selected from a chart by keyboard, and a copied link reopens the view', async () => {
  const page = await harness.newPage();
  await gotoApp(page, 'lang=zh&cur=usd');
  await drawn(page);
  const canvas = page.locator('#chart-subsidies canvas.chart');
  await canvas.focus();
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('ArrowDown');
  // After the three parts comes the stated total; wait for the re-render that shows its tooltip.
  await page.waitForFunction(() => document.querySelector('#tip-subsidies')?.textContent.includes('原文合计'));
  assert.match(await page.locator('#tip-subsidies').textContent(), /5045\.7万元|783万美元/);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#detail-title');
  assert.equal(await page.locator('#detail-title').textContent(), '发放生态补贴（原文合计）');
  assert.match(page.url(), /fig=subsidy_total/);
  assert.match(await page.locator('.detail').textContent(), /矛盾/);

  const fresh = await harness.newPage();
  await fresh.goto(page.url());
  await fresh.waitForSelector('#detail-title');
  assert.equal(await fresh.locator('#detail-title').textContent(), '发放生态补贴（原文合计）');
  assert.equal(await fresh.locator('#ctl-currency').inputValue(), 'USD');

  await page.goBack();
  await page.waitForFunction(() => !document.querySelector('#detail-title'));
  assert.deepEqual(pageErrors(page), []);
  assert.deepEqual(pageErrors(fresh), []);
});

test('the what-if scenario lives in the URL and survives a reload', async () => {
  const page = await harness.newPage();
  await gotoApp(page, 'view=whatif');
  const total = '#wi-who_protects-guard_payroll_over_subsidy_period';
  await page.waitForSelector(total);
  assert.equal((await page.locator(total).textContent()).trim(), '12.4\u00a0million yuan');
  await page.fill('#wi-who_protects-pay', '12000');
  // 310 × 12,000 × 4 = 14,880,000, derived: three significant digits.
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.includes('14.9\u00a0million'), total);
  assert.match(page.url(), /w\.who_protects\.pay=12000/);
  await page.reload();
  await page.waitForSelector(total);
  assert.equal((await page.locator(total).textContent()).trim(), '14.9\u00a0million yuan');
  await page.fill('#wi-who_protects-guards', 'abc');
  await page.waitForSelector('#wi-who_protects-guards-error');
  assert.match(await page.locator('#wi-who_protects-guards-error').textContent(), /not a number/);
  assert.deepEqual(pageErrors(page), []);
});

test('a chart downloads as a PNG (the publication sheet drawn at 2x)', async () => {
  const page = await harness.newPage({ acceptDownloads: true });
  await gotoApp(page);
  await drawn(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('#chart-land button[data-export="png"]'),
  ]);
  assert.equal(download.suggestedFilename(), 'chart-land.png');
  const png = await readFile(await download.path());
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.ok(png.length > 2_000, `a drawn chart, not an empty canvas (${png.length} bytes)`);
  assert.deepEqual(pageErrors(page), []);
});

test('the quality view shows the reference checks and tensions, with sources, ranges and verdicts', async () => {
  for (const [lang, expected] of [
    ['en', { group: 'Against published references', implausible: 'implausible', inside: 'within the reference range', tensions: 'Tensions worth seeing' }],
    ['zh', { group: '与公开数据对照', implausible: '不合常理', inside: '在参考范围内', tensions: '值得留意的比值' }],
  ]) {
    const page = await harness.newPage({ viewport: { width: 360, height: 900 } });
    await gotoApp(page, `view=quality&lang=${lang}`);
    // The groups after the first are folded to their title and count: open them.
    await page.click('#group-references > summary');
    await page.click('#group-tensions > summary');
    await page.waitForSelector('#group-references li.reference-card');
    const headings = (await page.locator('.quality-group > summary h3').allTextContents()).map((h) => h.replace(/\s*\(\d+\)$/, ''));
    assert.equal(headings[1], expected.group);
    assert.equal(headings[2], expected.tensions);
    const timber = (await page.locator("li[data-relation='timber_vs_national_inventory']").textContent());
    for (const part of ['Forest Resources in China', '2019', '94.83', '10–94.83', expected.implausible]) {
      assert.ok(timber.includes(part), `${lang} ${part}: ${timber}`);
    }
    const mongolia = await page.locator("li[data-relation='timber_vs_inner_mongolia_inventory']").textContent();
    assert.ok(mongolia.includes('11.2–54.1') && mongolia.includes('4398.89'), mongolia);
    const tourism = await page.locator("li[data-relation='tourism_spend_vs_national']").textContent();
    assert.ok(tourism.includes('2017年旅游业统计公报') && tourism.includes('603.3–1,024.56') && tourism.includes(expected.inside), tourism);
    const tension = await page.locator("li[data-relation='subsidies_parts_vs_income_gain']").textContent();
    assert.ok(tension.includes('9.82418×'), tension);
    // Nothing overflows the phone-width column.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    assert.equal(overflow, false);
    assert.deepEqual(pageErrors(page), []);
    await page.context().close();
  }
});

test('a tampered link opens with defaults and says what it ignored', async () => {
  const page = await harness.newPage();
  await gotoApp(page, 'view=nope&lang=xx&fig=%3Cscript%3E&area=mu');
  await page.waitForSelector('#url-notice');
  const notice = await page.locator('#url-notice').textContent();
  assert.match(notice, /view=nope/);
  assert.match(notice, /lang=xx/);
  assert.match(notice, /fig=<script>/);
  assert.equal(await page.locator('#ctl-area').inputValue(), 'mu', 'valid parts of the link still apply');
  assert.equal(await page.locator('script:not([type]), script[type="module"]').count() <= 2, true);
  assert.deepEqual(pageErrors(page), []);
});

for (const lang of ['en', 'zh']) {
  for (const theme of ['light', 'dark']) {
    test(`axe finds no violation in any view (${lang}, ${theme}); screenshots`, async () => {
      const views = [
        ['overview', ''],
        ['table', '&fig=forest_land_area'],
        ['trail', '&fig=income_gain_poor'],
        ['quality', ''],
        ['derived', ''],
        ['channels', '&channel=policy_transfers'],
        ['whatif', '&w.who_protects.guards=-3'],
        ['timeline', ''],
      ];
      for (const [view, extra] of views) {
        // Phone widths for the main views; every view at desktop width.
        const widths = ['overview', 'table', 'quality', 'whatif'].includes(view) ? [1280, 360] : [1280];
        for (const width of widths) {
          const page = await harness.newPage({ viewport: { width, height: 900 }, colorScheme: theme });
          await gotoApp(page, `view=${view}&lang=${lang}&theme=${theme}${extra}`);
          if (view === 'overview') await drawn(page);
          else await page.waitForSelector('main h2');
          await screenshot(page, `${view}-${lang}-${theme}-${width}`);
          if (width === 1280) {
            const violations = await runAxe(page);
            assert.equal(violations.length, 0, `${view} ${lang} ${theme}:\n${formatViolations(violations)}`);
          }
          assert.deepEqual(pageErrors(page), []);
          await page.context().close();
        }
      }
    });
  }
}

for (const [width, height, label] of [[1280, 900, 'desktop'], [360, 740, 'phone']]) {
  test(`the detail opens over the page and closing it returns the reader to where they were (${label})`, async () => {
    const page = await harness.newPage({ viewport: { width, height } });
    await gotoApp(page);
    await drawn(page);
    // A card well down the page: the reader has scrolled to it.
    const card = page.locator('.cards .card button').nth(3);
    await card.scrollIntoViewIfNeeded();
    const before = await page.evaluate(() => ({
      y: scrollY,
      charts: [...document.querySelectorAll('figure.chart-panel')].slice(0, 2).map((f) => Math.round(f.getBoundingClientRect().width)),
    }));
    const boxBefore = await card.boundingBox();
    const id = await card.getAttribute('data-figure');
    await card.click();
    await page.waitForSelector('#detail-title');
    const open = await page.evaluate(() => {
      const d = document.querySelector('.detail').getBoundingClientRect();
      return {
        y: scrollY,
        charts: [...document.querySelectorAll('figure.chart-panel')].slice(0, 2).map((f) => Math.round(f.getBoundingClientRect().width)),
        inView: d.top >= 0 && d.bottom <= innerHeight + 1 && d.left >= 0 && d.right <= innerWidth + 1,
        focus: document.activeElement?.id,
      };
    });
    assert.equal(open.y, before.y, 'the page did not move');
    assert.deepEqual(open.charts, before.charts, 'the charts kept their width (no squeeze to one column)');
    assert.ok(open.inView, 'the detail lies inside the viewport');
    assert.equal(open.focus, 'detail-title');
    assert.deepEqual(await card.boundingBox(), boxBefore, 'what was clicked stayed where it was');
    await screenshot(page, `detail-over-page-${label}`);
    await page.keyboard.press('Escape');
    await page.waitForSelector('.detail', { state: 'detached' });
    const closed = await page.evaluate(() => ({ y: scrollY, focus: document.activeElement?.dataset?.figure ?? null }));
    assert.equal(closed.y, before.y, 'closing leaves the reader where they were');
    assert.equal(closed.focus, id, 'the focus is back on what opened the detail');
    assert.deepEqual(pageErrors(page), []);
    await page.context().close();
  });
}
