// Benchmark (issue 26): opening a tab of the panels module, on budgets of 37, 10,000 and
// 100,000 lines. The first opening fetches, compiles and starts the module; each opening
// sends the panel the budget as JSON and the panel reads it (its mirror). Median and p95 of
// `RUNS` openings after the first, and the first itself; the tab switch to 明细 and back is
// timed from the click to the panel's content shown.
//   [DIST=<a build>] node tests/e2e/bench-panels.mjs [runs]   (DIST: a build before the split, to compare)
import { chromium } from 'playwright-core';
import { startServer, launchOptions, pct, DIST } from './helpers.mjs';

const RUNS = Number(process.argv[2] ?? 7);
const server = await startServer('/', { dir: process.env.DIST ?? DIST });
const browser = await chromium.launch(launchOptions());
for (const lines of [0, 10000, 100000]) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const q = lines ? `?offline=0&lines=${lines}` : '?offline=0';
  await page.goto(server.url + q);
  await page.getByTestId('expense-total').waitFor({ timeout: 120_000 });
  const open = async () => {
    const t0 = await page.evaluate(() => performance.now());
    await page.getByRole('tab', { name: '收入与上年数' }).click();
    await page.getByTestId('income-view').waitFor({ timeout: 120_000 });
    const t1 = await page.evaluate(() => performance.now());
    await page.getByRole('tab', { name: '明细' }).click();
    return t1 - t0;
  };
  const first = await open();
  const times = [];
  for (let i = 0; i < RUNS; i++) times.push(await open());
  console.log(`${String(lines || 37).padStart(6)} lines: first opening ${first.toFixed(0)} ms; then median ${pct(times, 0.5).toFixed(0)} ms, p95 ${pct(times, 0.95).toFixed(0)} ms`);
  await page.close();
}
await browser.close();
await server.close();
