// Benchmark (not a test): import and export time of a 10,000-line budget in headless
// Chromium, against the 37-line reference budget as the baseline in the same run.
//
//   bash scripts/bench-browser.sh        (builds dist/ first; runs this too)
//   node tests/e2e/bench-files.mjs [lines] [runs]
//
// Export: from the click to the browser's download event (the file is complete); Word is
// the whole document, made in the codec worker from the scenario's file.
// Import: from choosing the file to the import panel (reading; XLSX parsing in the worker),
// and from the 导入 click to the new 支出总计 on screen (checks, apply, recompute, render).
import { chromium } from 'playwright-core';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { startServer, launchOptions, ROOT, pct } from './helpers.mjs';

const LINES = Number(process.argv[2] ?? 10000);
const RUNS = Number(process.argv[3] ?? 7);
const fmt = (ms) => `${ms.toFixed(0)} ms`;
const dir = path.join(ROOT, 'target', 'e2e');

async function exportOnce(page, testid, file) {
  const t0 = Date.now();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  const p = await download.path();
  const ms = Date.now() - t0;
  await writeFile(file, await readFile(p));
  return ms;
}

async function importOnce(page, file) {
  const t0 = Date.now();
  await page.getByTestId('import-file').setInputFiles(file);
  await page.getByTestId('import-panel').waitFor();
  const read = Date.now() - t0;
  const before = await page.getByTestId('expense-total').textContent();
  const t1 = Date.now();
  await page.getByTestId('import-apply').click();
  await page.getByTestId('import-panel').waitFor({ state: 'detached' });
  await page.getByTestId('notice').filter({ hasText: '已导入' }).waitFor();
  const apply = Date.now() - t1;
  // Undo, so every run imports into the same budget.
  await page.getByTestId('undo').click();
  await page.waitForFunction((b) => document.querySelector('[data-testid=expense-total]')?.textContent === b, before);
  return { read, apply, total: read + apply };
}

async function measure(browser, url, label) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(url);
  await page.getByTestId('expense-total').waitFor();
  const xlsx = path.join(dir, `bench-${label}.xlsx`);
  const csv = path.join(dir, `bench-${label}.csv`);
  const docx = path.join(dir, `bench-${label}.docx`);
  const out = { exportXlsx: [], exportCsv: [], exportDocx: [], importXlsx: [], importCsv: [] };
  for (let i = 0; i < RUNS + 1; i++) {
    const ex = await exportOnce(page, 'export-xlsx', xlsx);
    const ec = await exportOnce(page, 'export-lines-csv', csv);
    const ed = await exportOnce(page, 'export-docx', docx);
    const ix = await importOnce(page, xlsx);
    const ic = await importOnce(page, csv);
    if (i === 0) continue; // warm-up: the worker starts on the first XLSX request
    out.exportXlsx.push(ex);
    out.exportCsv.push(ec);
    out.exportDocx.push(ed);
    out.importXlsx.push(ix.total);
    out.importCsv.push(ic.total);
  }
  const size = async (f) => (await readFile(f)).length;
  await page.close();
  return { out, xlsxBytes: await size(xlsx), csvBytes: await size(csv), docxBytes: await size(docx) };
}

await mkdir(dir, { recursive: true });
const server = await startServer('/');
const browser = await chromium.launch(launchOptions());
try {
  const base = await measure(browser, server.url, 'reference');
  const big = await measure(browser, `${server.url}?lines=${LINES}`, `${LINES}`);
  console.log(`import/export in headless Chromium, ${RUNS} runs after a warm-up (median / p95)`);
  console.log(`files of ${LINES} lines: XLSX ${(big.xlsxBytes / 1024).toFixed(0)} KB, CSV ${(big.csvBytes / 1024).toFixed(0)} KB, Word ${(big.docxBytes / 1024).toFixed(0)} KB`);
  console.log('                 37 lines (baseline)      ' + `${LINES} lines` + '            ratio');
  for (const [k, name] of [['exportXlsx', 'export XLSX'], ['exportCsv', 'export CSV'], ['exportDocx', 'export Word'], ['importXlsx', 'import XLSX'], ['importCsv', 'import CSV']]) {
    const b = base.out[k], g = big.out[k];
    console.log(`${name.padEnd(12)}  ${fmt(pct(b, 0.5)).padStart(7)} / ${fmt(pct(b, 0.95)).padStart(7)}    ${fmt(pct(g, 0.5)).padStart(8)} / ${fmt(pct(g, 0.95)).padStart(8)}    ${(pct(g, 0.5) / Math.max(1, pct(b, 0.5))).toFixed(1)}x`);
  }
} finally {
  await browser.close();
  await server.close();
}
