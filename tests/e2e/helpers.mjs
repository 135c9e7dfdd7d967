// Shared by the end-to-end tests: a static file server for dist/ and Chromium options.
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import http from 'node:http';
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = path.join(ROOT, 'dist');

/** Writes a file for a test to choose (under target/e2e/, or a folder of it) and returns its path. */
export async function scratch(name, body, folder = '') {
  const dir = path.join(ROOT, 'target', 'e2e', folder);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, name);
  await writeFile(file, body);
  return file;
}
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * Serves `dir` (default dist/) under `prefix` (e.g. '/tools/budget/') on a free loopback
 * port. `rewrite(rel, body)` may change a file as served (e.g. the deployer's attributes in
 * index.html); `host` picks the address the URL names ('127.0.0.1' or 'localhost', two
 * different origins on the same machine).
 */
export function startServer(prefix = '/', { dir = DIST, rewrite, host = '127.0.0.1' } = {}) {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (!url.pathname.startsWith(prefix)) {
      res.writeHead(404).end();
      return;
    }
    let rel = decodeURIComponent(url.pathname.slice(prefix.length)) || 'index.html';
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(dir, path.normalize(rel));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      let body = await readFile(file);
      if (rewrite) body = await rewrite(rel, body);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        url: `http://${host}:${port}${prefix}`,
        origin: `http://${host}:${port}`,
        // Stopped at once: open keep-alive connections (a browser's) are cut, as when a
        // server goes down.
        close: () => new Promise((r) => { server.close(r); server.closeAllConnections?.(); }),
      });
    });
  });
}

export function launchOptions() {
  return {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run',
    ],
  };
}

/** Saves a screenshot under target/e2e/ for a person to look at. */
export async function shot(page, name, options = {}) {
  const dir = path.join(ROOT, 'target', 'e2e');
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, name), ...options });
}

/** Pastes text into the focused element as a clipboard paste (as Ctrl+V would). */
export async function paste(page, selector, text) {
  await page.locator(selector).evaluate((el, t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

/** Opens the app in a new page and waits for the summary; collects requests and errors. */
export async function openApp(browser, url, viewport = { width: 1280, height: 900 }) {
  const page = await browser.newPage({ viewport });
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.getByTestId('expense-total').waitFor();
  // A fresh page saves the budget it shows once it has heard from IndexedDB; tests that
  // type at once wait for that first save, so that nothing of the start (storage answering
  // late on a loaded machine) can come between their keys. Pages with a configuration in
  // the query (generated budgets, read-only) never save and are not waited for.
  if (!new URL(url).search) await settled(page);
  return { page, requests, errors };
}

/** The p-th quantile (0–1) of a list of timings, as the benchmarks report them. */
export const pct = (v, p) => {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.round((s.length - 1) * p))];
};

/** An init script that records when the summary first shows a total (first render with data). */
export const FIRST_DATA = `
  new MutationObserver((_, obs) => {
    const el = document.querySelector('[data-testid=expense-total]');
    if (el && el.textContent && !window.__firstData) {
      window.__firstData = performance.now();
      obs.disconnect();
    }
  }).observe(document, { subtree: true, childList: true, characterData: true });
`;

/**
 * Starts the page's server on `base` and a headless Chromium before the file's tests and
 * closes both after them (even when a test fails). Returns an object whose `server` and
 * `browser` are set once the tests run.
 */
export function useServerAndBrowser(base = '/') {
  const env = {};
  before(async () => {
    env.server = await startServer(base);
    env.browser = await chromium.launch(launchOptions());
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/**
 * What the app has saved in this browser: IndexedDB's `meta` record and every scenario
 * record, as one text ('' when nothing is stored).
 */
export const storedText = (page) => page.evaluate(() => new Promise((resolve, reject) => {
  const open = indexedDB.open('yusuan');
  open.onerror = () => reject(open.error);
  open.onupgradeneeded = () => {
    for (const s of ['scenarios', 'meta']) open.result.createObjectStore(s);
  };
  open.onsuccess = () => {
    const db = open.result;
    const tx = db.transaction(['meta', 'scenarios']);
    const meta = tx.objectStore('meta').get('workspace');
    const all = tx.objectStore('scenarios').getAll();
    tx.oncomplete = () => { resolve([meta.result ?? '', ...all.result].join('\n')); db.close(); };
  };
}));

/** Waits until what the app saved holds `text`. */
/** Waits (up to 5 s, never failing) until the page has saved something in IndexedDB. */
async function settled(page) {
  for (let i = 0; i < 100; i++) {
    if ((await storedText(page).catch(() => '')) !== '') return;
    await page.waitForTimeout(50);
  }
}

export async function waitStored(page, text) {
  for (let i = 0; i < 200; i++) {
    if ((await storedText(page)).includes(text)) return;
    await page.waitForTimeout(50);
  }
  throw new Error(`nothing saved holds ${text}`);
}
