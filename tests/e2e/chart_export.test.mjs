// Issue 21 (items 3 and 4): each chart's legend is on the page in light and dark, at desktop and
// phone widths; "Download PNG" gives a sheet at least 1,000 px wide, and "Download SVG" one that
// carries the chart's title, legend and source line. Screenshots of a chart with its legend in
// English and Chinese, light and dark, go to target/screenshots/.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { chartsDrawn, gotoApp, pageErrors, SCREENSHOT_DIR, startHarness } from './harness.mjs';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian). */
function pngSize(png) {
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.equal(png.subarray(12, 16).toString('latin1'), 'IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const unescape = (s) =>
  s.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&apos;', "'").replaceAll('&amp;', '&');

/** The texts of an SVG document's <text> elements, unescaped. */
function svgTexts(svg) {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => unescape(m[1]).trim());
}

for (const lang of ['en', 'zh']) {
  test(`the subsidies chart exports a 2x PNG and an SVG with title, legend and source (${lang})`, async () => {
    const page = await harness.newPage({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    await gotoApp(page, `lang=${lang}`);
    await chartsDrawn(page);
    const panel = page.locator('#chart-subsidies');
    const title = (await panel.locator('h3').textContent()).trim();
    const legend = (await panel.locator('.legend li').allTextContents()).map((s) => s.trim());
    assert.ok(legend.length >= 3, `legend: ${legend}`);

    const [png] = await Promise.all([page.waitForEvent('download'), panel.locator('button[data-export="png"]').click()]);
    assert.equal(png.suggestedFilename(), 'chart-subsidies.png');
    const pngBytes = await readFile(await png.path());
    const size = pngSize(pngBytes);
    assert.ok(size.width >= 1000, `PNG width ${size.width}`);
    assert.ok(size.height > 400, `PNG height ${size.height}`);
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await copyFile(await png.path(), path.join(SCREENSHOT_DIR, `export-subsidies-${lang}.png`));

    // The address as the app keeps it (it drops what is the default, `lang=en`).
    const url = page.url();
    const [svgDl] = await Promise.all([page.waitForEvent('download'), panel.locator('button[data-export="svg"]').click()]);
    assert.equal(svgDl.suggestedFilename(), 'chart-subsidies.svg');
    const svg = await readFile(await svgDl.path(), 'utf8');
    assert.match(svg, /^<svg[^>]*width="640"/);
    const texts = svgTexts(svg);
    const all = texts.join(' ');
    assert.ok(texts.includes(title), `title ${title} in ${texts.slice(0, 4)}`);
    for (const entry of legend) assert.ok(texts.includes(entry), `legend entry ${entry}`);
    const source = texts.find((t) => t.startsWith(lang === 'zh' ? '来源' : 'Source'));
    assert.ok(source, `a source line in ${texts}`);
    const caseTitle = lang === 'zh' ? '科左后旗' : 'Kezuohou';
    assert.ok(all.includes(caseTitle), `the case's title in ${source}`);
    // The address wraps over lines as it must: its pieces follow one another.
    assert.ok(texts.join('').replaceAll(' ', '').includes(url.replaceAll(' ', '')), `address ${url} in ${all}`);

    const [csv] = await Promise.all([page.waitForEvent('download'), panel.locator('button[data-export="csv"]').click()]);
    assert.equal(csv.suggestedFilename(), 'chart-subsidies.csv');
    const rows = (await readFile(await csv.path(), 'utf8')).trim().split('\r\n');
    // The subsidies are parts of a stated total: each row names its role, the total last.
    assert.equal(rows[0], 'id,label,value,unit,period,paragraph,role');
    assert.equal(rows.length, 5, rows.join('\n'));
    assert.ok(rows[4].startsWith('subsidy_total,') && rows[4].endsWith(',total'), rows[4]);
    assert.deepEqual(pageErrors(page), []);
    await page.context().close();
  });
}

for (const theme of ['light', 'dark']) {
  for (const width of [1280, 360]) {
    test(`every chart's legend is visible and readable (${theme}, ${width} px)`, async () => {
      for (const lang of ['en', 'zh']) {
        const page = await harness.newPage({ viewport: { width, height: 900 }, colorScheme: theme });
        await gotoApp(page, `lang=${lang}&theme=${theme}`);
        await chartsDrawn(page);
        const panels = await page.locator('figure.chart-panel').count();
        assert.ok(panels >= 5);
        assert.equal(await page.locator('figure.chart-panel .legend').count(), panels);
        const seen = await page.evaluate(() =>
          [...document.querySelectorAll('figure.chart-panel .legend li')].map((li) => {
            const r = li.getBoundingClientRect();
            const sw = li.querySelector('.swatch');
            const s = sw.getBoundingClientRect();
            const fig = li.closest('figure').getBoundingClientRect();
            const bg = getComputedStyle(document.body).backgroundColor;
            return {
              mark: li.dataset.mark,
              text: li.textContent.trim(),
              visible: r.width > 0 && r.height > 0 && s.width >= 20 && s.height >= 10,
              inside: r.left >= fig.left - 0.5 && r.right <= fig.right + 0.5,
              colour: getComputedStyle(sw).color,
              bg,
            };
          }),
        );
        for (const e of seen) {
          assert.ok(e.visible && e.text.length > 0, `${lang} ${theme} ${width}: ${JSON.stringify(e)}`);
          assert.ok(e.inside, `${lang} ${theme} ${width}: the entry stays in its chart's box ${JSON.stringify(e)}`);
        }
        // Non-text contrast (WCAG 1.4.11): each swatch colour at least 3:1 against the page.
        const lum = (c) => {
          const [r, g, b] = c.match(/\d+/g).slice(0, 3).map((v) => {
            const x = Number(v) / 255;
            return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
          });
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        };
        for (const e of seen) {
          const [a, b] = [lum(e.colour), lum(e.bg)].sort((x, y) => y - x);
          const ratio = (a + 0.05) / (b + 0.05);
          assert.ok(ratio >= 3, `${e.mark} ${e.colour} on ${e.bg}: ${ratio.toFixed(2)}`);
        }
        // The four colours of a theme differ from one another.
        const colours = new Map(seen.map((e) => [e.mark, e.colour]));
        const fills = ['reported', 'derived', 'context', 'flagged'].map((m) => colours.get(m)).filter(Boolean);
        assert.equal(new Set(fills).size, fills.length, JSON.stringify([...colours]));
        assert.deepEqual(pageErrors(page), []);
        await page.locator('#chart-subsidies').screenshot({ path: path.join(SCREENSHOT_DIR, `legend-subsidies-${lang}-${theme}-${width}.png`) });
        await page.locator('#chart-cover').screenshot({ path: path.join(SCREENSHOT_DIR, `legend-cover-${lang}-${theme}-${width}.png`) });
        await page.context().close();
      }
    });
  }
}

test('without JavaScript the prerendered pages show each chart with its legend', async () => {
  for (const [where, reported] of [['', 'Reported in the text'], ['zh/', '原文数据']]) {
    const page = await harness.newPage({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    await page.goto(new URL(where, harness.baseUrl).toString(), { waitUntil: 'load' });
    const panels = await page.locator('figure.chart-panel').count();
    assert.ok(panels >= 5, `${where}: ${panels} charts`);
    assert.equal(await page.locator('figure.chart-panel img.chart-static').count(), panels, 'each chart is its image');
    assert.equal(await page.locator('figure.chart-panel .legend').count(), panels);
    const first = (await page.locator('.legend li[data-mark="reported"]').first().textContent()).trim();
    assert.equal(first, reported);
    assert.ok(await page.locator('.legend').first().isVisible());
    await page.locator('#chart-cover').screenshot({ path: path.join(SCREENSHOT_DIR, `legend-cover-noscript-${where ? 'zh' : 'en'}.png`) });
    await page.context().close();
  }
});
