#!/usr/bin/env node
// Browser smoke test of the built pages (run `npm run build` first, and run it with
// `node --import tsx`; `npm run test:smoke` does both): what `npm start` runs — the chat server
// hosting the demo world (on a free port and a temporary data folder here) and the static server —
// and the designers' demo in both modes (over WebSocket by default, `?transport=local` in-page) and
// the script-tag page load in Chromium without a console error, a CSP violation, a failed request
// or an uncaught exception, and a user can chat through them. Elements are found by their parts,
// roles and labels: Playwright's CSS locators reach into open shadow roots.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { findChromium } from './find-chromium.mjs';
import { startDemo } from './start.mjs';
import { PEOPLE } from '../demo/world.ts';

// Flags for headless Chromium as root on a closed network: the same as web-test-runner.config.mjs.
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];
const TIMEOUT = 10_000;
const built = (path) => existsSync(fileURLToPath(new URL(`../${path}`, import.meta.url)));

const executablePath = findChromium();
if (!executablePath) {
  console.error('Chromium is missing: run `node scripts/find-chromium.mjs` (or set CHROME_PATH).');
  process.exit(1);
}

const started = performance.now();
const dataDir = mkdtempSync(join(tmpdir(), 'volley-smoke-'));
process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));
const startOnFreePorts = () => startDemo({ chatPort: 0, demoPort: 0, host: '127.0.0.1', dataDir });
let running = await startOnFreePorts();
let base = running.url.replace(/\/$/, '');
const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
const failures = [];

/** A fresh page whose console errors, uncaught exceptions and failed requests are recorded. */
async function openPage(path) {
  const page = await browser.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const problems = [];
  // Pages are served under a strict CSP. Its violations are read from the events, which name the
  // directive and the script: any one fails the check.
  await page.exposeFunction('reportViolation', (directive, source) => problems.push(`CSP violation: ${directive} by ${source || 'the page'}`));
  await page.addInitScript(() => window.addEventListener('securitypolicyviolation', (event) => window.reportViolation(event.violatedDirective, event.sourceFile)));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.stack ?? error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.goto(base + path);
  return { page, problems };
}

/** Runs one check; a failure is recorded with the page's problems and the run goes on. */
async function check(name, path, steps) {
  const start = performance.now();
  const { page, problems } = await openPage(path);
  try {
    await steps(page);
    if (problems.length) throw new Error(`the page reported:\n  ${problems.join('\n  ')}`);
    console.log(`ok   ${name} (${Math.round(performance.now() - start)} ms)`);
  } catch (error) {
    failures.push(name);
    console.log(`FAIL ${name}\n  ${String(error?.message ?? error).split('\n').join('\n  ')}`);
    if (problems.length && !String(error?.message).includes('the page reported')) console.log(`  The page reported:\n    ${problems.join('\n    ')}`);
  } finally {
    await page.close();
  }
}

/** Types into a composer's text area and sends with Enter, as a user does. */
async function send(composer, text) {
  const input = composer.locator('textarea');
  await input.fill(text);
  await input.press('Enter');
}

/**
 * Opens a composer's emoji picker and clicks its first emoji as a user does (Playwright clicks a
 * point on the screen, after checking that nothing covers it); the emoji lands in the text area.
 */
async function pickEmoji(composer) {
  await composer.locator('[part~=emoji-button]').click();
  await composer.locator('[part~=emoji]').first().click();
  const hasEmoji = (text) => /\p{Extended_Pictographic}/u.test(text);
  const typed = await poll(() => composer.locator('textarea').inputValue(), hasEmoji);
  if (!hasEmoji(typed)) throw new Error(`no emoji was inserted: "${typed}"`);
}

/** Reads `read()` until `done(value)` or the timeout, and returns the last value read. */
async function poll(read, done, timeout = TIMEOUT) {
  const deadline = Date.now() + timeout;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

const LOCAL = '/?transport=local';
const panel = (page, id) => page.locator(`#panel-${id}`);
/** A message in the thread of a person's panel. */
const message = (page, id, text) => panel(page, id).locator('volley-thread [part~=message]').filter({ hasText: text });

await check('demo, in-page engine: a customer writes, the provider answers with a volley', LOCAL, async (page) => {
  await page.locator('#live[data-ready=true]').waitFor({ state: 'attached' });
  await page.locator('#transport[data-transport=local]').getByRole('link', { name: /chat server/ }).waitFor();
  // The emoji picker loads on first use, with the demo's emoji data, under the strict CSP.
  await pickEmoji(panel(page, 'cam').locator('volley-composer'));
  await send(panel(page, 'cam').locator('volley-composer'), 'Hello Ivy, from the smoke test');
  await message(page, 'ivy', 'Hello Ivy, from the smoke test').waitFor();
  await send(panel(page, 'ivy').locator('volley-composer'), 'Hi Cam, Ivy here');
  await message(page, 'cam', 'Hi Cam, Ivy here').waitFor();
  // Ivy's first reply within 12 h of Cam's message made a volley: Cam's thread shows the mark.
  await message(page, 'cam', 'Hi Cam, Ivy here').locator('[part~=volley]').waitFor();
});

await check('demo, in-page engine: two agents claim one chat at once, exactly one wins', LOCAL, async (page) => {
  await page.locator('#live[data-ready=true]').waitFor({ state: 'attached' });
  // Time stands still, so the 15 s claim window cannot close during the check.
  await page.locator('#pause').click();
  await page.locator('#walk-in-team').click();
  const claim = (id) => panel(page, id).locator('volley-incoming [part~=card]').filter({ hasText: 'Guest 1' }).locator('[part~=claim]');
  const buttons = await Promise.all(['ann', 'ben'].map(async (id) => {
    await claim(id).waitFor();
    return claim(id).elementHandle();
  }));
  // Both clicks in one task: the two claims reach the engine together.
  await page.evaluate(([a, b]) => { a.click(); b.click(); }, buttons);
  // Cy was offered the chat too: the notice there says the race is over.
  // (The page's opening exchange leaves a notice of its own: Cam's chat, claimed by Ann.)
  await panel(page, 'cy').locator('volley-incoming').getByText("Guest 1's chat was claimed by someone else").waitFor();
  const outcome = async (id) => ({
    id,
    lost: (await panel(page, id).locator('volley-incoming').getByText(/Guest 1's chat was claimed by someone else|already took this chat/).count()) > 0,
    opened: (await panel(page, id).locator('[part=header] h2').allInnerTexts()).includes('Guest 1'),
  });
  const results = await poll(() => Promise.all(['ann', 'ben'].map(outcome)), (r) => r.some((x) => x.lost) && r.some((x) => x.opened));
  const winners = results.filter((r) => !r.lost);
  if (winners.length !== 1) throw new Error(`expected exactly one winner, got ${JSON.stringify(results)}`);
  if (!winners[0].opened) throw new Error(`the winner (${winners[0].id}) did not open the claimed chat: ${JSON.stringify(results)}`);
});

await check('demo, in-page engine: +15 s runs out a claim window, the theme and strings editor applies', LOCAL, async (page) => {
  await page.locator('#live[data-ready=true]').waitFor({ state: 'attached' });
  await page.locator('#pause').click();
  await page.locator('#walk-in-team').click();
  await panel(page, 'ann').locator('volley-incoming [part~=claim]').waitFor();
  await page.locator('#plus-15s').click();
  await panel(page, 'ann').locator('volley-incoming').getByText('Missed: nobody claimed').waitFor();
  // Strings: the sample in the editor renames the composer's Send button.
  await page.locator('#editor [type=submit]').click();
  await panel(page, 'cam').locator('volley-composer [part~=send-button]', { hasText: 'Send it' }).waitFor();
  // Tokens: a custom property set on the page's container reaches the elements inside.
  await page.locator('#tokens input[name="--volley-accent"]').fill('#aa0000');
  const accent = await panel(page, 'cam').locator('volley-composer [part~=send-button]').evaluate((button) => getComputedStyle(button).backgroundColor);
  if (accent !== 'rgb(170, 0, 0)') throw new Error(`the accent token did not apply: the Send button is ${accent}`);
  await page.locator('#editor [type=reset]').click();
  await panel(page, 'cam').locator('volley-composer [part~=send-button]', { hasText: /^Send$/ }).waitFor();
});

await check('demo, first screen: Cam and Ivy chatting at 1440×900, one chat on a phone, a dark switch that is remembered', LOCAL, async (page) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.locator('#live[data-ready=true]').waitFor({ state: 'attached' });
  /** Whether a box lies wholly inside the window. */
  const onScreen = async (locator) => {
    const box = await locator.boundingBox();
    const { width, height } = page.viewportSize();
    return !!box && box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height;
  };
  // The opening exchange is there, and both composers are on the first screen.
  const lines = await poll(() => message(page, 'ivy', '').count(), (n) => n >= 3);
  if (lines < 3) throw new Error(`Ivy's thread shows ${lines} messages on opening, expected the opening exchange`);
  for (const id of ['cam', 'ivy']) {
    if (!(await onScreen(panel(page, id).locator('volley-composer textarea')))) throw new Error(`${id}'s composer is not on the first screen at 1440×900`);
  }
  await page.setViewportSize({ width: 390, height: 844 });
  if (!(await onScreen(panel(page, 'cam').locator('volley-composer textarea')))) throw new Error("Cam's composer is not on the first screen at 390×844");
  // The switch darkens the page and every element, and a reload keeps it.
  const dark = page.getByRole('switch', { name: 'Dark theme' });
  await dark.click();
  await page.reload();
  await page.locator('#live[data-ready=true]').waitFor({ state: 'attached' });
  if ((await dark.getAttribute('aria-checked')) !== 'true') throw new Error('the dark theme was not remembered across a reload');
  const background = await panel(page, 'cam').locator('volley-composer textarea').evaluate((field) => getComputedStyle(field).backgroundColor);
  if (background !== 'rgb(15, 20, 25)') throw new Error(`a dark page's composer is ${background}`);
  await dark.click();
});

await check('demo: every gallery section builds without an error', '/', async (page) => {
  const sections = page.locator('#gallery details');
  const count = await sections.count();
  if (count === 0) throw new Error('the gallery has no sections');
  for (let i = 0; i < count; i++) {
    const section = sections.nth(i);
    await section.locator('summary').click();
    await section.and(page.locator('[data-built=true]')).waitFor({ state: 'attached', timeout: 30_000 });
  }
  const broken = await page.locator('#gallery .note.error').allInnerTexts();
  if (broken.length) throw new Error(`gallery states that could not be built:\n  ${broken.join('\n  ')}`);
});

// ---- over WebSocket: the default, on the chat server that `npm start` runs ----------------------------

/** The demo server's journal, as it would replay it. */
const journal = async () => {
  await running.chat.journal.idle();
  return (await running.chat.journal.store.load()).entries;
};
const ordersIn = async (id) => (await journal()).filter((e) => e.kind === 'host' && e.call.name === 'recordOrder' && (!id || e.call.args[0].id === id));

await check('demo over WebSocket (the default): the page says so, a customer writes, the provider answers with a volley', '/', async (page) => {
  await page.locator('#live[data-ready=true]').waitFor({ state: 'attached' });
  const link = page.locator('#transport[data-transport=ws]').getByRole('link', { name: /in-page engine/ });
  if (!(await link.getAttribute('href')).endsWith('?transport=local')) throw new Error(`the switch links to ${await link.getAttribute('href')}`);
  // Time travel needs the in-page engine: its buttons are off, and the page says why.
  if (!(await page.locator('#plus-15s').isDisabled())) throw new Error('+15 s is enabled over WebSocket');
  await page.locator('#time-note').getByText('In-page mode only').waitFor();
  await send(panel(page, 'cam').locator('volley-composer'), 'Hello Ivy, over the wire');
  await message(page, 'ivy', 'Hello Ivy, over the wire').waitFor();
  await send(panel(page, 'ivy').locator('volley-composer'), 'Hi Cam, Ivy on the server');
  await message(page, 'cam', 'Hi Cam, Ivy on the server').locator('[part~=volley]').waitFor();
  if (running.chat.connections() < PEOPLE.length) throw new Error(`${running.chat.connections()} sockets are open, expected one per person`);
});

await check('demo over WebSocket: the host controls play on the server (walk-in offered and claimed, an order journaled)', '/', async (page) => {
  await page.locator('#live[data-ready=true]').waitFor({ state: 'attached' });
  await page.locator('#walk-in-team').click();
  const card = panel(page, 'ann').locator('volley-incoming [part~=card]').filter({ hasText: 'Guest 1' });
  await card.locator('[part~=claim]').click();
  await poll(() => panel(page, 'ann').locator('[part=header] h2').allInnerTexts(), (titles) => titles.includes('Guest 1'));
  if (!(await panel(page, 'ann').locator('[part=header] h2').allInnerTexts()).includes('Guest 1')) throw new Error('Ann did not open the claimed chat');
  const before = (await ordersIn()).length;
  await page.locator('#order').click();
  await page.locator('#host-status').getByText('Cam ordered').waitFor();
  const after = (await ordersIn()).length;
  if (after !== before + 1) throw new Error(`the order was not journaled: ${before} orders before, ${after} after`);
});

// The next `npm start`: the same data folder, the same world.
await running.close();
running = await startOnFreePorts();
base = running.url.replace(/\/$/, '');
await check('demo over WebSocket, after a restart on the same data: the chat is back, the world is not seeded again', '/', async (page) => {
  // The clean stop left a snapshot: nothing to replay, and nothing journaled again.
  if (!running.chat.journal.restored || running.chat.journal.fresh) throw new Error('the data was not restored from its snapshot');
  const seeded = (await ordersIn('order-1')).length;
  if (seeded !== 0) throw new Error(`the first order is journaled again (${seeded} times after the restart)`);
  await message(page, 'cam', 'Hi Cam, Ivy on the server').waitFor();
});

if (built('dist/volley.js') && built('demo/script-tag.html')) {
  await check('script-tag page: open the bubble, pick an emoji (data from dist/volley/), send, see it in the thread', '/script-tag.html', async (page) => {
    const launcher = page.locator('volley-launcher');
    await launcher.locator('[part~=bubble]').click();
    const chat = launcher.locator('[part~=panel] volley-chat');
    // The script tag's composer finds its emoji data beside its own modules.
    const data = page.waitForResponse((response) => response.url().endsWith('/dist/volley/emoji-data.json'));
    await pickEmoji(chat.locator('volley-composer'));
    if ((await data).status() !== 200) throw new Error(`emoji data: HTTP ${(await data).status()}`);
    await send(chat.locator('volley-composer'), 'Hello from the script tag');
    await chat.locator('volley-thread [part~=message]').filter({ hasText: 'Hello from the script tag' }).waitFor();
  });
} else {
  console.log('skipped: script-tag page not built');
}

await browser.close();
await running.close();
console.log(`${failures.length ? `${failures.length} failed` : 'all passed'} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
process.exit(failures.length ? 1 : 0);
