// Benchmark (not a test): what a user waits for when opening the page, in headless Chromium,
// from navigation to the first render with data (the summary showing 支出总计), median and
// p95 of N loads each:
//
//   cold         a fresh browser profile: nothing cached, nothing stored;
//   warm         the second visit in the same profile (the service worker serves every file
//                from its cache, and Chromium reuses the wasm module's compiled code);
//   offline      the same, with the network switched off (the server unreachable);
//   constrained  cold on a slow profile: 10 Mbit/s, 40 ms round trip, CPU 4× slower
//                (Chrome DevTools Protocol: Network.emulateNetworkConditions,
//                Emulation.setCPUThrottlingRate).
//
// Each is measured for this build (DIST, default dist/) and a baseline in the same run:
// BASE=/path/to/previous/dist, or by default the same build with the service worker
// switched off (?offline=0), i.e. the page as it was before issue 26. It also lists every
// file of a cold load (raw bytes, gzip -9, brotli -q 11).
//
//   bash scripts/bench-browser.sh        (builds dist/ first; runs this too)
//   node tests/e2e/bench-load.mjs [loads]
//   BASE=/path/to/previous/dist node tests/e2e/bench-load.mjs [loads]
import { chromium } from 'playwright-core';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { startServer, launchOptions, pct, FIRST_DATA, DIST } from './helpers.mjs';

const LOADS = Math.max(9, Number(process.argv[2] ?? 11));
const PREFIX = '/tools/budget/';

/** One load in `context`: ms to the first render with data. */
async function load(context, url, { throttle = false } = {}) {
  const page = await context.newPage();
  if (throttle) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false, latency: 40, downloadThroughput: (10 * 1024 * 1024) / 8, uploadThroughput: (10 * 1024 * 1024) / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  }
  await page.addInitScript(FIRST_DATA);
  await page.goto(url);
  await page.waitForFunction(() => window.__firstData, null, { timeout: 60_000 });
  const t = await page.evaluate(() => window.__firstData);
  await page.close();
  return t;
}

/** A fresh profile that has visited once (the service worker installed, when there is one). */
async function visited(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByTestId('expense-total').waitFor();
  await page.waitForFunction(() => !navigator.serviceWorker || new URLSearchParams(location.search).get('offline') === '0'
    || navigator.serviceWorker.controller?.state === 'activated', null, { timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  await page.close();
  return context;
}

async function measure(browser, url) {
  const out = { cold: [], warm: [], offline: [], constrained: [] };
  for (let i = 0; i < LOADS + 1; i++) {
    const keep = i > 0; // the first round warms the OS file cache and the server
    let context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const cold = await load(context, url);
    await context.close();
    context = await visited(browser, url);
    const warm = await load(context, url);
    await context.setOffline(true);
    const offline = await load(context, url).catch(() => NaN);
    await context.close();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const constrained = await load(context, url, { throttle: true });
    await context.close();
    if (keep) {
      out.cold.push(cold);
      out.warm.push(warm);
      out.offline.push(offline);
      out.constrained.push(constrained);
    }
  }
  return out;
}

async function coldFiles(browser, url, base) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const bodies = [];
  page.on('response', async (r) => {
    try {
      bodies.push({ url: r.url(), body: await r.body() });
    } catch { /* redirects and the like have no body */ }
  });
  await page.goto(url);
  await page.getByTestId('expense-total').waitFor();
  await page.waitForLoadState('networkidle');
  await context.close();
  let raw = 0, gz = 0, br = 0;
  const brotli = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const col = (n) => String(n).padStart(9);
  console.log('cold load of the page (reference budget), files fetched by the page:');
  for (const f of bodies) {
    const g = gzipSync(f.body, { level: 9 }).length;
    const b = brotli(f.body);
    raw += f.body.length;
    gz += g;
    br += b;
    console.log(`  ${f.url.replace(base, './').padEnd(40)} ${col(f.body.length)} B raw ${col(g)} B gzip ${col(b)} B brotli`);
  }
  console.log(`  total${' '.repeat(35)} ${col(raw)} B raw ${col(gz)} B gzip ${col(br)} B brotli`);
}

const server = await startServer(PREFIX, { dir: process.env.DIST ?? DIST });
const baseServer = process.env.BASE ? await startServer(PREFIX, { dir: process.env.BASE }) : null;
const browser = await chromium.launch(launchOptions());
try {
  await coldFiles(browser, server.url, server.url);
  const now = await measure(browser, server.url);
  const baseUrl = baseServer ? baseServer.url : `${server.url}?offline=0`;
  const base = await measure(browser, baseUrl);
  const f = (v) => (Number.isNaN(pct(v, 0.5)) ? 'fails' : `${pct(v, 0.5).toFixed(0)} / ${pct(v, 0.95).toFixed(0)} ms`);
  console.log(`first render with data, ${LOADS} loads each (median / p95); baseline: ${baseServer ? process.env.BASE : 'this build with ?offline=0'}`);
  console.log(`${''.padEnd(12)} ${'this build'.padStart(16)} ${'baseline'.padStart(16)}`);
  for (const k of ['cold', 'warm', 'offline', 'constrained']) {
    console.log(`${k.padEnd(12)} ${f(now[k]).padStart(16)} ${f(base[k]).padStart(16)}`);
  }
} finally {
  await browser.close();
  await server.close();
  await baseServer?.close();
}
