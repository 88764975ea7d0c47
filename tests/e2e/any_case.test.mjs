// Any case, not one: a second, fictional case (tests/fixtures/fictional_marsh.json, sharing no id
// and no name with the built-in one) loaded through the file input gets its own explorer, in
// English and Chinese: its title, intro, headline cards, its drawn charts, the
// quality view and the derived metrics, and not a word of the built-in case anywhere on the page.
// The same case with no presentation at all (fictional_marsh_bare.json) gets one proposed from
// its data, and the page says which parts were declared and which proposed.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ROOT, canvasStats, gotoApp, pageErrors, screenshot, startHarness } from './harness.mjs';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
const CASE_WORDS = ['Kezuohou', 'Horqin', 'Tongliao', '科左后', '科尔沁', '通辽', 'Case Study 2.11', '案例 2.11'];

const CASES = {
  declared: {
    file: 'fictional_marsh.json',
    title: { en: 'Marsh wardens and boat tours in Lakeshore County', zh: '湖滨县的湿地看护与游船' },
    intro: { en: /Lakeshore County is an invented place/, zh: /湖滨县是为测试本浏览器而虚构的地方/ },
    provenance: { en: /Chosen by the case's authors: title, introduction, headline figures, charts, narrative, footer notes/, zh: /由案例作者选定：标题、简介、主要数据、图表、叙述、页脚说明/ },
    charts: ['marsh', 'fund', 'shares', 'people'],
    minDrawn: 3,
  },
  bare: {
    file: 'fictional_marsh_bare.json',
    title: { en: 'Marsh restoration at Lakeshore County (fictional test case)', zh: '湖滨县湿地修复（虚构测试案例）' },
    // Proposed: the first paragraph after the title line.
    intro: { en: /An invented county drained its marshes for farming and now restores them\./, zh: /一个虚构的县曾排干湿地用于耕种，如今正在修复。/ },
    provenance: { en: /Suggested by this explorer from the figures: title, introduction, headline figures, charts, narrative, footer notes/, zh: /由本工具根据数字建议：标题、简介、主要数据、图表、叙述、页脚说明/ },
    // Charts by subject (issue 20): the land restored with its county, and the fund with its two
    // parts. The charts of one bar each (tour income, wardens, visits) are no longer proposed.
    charts: ['proposed-land-restored-1', 'proposed-spent-1'],
    minDrawn: 2,
  },
};

async function load(page, file) {
  if ((await page.locator('#data-panel').count()) === 0) await page.click('#data-toggle');
  await page.waitForSelector('#data-panel');
  await page.setInputFiles('#data-file', path.join(FIXTURES, file));
}

async function noCaseWords(page, where) {
  const text = await page.evaluate(() => `${document.title}\n${document.body.innerText}`);
  for (const w of CASE_WORDS) assert.ok(!text.includes(w), `${where}: "${w}" on the page`);
}

for (const [kind, c] of Object.entries(CASES)) {
  for (const lang of ['en', 'zh']) {
    test(`a fictional case (${kind} presentation, ${lang}) gets its own explorer`, { timeout: 120_000 }, async () => {
      const page = await harness.newPage({ viewport: { width: 1280, height: 900 } });
      await gotoApp(page, `lang=${lang}`);
      await load(page, c.file);
      await page.waitForFunction((t) => document.querySelector('h1')?.textContent === t, c.title[lang]);
      assert.match(await page.title(), new RegExp(c.title[lang].replace(/[()（）]/g, '.')));
      assert.match(await page.locator('p.intro').textContent(), c.intro[lang]);
      assert.match(await page.locator('#provenance').textContent(), c.provenance[lang]);
      // A proposed part is marked where it is shown.
      assert.equal(await page.locator('#headline-title .proposed-mark').count(), kind === 'bare' ? 1 : 0);
      assert.equal(await page.locator('#charts-title .proposed-mark').count(), kind === 'bare' ? 1 : 0);

      // Headline cards of the case's own figures.
      const cards = await page.locator('ul.cards button[data-figure]').evaluateAll((bs) => bs.map((b) => b.dataset.figure));
      assert.ok(cards.length >= 3, `headline cards: ${cards}`);
      assert.ok(cards.includes('marsh_restored_area'), `headline cards: ${cards}`);
      const restored = await page.locator('button[data-figure="marsh_restored_area"] .card-value').textContent();
      assert.equal(restored.trim(), lang === 'en' ? '12,500 ha' : '1.25万公顷');

      // Its charts, drawn (more than one colour on each canvas).
      const charts = await page.locator('figure.chart-panel').evaluateAll((fs) => fs.map((f) => f.dataset.chart));
      assert.deepEqual(charts, c.charts);
      await page.waitForFunction((n) => document.querySelectorAll('canvas.chart[data-drawn="true"]').length >= n, c.charts.length);
      const stats = await canvasStats(page);
      const drawn = stats.filter((s) => s.drawn === 'true' && s.distinctColors > 1);
      assert.ok(drawn.length >= c.minDrawn, `drawn charts: ${JSON.stringify(stats)}`);
      if (kind === 'declared') {
        // The chart's note and its sentence, with the condition that holds (the parts add up).
        assert.match(await page.locator('#chart-marsh .chart-note').textContent(), lang === 'en' ? /invented atlas/ : /虚构地图集/);
        assert.match(await page.locator('#chart-fund').textContent(), lang === 'en' ? /match the stated total of 36\u00a0million yuan/ : /与总额/);
        assert.doesNotMatch(await page.locator('#chart-fund').textContent(), lang === 'en' ? /do not match/ : /不符/);
        assert.match(await page.locator('.site-footer').textContent(), lang === 'en' ? /A fictional test case/ : /虚构测试案例/);
      } else {
        // Titled by its subject; its bars span 2020 and an undated county, so no period.
        assert.match(await page.locator('#chart-proposed-land-restored-1 h3').textContent(), lang === 'en' ? /^Land restored, treated or planted$/ : /^治理、修复与种植面积$/);
        // The area chart draws the county the marsh lies within.
        assert.match(await page.locator('#chart-proposed-land-restored-1 table').textContent(), lang === 'en' ? /Area of Lakeshore County/ : /湖滨县总面积/);
        // Proposed lead sentences: one per channel, its figures by label, each value a link.
        const lead = page.locator('p.narrative.lead');
        const told = (await lead.textContent()).trim();
        assert.match(told, lang === 'en' ? /^Warden work: .+, 12,500 ha; .+\. Boat tours: .+\.$/ : /^看护工作：.+ 1\.25万公顷；.+。游船观光：.+。$/);
        assert.equal(await lead.locator('button[data-figure="marsh_restored_area"]').count(), 1);
      }
      await screenshot(page, `any-case-${kind}-${lang}-1280`);
      await noCaseWords(page, `overview ${kind} ${lang}`);

      // The quality view checks this case's relations.
      await page.click('button[data-view="quality"]');
      await page.waitForSelector('.finding-card');
      const quality = await page.locator('main').textContent();
      assert.match(quality, lang === 'en' ? /The restored marsh fits inside the county/ : /修复湿地不超过全县面积/);
      assert.match(quality, lang === 'en' ? /The fund's parts add up to its total/ : /基金分项之和等于总额/);
      await noCaseWords(page, `quality ${kind} ${lang}`);

      // The derived metrics, computed with their formulas.
      await page.click('button[data-view="derived"]');
      await page.waitForFunction(() => document.querySelector('main')?.textContent.includes('A_m / A_c'));
      const derived = await page.locator('main').textContent();
      assert.match(derived, lang === 'en' ? /Restored marsh as a share of the county/ : /修复湿地占全县面积比例/);
      // 12,500 ha of 215,000 ha (2,150 km²): 5.81%.
      assert.match(derived, /5\.81/);
      await noCaseWords(page, `derived ${kind} ${lang}`);
      assert.deepEqual(pageErrors(page), []);
      await page.close();
    });
  }
}
