// Shared end-to-end harness: serves the release build (dist/) on a free loopback port,
// drives Debian's Chromium through playwright-core, and collects what goes wrong in the page.
//
//   const h = await startHarness();          // server + browser
//   const page = await h.newPage();          // records console errors, page errors, HTTP errors
//   await gotoApp(page, { scenario: 'x' });  // waits until the app has rendered its <h1>
//   await screenshot(page, 'name');          // target/screenshots/name.png
//   const violations = await runAxe(page);   // axe-core accessibility violations
//   assert.deepEqual(pageErrors(page), []);  // includes Content-Security-Policy violations
//   await h.close();

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST_DIR = path.resolve(ROOT, process.env.DIST_DIR ?? 'dist');
export const SCREENSHOT_DIR = path.join(ROOT, 'target', 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TOOLS_DIR = path.join(ROOT, 'tools');
const AXE_PATH = path.join(TOOLS_DIR, 'node_modules', 'axe-core', 'axe.min.js');

// playwright-core lives in tools/node_modules, not next to this file.
const requireFromTools = createRequire(path.join(TOOLS_DIR, 'package.json'));
const { chromium } = requireFromTools('playwright-core');

/** How long the app may take to render its first <h1> (wasm compile on a slow machine). */
export const APP_TIMEOUT_MS = 30_000;

/** Flags for Debian Chromium as root on a machine with no outside network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

export function mimeType(file) {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

async function isFile(file) {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/**
 * Serves `dir` on 127.0.0.1 at a free port. Paths without a file extension that match no
 * file fall back to index.html, like a static host configured for a single-page app.
 * Resolves to { url, close }, url ending in '/'.
 */
/**
 * The file a request path names under `dir`: the file itself, a folder's index.html, or the
 * app's index.html for a path without an extension (client-side routes). Otherwise the status
 * to answer with (403 outside `dir`, 404 for a missing asset).
 */
export async function resolveFile(dir, pathname) {
  let file = path.join(dir, decodeURIComponent(pathname));
  if (file !== dir && !file.startsWith(dir + path.sep)) return { status: 403 };
  if (await isFile(file)) return { file };
  const indexInDir = path.join(file, 'index.html');
  if (await isFile(indexInDir)) return { file: indexInDir };
  if (path.extname(file) === '') return { file: path.join(dir, 'index.html') };
  return { status: 404 };
}

export async function startServer(dir = DIST_DIR) {
  if (!(await isFile(path.join(dir, 'index.html')))) {
    throw new Error(`${dir}/index.html not found: build first (trunk build --release --offline)`);
  }
  const server = createServer(async (req, res) => {
    try {
      const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
      const { file, status } = await resolveFile(dir, pathname);
      if (!file) {
        res.writeHead(status, { 'Content-Type': 'text/plain' }).end(status === 403 ? 'forbidden' : 'not found');
        return;
      }
      res.writeHead(200, { 'Content-Type': mimeType(file), 'Cache-Control': 'no-store' });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
    } catch (err) {
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(err));
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Headless Debian Chromium (never a downloaded browser). */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
}

// Per page: the app's base URL and the problems seen so far.
const pageState = new WeakMap();

/**
 * A new page in its own browser context that records console errors, uncaught page
 * errors, HTTP responses >= 400 and Content-Security-Policy violations (as
 * `securitypolicyviolation` events, also kept in `window.__cspViolations`). Options go to
 * browser.newContext (viewport, locale, deviceScaleFactor, colorScheme, ...).
 */
export async function openPage(browser, baseUrl, contextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...contextOptions });
  // Init scripts are injected by the browser itself, before the page's own: the policy does
  // not apply to them.
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      const what = `${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`;
      window.__cspViolations.push(what);
      console.error(`Content-Security-Policy violation: ${what}`);
    });
  });
  const page = await context.newPage();
  recordPage(page, baseUrl);
  return page;
}

/** Watch a page for what goes wrong (console and page errors, HTTP errors, failed requests). */
function recordPage(page, baseUrl) {
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const where = msg.location()?.url ? ` (${msg.location().url}:${msg.location().lineNumber})` : '';
      errors.push(`console.error: ${msg.text()}${where}`);
    }
  });
  page.on('pageerror', (err) => errors.push(`page error: ${err.stack ?? err.message ?? err}`));
  page.on('response', (res) => {
    if (res.status() >= 400) errors.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  page.on('requestfailed', (req) => errors.push(`request failed: ${req.url()} (${req.failure()?.errorText})`));
  pageState.set(page, { baseUrl, errors });
}

/**
 * Another tab of the same browser profile as `page` (same origin storage), recorded like it:
 * for what two tabs do to each other.
 */
export async function openTab(page) {
  const state = pageState.get(page);
  if (!state) throw new Error('openTab needs a page from openPage()/harness.newPage()');
  const tab = await page.context().newPage();
  recordPage(tab, state.baseUrl);
  return tab;
}

/** Everything that went wrong in `page` so far (console errors, page errors, HTTP errors). */
export function pageErrors(page) {
  return [...(pageState.get(page)?.errors ?? [])];
}

/** `?a=1&b=2` from a string ('a=1', '?a=1'), a URLSearchParams or a plain object. */
function queryString(query) {
  if (query === undefined || query === null || query === '') return '';
  // A language's page: 'zh/' or 'zh/?view=table', relative to the base.
  if (typeof query === 'string' && /^[a-z]{2,3}\//.test(query)) return query;
  if (typeof query === 'string') return query.startsWith('?') ? query : `?${query}`;
  const params = query instanceof URLSearchParams ? query : new URLSearchParams(query);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * Opens the app (optionally with a query string) and waits until it has rendered an <h1> and is
 * live (`data-app="live"` on <html>).
 * On time-out the error lists what went wrong in the page.
 */
export async function gotoApp(page, query, { timeout = APP_TIMEOUT_MS } = {}) {
  const state = pageState.get(page);
  if (!state) throw new Error('gotoApp needs a page from openPage()/harness.newPage()');
  const url = new URL(queryString(query), state.baseUrl).toString();
  await page.goto(url, { waitUntil: 'load', timeout });
  try {
    // The prerendered page has its <h1> before the app runs: wait until the app is live (its
    // first effect ran, so its event handlers are attached), whichever page it started from.
    await page.waitForFunction(
      () => document.querySelector('h1') !== null && document.documentElement.dataset.app === 'live',
      undefined,
      { timeout },
    );
  } catch (err) {
    const seen = state.errors.length ? `\npage problems:\n  ${state.errors.join('\n  ')}` : '';
    throw new Error(`the app was not live with an <h1> within ${timeout} ms at ${url}${seen}\n(${err.message})`);
  }
  return url;
}

/**
 * Waits until the page has charts and every one is drawn: none still waiting for its frame
 * (`data-drawn="pending"`, a chart off screen is drawn a frame after an update).
 */
export async function chartsDrawn(page) {
  await page.waitForFunction(() => {
    const cs = [...document.querySelectorAll('canvas.chart')];
    return cs.length > 0 && cs.every((c) => c.dataset.drawn === 'true');
  });
}

/** Full-page screenshot saved as target/screenshots/NAME.png; returns the file path. */
export async function screenshot(page, name) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, name.endsWith('.png') ? name : `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * What each canvas matching `selector` shows: size, data-drawn, and how many distinct
 * pixel colours it has (capped at 64). A blank canvas has at most one colour.
 */
export async function canvasStats(page, selector = 'canvas.chart') {
  return page.evaluate((sel) => {
    return [...document.querySelectorAll(sel)].map((canvas) => {
      const info = { width: canvas.width, height: canvas.height, drawn: canvas.dataset.drawn ?? null, distinctColors: 0 };
      const ctx = canvas.width && canvas.height ? canvas.getContext('2d') : null;
      if (!ctx) return info;
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      const colors = new Set();
      for (let i = 0; i < data.length && colors.size < 64; i += 4) {
        colors.add(((data[i] << 24) | (data[i + 1] << 16) | (data[i + 2] << 8) | data[i + 3]) >>> 0);
      }
      info.distinctColors = colors.size;
      return info;
    });
  }, selector);
}

/** `securitypolicyviolation` events seen in the page so far. */
export async function cspViolations(page) {
  return page.evaluate(() => window.__cspViolations ?? ['the violation listener is missing']);
}

let axeSource;

/**
 * Runs axe-core in the page and returns its violations (optionally with axe.run options).
 * axe is evaluated through the DevTools protocol rather than added as a <script>: the app's
 * Content-Security-Policy refuses inline scripts, and the test must not weaken it.
 */
export async function runAxe(page, options = {}) {
  axeSource ??= await readFile(AXE_PATH, 'utf8');
  await page.evaluate(axeSource);
  return page.evaluate(async (opts) => {
    const result = await window.axe.run(document, opts);
    return result.violations;
  }, options);
}

/** One line per axe violation, for assertion messages. */
export function formatViolations(violations) {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
    .join('\n');
}

/**
 * Server + browser for one test file. `newPage(contextOptions)` opens a recording page
 * pointed at the served build; `close()` shuts everything down.
 */
export async function startHarness({ dist = DIST_DIR } = {}) {
  const server = await startServer(dist);
  let browser;
  try {
    browser = await launchBrowser();
  } catch (err) {
    await server.close();
    throw err;
  }
  return {
    baseUrl: server.url,
    browser,
    newPage: (contextOptions) => openPage(browser, server.url, contextOptions),
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
