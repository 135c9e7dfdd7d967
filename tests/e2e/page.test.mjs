// End-to-end: serve the built dist/ folder from a sub-path on localhost, open it in
// headless Chromium like a user, and read the figures off the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { startServer, launchOptions, ROOT } from './helpers.mjs';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

let server, browser;
before(async () => {
  server = await startServer('/tools/budget/');
  browser = await chromium.launch(launchOptions());
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('the page shows the reference figures and switches units', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.url);
  const total = page.getByTestId('expense-total');
  await total.waitFor();
  assert.equal(await total.textContent(), '3,826.55');
  assert.equal(await page.getByTestId('income-total').textContent(), '3,826.55');
  assert.equal(await page.getByTestId('basic-share').textContent(), '28.26%');
  assert.equal(await page.getByTestId('project-share').textContent(), '71.74%');
  assert.equal(await page.getByTestId('balance').textContent(), '收支平衡');
  // Table 1 and the narrative are on the page.
  assert.match(await page.locator('#table-1').textContent(), /3,582\.90/);
  assert.match(await page.locator('.narrative').textContent(), /比上年减少190\.83万元，下降5\.31%/);
  mkdirSync(path.join(ROOT, 'target', 'e2e'), { recursive: true });
  await page.screenshot({ path: path.join(ROOT, 'target', 'e2e', 'page.png') });

  await page.getByRole('button', { name: '元', exact: true }).click();
  await page.waitForFunction(() =>
    document.querySelector('[data-testid=expense-total]')?.textContent === '38,265,540.00');
  assert.deepEqual(errors, []);
  const origin = new URL(server.url).origin;
  const foreign = requests.filter((u) => !u.startsWith(origin));
  assert.deepEqual(foreign, [], 'no request leaves the page origin');
  await page.close();
});
