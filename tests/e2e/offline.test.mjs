// End-to-end: offline and warm start (issue 26). The service worker (scripts/sw-template.js,
// written by scripts/post-build.mjs) caches the build at the first visit; with the server
// stopped the page still opens and saves an edit; a new build is announced and a reload runs
// it alone; a sub-path install and the example host's iframe work; ?offline=0 and
// data-offline="false" register nothing; no request leaves the origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { startServer, launchOptions, shot, waitStored, ROOT } from './helpers.mjs';

let browser;
const servers = [];
const serve = async (...args) => {
  const s = await startServer(...args);
  servers.push(s);
  return s;
};
before(async () => {
  browser = await chromium.launch(launchOptions());
});
after(async () => {
  await browser?.close();
  for (const s of servers) await s.close().catch(() => {});
});

/** A fresh browser profile (its own caches and service workers) and a page in it. */
async function fresh() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const seen = { requests: [], errors: [] };
  context.on('request', (r) => seen.requests.push(r.url()));
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  return { context, page, seen };
}

/** Waits until the service worker controls the page (after its first install). */
const controlled = (page) => page.waitForFunction(() => navigator.serviceWorker?.controller?.state === 'activated', null, { timeout: 30_000 });
const total = (page, v) => page.waitForFunction((t) => document.querySelector('[data-testid=expense-total]')?.textContent === t, v);

test('after one visit the page opens and saves with the server stopped', async () => {
  const server = await serve('/');
  const { context, page, seen } = await fresh();
  await page.goto(server.url);
  await page.getByTestId('expense-total').waitFor();
  await controlled(page);
  const scope = await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.scope));
  assert.equal(scope, server.url);
  // The first visit's worker taking over is not a new build: no notice.
  await page.waitForTimeout(500);
  assert.equal(await page.getByTestId('update-notice').count(), 0);
  await server.close();
  await page.reload();
  await total(page, '3,826.55');
  // An edit is saved (IndexedDB), and still there after another offline reload.
  await page.getByRole('tab', { name: '明细' }).click();
  await page.locator('tr[data-line="1"] td[data-col="7"]').click();
  await page.keyboard.type('300');
  await page.keyboard.press('Enter');
  await total(page, '3,864.54');
  await waitStored(page, '3000000.00');
  await page.reload();
  await total(page, '3,864.54');
  await shot(page, 'offline.png');
  assert.deepEqual(seen.requests.filter((u) => !u.startsWith(server.origin)), []);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('a new build is announced without interrupting, and a reload runs it alone', async () => {
  let build = 'A';
  // Build B: the same files with a marked index.html and a new build id in sw.js.
  const server = await serve('/', {
    rewrite: (rel, body) => {
      if (build === 'A') return body;
      if (rel === 'index.html') return Buffer.from(body.toString().replace('<head>', '<head>\n  <meta name="e2e-build" content="B">'));
      if (rel === 'sw.js') return Buffer.from(body.toString().replace(/const BUILD = '([0-9a-f]+)'/, "const BUILD = '$1b'"));
      return body;
    },
  });
  const { context, page, seen } = await fresh();
  await page.goto(server.url);
  await page.getByTestId('expense-total').waitFor();
  await controlled(page);
  build = 'B';
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  const notice = page.getByTestId('update-notice');
  await notice.waitFor({ timeout: 30_000 });
  assert.match(await notice.textContent(), /有新版本，刷新后使用/);
  // The page goes on as build A: typing is not interrupted, the focus stays where it was.
  assert.equal(await page.locator('meta[name="e2e-build"]').count(), 0);
  await page.getByRole('tab', { name: '明细' }).click();
  await page.locator('tr[data-line="1"] td[data-col="7"]').click();
  await page.keyboard.type('300');
  await page.keyboard.press('Enter');
  await total(page, '3,864.54');
  await shot(page, 'update-notice.png');
  await Promise.all([page.waitForEvent('load'), page.getByTestId('update-reload').click()]);
  await page.getByTestId('expense-total').waitFor();
  assert.equal(await page.locator('meta[name="e2e-build"]').getAttribute('content'), 'B');
  await total(page, '3,864.54');
  assert.equal(await page.getByTestId('update-notice').count(), 0);
  // Every file of the reloaded page is one build B lists.
  const listed = await page.evaluate(async () => {
    const sw = await (await fetch('./sw.js')).text();
    return JSON.parse(sw.match(/const FILES = (\[.*\]);/)[1]);
  });
  const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname.slice(1)));
  for (const f of loaded.filter((f) => f && f !== 'sw.js')) assert.ok(listed.includes(f), `${f} is not a file of build B`);
  assert.deepEqual(seen.requests.filter((u) => !u.startsWith(server.origin)), []);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('a sub-path install and the example host iframe run with the worker', async () => {
  const app = await serve('/', { dir: ROOT });
  const { context, page, seen } = await fresh();
  await page.goto(`${app.url}dist/`);
  await page.getByTestId('expense-total').waitFor();
  await controlled(page);
  const scope = await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.scope));
  assert.equal(scope, `${app.url}dist/`);
  await page.getByTestId('export-xlsx').waitFor();
  // The codec worker (content-hashed) comes through the service worker too.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  assert.ok(download.suggestedFilename().endsWith('.xlsx'));
  // The example host embeds the app in an iframe: from the same site (an intranet portal
  // on the app's own server), the framed app runs with its worker.
  await page.goto(`${app.url}examples/host.html?app=${encodeURIComponent(`${app.url}dist/`)}`);
  await page.frameLocator('#app').getByTestId('expense-total').waitFor();
  const framed = () => page.frames().find((f) => f.url().startsWith(`${app.url}dist/`));
  await framed().waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, { timeout: 30_000 });
  // From another site, where the browser refuses third-party storage (headless Chromium
  // does), the worker is refused and the framed app works as before, without an error.
  const host = await serve('/', { dir: ROOT, host: 'localhost' });
  await page.goto(`${host.url}examples/host.html?app=${encodeURIComponent(`${app.url}dist/`)}`);
  await page.frameLocator('#app').getByTestId('expense-total').waitFor();
  assert.equal(await page.frameLocator('#app').getByTestId('expense-total').textContent(), '3,826.55');
  assert.deepEqual(seen.requests.filter((u) => !u.startsWith(app.origin) && !u.startsWith(host.origin)), []);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('offline=0 and data-offline="false" register nothing', async () => {
  const plain = await serve('/');
  const switchedOff = await serve('/', {
    rewrite: (rel, body) => (rel === 'index.html'
      ? Buffer.from(body.toString().replace('<div id="yusuan" data-yusuan>', '<div id="yusuan" data-yusuan data-offline="false">'))
      : body),
  });
  for (const url of [`${plain.url}?offline=0`, switchedOff.url]) {
    const { context, page, seen } = await fresh();
    await page.goto(url);
    await page.getByTestId('expense-total').waitFor();
    await page.waitForTimeout(1500);
    const n = await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length));
    assert.equal(n, 0, url);
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller), null);
    assert.ok(!seen.requests.some((u) => u.endsWith('/sw.js')), 'sw.js never fetched');
    assert.deepEqual(seen.errors, []);
    await context.close();
  }
});
