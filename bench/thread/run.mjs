#!/usr/bin/env node
/**
 * `npm run bench:thread`: volley-thread against a naive innerHTML list in headless Chromium.
 * Bundles bench/thread/page.ts with rollup's JS API, loads it into a blank page (no server, so
 * nothing listens on any port), and prints a table. Prints figures only; never fails the build.
 */
import { rollup } from 'rollup';
import nodeResolve from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { findChromium } from '../../scripts/find-chromium.mjs';
import { fling } from './wheel.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000);
const APPENDS = Number(process.env.BENCH_APPENDS ?? 1_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
// The fling's sizes (BENCH_FLING=0: none); BENCH_PART=render or fling runs one part only.
const FLING_SIZES = (process.env.BENCH_FLING ?? '10000,100000').split(',').map(Number).filter(Boolean);
const PART = process.env.BENCH_PART ?? 'all';
const DEADLINE_MS = 600_000;
const PROFILE = Boolean(process.env.BENCH_PROFILE);

/** The functions that took the most self time in a CPU profile (V8's sampling profiler). */
function printProfile(count, { nodes, samples, timeDeltas }) {
  const self = new Map();
  const byId = new Map(nodes.map((n) => [n.id, n]));
  samples.forEach((id, k) => {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const name = `${functionName || '(anonymous)'} ${url ? `${url.split('/').pop()}:${lineNumber + 1}` : ''}`.trim();
    self.set(name, (self.get(name) ?? 0) + (timeDeltas[k] ?? 0) / 1000);
  });
  const top = [...self].filter(([name]) => name !== '(idle)' && name !== '(program)').sort((a, b) => b[1] - a[1]).slice(0, 12);
  console.log(`CPU profile, upward fling at ${count.toLocaleString('en')}: ${top.map(([name, ms]) => `${name} ${ms.toFixed(0)} ms`).join('; ')}`);
}
// The flags of web-test-runner.config.mjs (headless Chromium as root on a closed network).
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

const deadline = setTimeout(() => {
  console.error(`bench:thread: stopped after ${DEADLINE_MS / 1000} s`);
  process.exit(1);
}, DEADLINE_MS);
deadline.unref();

async function bundle() {
  const build = await rollup({
    input: `${root}bench/thread/page.ts`,
    plugins: [
      nodeResolve({ exportConditions: ['production'] }),
      typescript({ tsconfig: `${root}tsconfig.json`, noEmit: false, declaration: false, allowImportingTsExtensions: false, outDir: undefined, include: ['src/**/*.ts', 'bench/**/*.ts'], noEmitOnError: false, filterRoot: root }),
    ],
    onwarn() {},
  });
  const { output } = await build.generate({ format: 'es', inlineDynamicImports: true });
  await build.close();
  return output[0].code;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium not found: run `node scripts/find-chromium.mjs` or set CHROME_PATH.');
  const code = await bundle();
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  const open = async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 800 } });
    const errors = [];
    // Any page error fails the run, a ResizeObserver loop error included (the thread's windowing must cause none).
    page.on('pageerror', (error) => errors.push(error.message));
    await page.setContent('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title></head><body></body></html>');
    await page.addScriptTag({ content: code, type: 'module' });
    await page.waitForFunction(() => 'volleyBench' in window);
    return { page, errors };
  };
  if (PART !== 'render') await flings(browser, open);
  if (PART !== 'fling') await render(browser, open);
  await browser.close();
}

/**
 * The fling: at each size, 181 wheel steps of 1,200 px over 3 s up from the bottom, then the same
 * down from the top, on a fresh page per run. Prints the messages passed each way, long tasks,
 * frame times, whether a message row is under the centre when the fling ends, first render and the
 * heap the thread added (after a garbage collection, the client and its messages excluded).
 */
async function flings(browser, open) {
  const STEP = { steps: 181, durationMs: 3000 };
  const table = [['messages', 'run', 'first render', 'heap Δ', 'passed up', 'passed down', 'up/down', 'long tasks up', 'long tasks down', 'frames up p50/p95/p99', 'frames down p50/p95/p99', 'row at centre']];
  const summary = [];
  for (const count of FLING_SIZES) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const { page, errors } = await open();
      const cdp = await page.context().newCDPSession(page);
      const heap = async () => {
        await cdp.send('HeapProfiler.collectGarbage');
        return (await cdp.send('Runtime.getHeapUsage')).usedSize;
      };
      await page.evaluate((n) => window.volleyBench.flingPrepare(n), count);
      const heapBefore = await heap();
      const { firstRender, box } = await page.evaluate(() => window.volleyBench.flingMount());
      const heapDelta = (await heap()) - heapBefore;
      const bottom = await page.evaluate(() => window.volleyBench.flingCentre());
      await page.evaluate(() => window.volleyBench.flingRecord());
      // BENCH_PROFILE=1: a CPU profile of the first upward fling, its functions by self time.
      const profiling = PROFILE && i === 0;
      if (profiling) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'));
      await fling(cdp, { ...box, deltaY: -1200, ...STEP });
      const up = await page.evaluate(() => window.volleyBench.flingStop());
      if (profiling) printProfile(count, (await cdp.send('Profiler.stop')).profile);
      const top = await page.evaluate(() => window.volleyBench.flingToTop());
      await page.evaluate(() => window.volleyBench.flingRecord());
      await fling(cdp, { ...box, deltaY: 1200, ...STEP });
      const down = await page.evaluate(() => window.volleyBench.flingStop());
      await page.close();
      if (errors.length) throw new Error(`page error: ${errors[0]}`);
      const run = { firstRender, heapDelta, up, down, passedUp: bottom - up.centre, passedDown: down.centre - top, centred: bottom >= 0 && top >= 0 && up.centre >= 0 && down.centre >= 0 };
      runs.push(run);
      const f = (r) => `${r.frames.p50.toFixed(0)}/${r.frames.p95.toFixed(0)}/${r.frames.p99.toFixed(0)} ms`;
      table.push([count.toLocaleString('en'), String(i + 1), `${firstRender.toFixed(0)} ms`, `${(heapDelta / 2 ** 20).toFixed(1)} MB`, run.passedUp.toLocaleString('en'), run.passedDown.toLocaleString('en'),
        (run.passedUp / run.passedDown).toFixed(2), `${up.longTasks} / ${up.longTaskMs.toFixed(0)} ms`, `${down.longTasks} / ${down.longTaskMs.toFixed(0)} ms`, f(up), f(down), run.centred ? 'yes' : 'NO']);
    }
    const m = (pick) => median(runs.map(pick));
    const ratios = runs.map((r) => r.passedUp / r.passedDown);
    summary.push({
      count, first: m((r) => r.firstRender), heap: m((r) => r.heapDelta), up: m((r) => r.passedUp), down: m((r) => r.passedDown),
      ratioOk: ratios.every((x) => x >= 0.67 && x <= 1.5), longMs: Math.max(m((r) => r.up.longTaskMs), m((r) => r.down.longTaskMs)),
      p95: Math.max(m((r) => r.up.frames.p95), m((r) => r.down.frames.p95)), centred: runs.every((r) => r.centred),
    });
  }
  const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
  console.log(`volley-thread fling: ${STEP.steps} wheel steps of 1,200 px over ${STEP.durationMs / 1000} s (CDP mouseWheel, native scrolling), up from the bottom then down from the top, 480 × 640 px`);
  for (const row of table) console.log(row.map((cell, c) => cell.padStart(widths[c])).join('  '));
  for (const s of summary) {
    const met = (ok) => (ok ? 'yes' : 'NO');
    console.log(`medians at ${s.count.toLocaleString('en')}: passed up ${s.up.toLocaleString('en')}, down ${s.down.toLocaleString('en')}; up within 0.67–1.5× down in every run: ${met(s.ratioOk)}; `
      + `long tasks per fling ${s.longMs.toFixed(0)} ms (≤ 250: ${met(s.longMs <= 250)}); frame p95 ${s.p95.toFixed(1)} ms (≤ 20: ${met(s.p95 <= 20)}); `
      + `first render ${s.first.toFixed(0)} ms (≤ 150: ${met(s.first <= 150)}); heap Δ ${(s.heap / 2 ** 20).toFixed(1)} MB (≤ 12: ${met(s.heap <= 12 * 2 ** 20)}); a row at the centre after every fling: ${met(s.centred)}`);
  }
  console.log('');
}

/** First render and live appends against the innerHTML yardstick. */
async function render(browser, open) {
  const run = async (call) => {
    const { page, errors } = await open();
    const result = await page.evaluate(call, { messages: MESSAGES, appends: APPENDS });
    await page.close();
    if (errors.length) throw new Error(`page error: ${errors[0]}`);
    return result;
  };
  const element = [];
  const append = [];
  const reset = [];
  for (let i = 0; i < RUNS; i++) {
    element.push(await run(({ messages, appends }) => window.volleyBench.element(messages, appends)));
    append.push(await run(({ messages, appends }) => window.volleyBench.yardstick(messages, appends, 'append')));
  }
  // Re-setting innerHTML 1,000 times is slow by nature: one run.
  reset.push(await run(({ messages, appends }) => window.volleyBench.yardstick(messages, appends, 'reset')));

  const e = { first: median(element.map((r) => r.firstRender)), appends: median(element.map((r) => r.appendMs)), dom: median(element.map((r) => r.dom)) };
  const y = { first: median(append.map((r) => r.firstRender)), appends: median(append.map((r) => r.appendMs)), dom: median(append.map((r) => r.dom)) };
  const z = { first: reset[0].firstRender, appends: reset[0].appendMs, dom: reset[0].dom };
  const ms = (value) => `${value.toFixed(1)} ms`;
  const rows = [
    ['', 'volley-thread', 'yardstick (append)', 'ratio', 'target', 'met', 'yardstick (re-set)', 'ratio'],
    [`first render, ${MESSAGES.toLocaleString('en')} messages`, ms(e.first), ms(y.first), (e.first / y.first).toFixed(3), '≤ 0.25', e.first <= y.first / 4 ? 'yes' : 'NO', ms(z.first), (e.first / z.first).toFixed(3)],
    [`${APPENDS.toLocaleString('en')} live appends`, ms(e.appends), ms(y.appends), (e.appends / y.appends).toFixed(3), '≤ 2', e.appends <= y.appends * 2 ? 'yes' : 'NO', ms(z.appends), (e.appends / z.appends).toFixed(3)],
    [`DOM elements at ${MESSAGES.toLocaleString('en')}`, String(e.dom), String(y.dom), (e.dom / y.dom).toFixed(4), '< 1,500', e.dom < 1500 ? 'yes' : 'NO', String(z.dom), (e.dom / z.dom).toFixed(4)],
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  console.log(`volley-thread benchmark: Chromium ${browser.version?.() ?? ''}, median of ${RUNS} runs (re-set yardstick: 1 run)`);
  for (const row of rows) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
  console.log(`runs (first render / appends / DOM): element ${element.map((r) => `${r.firstRender.toFixed(0)}/${r.appendMs.toFixed(0)}/${r.dom}`).join(', ')}; yardstick ${append.map((r) => `${r.firstRender.toFixed(0)}/${r.appendMs.toFixed(0)}/${r.dom}`).join(', ')}`);
  console.log(`element layout quiet (rows measured and placed) after ${element.map((r) => `${r.settled.toFixed(0)} ms`).join(', ')} (the last change seen, frame granularity)`);
  console.log(`after the appends: element DOM ${element[0].domAfterAppends}, newest message shown ${element.every((r) => r.newestShown)}, at the bottom ${element.every((r) => r.atBottom)}`);
}

main().then(() => clearTimeout(deadline), (error) => {
  console.error(error);
  process.exitCode = 1;
  clearTimeout(deadline);
});
