#!/usr/bin/env node
// The script tag as a browser loads it (part of `npm run size`; run with `node --import tsx`, which
// reads demo/world.ts; needs server/dist, which `npm run build` makes). The script tag is built
// from src/ into a temporary folder with the build's own configuration (rollup.config.mjs), served
// with the chat server of `npm start` on free ports, and mounted from its data-attributes over
// WebSocket on a page under the strict CSP, as a site mounts it. Chromium then plays a new
// customer: the bubble shows, the panel opens, the first message is sent. Every file the browser
// fetched from the script tag (dist/volley.js and dist/volley/*) is counted, each gzipped on its
// own (level 9) as a server sends it; fails when all of it is over 35 KB or when a
// server mount fetched the in-page demo engine. The customer writes to Acme Coffee's care channel;
// `SIZE_WITH=ivy` measures a customer of Ivy's paid chat instead (its tribute button loads too).
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { chromium } from 'playwright-core';
import { findChromium } from './find-chromium.mjs';
import { pagePolicy } from './serve.mjs';
import { startDemo } from './start.mjs';
import configs from '../rollup.config.mjs';

const KB = 1024;
/** The script tag with its panel open and the first message sent (issue 16). */
const BUDGET = 35 * KB;
const kb = (n) => `${(n / KB).toFixed(2)} KB`;

/** Builds the script tag (the build's loader and widget configurations) into `dir`: volley.js and volley/. */
async function buildScriptTag(dir) {
  const scriptTag = configs.filter((config) => /src[\\/]widget[\\/]/.test(JSON.stringify(config.input)));
  for (const { output, ...input } of scriptTag) {
    const bundle = await rollup({ ...input, onwarn: (warning, warn) => (warning.code === 'THIS_IS_UNDEFINED' ? undefined : warn(warning)) });
    await bundle.write({ ...output, sourcemap: false, ...(output.file ? { file: join(dir, basename(output.file)) } : { dir: join(dir, 'volley') }) });
    await bundle.close();
  }
}

/** A site's page: the script tag, mounted from its data-attributes on the chat server. */
const page = ({ wsUrl, token, user, provider }) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>A provider's page</title><link rel="icon" href="data:,">
<script src="/volley.js" data-transport="${wsUrl}" data-token="${token}" data-user="${user}" data-with="${provider}"></script>
</head><body><h1>A provider's page</h1></body></html>`;

const dir = mkdtempSync(join(tmpdir(), 'volley-size-'));
const dataDir = join(dir, 'data');
let running;
let site;
let browser;
let over = false;
let demo = false;
try {
  await buildScriptTag(dir);
  running = await startDemo({ chatPort: 0, demoPort: 0, host: '127.0.0.1', dataDir });
  const { chat } = running;
  const call = async (path, body) => {
    const answer = await fetch(`${chat.url}${path}`, body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {});
    if (!answer.ok) throw new Error(`${path}: the chat server answered ${answer.status}`);
    return answer.json();
  };
  const user = 'size-customer';
  await call('/dev/host', { name: 'upsertUser', args: [{ id: user, role: 'customer', name: 'Dee' }] });
  const { token, url: wsUrl } = await call(`/dev/token?user=${user}`);
  const html = page({ wsUrl, token, user, provider: process.env.SIZE_WITH ?? 'acme' });
  const policy = pagePolicy({ connect: [new URL(wsUrl).origin], files: [new URL(chat.url).origin] });
  site = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname));
    if (path === '/') return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': policy }).end(html);
    if (path !== '/volley.js' && !path.startsWith('/volley/')) return void response.writeHead(404).end();
    try {
      const type = path.endsWith('.json') ? 'application/json' : 'text/javascript; charset=utf-8';
      response.writeHead(200, { 'content-type': type }).end(readFileSync(join(dir, path)));
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((done) => site.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${site.address().port}`;

  browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems = [];
  tab.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  tab.on('pageerror', (error) => problems.push(String(error)));
  /** Every file of the script tag the page fetched so far, in order. */
  const fetched = [];
  tab.on('requestfinished', (request) => {
    const { pathname } = new URL(request.url());
    if (request.url().startsWith(origin) && (pathname === '/volley.js' || pathname.startsWith('/volley/'))) fetched.push(pathname);
  });
  const settle = () => tab.waitForLoadState('networkidle').then(() => tab.waitForTimeout(300));
  const steps = [];
  const step = async (name, play) => {
    await play();
    await settle();
    steps.push({ name, files: [...new Set(fetched)] });
  };
  await step('the bubble', async () => {
    await tab.goto(origin);
    await tab.locator('volley-launcher [part="bubble"]').waitFor();
  });
  await step('+ the panel open', async () => {
    await tab.locator('volley-launcher [part="bubble"]').click();
    await tab.locator('volley-composer textarea').waitFor();
  });
  await step('+ the first message sent', async () => {
    await tab.locator('volley-composer textarea').fill('Hello, is anyone there?');
    await tab.getByRole('button', { name: 'Send', exact: true }).click();
    await tab.locator('volley-thread [part~="bubble"]', { hasText: 'Hello, is anyone there?' }).waitFor();
  });
  if (problems.length) throw new Error(`the page reported:\n  ${problems.join('\n  ')}`);

  const gz = (path) => gzipSync(readFileSync(join(dir, path)), { level: 9 }).length;
  const name = (path) => path.replace(/^\/volley\//, '').replace(/-[\w-]{8}\.js$/, '.js');
  console.log('\nThe script tag as a browser loads it (a customer on a server, every fetched file gzipped):');
  let seen = new Set();
  for (const { name: label, files } of steps) {
    const added = files.filter((file) => !seen.has(file));
    const total = files.reduce((sum, file) => sum + gz(file), 0);
    // The budget holds for all of it: the bubble, the panel and the first message.
    const last = label === steps.at(-1).name;
    over ||= last && total > BUDGET;
    console.log(`${label.padEnd(30)} ${kb(total).padStart(10)} in ${String(files.length).padStart(2)} files${last ? `  budget ${kb(BUDGET)}${over ? ' OVER' : ''}` : ''}`);
    for (const file of added) console.log(`    ${name(file).padEnd(40)} ${kb(gz(file)).padStart(10)}`);
    seen = new Set(files);
  }
  demo = fetched.some((file) => name(file).startsWith('demo-world'));
} finally {
  await browser?.close();
  if (site) await new Promise((done) => site.close(done));
  await running?.close();
  rmSync(dir, { recursive: true, force: true });
}
if (demo) console.error('A mount on a server fetched the in-page demo engine (demo-world).');
if (over) console.error('The script tag is over its budget as a browser loads it.');
if (demo || over) process.exit(1);
