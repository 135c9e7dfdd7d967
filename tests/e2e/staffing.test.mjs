// End-to-end: 基本支出测算 (issue 23). A model built with the keyboard on the reference budget:
// its lines appear in 明细 (marked 测) and in the summary, a contribution explains itself,
// a bad rate is refused, and every step undoes back to the reference's figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { writeFile, mkdir, readFile } from 'node:fs/promises';
import { useServerAndBrowser, openApp, shot, ROOT, scratch } from './helpers.mjs';

const env = useServerAndBrowser('/');
const total = (page, v) => page.waitForFunction((t) => document.querySelector('[data-testid=expense-total]')?.textContent === t, v);

async function type(page, testid, value) {
  const field = page.getByTestId(testid).first();
  await field.fill(value);
  await field.press('Tab');
}

test('基本支出测算: build a model, see its lines, explain one, undo every step', async () => {
  const { page, errors } = await openApp(env.browser, env.server.url);
  await threeClerks(page);
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
  // The tab is in the panels module, which fetches its own copy of the catalogue.
  await page.getByTestId('staffing').getByRole('heading', { name: 'Settings' }).waitFor();
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

// A model with the keyboard: 3 科员 all year (职务工资 2,500, 规范津贴补贴 3,000 a month).
async function threeClerks(page) {
  await page.getByRole('tab', { name: '基本支出测算' }).click();
  await page.getByTestId('staffing-create').click();
  await page.getByTestId('staff-row').waitFor();
  await type(page, 'staff-count', '3');
  await type(page, 'staff-pay-post', '2500');
  await type(page, 'staff-pay-allowance', '3000');
  await total(page, '3,852.45');
}

test('levers: 增人 2 from July previewed, applied in a copy, read in 方案对比; payroll import; a hand edit asks; the 测算表 prints', async () => {
  const { page, errors } = await openApp(env.browser, env.server.url);
  await threeClerks(page);
  await page.getByTestId('scenario-copy').click();
  await page.getByRole('tab', { name: '基本支出测算' }).click();
  // 增人: 2 行政编制 from July (the form's defaults but the count), paid the clerks' average.
  await page.getByTestId('lever-kind').selectOption({ label: '增人' });
  await page.getByTestId('lever-count').fill('2');
  const preview = page.getByTestId('lever-preview');
  // Pay 30,000 + 36,000, bonus 2,500, 养老 10,960, 年金 5,480 (人员经费 84,940); 工会经费 1,370.
  await preview.filter({ hasText: '+86,310.00' }).waitFor();
  const rows = await preview.locator('tbody tr').allTextContents();
  assert.match(rows[0], /^基本支出.*\+86,310\.00$/);
  assert.match(rows[1], /^人员经费.*\+84,940\.00$/);
  assert.match(rows[2], /^公用经费.*\+1,370\.00$/);
  assert.match(rows[4], /^支出总计.*\+86,310\.00$/);
  assert.match(await page.getByTestId('lever-label').textContent(), /增人：行政编制2人，7月起/);
  await page.getByTestId('lever-apply').click();
  await total(page, '3,861.08');
  assert.equal(await page.getByTestId('staff-row').count(), 2);
  // 方案对比: the copy against the first scenario.
  await page.getByTestId('scenario-compare').click();
  const figures = page.getByTestId('compare-figures');
  await figures.waitFor();
  assert.match(await figures.textContent(), /支出总计3,852\.453,861\.08\+8\.63/);
  assert.match(await figures.textContent(), /基本支出测算人数35/);
  // A payroll sheet: a bad row is listed and nothing changes; then two persons appended.
  await page.getByRole('tab', { name: '基本支出测算' }).click();
  const csv = await scratch('payroll.csv', '\ufeff姓名,人员类别,职务工资,规范津贴补贴\n001,行政编制,2500,3000\n002,临时,2500,3000\n');
  await page.getByTestId('payroll-file').setInputFiles(csv);

  await page.getByTestId('payroll-panel').waitFor();
  await page.getByTestId('payroll-append').check();
  await page.getByTestId('payroll-run').click();
  assert.match(await page.getByTestId('payroll-errors').textContent(), /第3行：人员类别“临时”无法识别/);
  await total(page, '3,861.08');
  const good = await scratch('payroll-good.csv', '\ufeff姓名,人员类别,职务工资,规范津贴补贴\n001,行政编制,2500,3000\n002,行政编制,2500,3000\n');
  await page.getByTestId('payroll-file').setInputFiles(good);
  await page.getByTestId('payroll-panel').waitFor();
  await page.getByTestId('payroll-append').check();
  await page.getByTestId('payroll-run').click();
  await page.getByTestId('payroll-panel').waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('staff-row').count(), 4);
  // Two more clerks all year: (198,000 + 7,500 + 32,880 + 16,440 + 4,110) × 2/3 = 172,620.
  await total(page, '3,878.34');
  // A generated line edited by hand asks: restored, the model's figure is back.
  await page.getByRole('tab', { name: '明细' }).click();
  const generated = page.locator('tr[data-line]').filter({ has: page.locator('.gen-mark') }).first();
  await generated.locator('td[data-col="7"]').click();
  await page.keyboard.type('1');
  await page.keyboard.press('Enter');
  await page.getByTestId('detach-prompt').waitFor();
  assert.notEqual(await page.getByTestId('expense-total').textContent(), '3,878.34');
  await page.getByTestId('detach-restore').click();
  await total(page, '3,878.34');
  // The 测算表 prints on its own, with the total of the lines.
  await page.getByRole('tab', { name: '基本支出测算' }).click();
  const sum = (await page.getByTestId('staffing-results').textContent()).match(/合计([\d,.]+)元/)[1];
  await page.getByTestId('staffing-print').click();
  await page.getByTestId('staffing-print-total').waitFor();
  assert.equal(await page.getByTestId('staffing-print-total').textContent(), sum);
  assert.match(await page.getByTestId('print-doc').textContent(), /增人（7月起）（行政编制） 2人×6月（7–12月） 职务\/岗位工资2,500\.00 × 2人 × 6月 = 30,000\.00/);
  await shot(page, 'staffing-print.png', { fullPage: true });
  await page.getByRole('button', { name: '← 返回编辑' }).click();
  // Saved as a file (version 8: the staff row from July keeps its first month) and opened
  // again as a new scenario: the model and its lines come back.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '保存', exact: true }).click(),
  ]);
  const saved = path.join(ROOT, 'target', 'e2e', 'staffing-saved.json');
  await download.saveAs(saved);
  const json = JSON.parse(await readFile(saved, 'utf8'));
  assert.equal(json.version, 8);
  const model = json.scenarios[0].budget.staffing[0];
  assert.deepEqual(model.staff.map((s) => [s.count, s.months, s.from ?? null]), [[3, 12, null], [2, 6, 7], [1, 12, null], [1, 12, null]]);
  await page.getByTestId('open-file').setInputFiles(saved);
  await page.getByTestId('notice').filter({ hasText: '已打开“staffing-saved.json”' }).waitFor();
  await page.getByTestId('scenario-select').selectOption({ index: 2 });
  await page.getByRole('tab', { name: '基本支出测算' }).click();
  await page.getByTestId('staff-row').first().waitFor();
  assert.equal(await page.getByTestId('staff-row').count(), 4);
  await total(page, '3,878.34');
  await page.getByTestId('scenario-select').selectOption({ index: 1 });
  // Every step undoes: the opening, the import, the lever (the hand edit and its restore are
  // two more).
  for (let i = 0; i < 5; i++) await page.getByTestId('undo').click();
  await total(page, '3,852.45');
  assert.deepEqual(errors, []);
  await page.close();
});

test('pay items, a contribution base and the bonus edited; a 测 mark explains its line', async () => {
  const { page, errors } = await openApp(env.browser, env.server.url);
  await threeClerks(page);
  const results = page.getByTestId('staffing-results');
  const sum = async () => (await results.textContent()).match(/合计([\d,.]+)元/)[1];
  assert.equal(await sum(), '258,930.00');
  // 养老 on 职务/岗位工资 only (with the bonus): base 32,500 a person, 5,200 × 3 instead of 32,880.
  await type(page, 'base-0', '职务/岗位工资');
  await results.filter({ hasText: '合计241,650.00元' }).waitFor();
  // An unknown pay item in a base is refused; nothing changes.
  await type(page, 'base-1', '职务/岗位工资、加班费');
  await page.getByTestId('notice').filter({ hasText: '没有名为“加班费”的工资项目' }).waitFor();
  assert.equal(await sum(), '241,650.00');
  // No year-end bonus: −7,500 pay, −1,200 养老, −600 年金, −150 工会经费.
  await type(page, 'staffing-bonus', '0');
  await results.filter({ hasText: '合计232,200.00元' }).waitFor();
  // A new pay item (30199) with 100 a month for the clerks: +3,600 and its 工会经费 72.
  await page.getByTestId('pay-item-add').click();
  await page.getByTestId('pay-item').nth(7).waitFor();
  await page.getByTestId('pay-item').nth(7).locator('input').first().fill('伙食补助');
  await page.getByTestId('pay-item').nth(7).locator('input').first().press('Tab');
  await page.locator('th', { hasText: '伙食补助（30199）' }).waitFor();
  await type(page, 'staff-pay-item1', '100');
  await results.filter({ hasText: '合计235,872.00元' }).waitFor();
  // In 明细, the 测 of the 30108 line opens its formula.
  await page.getByRole('tab', { name: '明细' }).click();
  await page.locator('.gen-mark').first().waitFor();
  const row = page.locator('tr[data-line]').filter({ hasText: '30108' }).filter({ has: page.locator('.gen-mark') });
  await row.locator('.gen-mark').click();
  const panel = page.getByTestId('explain');
  await panel.waitFor();
  assert.match(await panel.textContent(), /第\d+号明细（测算生成，2080505 30108）/);
  assert.match(await panel.textContent(), /行政编制 3人×12月 机关事业单位基本养老保险缴费：缴费基数 90,000\.00 × 16% = 14,400\.00/);
  assert.deepEqual(errors, []);
  await page.close();
});
