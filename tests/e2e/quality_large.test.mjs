// The quality view of a large case: its list of slips comes a page at a time, and a check's
// link to a slip further down the list grows the list to it and moves the focus there.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gotoApp, pageErrors, ROOT, runAxe, formatViolations, startHarness } from './harness.mjs';
import { generateDataset } from '../bench/datasets.mjs';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

const base = JSON.parse(await readFile(path.join(ROOT, 'data', 'kezuohou.json'), 'utf8'));
// 1,000 figures: the shipped ones and copies, as the benchmark makes them (over a hundred slips).
const big = generateDataset(base, 1000);
big.case.title.en = 'A thousand figures';
const file = path.join(ROOT, 'target', 'e2e-quality', 'thousand.json');
const LONG = { timeout: 60_000 };

test('a link to a slip beyond the shown page of slips shows it and moves the focus to it', { timeout: 180_000 }, async () => {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(big));
  const page = await harness.newPage();
  await gotoApp(page, 'view=quality');
  await page.click('#data-toggle');
  await page.setInputFiles('#data-file', file);
  await page.waitForFunction((t) => document.querySelector('#dataset-name')?.textContent === t, big.case.title.en, LONG);
  await page.click('#data-toggle');
  await page.waitForSelector('#slips');

  // A page of slips and a count of them all.
  const shown = await page.locator('#slips ol.slips > li').count();
  const count = await page.locator('#slips-list-count').textContent();
  const total = Number(count.replace(/^.*of\s*/, '').replace(/\D/g, ''));
  assert.equal(shown, 50, count);
  assert.ok(total > 50, count);

  // The reference checks (folded at first) name slips further down the list: unfold them as a
  // reader would, then take a check that names a slip not shown yet.
  await page.click('#group-references > summary');
  await page.waitForSelector('#group-references[open] .reference-card');
  const far = await page.evaluate(() => [...document.querySelectorAll('#group-references[open] .finding-card .slips a[href^="#slip-"]')]
    .map((a) => a.getAttribute('href'))
    .filter((h) => !document.querySelector(h))
    // The furthest: when it is on the list's last page, the button goes as the list grows, and
    // the focus must still land on the slip, not on the count.
    .sort((a, b) => Number(b.slice(6)) - Number(a.slice(6)))[0]);
  assert.ok(far, 'every reference check names a slip already shown');
  const n = Number(far.slice('#slip-'.length));
  assert.ok(n > 50 && n <= total, far);
  await page.locator(`#group-references .finding-card .slips a[href="${far}"]`).first().click();
  // The list grows by whole pages to hold it, and the focus is on it once the list is whole
  // (not on another slip the growing list patched the focused element into).
  const after = Math.min(total, Math.ceil(n / 50) * 50);
  await page.waitForFunction((k) => document.querySelectorAll('#slips ol.slips > li').length === k, after, LONG);
  await page.waitForFunction((id) => document.activeElement?.id === id, far.slice(1), LONG);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.equal(await page.evaluate(() => document.activeElement?.id), far.slice(1));
  assert.equal(await page.locator('#slips ol.slips > li').count(), after);
  assert.match(await page.locator('#slips-list-count').textContent(), new RegExp(`${after}`));
  assert.ok((await page.locator(far).textContent()).length > 10);
  // At 1,000 figures the furthest named slip is on the last page: the list is whole and its
  // "Show next" button gone, yet the focus stayed on the slip.
  assert.equal(after, total, `${far} of ${total}`);
  assert.equal(await page.locator('#slips .pager-next').count(), 0);
  // Followed again after the focus moved on (the slip now shown), the same link brings the
  // focus back to it.
  await page.locator('#group-references > summary').focus();
  await page.locator(`#group-references .finding-card .slips a[href="${far}"]`).first().click();
  await page.waitForFunction((id) => document.activeElement?.id === id, far.slice(1), LONG);
  const violations = await runAxe(page);
  assert.deepEqual(violations, [], formatViolations(violations));
  assert.deepEqual(pageErrors(page), []);
  await page.close();
});
