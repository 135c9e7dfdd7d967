// Benchmark (not a test): a cold load of the built page in headless Chromium — every file
// the page fetches before it is ready (raw bytes, gzip -9 and brotli -q 11 as a compressing
// server would send them), and the time from navigation to the first render with data (the summary
// showing 支出总计), median and p95 of N cold loads (a fresh browser context each: no cache,
// no storage).
//
//   bash scripts/bench-browser.sh        (builds dist/ first; runs this too)
//   node tests/e2e/bench-load.mjs [loads]
//   DIST=/path/to/other/dist node tests/e2e/bench-load.mjs [loads]   (another build, to compare)
import { chromium } from 'playwright-core';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { startServer, launchOptions, pct, FIRST_DATA, DIST } from './helpers.mjs';

const LOADS = Number(process.argv[2] ?? 15);

const server = await startServer('/tools/budget/', { dir: process.env.DIST ?? DIST });
const browser = await chromium.launch(launchOptions());
const times = [];
let files;
try {
  for (let i = 0; i < LOADS + 1; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const bodies = [];
    page.on('response', async (r) => {
      try {
        bodies.push({ url: r.url(), body: await r.body() });
      } catch { /* redirects and the like have no body */ }
    });
    await page.addInitScript(FIRST_DATA);
    await page.goto(server.url);
    await page.waitForFunction(() => window.__firstData);
    const t = await page.evaluate(() => window.__firstData);
    await page.waitForLoadState('networkidle');
    if (i > 0) times.push(t); // the first load warms the OS file cache and the server
    files = bodies;
    await context.close();
  }
  let raw = 0, gz = 0, br = 0;
  const brotli = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const col = (n) => String(n).padStart(9);
  console.log('cold load of the page (reference budget), files fetched:');
  for (const f of files) {
    const g = gzipSync(f.body, { level: 9 }).length;
    const b = brotli(f.body);
    raw += f.body.length;
    gz += g;
    br += b;
    console.log(`  ${f.url.replace(server.url, './').padEnd(40)} ${col(f.body.length)} B raw ${col(g)} B gzip ${col(b)} B brotli`);
  }
  console.log(`  total${' '.repeat(35)} ${col(raw)} B raw ${col(gz)} B gzip ${col(br)} B brotli`);
  console.log(`first render with data, ${LOADS} cold loads: median ${pct(times, 0.5).toFixed(0)} ms, p95 ${pct(times, 0.95).toFixed(0)} ms`);
} finally {
  await browser.close();
  await server.close();
}
