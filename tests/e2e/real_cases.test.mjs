// The real cases shipped in data/cases/ (issue 22, part 3), each loaded through the file input
// of the data panel: the page takes the case's own title, its headline cards and its charts
// (drawn), the quality view lists its relations, the page raises no error and axe finds no
// violation. One screenshot per case and language at 1280 px
// (target/screenshots/real-case-<id>-<lang>-1280.png); a case written in Chinese is also opened in Chinese.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, canvasStats, formatViolations, gotoApp, pageErrors, runAxe, screenshot, startHarness } from './harness.mjs';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

const CASES_DIR = path.join(ROOT, 'data', 'cases');
const FILES = readdirSync(CASES_DIR).filter((f) => f.endsWith('.json')).sort();

test('there are at least four real cases', () => {
  assert.ok(FILES.length >= 4, `data/cases: ${FILES}`);
});

for (const file of FILES) {
  const dataset = JSON.parse(readFileSync(path.join(CASES_DIR, file), 'utf8'));
  const id = dataset.case.id;
  // English, and Chinese too for a case written in it.
  for (const lang of ['en', 'zh'].filter((l) => dataset.case.languages.includes(l))) {
  const text = (t) => t[lang] ?? t[dataset.case.language];
  test(`the real case ${id} renders from its file (${lang})`, { timeout: 120_000 }, async () => {
    const page = await harness.newPage({ viewport: { width: 1280, height: 900 } });
    await gotoApp(page, `lang=${lang}`);
    if ((await page.locator('#data-panel').count()) === 0) await page.click('#data-toggle');
    await page.waitForSelector('#data-panel');
    await page.setInputFiles('#data-file', path.join(CASES_DIR, file));
    const title = text(dataset.presentation.title);
    await page.waitForFunction((t) => document.querySelector('h1')?.textContent === t, title);
    assert.equal((await page.locator('p.intro').textContent()).trim(), text(dataset.presentation.intro));

    const cards = await page.locator('ul.cards button[data-figure]').evaluateAll((bs) => bs.map((b) => b.dataset.figure));
    assert.deepEqual(cards, dataset.presentation.headlines);

    const charts = await page.locator('figure.chart-panel').evaluateAll((fs) => fs.map((f) => f.dataset.chart));
    assert.deepEqual(charts, dataset.presentation.charts.map((c) => c.id));
    await page.waitForFunction((n) => document.querySelectorAll('canvas.chart[data-drawn="true"]').length >= n, charts.length);
    const stats = await canvasStats(page);
    const drawn = stats.filter((s) => s.drawn === 'true' && s.distinctColors > 1);
    assert.equal(drawn.length, charts.length, `drawn charts: ${JSON.stringify(stats)}`);
    // Every sentence told: no template braces left on the page.
    const main = await page.locator('main').textContent();
    assert.doesNotMatch(main, /\{[a-z_0-9]+\}/);
    // A sentence does not say again what its value prints ("more than more than 400,000 ha").
    assert.doesNotMatch(main, /\b(more than|at least|at most|about) \1\b/i);
    assert.doesNotMatch(main, /\b(per \w+) \1\b/);
    if (lang === 'zh') {
      // The lead sentences are told in Chinese, not in the dataset's English.
      const lead = await page.locator('p.narrative.lead').textContent();
      assert.doesNotMatch(lead, /[A-Za-z]{4,}/, lead);
    }
    await screenshot(page, `real-case-${id}-${lang}-1280`);
    const violations = await runAxe(page);
    assert.deepEqual(violations, [], formatViolations(violations));

    await page.click('button[data-view="quality"]');
    await page.waitForSelector('.finding-card');
    const quality = await page.locator('main').textContent();
    for (const r of dataset.relations) assert.ok(quality.includes(text(r.label)), `quality view lacks "${text(r.label)}"`);
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });
  }
}
