// End-to-end: 基本支出测算 (issue 23). A model built with the keyboard on the reference budget:
// its lines appear in 明细 (marked 测) and in the summary, a contribution explains itself,
// a bad rate is refused, and every step undoes back to the reference's figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, openApp, shot } from './helpers.mjs';

const env = useServerAndBrowser('/');
const total = (page, v) => page.waitForFunction((t) => document.querySelector('[data-testid=expense-total]')?.textContent === t, v);

async function type(page, testid, value) {
  const field = page.getByTestId(testid).first();
  await field.fill(value);
  await field.press('Tab');
}

test('基本支出测算: build a model, see its lines, explain one, undo every step', async () => {
  const { page, errors } = await openApp(env.browser, env.server.url);
  await page.getByRole('tab', { name: '基本支出测算' }).click();
  await page.getByTestId('staffing-create').click();
  await page.getByTestId('staff-row').waitFor();
  // 3 科员 all year: 职务工资 2,500, 规范津贴补贴 3,000 a month.
  await type(page, 'staff-count', '3');
  await type(page, 'staff-pay-post', '2500');
  await type(page, 'staff-pay-allowance', '3000');
  // Pay 198,000 + bonus 7,500 + 养老 32,880 + 职业年金 16,440 + 工会经费 4,110 = 258,930 元.
  await total(page, '3,852.45');
  const results = page.getByTestId('staffing-results');
  assert.match(await results.textContent(), /测算生成6条基本支出明细，合计258,930\.00元/);
  assert.match(await results.textContent(), /费率未填、未计算：职工基本医疗保险缴费、公务员医疗补助缴费、失业保险缴费、工伤保险缴费、生育保险缴费、住房公积金/);
  // 住房公积金 12% (the locality's rate): + 24,660.
  await type(page, 'rate-7', '12%');
  await total(page, '3,854.91');
  // A rate that does not read is refused; nothing changes.
  await type(page, 'rate-2', 'abc');
  await page.getByTestId('notice').filter({ hasText: '“abc”不是费率' }).waitFor();
  await total(page, '3,854.91');
  // 公务用车运行维护费: 2 vehicles at 20,000 each (30231): + 40,000.
  await page.getByTestId('extra-add').click();
  await page.getByTestId('extra-row').waitFor();
  await type(page, 'extra-per-unit', '20000');
  await type(page, 'extra-units', '2');
  await total(page, '3,858.91');
  // A contribution explains itself.
  const pension = page.getByTestId('staffing-line').filter({ hasText: '30108' });
  await pension.locator('summary').click();
  assert.match(await pension.textContent(), /缴费基数 205,500\.00 × 16% = 32,880\.00/);
  await shot(page, 'staffing.png', { fullPage: true });
  // In English every label of the tab is English; official names (categories, codes'
  // names, contributions) stay Chinese, marked lang="zh-CN".
  await page.getByTestId('lang').click();
  await page.getByRole('tab', { name: 'Staffing' }).waitFor();
  const left = await page.evaluate(() => {
    const cjk = /[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]/;
    const root = document.querySelector('[data-testid=staffing]');
    const official = (el) => !!el.closest('[lang="zh-CN"]');
    const bad = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const el = walker.currentNode.parentElement;
      if (el && cjk.test(walker.currentNode.textContent) && !official(el)) bad.push(walker.currentNode.textContent.trim());
    }
    for (const el of root.querySelectorAll('[placeholder],[aria-label],[title]')) {
      for (const a of ['placeholder', 'aria-label', 'title']) {
        const v = el.getAttribute(a);
        if (v && cjk.test(v) && !official(el)) bad.push(`${a}: ${v}`);
      }
    }
    return bad;
  });
  assert.deepEqual(left, []);
  await page.getByTestId('lang').click();
  await page.getByRole('tab', { name: '基本支出测算' }).waitFor();
  // The lines are in 明细, marked 测.
  await page.getByRole('tab', { name: '明细' }).click();
  await page.locator('.gen-mark').first().waitFor();
  assert.equal(await page.locator(".gen-mark").count(), 8);
  // Detached into ordinary lines (amounts kept, model gone): one step, undone.
  await page.getByRole('tab', { name: '基本支出测算' }).click();
  await page.getByTestId('staffing-detach').click();
  await page.getByTestId('staffing-create').waitFor();
  await total(page, '3,858.91');
  await page.getByRole('tab', { name: '明细' }).click();
  assert.equal(await page.locator('.gen-mark').count(), 0);
  await page.getByTestId('undo').click();
  await page.locator('.gen-mark').first().waitFor();
  assert.equal(await page.locator('.gen-mark').count(), 8);
  // Undo: the vehicles (3 steps), the rate, the allowance, the pay, the count, the model:
  // the reference again.
  for (let i = 0; i < 8; i++) await page.getByTestId('undo').click();
  await total(page, '3,826.55');
  assert.equal(await page.locator('.gen-mark').count(), 0);
  await page.getByRole('tab', { name: '基本支出测算' }).click();
  await page.getByTestId('staffing-create').waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});
