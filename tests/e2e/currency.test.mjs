// A case from anywhere, end to end: an invented dairy cooperative in Kenya
// (tests/fixtures/kenya_dairy.json: Kenya shillings, litres, tonnes, kilowatts, head of cattle, a
// dated KES/USD rate) loaded through the file input, in each interface language. Its units are
// shown in the reader's language, the settings offer a unit for each kind of unit it uses and the
// currencies it has money or a rate in, and money converts at the rate of the figure's own year,
// which the figure's detail names.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ROOT, gotoApp, pageErrors, screenshot, startHarness } from './harness.mjs';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

const FILE = path.join(ROOT, 'tests', 'fixtures', 'kenya_dairy.json');

// Digits as each language groups them (Intl: a comma, or a narrow no-break space in French), in
// the default compact style: the language's scale words after a no-break space (none in Chinese).
const EXPECT = {
  en: {
    title: 'A dairy cooperative on the Kinangop plateau (fictional)',
    maize: '2,150 t',
    maizeKg: '2.15\u00a0million kg',
    milk: '3.6\u00a0million litres',
    price: '52 KSh per litre',
    usd: 'US$1.34\u00a0million',
    rate: /139\.8 KSh per US\$/,
  },
  zh: {
    title: '金南戈普高原的乳业合作社（虚构）',
    maize: '2,150 吨',
    maizeKg: '215万千克',
    milk: '360万升',
    price: '52 肯尼亚先令/升',
    usd: '134万美元',
    rate: /139\.8 肯尼亚先令\/美元/,
  },
  fr: {
    title: 'Une coopérative laitière sur le plateau de Kinangop (fictive)',
    maize: '2\u202f150 t',
    maizeKg: '2,15\u00a0millions de kg',
    milk: '3,6\u00a0millions de litres',
    price: '52 KSh par litre',
    usd: '1,34\u00a0million de $\u00a0US',
    rate: /139,8 KSh par \$\u00a0US/,
  },
};

const card = (page, id) => page.locator(`button[data-figure="${id}"] .card-value`);
const cardText = async (page, id) => (await card(page, id).textContent()).trim();

for (const [lang, e] of Object.entries(EXPECT)) {
  test(`a case in Kenya shillings, tonnes and litres (${lang})`, { timeout: 120_000 }, async () => {
    const page = await harness.newPage({ viewport: { width: 1280, height: 900 } });
    await gotoApp(page, `lang=${lang}`);
    if ((await page.locator('#data-panel').count()) === 0) await page.click('#data-toggle');
    await page.waitForSelector('#data-panel');
    await page.setInputFiles('#data-file', FILE);
    await page.waitForFunction((t) => document.querySelector('h1')?.textContent === t, e.title);

    // Its own units, named in the reader's language.
    assert.equal(await cardText(page, 'maize_stored'), e.maize);
    assert.equal(await cardText(page, 'milk_delivered'), e.milk);
    assert.equal(await cardText(page, 'milk_price'), e.price);

    // A unit choice for each kind of unit the figures use, and only those.
    const selects = await page.locator('#settings-panel select').evaluateAll((s) => s.map((x) => x.id));
    for (const id of ['ctl-area', 'ctl-volume', 'ctl-mass', 'ctl-power', 'ctl-currency']) {
      assert.ok(selects.includes(id), `${id} in ${selects}`);
    }
    assert.ok(!selects.includes('ctl-energy') && !selects.includes('ctl-length'), `${selects}`);
    const currencies = await page.locator('#ctl-currency option').evaluateAll((o) => o.map((x) => x.value));
    assert.deepEqual(currencies, ['', 'KES', 'USD'], 'as reported, then the currencies it has money or a rate in');

    await page.selectOption('#ctl-mass', 'kg');
    await page.waitForFunction((t) => document.querySelector('button[data-figure="maize_stored"] .card-value')?.textContent.trim() === t, e.maizeKg);
    assert.match(page.url(), /mass=kg/);

    // Shillings of 2023 at the 2023 rate (139.8 KSh per US$), kept to three significant digits
    // (computed); English writes the dollar sign before the amount.
    await page.selectOption('#ctl-currency', 'USD');
    await page.waitForFunction((t) => document.querySelector('button[data-figure="milk_payments"] .card-value')?.textContent.trim() === t, e.usd);
    assert.match(page.url(), /cur=USD/);
    // Each of its figures is about a subject of its own: no chart of one bar is proposed, so
    // the overview has cards and no chart (and whatever chart there is, drawn).
    await page.waitForFunction(() => [...document.querySelectorAll('canvas.chart')].every((c) => c.dataset.drawn === 'true'));
    assert.equal(await page.locator('figure.chart-panel').count(), 0, 'no chart of a single bar');
    await screenshot(page, `kenya-${lang}`);
    await page.click('button[data-figure="milk_payments"]');
    await page.waitForSelector('#detail-title');
    assert.match(await page.locator('.detail .rate').textContent(), e.rate);
    assert.deepEqual(pageErrors(page), []);
    await page.context().close();
  });
}
