#!/usr/bin/env node
// A small static server for the demo (run `npm run build` first; `npm start` does).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = Number(process.env.PORT ?? 5173);
const host = process.env.HOST ?? '127.0.0.1';
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.map': 'application/json', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png' };
const served = ['demo/', 'dist/'];

export function startServer({ listenPort = port, listenHost = host } = {}) {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const relative = path === '/' ? 'demo/index.html' : normalize(path).replace(/^[/\\]+/, '');
    if (!served.some((prefix) => relative.startsWith(prefix))) {
      response.writeHead(404).end('Not found');
      return;
    }
    try {
      const body = await readFile(join(root, relative));
      response.writeHead(200, { 'content-type': types[extname(relative)] ?? 'application/octet-stream', 'x-content-type-options': 'nosniff' });
      response.end(body);
    } catch {
      response.writeHead(404).end('Not found');
    }
  });
  return new Promise((resolve) => server.listen(listenPort, listenHost, () => resolve(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startServer();
  const { port: actual } = server.address();
  console.log(`Volley demo: http://${host}:${actual}/  (Ctrl+C to stop)`);
}
