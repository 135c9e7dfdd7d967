// End-to-end: autosave under stress. The app open in two tabs of one browser (one storage):
// each tab's edits reach the other and survive closing both; the same amount changed in both
// at once keeps both versions with a notice (docs/MULTI-TAB.md). A full storage quota is
// reported and survived: nothing stored is damaged and nothing typed is lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, shot } from './helpers.mjs';

const env = useServerAndBrowser('/');

const cell = (page, line, col) => page.locator(`tr[data-line="${line}"] td[data-col="${col}"]`);
const CURRENT = 7; // 当年预算安排
const waitText = (page, id, value) => page.waitForFunction(
  ([i, v]) => document.querySelector(`[data-testid="${i}"]`)?.textContent.trim() === v, [id, value]);
const scenarioNames = (page) => page.getByTestId('scenario-select').locator('option').allTextContents();

async function tab(context) {
  const page = await context.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(env.server.url);
  await page.getByTestId('expense-total').waitFor();
  await page.getByRole('tab', { name: '明细' }).click();
  return { page, errors };
}

async function type(page, line, value) {
  await cell(page, line, CURRENT).click();
  await page.keyboard.type(value);
  await page.keyboard.press('Enter');
}

test('two tabs: 基本工资 → 300 in one, 津贴补贴 → 200 in the other; both edits stay', async () => {
  const context = await env.browser.newContext();
  const first = await tab(context);
  const second = await tab(context);
  await type(first.page, 1, '300');
  await waitText(first.page, 'expense-total', '3,864.54');
  await type(second.page, 2, '200');
  // Each tab shows both edits: 3,826.55 + 37.98 + 52.70.
  await waitText(second.page, 'expense-total', '3,917.24');
  await waitText(first.page, 'expense-total', '3,917.24');
  await first.page.close();
  await second.page.close();
  const again = await tab(context);
  await waitText(again.page, 'expense-total', '3,917.24');
  assert.deepEqual(await scenarioNames(again.page), ['2023年 晋城市行政审批服务管理局']);
  assert.deepEqual([...first.errors, ...second.errors, ...again.errors], []);
  await context.close();
});

test('two tabs change the same amount at once: both versions are kept, with a notice', async () => {
  const context = await env.browser.newContext();
  // A controlled clock: both edits land before either tab's autosave (300 ms after the
  // last change) runs, as when two people type at once.
  await context.clock.install();
  const first = await tab(context);
  const second = await tab(context);
  // Time stands still until the test moves it (it would otherwise flow with real time).
  await first.page.clock.pauseAt(new Date(Date.now() + 60_000));
  const total = async (page) => (await page.getByTestId('expense-total').textContent()).trim();
  await type(first.page, 1, '300');
  await first.page.clock.runFor(50);
  await type(second.page, 1, '280');
  await first.page.clock.runFor(50);
  // 100 ms of page time since the first edit: neither tab has saved yet.
  assert.equal(await total(first.page), '3,864.54');
  assert.equal(await total(second.page), '3,844.54');
  await first.page.clock.runFor(1000);
  const notice = (p) => p.getByTestId('notice').filter({ hasText: '两个版本都已保留' });
  await Promise.race([notice(first.page).waitFor(), notice(second.page).waitFor()]);
  // The tab that merged saves the merge (its autosave timer), and the other tab hears it.
  await first.page.clock.runFor(1000);
  await shot(first.page, 'tabs-conflict-first.png');
  await shot(second.page, 'tabs-conflict-second.png');
  const names = ['2023年 晋城市行政审批服务管理局', '2023年 晋城市行政审批服务管理局（另一版本）'];
  // Both tabs end with both versions.
  for (const t of [first, second]) {
    await t.page.waitForFunction((n) => document.querySelectorAll('[data-testid=scenario-select] option').length === n, 2);
    assert.deepEqual(await scenarioNames(t.page), names);
  }
  await first.page.close();
  await second.page.close();
  const again = await tab(context);
  assert.deepEqual(await scenarioNames(again.page), names);
  const totals = [];
  for (const name of names) {
    await again.page.getByTestId('scenario-select').selectOption({ label: name });
    await again.page.waitForTimeout(50);
    totals.push((await again.page.getByTestId('expense-total').textContent()).trim());
  }
  // Both versions: 300 (3,864.54) keeps the name (its text is larger, whichever tab merges),
  // 280 (3,844.54) is the other.
  assert.deepEqual(totals, ['3,864.54', '3,844.54']);
  assert.deepEqual([...first.errors, ...second.errors, ...again.errors], []);
  await context.close();
});

test('a full storage quota: the failed save says so, the stored data stays whole, the next save keeps every edit', async () => {
  const context = await env.browser.newContext();
  const { page, errors } = await tab(context);
  const amount = async (p, line) => (await cell(p, line, CURRENT).textContent()).trim();
  await type(page, 1, '300');
  await page.waitForFunction(() => localStorage.getItem('yusuan.budget')?.includes('"current":"3000000.00"'));
  // From now on every write of the budget fails as a full quota does.
  await page.evaluate(() => {
    const setItem = Storage.prototype.setItem;
    window.__quotaFull = true;
    Storage.prototype.setItem = function (key, value) {
      if (window.__quotaFull && key === 'yusuan.budget') {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return setItem.call(this, key, value);
    };
  });
  await type(page, 3, '200');
  await page.getByTestId('notice').filter({ hasText: '浏览器存储空间已满，自动保存失败；本页数据仍在' }).waitFor();
  assert.equal(await amount(page, 3), '200.00');
  const stored = await page.evaluate(() => localStorage.getItem('yusuan.budget'));
  assert.ok(stored.includes('"current":"3000000.00"') && !stored.includes('"current":"2000000.00"'), 'the last good save is intact');
  // Space again: the next edit saves everything typed meanwhile.
  await page.evaluate(() => { window.__quotaFull = false; });
  await type(page, 5, '100');
  await page.waitForFunction(() => localStorage.getItem('yusuan.budget')?.includes('"current":"1000000.00"'));
  await page.close();
  const again = await tab(context);
  assert.deepEqual(
    [await amount(again.page, 1), await amount(again.page, 3), await amount(again.page, 5)],
    ['300.00', '200.00', '100.00'],
  );
  assert.deepEqual([...errors, ...again.errors], []);
  await context.close();
});
