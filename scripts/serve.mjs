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
/** Short paths for the pages: the demo, the script-tag page and the host page (one person, mounted by a site's code). */
const aliases = { '/': 'demo/index.html', '/script-tag.html': 'demo/script-tag.html', '/host.html': 'demo/host.html' };
/** Pages are served under the strictest policy a host might set, so the demo proves the elements need nothing more. */
export const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'self'";

const isLoopback = (address) => address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';

/**
 * Serves the demo and dist/ on loopback. `connect`: origins beyond this one that pages may reach
 * (the chat server's `ws://…` origin), added to the policy's connect-src. `chat`: the chat
 * server's `http://…` address, whose development endpoints (`/dev/token`, `/dev/host`) this
 * server passes on for pages opened on this machine, so the demo asks the server that served it.
 */
export function startServer({ listenPort = port, listenHost = host, connect = [], chat } = {}) {
  const policy = connect.length ? `${STRICT_CSP}; connect-src 'self' ${connect.join(' ')}` : STRICT_CSP;
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    if (path === '/favicon.ico') return void response.writeHead(204).end();
    if (chat && path.startsWith('/dev/') && isLoopback(request.socket.remoteAddress)) return passOn(request, response, chat);
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

/** Passes a development request on to the chat server and its answer back. */
async function passOn(request, response, chat) {
  try {
    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    const answer = await fetch(new URL(request.url, chat), {
      method: request.method,
      headers: { 'content-type': request.headers['content-type'] ?? 'application/json' },
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    response.end(Buffer.from(await answer.arrayBuffer()));
  } catch {
    response.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'unavailable', message: 'The chat server did not answer.' }));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startServer();
  const { port: actual } = server.address();
  console.log(`Volley demo: http://${host}:${actual}/  (Ctrl+C to stop)`);
}
