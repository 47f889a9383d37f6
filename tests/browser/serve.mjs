// A small, bounded static file server for the browser tests: serves one directory on
// 127.0.0.1 at a free port chosen by the OS, GET/HEAD only, no directory listings, no path
// outside the root (after decoding and normalising), files up to 32 MiB, a handful of
// sockets at most, and optional in-memory routes (e.g. a hostile third-origin page).
import { createServer } from 'node:http';
import { stat, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};
const MAX_FILE_BYTES = 32 * 1024 * 1024;

/**
 * Starts a server. Returns { origin, port, close(), requests } where `requests` records every
 * path asked for (for assertions).
 * @param {string} root directory to serve
 * @param {{ routes?: Record<string, {type: string, body: string}> }} [options]
 */
export async function serve(root, options = {}) {
  const rootReal = await realpath(root);
  const routes = options.routes || {};
  const requests = [];
  const server = createServer(async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    requests.push(pathname);
    if (Object.hasOwn(routes, pathname)) {
      const route = routes[pathname];
      res.writeHead(200, { 'Content-Type': route.type });
      res.end(req.method === 'HEAD' ? undefined : route.body);
      return;
    }
    if (pathname.includes('\0')) {
      res.writeHead(400).end();
      return;
    }
    const candidate = path.resolve(rootReal, '.' + path.posix.normalize(pathname));
    try {
      const real = await realpath(candidate);
      if (real !== rootReal && !real.startsWith(rootReal + path.sep)) throw new Error('outside');
      const info = await stat(real);
      if (!info.isFile() || info.size > MAX_FILE_BYTES) throw new Error('not a file');
      const body = await readFile(real);
      const type = TYPES[path.extname(real).toLowerCase()] || 'application/octet-stream';
      res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
    }
  });
  server.maxConnections = 32;
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  server.keepAliveTimeout = 1_000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

// `node tests/browser/serve.mjs [DIR]` serves DIR (default: the repository) until Ctrl-C.
if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] || path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
  const s = await serve(dir);
  console.log(`serving ${dir} at ${s.origin}/`);
}
