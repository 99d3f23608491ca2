'use strict';

/**
 * The example client area for the demo and the browser tests: `build` runs `vite build` of
 * examples/client-area when its sources changed; `serve` serves the build and passes `/api` to
 * Strapi, so the page, its calls and Strapi's refresh cookie share one origin.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const SOURCE_DIR = path.join(ROOT, 'examples', 'client-area');
const DIST_DIR = path.join(SOURCE_DIR, 'dist');
const VITE_BIN = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

const newestChange = (dir) =>
  fs.readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    if (entry.name === 'dist' || entry.name === 'node_modules') return newest;
    const file = path.join(dir, entry.name);
    const changed = entry.isDirectory() ? newestChange(file) : fs.statSync(file).mtimeMs;
    return Math.max(newest, changed);
  }, 0);

/** The build is missing, or older than the client area's sources or the typed client. */
const isStale = () => {
  const built = path.join(DIST_DIR, 'index.html');
  if (!fs.existsSync(built)) return true;
  const sources = Math.max(newestChange(SOURCE_DIR), newestChange(path.join(ROOT, 'client')));
  return sources > fs.statSync(built).mtimeMs;
};

/** `vite build` of the client area into examples/client-area/dist. */
const build = () =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [VITE_BIN, 'build', '--config', path.join(SOURCE_DIR, 'vite.config.ts')],
      { cwd: ROOT, stdio: 'inherit' }
    );
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`))
    );
  });

/** Passes one request to Strapi as it came, and Strapi's answer back, cookies included. */
const forward = (request, response, target) => {
  const upstream = http.request(
    new URL(request.url, target),
    { method: request.method, headers: { ...request.headers, host: new URL(target).host } },
    (answer) => {
      response.writeHead(answer.statusCode || 502, answer.headers);
      answer.pipe(response);
    }
  );
  upstream.on('error', () => {
    if (!response.headersSent) response.writeHead(502, { 'Content-Type': 'application/json' });
    response.end(
      JSON.stringify({
        data: null,
        error: { status: 502, name: 'BadGateway', message: 'Strapi is not answering' },
      })
    );
  });
  request.pipe(upstream);
};

/** A file of the build, or index.html for the app's own routes (e.g. /invitations/accept). */
const serveFile = (request, response) => {
  const pathname = decodeURIComponent(new URL(request.url, 'http://x').pathname);
  const file = path.join(DIST_DIR, path.normalize(pathname));
  const inside = file.startsWith(DIST_DIR + path.sep);
  const found = inside && fs.existsSync(file) && fs.statSync(file).isFile();
  const served = found ? file : path.join(DIST_DIR, 'index.html');
  response.writeHead(200, {
    'Content-Type': TYPES[path.extname(served)] || 'application/octet-stream',
    'Cache-Control': found && pathname.startsWith('/assets/') ? 'max-age=31536000' : 'no-cache',
  });
  fs.createReadStream(served).pipe(response);
};

/** Serves the build on `port` (0: any free one); answers its URL and a `close`. */
const serve = ({ port = 3000, host = '127.0.0.1', strapiUrl }) =>
  new Promise((resolve, reject) => {
    if (!fs.existsSync(path.join(DIST_DIR, 'index.html')))
      return reject(new Error('The client area is not built: run npm run build:client-area'));
    const server = http.createServer((request, response) => {
      try {
        if (request.url === '/api' || request.url.startsWith('/api/'))
          forward(request, response, strapiUrl);
        else serveFile(request, response);
      } catch {
        // a malformed address (`/%E0%A4%A`) is the request's fault, never the server's end
        response.writeHead(400, { 'Content-Type': 'text/plain' });
        response.end('Bad request');
      }
    });
    server.on('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve({
        url: `http://localhost:${address.port}`,
        port: address.port,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });

module.exports = { build, isStale, serve };

if (require.main === module) {
  build().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
