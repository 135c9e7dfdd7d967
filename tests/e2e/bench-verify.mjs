// Benchmark (not a test): 核对文档 in headless Chromium — from choosing a PDF to its line's
// summary on screen (reading the file, the reader worker's PDF parsing and rules, the
// page's render of the findings and rebuilt tables). The first run includes starting the
// reader worker (fetching and compiling its module); the rest reuse it. The baseline in the
// same run is the same document's text (pdftotext -layout), so the PDF's own cost shows.
//
//   node tests/e2e/bench-verify.mjs [runs]     (after trunk build --release)
import { chromium } from 'playwright-core';
import path from 'node:path';
import { startServer, launchOptions, ROOT, pct } from './helpers.mjs';

const RUNS = Number(process.argv[2] ?? 9);
const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'verify');
const DOCS = [
  ['putuo-wanli-department-2023.pdf', '35 pages'],
  ['putuo-wanli-department-2023.layout.txt', 'its text'],
  ['shanghai-municipal-unit-2025.pdf', '21 pages'],
];

async function once(page, file) {
  const clear = page.getByRole('button', { name: '清空' });
  if (await clear.isEnabled()) await clear.click();
  const t0 = Date.now();
  await page.getByTestId('verify-input').setInputFiles(path.join(FIXTURES, file));
  await page.waitForFunction(
    (f) => /已核对|有错误|未发现问题/.test(document.querySelector(`[data-testid=verify-files] tr[data-file="${f}"] .status`)?.textContent ?? ''),
    file,
    { timeout: 120_000 },
  );
  await page.getByTestId('verify-detail').waitFor();
  return Date.now() - t0;
}

const server = await startServer('/');
const browser = await chromium.launch(launchOptions());
const page = await browser.newPage();
await page.goto(server.url);
await page.getByTestId('expense-total').waitFor();
await page.getByRole('tab', { name: '核对文档' }).click();
const first = await once(page, DOCS[0][0]);
console.log(`first check (starts the reader worker): ${first} ms`);
for (const [file, what] of DOCS) {
  const times = [];
  for (let i = 0; i < RUNS; i++) times.push(await once(page, file));
  console.log(`${file} (${what}): median ${pct(times, 0.5)} ms, p95 ${pct(times, 0.95)} ms over ${RUNS}`);
}
await browser.close();
server.close();
