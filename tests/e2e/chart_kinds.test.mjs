// Issue 21 part 2: each chart of the shipped case is drawn in the form its data declares
// (`data-kind` on its figure): the before/after pairs as a dumbbell, the subsidy parts against
// their stated total, areas and incomes inside their whole, the rest as bars. Each form has its
// legend (with the marks of its form), its twin table (with the figures' roles) and a tooltip
// on hover and on keyboard focus, in English and Chinese, light and dark, at 1280 and 360 px,
// and axe finds nothing. Screenshots of each form go to target/screenshots/kind-*.png.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import { chartsDrawn, formatViolations, gotoApp, pageErrors, runAxe, SCREENSHOT_DIR, startHarness } from './harness.mjs';

let harness;
before(async () => {
  harness = await startHarness();
  await mkdir(SCREENSHOT_DIR, { recursive: true });
});
after(async () => {
  await harness?.close();
});

// The forms the shipped case uses, and the legend mark each one must name.
const FORMS = {
  dumbbell: ['start', 'end'],
  parts_of_total: ['gap'],
  part_of_whole: ['whole'],
  bars: ['reported'],
};
// The role words of the twin table, per language.
const ROLES = {
  en: { dumbbell: 'Start', parts_of_total: 'Stated total', part_of_whole: 'Whole' },
  zh: { dumbbell: '起点', parts_of_total: '原文合计', part_of_whole: '整体' },
};

for (const theme of ['light', 'dark']) {
  for (const width of [1280, 360]) {
    for (const lang of ['en', 'zh']) {
      test(`each chart is drawn in its form with legend, table and tooltip (${lang}, ${theme}, ${width} px)`, async () => {
        const page = await harness.newPage({ viewport: { width, height: 900 }, colorScheme: theme });
        await gotoApp(page, `lang=${lang}&theme=${theme}`);
        await chartsDrawn(page);
        const kinds = await page.locator('figure.chart-panel').evaluateAll((fs) => fs.map((f) => [f.dataset.chart, f.dataset.kind]));
        const byKind = new Map();
        for (const [chart, kind] of kinds) if (!byKind.has(kind)) byKind.set(kind, chart);
        assert.deepEqual([...byKind.keys()].sort(), Object.keys(FORMS).sort(), JSON.stringify(kinds));
        assert.equal(byKind.get('dumbbell'), 'cover');
        assert.equal(byKind.get('parts_of_total'), 'subsidies');

        for (const [kind, marks] of Object.entries(FORMS)) {
          const fig = page.locator(`figure.chart-panel[data-kind="${kind}"]`).first();
          await fig.scrollIntoViewIfNeeded();
          // The legend names the form's marks.
          const legend = await fig.locator('.legend li').evaluateAll((lis) => lis.map((li) => li.dataset.mark));
          for (const m of marks) assert.ok(legend.includes(m), `${kind}: legend ${legend} lacks ${m}`);
          // The twin table: a row per figure, and for a form a column of roles.
          const rows = await fig.locator('table.twin-table tbody tr').count();
          assert.ok(rows >= 2, `${kind}: ${rows} rows`);
          const cells = (await fig.locator('table.twin-table').evaluate((t) => t.textContent)).trim();
          if (ROLES[lang][kind]) assert.ok(cells.includes(ROLES[lang][kind]), `${kind}: table ${cells}`);
          const description = (await fig.locator('.chart-description').textContent()).trim();
          assert.ok(description.length > 20, `${kind}: ${description}`);

          // A tooltip on keyboard focus: the first figure, named with its value.
          const canvas = fig.locator('canvas.chart');
          await canvas.focus();
          await page.keyboard.press('Home');
          const tip = fig.locator('.tooltip:not([hidden])');
          await tip.waitFor();
          const first = (await fig.locator('table.twin-table tbody tr th').first().textContent()).trim();
          assert.ok((await tip.textContent()).includes(first), `${kind}: focus tooltip ${await tip.textContent()} names ${first}`);
          await page.keyboard.press('Escape');
          await fig.locator('.tooltip[hidden]').waitFor({ state: 'attached' });

          // A tooltip on hover: the pointer down the canvas's middle meets a figure.
          const box = await canvas.boundingBox();
          let shown = false;
          for (let y = 8; y < box.height && !shown; y += 6) {
            await page.mouse.move(box.x + box.width * 0.6, box.y + y);
            shown = await fig.locator('.tooltip:not([hidden])').count() > 0;
          }
          assert.ok(shown, `${kind}: a tooltip on hover`);
          await page.mouse.move(0, 0);
        }
        for (const [chart, kind] of kinds) {
          await page.locator(`#chart-${chart} canvas.chart`).screenshot({ path: path.join(SCREENSHOT_DIR, `kind-${kind}-${chart}-${lang}-${theme}-${width}.png`) });
        }

        const violations = await runAxe(page);
        assert.deepEqual(violations, [], formatViolations(violations));
        assert.deepEqual(pageErrors(page), []);
        await page.context().close();
      });
    }
  }
}
