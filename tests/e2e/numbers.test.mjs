// Number styles on the page (issue 21), end to end on the release build, at 360 and 1280 px, in
// English and Chinese, light and dark:
// - the default style writes the language's scale words ("1.2 billion", "亿"), the full style on
//   demand every digit;
// - no number breaks across lines (each `.number` element has one line box), the page is no wider
//   than the viewport, and every column of every table can be scrolled into view inside its box;
// - a chart's tooltip stays inside the viewport, whichever bar the keyboard picks;
// - axe finds nothing. Screenshots: target/screenshots/numbers-*.png.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chartsDrawn, formatViolations, gotoApp, pageErrors, runAxe, screenshot, startHarness } from './harness.mjs';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

/**
 * `.number` elements laid out on more than one line (more than one box, or taller than one
 * line): their text, or an empty list.
 */
function wrappedNumbers(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.number')]
      .filter((e) => {
        const style = getComputedStyle(e);
        const line = style.lineHeight === 'normal' ? 1.2 * parseFloat(style.fontSize) : parseFloat(style.lineHeight);
        return e.getClientRects().length > 1 || e.getBoundingClientRect().height > 1.5 * line;
      })
      .map((e) => e.textContent),
  );
}

/** Whether the page scrolls sideways: its width against the viewport's. */
function pageWidth(page) {
  return page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
}

/**
 * Each table's columns, by their last row's cell, that cannot be brought inside the table's
 * scroll box and the viewport by scrolling the box: a list of descriptions, empty when all can.
 */
function unreachableColumns(page) {
  return page.evaluate(() => {
    const out = [];
    for (const box of document.querySelectorAll('.table-scroll')) {
      const rows = box.querySelectorAll('tbody tr');
      const last = rows[rows.length - 1];
      if (!last) continue;
      const cells = [...last.children];
      cells.forEach((cell, i) => {
        cell.scrollIntoView({ block: 'nearest', inline: 'nearest' });
        const b = box.getBoundingClientRect();
        const c = cell.getBoundingClientRect();
        const inBox = c.left >= b.left - 1 && c.right <= b.right + 1;
        const inView = b.left >= -1 && b.right <= window.innerWidth + 1;
        if (!inBox || !inView) {
          out.push(`${box.getAttribute('aria-label') ?? box.className} column ${i + 1}: cell ${Math.round(c.left)}–${Math.round(c.right)}, box ${Math.round(b.left)}–${Math.round(b.right)}, viewport ${window.innerWidth}`);
        }
      });
      box.scrollLeft = 0;
    }
    return out;
  });
}

/** Steps the keyboard through the first charts' bars; the tooltips that leave the viewport. */
async function tooltipsOutside(page) {
  const out = [];
  const keys = await page.locator('canvas.chart').evaluateAll((cs) => cs.slice(0, 3).map((c) => c.closest('[id^="chart-"]')?.id.slice('chart-'.length)));
  for (const key of keys) {
    const canvas = page.locator(`#chart-${key} canvas.chart`);
    await canvas.scrollIntoViewIfNeeded();
    await canvas.focus();
    let previous = '';
    for (let i = 0; i < 8; i += 1) {
      await page.keyboard.press('ArrowDown');
      await page.waitForFunction(
        ([k, p]) => {
          const tip = document.querySelector(`#tip-${k}`);
          return tip && !tip.hidden && tip.textContent !== p;
        },
        [key, previous],
      );
      // The tooltip is placed in the effect after the render that filled it.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const box = await page.evaluate((k) => {
        const r = document.querySelector(`#tip-${k}`).getBoundingClientRect();
        return { left: r.left, right: r.right, width: window.innerWidth, text: document.querySelector(`#tip-${k}`).textContent };
      }, key);
      if (box.left < -1 || box.right > box.width + 1) out.push(`${key}: ${Math.round(box.left)}–${Math.round(box.right)} of ${box.width}: ${box.text}`);
      if (box.text === previous) break;
      previous = box.text;
    }
    await page.keyboard.press('Escape');
  }
  return out;
}

const expected = {
  en: { compact: '1.2 billion', full: '1,200,000,000' },
  zh: { compact: '亿', full: '1,200,000,000' },
};

for (const lang of ['en', 'zh']) {
  for (const width of [360, 1280]) {
    for (const theme of ['light', 'dark']) {
      test(`numbers in ${lang} at ${width} px, ${theme}: scale words, no wrapped number, every column reachable, tooltips inside`, async () => {
        const page = await harness.newPage({ viewport: { width, height: 900 }, colorScheme: theme });
        await gotoApp(page, `lang=${lang}&theme=${theme}`);
        await chartsDrawn(page);
        const main = async () => (await page.locator('main').textContent()).replace(/[\u00a0\u202f]/g, ' ');
        assert.ok((await main()).includes(expected[lang].compact), `the default style writes "${expected[lang].compact}"`);
        assert.ok(!(await main()).includes(expected[lang].full), 'the default style does not write every digit of 1.2 billion');
        assert.deepEqual(await wrappedNumbers(page), [], 'numbers broken across lines (overview)');
        const w = await pageWidth(page);
        assert.ok(w.scroll <= w.inner, `the page is ${w.scroll} px wide in a ${w.inner} px viewport`);
        assert.deepEqual(await tooltipsOutside(page), [], 'tooltips outside the viewport');
        await screenshot(page, `numbers-${lang}-${width}-${theme}`);
        const violations = await runAxe(page);
        assert.deepEqual(violations, [], formatViolations(violations));

        for (const view of ['table', 'derived']) {
          await page.click(`button[data-view="${view}"]`);
          await page.waitForSelector('.table-scroll tbody tr');
          assert.deepEqual(await wrappedNumbers(page), [], `numbers broken across lines (${view})`);
          assert.deepEqual(await unreachableColumns(page), [], `columns out of reach (${view})`);
          const v = await pageWidth(page);
          assert.ok(v.scroll <= v.inner, `${view}: the page is ${v.scroll} px wide in a ${v.inner} px viewport`);
          if (width === 360) await screenshot(page, `numbers-${view}-${lang}-${width}-${theme}`);
          const found = await runAxe(page);
          assert.deepEqual(found, [], formatViolations(found));
        }

        // A figure's detail: the value in the chosen style, and every digit.
        await page.click('button[data-view="derived"]');
        await page.locator('.derived-table tbody tr th button').first().click();
        await page.waitForSelector('.detail .detail-value .number');
        assert.deepEqual(await wrappedNumbers(page), [], 'numbers broken across lines (detail)');

        // The full style on demand: every digit.
        await page.click('button[data-view="overview"]');
        if (!(await page.locator('#ctl-number').isVisible())) await page.click('#settings-toggle');
        await page.selectOption('#ctl-number', 'full');
        await page.waitForFunction((t) => document.querySelector('main').textContent.includes(t), expected[lang].full);
        assert.match(page.url(), /num=full/);
        assert.deepEqual(await wrappedNumbers(page), [], 'numbers broken across lines (full style)');
        const f = await pageWidth(page);
        assert.ok(f.scroll <= f.inner, `full style: the page is ${f.scroll} px wide in a ${f.inner} px viewport`);
        assert.deepEqual(pageErrors(page), []);
        await page.close();
      });
    }
  }
}

test('an address of the earlier 万 / 亿 style still opens, in the compact style', async () => {
  const page = await harness.newPage({ viewport: { width: 1280, height: 900 } });
  await gotoApp(page, 'lang=zh&num=wan');
  assert.equal(await page.locator('#ctl-number').inputValue(), 'compact');
  assert.ok((await page.locator('main').textContent()).includes('亿'));
  assert.deepEqual(pageErrors(page), []);
  await page.close();
});
