// The page writes each case's own numbers, on the embedded case, an invented one and two real
// ones alike (issue 23, part 5): every headline card and every row of every chart's table that
// is a reported figure shows the figure's value, taken from the dataset file (value × scale,
// written with every digit: num=full), with its bound word; the data quality view lists each of
// the case's relations by its label. Nothing here names a figure of a case: what is expected is
// read from the file. Screenshots at 1280 and 360 px (target/screenshots/values-<case>-*.png).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, gotoApp, pageErrors, screenshot, startHarness } from './harness.mjs';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

// The embedded case opens by itself; the others are chosen in the data panel's file input.
const CASES = [
  { file: 'data/kezuohou.json', embedded: true },
  { file: 'tests/fixtures/fictional_marsh.json' },
  { file: 'data/cases/niger-fmnr.json' },
  { file: 'data/cases/qingzhen-afforestation.json' },
];

const SCALE = { one: 1, thousand: 1e3, million: 1e6, billion: 1e9, wan: 1e4, yi: 1e8, lakh: 1e5, crore: 1e7 };
const BOUND = { exact: null, about: 'about', more_than: 'more than', at_least: 'at least', less_than: 'less than', at_most: 'at most' };
// Units of a family the page may show in another unit of it (the dataset's most used one).
const FAMILY = { ha: 'area', km2: 'area', mu: 'area', acre: 'area', m2: 'area', m3: 'volume', L: 'volume', t: 'mass', kg: 'mass', jin: 'mass', km: 'length', m: 'length', kW: 'power', 'kW.h': 'energy' };

const full = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });
const plain = (s) => s.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();

/** Reported figures whose value the page writes in their own unit, with the words expected. */
function expectations(dataset) {
  const uses = new Map();
  for (const f of dataset.figures) uses.set(f.unit, (uses.get(f.unit) ?? 0) + 1);
  const mostUsed = (family) => {
    const counts = [...uses].filter(([u]) => FAMILY[u] === family).sort((a, b) => b[1] - a[1]);
    return counts.length === 1 || counts[0][1] > counts[1][1] ? counts[0][0] : null;
  };
  const out = new Map();
  for (const f of dataset.figures) {
    if (f.kind !== 'reported') continue;
    if (FAMILY[f.unit] && mostUsed(FAMILY[f.unit]) !== f.unit) continue;
    const en = f.label.en ?? f.label[dataset.case.language];
    out.set(f.id, { label: en, number: full.format(f.value * SCALE[f.scale]), bound: BOUND[f.qualifier ?? 'exact'] });
  }
  return out;
}

function holds(text, want, where) {
  const t = plain(text);
  assert.ok(t.includes(want.number), `${where}: "${t}" lacks ${want.number}`);
  if (want.bound) assert.ok(t.toLowerCase().includes(want.bound), `${where}: "${t}" lacks "${want.bound}"`);
}

for (const c of CASES) {
  const dataset = JSON.parse(readFileSync(path.join(ROOT, c.file), 'utf8'));
  const name = path.basename(c.file, '.json');
  test(`${name}: cards, chart tables and checks show the dataset's own values`, { timeout: 120_000 }, async () => {
    const page = await harness.newPage({ viewport: { width: 1280, height: 900 } });
    await gotoApp(page, 'lang=en&num=full');
    if (!c.embedded) {
      if ((await page.locator('#data-panel').count()) === 0) await page.click('#data-toggle');
      await page.waitForSelector('#data-panel');
      await page.setInputFiles('#data-file', path.join(ROOT, c.file));
    }
    const title = dataset.presentation.title.en;
    await page.waitForFunction((t) => document.querySelector('h1')?.textContent === t, title);
    const want = expectations(dataset);

    // Headline cards: the declared ones, each reported figure with its value.
    const cards = await page.locator('ul.cards button[data-figure]').evaluateAll((bs) =>
      bs.map((b) => ({ id: b.dataset.figure, value: b.querySelector('.card-value')?.textContent ?? '' })),
    );
    assert.deepEqual(cards.map((x) => x.id), dataset.presentation.headlines);
    let checked = 0;
    for (const card of cards) {
      const w = want.get(card.id);
      if (!w) continue;
      holds(card.value, w, `card ${card.id}`);
      checked += 1;
    }
    assert.ok(checked >= 3, `${name}: only ${checked} cards checked`);

    // Every chart's table: a row per bar, named by the figure's label, with its value.
    const tables = await page.locator('figure.chart-panel').evaluateAll((fs) =>
      fs.map((f) => ({
        chart: f.dataset.chart,
        rows: [...f.querySelectorAll('table.twin-table tbody tr:not(.computed)')].map((tr) => ({
          label: tr.querySelector('th')?.textContent.trim() ?? '',
          cells: [...tr.querySelectorAll('td')].map((td) => td.textContent),
        })),
      })),
    );
    assert.deepEqual(tables.map((t) => t.chart), dataset.presentation.charts.map((x) => x.id));
    let rows = 0;
    for (const chart of dataset.presentation.charts) {
      const table = tables.find((t) => t.chart === chart.id);
      for (const id of chart.panels.flat()) {
        const w = want.get(id);
        if (!w) continue;
        const row = table.rows.find((r) => r.label === w.label);
        assert.ok(row, `chart ${chart.id}: no row "${w.label}" among ${table.rows.map((r) => r.label)}`);
        holds(row.cells.join(' | '), w, `chart ${chart.id}, ${id}`);
        rows += 1;
      }
    }
    assert.ok(rows >= 3, `${name}: only ${rows} chart rows checked`);
    await screenshot(page, `values-${name}-en-1280`);

    // The data quality view lists each relation of the case by its label.
    await page.click('button[data-view="quality"]');
    await page.waitForSelector('.finding-card');
    const quality = plain(await page.locator('main').textContent());
    for (const r of dataset.relations ?? []) {
      const label = plain(r.label.en ?? r.label[dataset.case.language]);
      assert.ok(quality.includes(label), `quality view lacks "${label}"`);
    }
    await page.setViewportSize({ width: 360, height: 800 });
    await screenshot(page, `values-${name}-quality-360`);
    // On a phone nothing widens the page: the data panel's file input and the footer's source
    // line (a long address) included.
    await page.click('button[data-view="overview"]');
    if ((await page.locator('#data-panel').count()) === 0) await page.click('#data-toggle');
    await page.waitForSelector('#data-panel');
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 360, `${name}: the page is ${wide}px wide on a 360px screen`);
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });
}
