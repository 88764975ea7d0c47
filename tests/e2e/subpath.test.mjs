// A deployment under a sub-path works end to end (the English page and the Chinese one in zh/): the release build made with
// `trunk build --release --offline --public-url /kezuohou/` (into target/dist-subpath), served
// only under /kezuohou/, opens the table view, keeps its links under the sub-path, and asks for
// nothing outside it (every request answered, none a 404).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT, launchBrowser, mimeType, openPage, pageErrors } from './harness.mjs';

const PREFIX = '/kezuohou/';
const DIST = path.join(ROOT, 'target', 'dist-subpath');
/** The build usually takes well under a minute (dependencies compiled by the release build). */
const BUILD_TIMEOUT_MS = 20 * 60_000;

function build() {
  const env = {
    ...process.env,
    PATH: [path.join(os.homedir(), '.cargo', 'bin'), path.join(ROOT, 'tools', 'node_modules', '.bin'), process.env.PATH].join(path.delimiter),
  };
  const args = ['build', '--release', '--offline', '--public-url', PREFIX, '--dist', DIST];
  return new Promise((resolve, reject) => {
    const child = spawn('trunk', args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    const keep = (d) => {
      log = (log + d).slice(-6000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (err) => reject(new Error(`cannot start trunk (is it installed? cargo xtask setup): ${err.message}`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`trunk ${args.join(' ')} failed (${code}):\n${log}`))));
  });
}

async function isFile(file) {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/** Serves DIST under PREFIX only, like a host that puts the app in a folder. */
async function serveUnderPrefix() {
  const seen = [];
  const server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
    seen.push(pathname);
    if (!pathname.startsWith(PREFIX)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`outside ${PREFIX}`);
      return;
    }
    let file = path.join(DIST, decodeURIComponent(pathname.slice(PREFIX.length)));
    if (file !== DIST && !file.startsWith(DIST + path.sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    // A folder is served by its index.html, as static hosts do (`zh/` → `zh/index.html`).
    if (!(await isFile(file)) && (await isFile(path.join(file, 'index.html')))) file = path.join(file, 'index.html');
    if (!(await isFile(file))) {
      if (path.extname(file) !== '') {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
        return;
      }
      file = path.join(DIST, 'index.html');
    }
    res.writeHead(200, { 'Content-Type': mimeType(file), 'Cache-Control': 'no-store' });
    res.end(await readFile(file));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let server;
let browser;
before(async () => {
  await build();
  server = await serveUnderPrefix();
  browser = await launchBrowser();
}, { timeout: BUILD_TIMEOUT_MS });

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the build for /kezuohou/ opens its table view there, with no request outside it', { timeout: 120_000 }, async () => {
  const index = await readFile(path.join(DIST, 'index.html'), 'utf8');
  const refs = [...index.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]).filter((u) => u.startsWith('/'));
  assert.ok(refs.length > 0, 'index.html references its files');
  assert.deepEqual(refs.filter((u) => !u.startsWith(PREFIX)), [], 'every absolute reference in index.html is under the sub-path');

  const page = await openPage(browser, `${server.origin}${PREFIX}`);
  await page.goto(`${server.origin}${PREFIX}?view=table`, { waitUntil: 'load', timeout: 30_000 });
  await page.waitForSelector('table.figure-table tbody tr', { timeout: 30_000 });
  const rows = await page.locator('table.figure-table tbody tr[data-figure]').count();
  assert.ok(rows >= 10, `the figure table shows its rows (${rows})`);
  assert.equal(new URL(page.url()).pathname, PREFIX, 'the address stays under the sub-path');

  // Moving to another view keeps the address under the sub-path, and reloading it works.
  await page.click('button[data-view="overview"]');
  await page.waitForSelector('canvas.chart[data-drawn="true"]', { state: 'attached', timeout: 30_000 });
  assert.equal(new URL(page.url()).pathname, PREFIX);
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('.cards .card', { timeout: 30_000 });

  assert.deepEqual(server.seen.filter((p) => !p.startsWith(PREFIX)), [], 'no request outside the sub-path');
  assert.deepEqual(pageErrors(page), [], 'no 404, failed request, console or page error');
  await page.context().close();
});

test('under /kezuohou/ the Chinese prerendered page loads its images and is taken over in place', { timeout: 120_000 }, async () => {
  const html = await readFile(path.join(DIST, 'zh', 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]).filter((u) => u.startsWith('/'));
  assert.deepEqual(refs.filter((u) => !u.startsWith(PREFIX)), [], 'every absolute reference is under the sub-path');
  const page = await openPage(browser, `${server.origin}${PREFIX}zh/`);
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => { window.__firstH1 = document.querySelector('h1'); });
  });
  await page.goto(`${server.origin}${PREFIX}zh/`, { waitUntil: 'load', timeout: 30_000 });
  await page.waitForFunction(() => document.documentElement.dataset.app === 'live' && document.querySelector('canvas.chart[data-drawn="true"]'));
  const seen = await page.evaluate(() => ({
    lang: document.documentElement.lang,
    same: window.__firstH1 === document.querySelector('h1'),
  }));
  assert.deepEqual(seen, { lang: 'zh-CN', same: true });
  assert.ok(server.seen.some((p) => p.startsWith(`${PREFIX}zh/charts/`) && p.endsWith('.svg')), 'the chart images came from the page folder');
  assert.deepEqual(server.seen.filter((p) => !p.startsWith(PREFIX)), [], 'no request outside the sub-path');
  assert.deepEqual(pageErrors(page), []);
  await page.context().close();
});

test('under /kezuohou/ a case page two folders deep compares cases read from the site root', { timeout: 120_000 }, async () => {
  const page = await openPage(browser, `${server.origin}${PREFIX}`);
  await page.goto(`${server.origin}${PREFIX}meret-ethiopia/zh/?view=compare&concept=area_restored&cases=niger-fmnr,meret-ethiopia`, { waitUntil: 'load', timeout: 30_000 });
  await page.waitForFunction(() => document.querySelectorAll('#compare-table tbody tr').length === 2, undefined, { timeout: 30_000 });
  assert.ok(server.seen.includes(`${PREFIX}cases/index.json`), 'the index came from the site root');
  assert.ok(server.seen.includes(`${PREFIX}cases/niger-fmnr.json`), 'a dataset came from the site root');
  const hrefs = await page.locator('#compare-table a.compare-link').evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
  assert.deepEqual(hrefs.sort(), [`${PREFIX}meret-ethiopia/zh/`, `${PREFIX}niger-fmnr/zh/`]);
  assert.deepEqual(server.seen.filter((p) => !p.startsWith(PREFIX)), [], 'no request outside the sub-path');
  assert.deepEqual(pageErrors(page), []);
  await page.context().close();
});
