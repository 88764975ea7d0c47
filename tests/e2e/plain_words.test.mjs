// Plain words (issue 21, part 7): what a new reader sees on every view, in English and Chinese, at
// 1280 and 360 px, light and dark, carries no developer words; the figure detail says "As
// printed" once; the data quality view states each slip once and folds the rest; the what-if asks
// in the currency the page shows; the timeline and the channels give each figure's value.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, formatViolations, gotoApp, pageErrors, runAxe, screenshot, startHarness } from './harness.mjs';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

const VIEWS = ['overview', 'table', 'quality', 'derived', 'channels', 'whatif', 'timeline', 'trail', 'draft'];

// Words of the code, not of a reader: field paths, counts in code style, notation, raw labels.
const FORBIDDEN = [
  'Declared by the dataset',
  'presentation.',
  'scenarios',
  'finding(s)',
  'mend ',
  '(10^',
  '10^-',
  'Left side',
  'Right side',
  '¶ ▲',
  'Printed as',
  'As in the dataset',
  'Point or bound',
  'undefined',
  'NaN',
  '按数据集',
  '左侧',
  '右侧',
];

// A gap between shares written as a percentage of percentages: "192.725 % (193%)".
const PERCENT_OF_PERCENT = /\d\s?%\s?[(（]\d[\d.,]*\s?%[)）]/;

const bodyText = (page) => page.evaluate(() => document.body.innerText);
const count = (text, word) => text.split(word).length - 1;

for (const lang of ['en', 'zh']) {
  for (const width of [1280, 360]) {
    for (const scheme of ['light', 'dark']) {
      test(`no developer words on any view (${lang}, ${width} px, ${scheme})`, { timeout: 240_000 }, async () => {
        const page = await harness.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
        for (const view of VIEWS) {
          await gotoApp(page, `lang=${lang}&view=${view}`);
          // Every fold of the view open, so that its words are read too.
          await page.evaluate(() => document.querySelectorAll('main details').forEach((d) => (d.open = true)));
          const text = await bodyText(page);
          for (const word of FORBIDDEN) assert.ok(!text.includes(word), `${view}: "${word}" on screen`);
          assert.doesNotMatch(text, PERCENT_OF_PERCENT, view);
          if (width === 360 || view === 'quality' || view === 'whatif') {
            await page.evaluate(() => document.querySelectorAll('main details').forEach((d) => (d.open = false)));
            await screenshot(page, `words-${lang}-${view}-${width}-${scheme}`);
          }
          const violations = await runAxe(page);
          assert.deepEqual(violations, [], `${view}:\n${formatViolations(violations)}`);
        }
        // The figure detail and the data panel.
        await gotoApp(page, `lang=${lang}&fig=forest_land_area`);
        await page.waitForSelector('#detail-title');
        let text = await bodyText(page);
        for (const word of FORBIDDEN) assert.ok(!text.includes(word), `detail: "${word}" on screen`);
        await screenshot(page, `words-${lang}-detail-${width}-${scheme}`);
        if (width === 1280) {
          // The detail leaves the tab bar usable: every tab clear of the panel, and a click on
          // the last tab reaches it.
          const clear = await page.evaluate(() => {
            const panel = document.querySelector('.detail').getBoundingClientRect();
            return [...document.querySelectorAll('.site-header .tab')].every((t) => {
              const r = t.getBoundingClientRect();
              return r.bottom <= panel.top || r.right <= panel.left;
            });
          });
          assert.ok(clear, 'a tab lies under the open detail');
          await page.locator('.site-header .tab').last().click({ trial: true, timeout: 5000 });
        }
        await page.click('.detail .close');
        if ((await page.locator('#data-panel').count()) === 0) await page.click('#data-toggle');
        await page.waitForSelector('#data-panel');
        text = await bodyText(page);
        for (const word of FORBIDDEN) assert.ok(!text.includes(word), `data panel: "${word}" on screen`);
        assert.deepEqual(pageErrors(page), []);
        await page.context().close();
      });
    }
  }
}

const AS_PRINTED = { en: 'As printed', zh: '原文写法' };

for (const lang of ['en', 'zh']) {
  test(`the figure detail says "as printed" once (${lang})`, { timeout: 120_000 }, async () => {
    const page = await harness.newPage({ viewport: { width: 1280, height: 900 } });
    for (const id of ['guard_salary', 'forest_land_area', 'subsidy_total']) {
      await gotoApp(page, `lang=${lang}&fig=${id}`);
      await page.waitForSelector('#detail-title');
      const detail = await page.locator('.detail').innerText();
      assert.equal(count(detail, AS_PRINTED[lang]), 1, `${id}: ${detail}`);
    }
    // The printed value is written with the language's digit groups.
    await gotoApp(page, `lang=${lang}&fig=guard_salary`);
    assert.match(await page.locator('.detail .as-printed').innerText(), /10,000/);
    await page.context().close();
  });

  test(`the data quality view states each slip once and folds the rest (${lang})`, { timeout: 120_000 }, async () => {
    const page = await harness.newPage({ viewport: { width: 1280, height: 900 } });
    await gotoApp(page, `lang=${lang}&view=quality`);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(height < 4000, `the view is ${height} px long`);
    const slips = await page.locator('#slips li').allInnerTexts();
    assert.ok(slips.length >= 3, `${slips}`);
    const text = await bodyText(page);
    for (const slip of slips) assert.equal(count(text, slip), 1, `stated more than once: ${slip}`);
    // One group open, the others folded, each with its count.
    const groups = await page.locator('details.quality-group').evaluateAll((ds) => ds.map((d) => [d.id, d.open, d.querySelector('summary').innerText]));
    assert.deepEqual(groups.map((g) => g[1]), [true, false, false, false]);
    for (const [, , summary] of groups) assert.match(summary, /\(\d+\)/);
    // A check in a folded group: its summary is a keyboard stop, and its anchor opens it.
    await page.focus('#group-holds > summary');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('#group-holds').evaluate((d) => d.open), true);
    await page.locator('#group-references > summary').focus();
    await page.evaluate(() => {
      location.hash = '#check-timber_vs_national_inventory';
    });
    await page.waitForFunction(() => document.querySelector('#group-references').open);
    // A check's slip links to its sentence at the top.
    const link = page.locator('#check-forest_within_forestry .slips a').first();
    const target = await link.getAttribute('href');
    assert.match(target, /^#slip-\d+$/);
    assert.equal(await page.locator(target).count(), 1);
    await page.context().close();
  });

  test(`timeline and channels give each figure's value with its unit (${lang})`, { timeout: 120_000 }, async () => {
    const page = await harness.newPage({ viewport: { width: 1280, height: 900 } });
    // A number, a scale word in the compact style ("51.36 million yuan", "5136万元"), its unit.
    const unit = lang === 'en'
      ? /\d[\d,.]*\s*(?:(?:thousand|million|billion)\s+)?(yuan|ha|%|people|visits|m³|years|pp)/
      : /\d[\d,.]*\s*(?:万|亿)?\s*(元|公顷|%|人|人次|立方米|年|个百分点)/;
    await gotoApp(page, `lang=${lang}&view=timeline`);
    const entries = await page.locator('.timeline li.entry, .undated li.entry').allInnerTexts();
    assert.ok(entries.length > 10, `${entries.length}`);
    for (const e of entries) assert.match(e, unit, e);
    assert.ok((await page.locator('.timeline meter.magnitude').count()) > 3, 'bars beside the values');
    await gotoApp(page, `lang=${lang}&view=channels`);
    await page.evaluate(() => document.querySelectorAll('.channel-node details').forEach((d) => (d.open = true)));
    const figures = await page.locator('.channel-node li.entry').allInnerTexts();
    assert.ok(figures.length > 10, `${figures.length}`);
    for (const f of figures) assert.match(f, unit, f);
    assert.ok((await page.locator('.channel-node meter.magnitude').count()) > 3);
    await screenshot(page, `words-${lang}-channels-open`);
    await page.context().close();
  });

  test(`the what-if asks in US dollars when the page shows US dollars (${lang})`, { timeout: 120_000 }, async () => {
    // The rate the page uses for an undated figure: the dataset's latest yuan per dollar.
    const data = JSON.parse(await readFile(path.join(ROOT, 'data', 'kezuohou.json'), 'utf8'));
    const rates = data.figures.filter((f) => f.unit === 'CNY/USD').sort((a, b) => a.period.year - b.period.year);
    const rate = rates.at(-1).value;
    const salary = data.figures.find((f) => f.id === 'guard_salary').value;
    const guards = data.figures.find((f) => f.id === 'forest_guards').value;

    const page = await harness.newPage({ viewport: { width: 1280, height: 900 } });
    // Full digits: the payroll's text is compared with the number computed here.
    await gotoApp(page, `lang=${lang}&view=whatif&cur=USD&num=full`);
    const pay = page.locator('#wi-who_protects-pay');
    // The reported pay, in dollars, at a readable precision.
    const shown = Number(await pay.inputValue());
    assert.ok(Math.abs(shown - salary / rate) < 0.01, `${shown} against ${salary / rate}`);
    assert.ok(!/\.\d{3,}/.test(await pay.inputValue()), await pay.inputValue());
    assert.match(await page.locator('#wi-who_protects-pay-unit').innerText(), lang === 'en' ? /US\$/ : /美元/);
    // 2,000 dollars a guard: the payroll is guards × 2,000 dollars, whatever the rate.
    await pay.fill('2000');
    const expected = (guards * 2000).toLocaleString('en-US');
    await page.waitForFunction(
      (t) => document.querySelector('#wi-who_protects-guard_payroll_per_year')?.textContent.includes(t),
      expected,
    );
    // The results drawn as bars, as reported and with the reader's values.
    assert.equal(await page.locator('section[data-scenario="who_protects"] .whatif-bars li').count(), 6);
    await screenshot(page, `words-${lang}-whatif-usd`);
    // The forest land read as mu: a readable number in the box.
    await page.click('button.reading[data-unit="mu"]');
    assert.equal(await page.locator('#wi-subsidy_per_hectare-forest_land').inputValue(), '226667');
    assert.deepEqual(pageErrors(page), []);
    await page.context().close();
  });
}
