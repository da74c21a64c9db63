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
/** Short paths for the pages: the demo and the script-tag page. */
const aliases = { '/': 'demo/index.html', '/script-tag.html': 'demo/script-tag.html' };
/** Pages are served under the strictest policy a host might set, so the demo proves the elements need nothing more. */
export const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'self'";

/**
 * Serves the demo and dist/ on loopback. `connect`: origins beyond this one that pages may reach
 * (the chat server's `ws://…` URL), added to the policy's connect-src.
 */
export function startServer({ listenPort = port, listenHost = host, connect = [] } = {}) {
  const policy = connect.length ? `${STRICT_CSP}; connect-src 'self' ${connect.join(' ')}` : STRICT_CSP;
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    if (path === '/favicon.ico') return void response.writeHead(204).end();
    const relative = (Object.hasOwn(aliases, path) && aliases[path]) || normalize(path).replace(/^[/\\]+/, '');
    if (!served.some((prefix) => relative.startsWith(prefix))) {
      response.writeHead(404).end('Not found');
      return;
    }
    try {
      const body = await readFile(join(root, relative));
      const type = types[extname(relative)] ?? 'application/octet-stream';
      response.writeHead(200, { 'content-type': type, 'x-content-type-options': 'nosniff', ...(type.startsWith('text/html') ? { 'content-security-policy': policy } : {}) });
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
