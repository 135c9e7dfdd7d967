// End-to-end: the panels module (issue 26). Views a first paint never shows — 核对文档,
// 基本支出测算, 绩效目标, 收入与上年数, 方案对比 and the drafting panels — are a wasm module of
// their own (src/bin/panels.rs, src/ui/lazy.rs): not fetched by the first load, fetched once
// when the first of them opens, and a change made in one goes to the page's budget (and its
// undo). A module that cannot be fetched is said, the page goes on, and the next opening
// tries again. Pages here run with ?offline=0: the service worker would fetch every file at
// install (that is its job, tested in offline.test.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useServerAndBrowser, openApp, shot, ROOT } from './helpers.mjs';

const env = useServerAndBrowser('/');
const panels = (requests) => requests.filter((u) => /\/panels-[0-9a-f]+(_bg\.wasm|\.js)$/.test(u));
const total = (page, v) => page.waitForFunction((t) => document.querySelector('[data-testid=expense-total]')?.textContent === t, v);

test('the first load fetches no panel; the first panel opened fetches the module once; a change there is the page’s', async () => {
  const { page, requests, errors } = await openApp(env.browser, env.server.url + '?offline=0');
  await page.waitForTimeout(300);
  assert.deepEqual(panels(requests), []);
  await page.getByRole('tab', { name: '基本支出测算' }).click();
  await page.getByTestId('staffing-create').waitFor();
  assert.equal(panels(requests).length, 2, panels(requests).join('\n'));
  // The model made in the panel is the page's: one step of its undo, which takes it away.
  await page.getByTestId('staffing-create').click();
  await page.getByTestId('staffing-results').waitFor();
  await page.getByTestId('undo').click();
  await page.getByTestId('staffing-create').waitFor();
  assert.match(await page.getByTestId('notice').textContent(), /已撤销/);
  await total(page, '3,826.55');
  // Other panels come from the same module, fetched once.
  await page.getByRole('tab', { name: '绩效目标' }).click();
  await page.getByTestId('goal-open-0').waitFor();
  await page.getByRole('tab', { name: '收入与上年数' }).click();
  await page.getByRole('tab', { name: '核对文档' }).click();
  await page.getByRole('tab', { name: '明细' }).click();
  await page.locator('tr[data-line="1"] td[data-col="7"]').click();
  await page.keyboard.type('300');
  await page.keyboard.press('Enter');
  await total(page, '3,864.54');
  assert.equal(panels(requests).length, 2);
  assert.deepEqual(requests.filter((u) => !u.startsWith(env.server.origin)), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('two panels open at once each reach the page: 批量调整 applied while 核对文档 was opened after it', async () => {
  const { page, errors } = await openApp(env.browser, env.server.url + '?offline=0');
  await page.getByTestId('adjust-open').click();
  await page.getByTestId('adjust-group').selectOption({ label: '公用经费' });
  await page.getByTestId('adjust-value').fill('-5');
  await page.getByTestId('adjust-preview').filter({ hasText: '合计 156.53 → 148.70' }).waitFor();
  // Another panel of the module mounted after it (核对文档 stays mounted once opened).
  await page.getByRole('tab', { name: '核对文档' }).click();
  await page.getByTestId('lazy-verify').getByTestId('verify-input').waitFor({ state: 'attached' });
  await page.getByTestId('adjust-apply').click();
  await total(page, '3,818.73');
  await page.getByTestId('undo').click();
  await total(page, '3,826.55');
  assert.deepEqual(errors, []);
  await page.close();
});

test('核对文档 keeps its files through the print preview, which replaces the page for a while', async () => {
  const { page, errors } = await openApp(env.browser, env.server.url + '?offline=0');
  await page.getByRole('tab', { name: '核对文档' }).click();
  await page.getByTestId('verify-input').setInputFiles(path.join(ROOT, 'tests', 'fixtures', 'verify', 'reference-2023.txt'));
  const status = page.locator('[data-testid=verify-files] tr[data-file="reference-2023.txt"] .status');
  await status.filter({ hasText: '已核对' }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: '打印' }).click();
  await page.getByRole('button', { name: '← 返回编辑' }).click();
  await page.getByRole('tab', { name: '核对文档' }).click();
  await status.filter({ hasText: '已核对' }).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test('a panels module that cannot be fetched is said; the page goes on; the next opening loads it', async () => {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.route(/\/panels-[0-9a-f]+\.js$/, (r) => r.abort());
  await page.goto(env.server.url + '?offline=0');
  await page.getByTestId('expense-total').waitFor();
  await page.getByRole('tab', { name: '基本支出测算' }).click();
  const failed = page.getByTestId('lazy-staffing').getByRole('alert');
  await failed.waitFor();
  assert.match(await failed.textContent(), /无法载入这一部分，请检查网络后重新打开此页签/);
  await shot(page, 'lazy-failed.png');
  // The page itself goes on.
  await page.getByRole('tab', { name: '明细' }).click();
  await page.locator('tr[data-line="1"] td[data-col="7"]').click();
  await page.keyboard.type('300');
  await page.keyboard.press('Enter');
  await total(page, '3,864.54');
  // The network back, the tab opened again loads the module.
  await page.unroute(/\/panels-[0-9a-f]+\.js$/);
  await page.getByRole('tab', { name: '基本支出测算' }).click();
  await page.getByTestId('staffing-create').waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});
