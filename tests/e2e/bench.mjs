// Benchmark (not a test): edit latency and load time of the built page in headless
// Chromium, with a generated 10,000-line budget (?lines=10000) against two baselines in
// the same run: the 37-line reference budget, and a plain-JavaScript page with the same
// generated lines (tests/e2e/baseline/) that only re-adds every line and writes 支出总计
// and the 基本/项目 shares on each edit.
//
//   bash scripts/bench-browser.sh        (builds dist/ first)
//   node tests/e2e/bench.mjs [lines] [edits]
//   DIST=/path/to/other/dist node tests/e2e/bench.mjs …   (another build, to compare)
import { chromium } from 'playwright-core';
import path from 'node:path';
import { startServer, launchOptions, pct, FIRST_DATA, DIST, ROOT } from './helpers.mjs';

const LINES = Number(process.argv[2] ?? 10000);
const EDITS = Number(process.argv[3] ?? 40);
const LOADS = Number(process.env.LOADS ?? 7);

const fmt = (ms) => `${ms.toFixed(1)} ms`;


async function load(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript(FIRST_DATA);
  await page.goto(url);
  await page.waitForFunction(() => window.__firstData);
  const t = await page.evaluate(() => window.__firstData);
  return { page, t };
}

// One edit: type a new amount into row `row`'s 当年预算安排, then time from the Enter
// keydown to the summary showing the new total after the next paint.
async function edit(page, row, value) {
  await page.locator(`td[data-row="${row}"][data-col="7"]`).click();
  await page.keyboard.type(String(value));
  await page.locator('input.cell-editor').waitFor();
  return page.evaluate(() => new Promise((resolve, reject) => {
    setTimeout(() => reject(new Error('the total did not change within 10 s')), 10000);
    const total = document.querySelector('[data-testid=expense-total]');
    const before = total.textContent;
    const editor = document.querySelector('input.cell-editor');
    const obs = new MutationObserver(() => {
      if (total.textContent !== before) {
        obs.disconnect();
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
      }
    });
    obs.observe(document.querySelector('[data-testid=summary]'), { subtree: true, childList: true, characterData: true });
    const t0 = performance.now();
    editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
  }));
}

async function measure(browser, url, label) {
  const loads = [];
  let page;
  for (let i = 0; i < LOADS; i++) {
    const r = await load(browser, url);
    loads.push(r.t);
    if (i < LOADS - 1) await r.page.close(); else page = r.page;
  }
  const edits = [];
  for (let i = 0; i < EDITS + 3; i++) {
    // Every other row: after Enter the selection is on the next row, so the click below
    // selects a new cell and typing replaces its value.
    const ms = await edit(page, (i % 10) * 2 + 1, 100 + i);
    if (i >= 3) edits.push(ms); // the first edits warm up
  }
  await page.close();
  return { label, loads, edits };
}

const server = await startServer('/', { dir: process.env.DIST ?? DIST });
const plain = await startServer('/', { dir: path.join(ROOT, 'tests', 'e2e', 'baseline') });
const browser = await chromium.launch(launchOptions());
const base = await measure(browser, server.url, 'reference (37 lines)');
const big = await measure(browser, `${server.url}?lines=${LINES}`, `generated (${LINES} lines)`);
const js = await measure(browser, `${plain.url}?lines=${LINES}`, `plain JS (${LINES} lines)`);
await browser.close();
await server.close();
await plain.close();

console.log(`edit latency: Enter in a cell → new 支出总计 painted (${EDITS} edits each)`);
for (const r of [base, big, js]) {
  console.log(`  ${r.label.padEnd(26)} median ${fmt(pct(r.edits, 0.5))}  p95 ${fmt(pct(r.edits, 0.95))}`);
}
const ratio = (a, b) => (pct(a.edits, 0.5) / pct(b.edits, 0.5)).toFixed(2);
console.log(`  ratio (median) ${LINES} lines / 37 lines ${ratio(big, base)}x, ${LINES} lines / plain JS ${ratio(big, js)}x`);
console.log(`load: navigation → first render with data (${LOADS} loads each)`);
for (const r of [base, big, js]) {
  console.log(`  ${r.label.padEnd(26)} median ${fmt(pct(r.loads, 0.5))}  p95 ${fmt(pct(r.loads, 0.95))}`);
}
