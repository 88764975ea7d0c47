// The draft editor, its own view (`?view=draft`), on the release build: a text written for this
// test is pasted, a figure's label, the title and a chart are edited, a figure the drafter could
// not read is typed by hand, and "Open in the explorer" shows the edited case: its title, at most
// eight headline cards, no chart of one bar, the added figure in the table. English and Chinese
// pages, 1280 px and 360 px (no sideways scroll), light and dark, with screenshots to look at.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatViolations, gotoApp, pageErrors, runAxe, screenshot, startHarness,
} from './harness.mjs';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

// Invented for this test: no published text.
const TEXT = `Reed Marsh Restoration in Lakeside County

By 2021 the cooperative had replanted 1,200 hectares of reed beds and 800 hectares of sedge meadow around the lake.

It paid 3.5 million yuan in wages to 420 households, and a further 1.2 million yuan went to boat repairs.

The water level rose by a hand's width, and the count of nesting herons doubled.`;

const TITLE = 'Reeds back on the marsh';
const LABEL = 'Reed beds replanted';
const CHART = 'Areas replanted by 2021';
const ADDED = 'Nesting herons, change';

async function noSidewaysScroll(page, where) {
  const { scroll, inner } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
  }));
  assert.ok(scroll <= inner, `${where}: the page scrolls sideways (${scroll} > ${inner})`);
}

/** Selects the figure highlighted with `quote` and waits for its editor. */
async function pick(page, quote) {
  await page.locator('mark.hl button', { hasText: quote }).first().click();
  await page.waitForSelector('#draft-editor');
}

async function setField(page, selector, value) {
  await page.locator(selector).fill(value);
  await page.locator(selector).press('Tab');
}

for (const lang of ['en', 'zh']) {
  for (const width of [1280, 360]) {
    for (const theme of ['light', 'dark']) {
      const name = `draft-editor-${lang}-${width}-${theme}`;
      test(`a text becomes an edited case (${lang}, ${width} px, ${theme})`, async () => {
        const page = await harness.newPage({ viewport: { width, height: width > 400 ? 900 : 740 } });
        await gotoApp(page, `${lang === 'zh' ? 'zh/' : ''}?view=draft&theme=${theme}`);
        await page.waitForSelector('#draft-review');
        // The editor alone: no headline card or chart of the built-in case below it.
        assert.equal(await page.locator('.cards').count(), 0);
        assert.equal(await page.locator('figure.chart-panel').count(), 0);
        assert.equal(await page.locator('[data-view=draft][aria-current=page]').count(), 1);

        // 1. The text.
        await page.locator('#draft-text').fill(TEXT);
        await page.click('#draft-run');
        await page.waitForSelector('#draft-summary');
        assert.equal(await page.locator('section.draft-step').count(), 4);
        assert.ok(await page.locator('mark.hl').count() >= 4);

        // 2. A label in the interface's language; two areas into one chart; two headlines.
        await pick(page, '1,200 hectares');
        // The text is English: its Chinese label is marked until written.
        assert.equal(await page.locator('label.to-translate #draft-label-zh').count(), 1);
        assert.equal(await page.locator('label.to-translate #draft-label-en').count(), 0);
        await setField(page, `#draft-label-${lang}`, LABEL);
        assert.match(await page.locator('#draft-figures tr.selected').textContent(), new RegExp(LABEL));
        assert.equal(await page.locator('label.to-translate #draft-label-zh').count(), lang === 'zh' ? 0 : 1);
        await setField(page, '#draft-group', 'Areas');
        await page.locator('#draft-headline').check();
        await pick(page, '800 hectares');
        await setField(page, '#draft-group', 'Areas');
        await pick(page, '3.5 million yuan');
        await page.locator('#draft-headline').check();

        // Undo and redo one edit: the button, then Ctrl+Z / Ctrl+Shift+Z outside text fields.
        const edits = async () => (await page.locator('#draft-edits').textContent()).match(/\d+/)[0];
        const before = await edits();
        await page.click('#draft-undo');
        assert.equal(Number(await edits()), Number(before) - 1);
        await page.locator('#draft-undo').focus();
        await page.keyboard.press('Control+Shift+Z');
        assert.equal(await edits(), before);

        // A figure the drafter reads no number in: typed by hand.
        await page.locator('#draft-quote').fill('the count of nesting herons doubled');
        await page.click('#draft-add-quote');
        await page.waitForSelector('#draft-typed');
        await page.locator('#draft-typed-value').fill('100');
        await page.locator('#draft-typed-unit').selectOption('%');
        await page.locator('#draft-typed-label').fill(ADDED);
        await page.click('#draft-typed-add');
        await page.waitForSelector('#draft-typed', { state: 'detached' });
        assert.match(await page.locator('#draft-figures tr.selected').textContent(), new RegExp(ADDED));

        // 3. The story: title, the chart's title; headlines in order.
        await setField(page, `#draft-title-${lang}`, TITLE);
        // The reader's "Areas" chart, beside the charts the drafter proposed.
        const areas = await page.locator('.draft-chart-title').evaluateAll((els) => els.findIndex((e) => e.value === 'Areas'));
        assert.ok(areas >= 0, 'the chart the reader made is listed');
        await setField(page, `.draft-chart-title >> nth=${areas}`, CHART);
        // Its form: the two areas may be drawn as bars (proposed) or as dots; dots chosen.
        const kind = page.locator('#draft-charts > li').nth(areas).locator('select.draft-chart-kind');
        assert.deepEqual(await kind.locator('option').evaluateAll((os) => os.map((o) => o.value)), ['', 'bars', 'dots']);
        await kind.selectOption('dots');
        await page.waitForFunction((n) => document.querySelectorAll('#draft-charts > li')[n]?.querySelector('select.draft-chart-kind')?.value === 'dots', areas);
        // The proposed headline cards and the two checked: at most eight.
        const headlines = await page.locator('#draft-headlines li').count();
        assert.ok(headlines >= 2 && headlines <= 8, `${headlines} headline cards`);
        const second = await page.locator('#draft-headlines li .draft-headline-name').nth(1).textContent();
        await page.locator('#draft-headlines li').nth(1).locator('button').first().click();
        assert.equal(await page.locator('#draft-headlines li .draft-headline-name').first().textContent(), second);
        if (width < 400) await noSidewaysScroll(page, `${name} editor`);
        await screenshot(page, name);
        if (width > 400 && theme === 'light') {
          const violations = await runAxe(page);
          assert.equal(violations.length, 0, `${name}:\n${formatViolations(violations)}`);
        }

        // 4. Open in the explorer.
        await page.click('#draft-open');
        await page.waitForSelector('#draft-review', { state: 'detached' });
        await page.waitForFunction((t) => document.querySelector('h1')?.textContent.includes(t), TITLE);
        const cards = await page.locator('.cards .card-button').count();
        assert.ok(cards >= 1 && cards <= 8, `${cards} headline cards`);
        const bars = await page.locator('figure.chart-panel').evaluateAll((figs) =>
          figs.map((f) => [f.querySelector('figcaption, h3')?.textContent ?? f.id, f.querySelectorAll('.twin-table tbody tr').length]));
        assert.ok(bars.length >= 1, 'the reader\'s chart is drawn');
        for (const [chart, n] of bars) assert.ok(n >= 2, `chart “${chart}” has ${n} bar(s)`);
        assert.ok(bars.some(([chart]) => chart.includes(CHART)), JSON.stringify(bars));
        const kinds = await page.locator('figure.chart-panel').evaluateAll((figs) =>
          figs.map((f) => [f.querySelector('figcaption, h3')?.textContent ?? f.id, f.dataset.kind]));
        assert.ok(kinds.some(([chart, k]) => chart.includes(CHART) && k === 'dots'), JSON.stringify(kinds));
        if (width < 400) await noSidewaysScroll(page, `${name} overview`);
        await screenshot(page, `${name}-opened`);
        await page.click('button[data-view=table]');
        await page.waitForSelector('table.figure-table');
        assert.match(await page.locator('table.figure-table').textContent(), new RegExp(ADDED));
        assert.match(await page.locator('table.figure-table').textContent(), new RegExp(LABEL));
        if (width < 400) await noSidewaysScroll(page, `${name} table`);
        assert.deepEqual(pageErrors(page), []);
        await page.context().close();
      });
    }
  }
}

test('the data panel leads to the editor, and a text over the bound is refused with its unit', async () => {
  const page = await harness.newPage();
  await gotoApp(page, 'view=table');
  await page.click('#data-toggle');
  await page.click('#draft-go');
  await page.waitForSelector('#draft-review');
  assert.match(page.url(), /view=draft/);
  assert.equal(await page.locator('#data-panel').count(), 0);
  await page.evaluate(() => {
    document.querySelector('#draft-text').value = 'x'.repeat(2 * 1024 * 1024 + 1);
  });
  await page.click('#draft-run');
  await page.waitForSelector('#draft-error');
  assert.match(await page.locator('#draft-error').textContent(), /2,?097,?153 bytes.*2,?097,?152 bytes \(2 MiB\)/);
  assert.equal(await page.locator('#draft-summary').count(), 0);
  assert.deepEqual(pageErrors(page), []);
  await page.context().close();
});

test('two tabs drafting: neither silently replaces the other, and the reader chooses', { timeout: 120_000 }, async () => {
  const a = await harness.newPage({ viewport: { width: 1280, height: 900 } });
  const { openTab } = await import('./harness.mjs');
  const b = await openTab(a);
  await gotoApp(a, '?view=draft');
  await a.locator('#draft-text').fill(TEXT);
  await a.click('#draft-run');
  await a.waitForSelector('#draft-summary');
  await pick(a, '1,200 hectares');
  await setField(a, '#draft-label-en', 'Edited in tab A');
  // Tab B opens the same kept draft and edits it.
  await gotoApp(b, '?view=draft');
  await b.waitForSelector('#draft-summary');
  await pick(b, '1,200 hectares');
  await setField(b, '#draft-label-en', 'Edited in tab B');
  // Tab A is told at once, and its next edit does not overwrite B's.
  await a.waitForSelector('#draft-store-note');
  assert.match(await a.locator('#draft-store-note').textContent(), /Another tab changed the draft/);
  await setField(a, '#draft-label-en', 'Edited in tab A again');
  const kept = () => a.evaluate(() => localStorage.getItem('kezuohou-explorer.draft') ?? '');
  assert.ok((await kept()).includes('Edited in tab B'), 'B\'s draft is still the one kept');
  assert.ok(!(await kept()).includes('Edited in tab A again'));
  // The reader keeps A's: now B is told.
  await a.click('#draft-keep-mine');
  assert.ok((await kept()).includes('Edited in tab A again'));
  await b.waitForSelector('#draft-store-note');
  assert.deepEqual(pageErrors(a), []);
  assert.deepEqual(pageErrors(b), []);
});
