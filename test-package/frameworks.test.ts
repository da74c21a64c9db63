// The React and Vue examples (examples/react, examples/vue) as a host builds them: each type-checks
// (React) and builds with Vite against the built package by its name, then is played in Chromium
// under a strict CSP at desktop and phone size: a message written in the chat arrives, the tribute
// dialog opens and sends, and both `volley-*` events land in the framework's own state.
// Screenshots go to .cache/frameworks/.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { chromium, type Browser } from 'playwright-core';
import { findChromium } from '../scripts/find-chromium.mjs';
// @ts-expect-error: plain ES modules without types
import { STRICT_CSP } from '../scripts/serve.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const shots = join(root, '.cache/frameworks');
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };
const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };

/** Serves one folder with the strict CSP on its pages. */
function serve(dir: string): Promise<Server> {
  const server = createServer(async (request, response) => {
    if (request.url === '/favicon.ico') return void response.writeHead(204).end();
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^[/\\]+/, '') || 'index.html';
    try {
      const body = await readFile(join(dir, path));
      const type = TYPES[extname(path)] ?? 'application/octet-stream';
      response.writeHead(200, { 'content-type': type, 'x-content-type-options': 'nosniff', ...(type.startsWith('text/html') ? { 'content-security-policy': STRICT_CSP } : {}) });
      response.end(body);
    } catch {
      response.writeHead(404).end('Not found');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let browser: Browser;
before(async () => {
  assert.ok(existsSync(join(root, 'dist/react.js')), 'Run `npm run build` first.');
  mkdirSync(shots, { recursive: true });
  browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
});
after(() => browser?.close());

for (const framework of ['react', 'vue'] as const) {
  describe(`examples/${framework}`, () => {
    const dir = join(root, 'examples', framework);
    let server: Server;
    after(() => server?.close());

    it('builds with Vite against the built package by its name', async () => {
      if (framework === 'react') execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', dir], { stdio: 'pipe' });
      const result = await build({ configFile: join(dir, 'vite.config.ts'), logLevel: 'error' });
      const outputs = (Array.isArray(result) ? result : [result]) as { output: { type: string; moduleIds?: string[] }[] }[];
      const modules = outputs.flatMap((r) => r.output.flatMap((chunk) => chunk.moduleIds ?? [])).map((id) => id.replace(root, ''));
      // Volley's code came from dist/, through the exports map, never from src/.
      assert.ok(modules.some((id) => id.startsWith('dist/')), 'volley-chat from dist/');
      assert.deepEqual(modules.filter((id) => id.startsWith('src/')), []);
      server = await serve(join(dir, 'dist'));
    });

    for (const [size, viewport] of Object.entries(SIZES)) {
      it(`at ${size} size: a message arrives, the tribute dialog sends, the app's state hears both`, async () => {
        assert.ok(server, 'the build above');
        const page = await browser.newPage({ viewport });
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        page.on('console', (message) => message.type() === 'error' && errors.push(`${message.text()} ${message.location().url}`));
        await page.goto(`http://127.0.0.1:${(server.address() as { port: number }).port}/`);
        const field = page.locator('volley-chat volley-composer textarea');
        await field.fill(`Hello from ${framework}`);
        const send = page.locator('volley-chat volley-composer [part~=send-button]');
        await send.click();
        await page.locator('volley-chat volley-thread [part~=bubble]', { hasText: `Hello from ${framework}` }).waitFor();
        await page.locator('#sent-count', { hasText: '1 message sent' }).waitFor();
        assert.equal(await page.locator('aside li').first().textContent(), `Hello from ${framework}`);
        // The tribute dialog (loaded on first open): an amount, then Send.
        const tribute = page.locator('volley-chat volley-tribute-button');
        await tribute.locator('[part=button]').click();
        const dialog = tribute.locator('dialog[part=dialog]');
        await dialog.waitFor();
        await page.screenshot({ path: join(shots, `${framework}-${size}-dialog.png`) });
        await dialog.locator('[part=presets] button').first().click();
        await dialog.locator('[part=confirm]').click();
        await page.locator('#tribute', { hasText: /Tribute of \d+\.\d\d on its way/ }).waitFor();
        // Every control the user needed was on screen, not clipped: the send button inside the viewport.
        const box = await send.boundingBox();
        assert.ok(box && box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height, `send button at ${JSON.stringify(box)}`);
        await page.screenshot({ path: join(shots, `${framework}-${size}.png`) });
        assert.deepEqual(errors, []);
        await page.close();
      });
    }
  });
}
