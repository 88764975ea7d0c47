// The first screen and the datasets at hand, end to end on the release build: on a 360 × 780
// phone the case title, intro and first headline card show without scrolling, the settings fold
// behind one keyboard-operable button and the views scroll sideways; the address names the
// dataset shown, and a link to a dataset kept in another browser says so and shows the built-in
// case; chart labels wrap instead of being cut. Screenshots at 360 and 1280 wide, EN/ZH,
// light/dark, land in target/screenshots/.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, SCREENSHOT_DIR, formatViolations, gotoApp, pageErrors, runAxe, startHarness } from './harness.mjs';

let harness;
before(async () => {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

const PHONE = { width: 360, height: 780 };
const TITLE = 'Kezuohou Banner: turning desert control into income for the poor';
const embedded = await readFile(path.join(ROOT, 'data', 'kezuohou.json'), 'utf8');
const other = embedded.replace(TITLE, 'Another copy, loaded here');

/** The first screen only, as a reader sees it before scrolling. */
const firstScreen = (page, name) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });

/** The element's box against the first viewport: wholly inside it, without scrolling. */
async function inFirstViewport(page, selector) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return { found: false };
    const r = el.getBoundingClientRect();
    return {
      found: true, top: r.top, bottom: r.bottom, left: r.left, right: r.right,
      inside: r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth,
      scrollY: window.scrollY,
    };
  }, selector);
}

test('on a 360 × 780 phone the title, intro and first headline card show without scrolling', async () => {
  for (const lang of ['en', 'zh']) {
    for (const theme of ['light', 'dark']) {
      const page = await harness.newPage({ viewport: PHONE, colorScheme: theme });
      await gotoApp(page, `lang=${lang}`);
      await page.waitForSelector('.cards .card');
      for (const sel of ['h1', 'p.intro', '.cards .card']) {
        const box = await inFirstViewport(page, sel);
        assert.ok(box.found && box.inside && box.scrollY === 0, `${sel} in the first screen (${lang}, ${theme}): ${JSON.stringify(box)}`);
      }
      // The settings are folded; the page does not scroll sideways, the view list does.
      assert.equal(await page.locator('#settings-panel').isVisible(), false);
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no sideways page scroll');
      const nav = await page.evaluate(() => {
        const n = document.querySelector('.site-header nav');
        return { scrollable: n.scrollWidth > n.clientWidth, overflow: getComputedStyle(n).overflowX };
      });
      assert.equal(nav.overflow, 'auto');
      assert.ok(nav.scrollable, 'the views scroll sideways');
      await firstScreen(page, `first-screen-360-${lang}-${theme}`);
      assert.deepEqual(pageErrors(page), []);
      await page.context().close();
    }
  }
});

test('the folded settings open and close by keyboard, with a visible focus, and still work', async () => {
  const page = await harness.newPage({ viewport: PHONE });
  await gotoApp(page, '');
  const toggle = page.locator('#settings-toggle');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await toggle.focus();
  const outline = await toggle.evaluate((el) => getComputedStyle(el).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  await page.keyboard.press('Enter');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.equal(await page.locator('#settings-panel').isVisible(), true);
  await firstScreen(page, 'settings-open-360-en');
  // Tab reaches the first setting; a choice applies at once.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'ctl-lang');
  await page.selectOption('#ctl-area', 'mu');
  await page.waitForFunction(() => location.search.includes('area=mu'));
  assert.match(await toggle.textContent(), /mu/);
  // Escape folds them and gives the focus back to the button.
  await page.focus('#ctl-area');
  await page.keyboard.press('Escape');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'settings-toggle');
  const violations = await runAxe(page, { runOnly: ['wcag2a', 'wcag2aa'] });
  assert.deepEqual(violations, [], formatViolations(violations));
  assert.deepEqual(pageErrors(page), []);
});

test('at 1280 wide the settings show inline and the header is one band', async () => {
  for (const [lang, theme] of [['en', 'light'], ['zh', 'dark']]) {
    const page = await harness.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: theme });
    await gotoApp(page, `lang=${lang}`);
    await page.waitForSelector('.cards .card');
    assert.equal(await page.locator('#settings-toggle').isVisible(), false);
    assert.equal(await page.locator('#ctl-lang').isVisible(), true);
    assert.ok((await inFirstViewport(page, '.cards .card')).inside);
    await firstScreen(page, `first-screen-1280-${lang}-${theme}`);
    assert.deepEqual(pageErrors(page), []);
  }
});

test('the address names the dataset shown; a link to one of another browser explains and shows the built-in case', async () => {
  const page = await harness.newPage();
  await gotoApp(page, 'view=table');
  await page.click('#data-toggle');
  await page.locator('#data-text').fill(other);
  await page.click('#data-load');
  await page.waitForFunction(() => document.querySelector('#dataset-name')?.textContent === 'Another copy, loaded here');
  await page.waitForFunction(() => /[?&]ds=local%3A[0-9a-f]{64}/.test(location.search));
  const link = await page.evaluate(() => location.href);
  const id = decodeURIComponent(new URL(link).searchParams.get('ds')).slice('local:'.length);
  assert.match(id, /^[0-9a-f]{64}$/);
  // Its titles record is written once its text is in IndexedDB.
  await page.waitForFunction((k) => localStorage.getItem(k) !== null, `kezuohou-explorer.about.${id}`);
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).sort()), [
    `kezuohou-explorer.about.${id}`, 'kezuohou-explorer.settings',
  ], 'the text itself is kept in IndexedDB');
  // In this browser the link reopens that dataset, and so does a bare address (the settings).
  await page.goto(link);
  await page.waitForFunction(() => document.querySelector('#dataset-name')?.textContent === 'Another copy, loaded here');
  assert.equal(await page.locator('table.figure-table').count(), 1);
  await page.goto(new URL('/', link).href);
  await page.waitForFunction(() => document.querySelector('#dataset-name')?.textContent === 'Another copy, loaded here');
  assert.equal(await page.locator('#storage-notice').count(), 0);
  await gotoApp(page, 'lang=en');
  assert.equal(await page.locator('#dataset-name').textContent(), TITLE, 'no ds: the built-in case');

  // Another browser (a fresh context has its own storage) has never seen it.
  for (const [lang, words] of [['en', 'another browser'], ['zh', '浏览器']]) {
    const elsewhere = await harness.newPage({ viewport: PHONE });
    await gotoApp(elsewhere, `ds=local:${id}&view=table&lang=${lang}`);
    await elsewhere.waitForSelector('#storage-notice li[data-problem="elsewhere"]');
    const notice = await elsewhere.locator('#storage-notice').textContent();
    assert.ok(notice.includes(words) || notice.includes('the browser where it was loaded'), notice);
    assert.equal(await elsewhere.locator('#dataset-name').textContent(), lang === 'en' ? TITLE : '科左后旗：把治沙变成贫困农牧民的收入');
    assert.equal(await elsewhere.locator('table.figure-table').count(), 1, 'the rest of the link applies');
    await elsewhere.waitForFunction(() => !location.search.includes('ds='));
    await firstScreen(elsewhere, `dataset-elsewhere-360-${lang}`);
    assert.deepEqual(pageErrors(elsewhere), []);
    await elsewhere.context().close();
  }
  assert.deepEqual(pageErrors(page), []);
});

test('chart labels wrap onto lines, whole in the tooltip and the twin table', async () => {
  const page = await harness.newPage({ viewport: PHONE });
  await gotoApp(page, '');
  await page.waitForSelector('#chart-cover canvas.chart[data-drawn="true"]');
  const label = 'Forest coverage rate in 2002';
  const cells = await page.locator('#chart-cover table th[scope="row"]').allTextContents();
  assert.ok(cells.some((c) => c.startsWith('Forest coverage rate in 20')), cells.join(' | '));
  const whole = cells.find((c) => c.startsWith('Forest coverage rate in 20'));
  assert.ok(!whole.includes('…'));
  // Keyboard to the first bar: the tooltip carries the whole label.
  await page.focus('#chart-cover canvas.chart');
  await page.keyboard.press('ArrowDown');
  await page.waitForSelector('#tip-cover');
  const tip = await page.locator('#tip-cover strong').textContent();
  assert.equal(tip, whole);
  assert.ok(whole.startsWith(label.slice(0, 24)));
  await page.locator('#chart-cover').scrollIntoViewIfNeeded();
  await page.locator('#chart-cover').screenshot({ path: path.join(SCREENSHOT_DIR, 'chart-cover-360-en.png') });
  assert.deepEqual(pageErrors(page), []);
});
