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

const root = fileURLToPath(new URL('../..', import.meta.url));
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000);
const APPENDS = Number(process.env.BENCH_APPENDS ?? 1_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const DEADLINE_MS = 110_000;
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
  const run = async (call) => {
    const page = await browser.newPage({ viewport: { width: 800, height: 800 } });
    const errors = [];
    // Any page error fails the run, a ResizeObserver loop error included (the thread's windowing must cause none).
    page.on('pageerror', (error) => errors.push(error.message));
    await page.setContent('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title></head><body></body></html>');
    await page.addScriptTag({ content: code, type: 'module' });
    await page.waitForFunction(() => 'volleyBench' in window);
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
  await browser.close();

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
