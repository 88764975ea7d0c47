// The benchmark's static server: like tests/e2e/harness.mjs's (same MIME types, same fallback to
// index.html for paths without an extension, no caching), but it compresses with gzip as any
// static host or CDN does, so what the browser transfers and what Lighthouse sees match a real
// deployment. Extra in-memory pages (the static lower bound) are served the same way.

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { gzipSync, constants } from 'node:zlib';
import { mimeType, resolveFile } from '../e2e/harness.mjs';

const COMPRESSIBLE = /^(text\/|application\/(javascript|json|wasm|manifest\+json)|image\/svg)/;

/**
 * Serves `dir` on 127.0.0.1 at a free port. `extra` maps absolute paths ('/static.html') to
 * { body, type }. Resolves to { url, close, sent } where sent() is the bytes written per path.
 */
export async function startBenchServer(dir, { extra = {} } = {}) {
  const cache = new Map(); // file -> { raw, gzip }
  const sent = new Map();
  const load = async (file) => {
    let entry = cache.get(file);
    if (!entry) {
      const raw = await readFile(file);
      entry = { raw, gzip: gzipSync(raw, { level: constants.Z_BEST_COMPRESSION }) };
      cache.set(file, entry);
    }
    return entry;
  };
  const server = createServer(async (req, res) => {
    try {
      const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
      let body;
      let type;
      if (extra[pathname]) {
        const page = extra[pathname];
        if (!cache.has(pathname)) {
          const raw = Buffer.from(page.body);
          cache.set(pathname, { raw, gzip: gzipSync(raw, { level: constants.Z_BEST_COMPRESSION }) });
        }
        body = cache.get(pathname);
        type = page.type ?? 'text/html; charset=utf-8';
      } else {
        const { file, status } = await resolveFile(dir, pathname);
        if (!file) {
          res.writeHead(status, { 'Content-Type': 'text/plain' }).end(status === 403 ? 'forbidden' : 'not found');
          return;
        }
        body = await load(file);
        type = mimeType(file);
      }
      const gzip = COMPRESSIBLE.test(type) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
      const bytes = gzip ? body.gzip : body.raw;
      const headers = { 'Content-Type': type, 'Cache-Control': 'no-store', 'Content-Length': bytes.length, Vary: 'Accept-Encoding' };
      if (gzip) headers['Content-Encoding'] = 'gzip';
      res.writeHead(200, headers);
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      sent.set(pathname, (sent.get(pathname) ?? 0) + bytes.length);
      res.end(bytes);
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
    sent: () => new Map(sent),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
