// End-to-end: everything in a budget is editable — income per fund source, 收入随支出,
// prior-year figures, the fund sources themselves, 政府采购 and the document's texts — each
// change one undo step; read-only mode shows the same without inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { writeFile, mkdir } from 'node:fs/promises';
import { useServerAndBrowser, shot, openApp, ROOT } from './helpers.mjs';

const env = useServerAndBrowser('/');

const open = (url = env.server.url) => openApp(env.browser, url);
const cell = (page, line, col) => page.locator(`tr[data-line="${line}"] td[data-col="${col}"]`);
const CURRENT = 7; // 当年预算安排
const text = async (page, id) => (await page.getByTestId(id).textContent()).trim();
const waitText = (page, id, value) => page.waitForFunction(
  ([i, v]) => document.querySelector(`[data-testid="${i}"]`)?.textContent.trim() === v, [id, value]);
const section = (page, key) => page.locator(`.narrative section[data-section="${key}"]`).first();
const undo = async (page) => {
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('Control+z');
};

async function editFirstLine(page, value, expect) {
  await page.getByRole('tab', { name: '明细' }).click();
  await cell(page, 1, CURRENT).click();
  await page.keyboard.type(value);
  await page.keyboard.press('Enter');
  await waitText(page, 'expense-total', expect);
}

test('收入随支出 balances an edited budget; income shares and 比上年 follow; each step undoes', async () => {
  const { page, errors } = await open();
  await editFirstLine(page, '300', '3,864.54');
  assert.equal(await text(page, 'balance'), '相差 -37.98');
  await page.getByRole('tab', { name: '收入与上年数' }).click();
  assert.equal(await text(page, 'source-gap-gpb'), '收入不足 37.98');
  await page.getByTestId('income-match').click();
  await waitText(page, 'balance', '收支平衡');
  assert.equal(await text(page, 'source-gap-gpb'), '平衡');
  assert.equal(await page.getByTestId('income-current-gpb').inputValue(), '3440.737');
  await shot(page, 'income.png', { fullPage: true });
  await page.getByRole('tab', { name: '情况说明' }).click();
  const income = await section(page, 'income').textContent();
  assert.match(income, /一般公共预算拨款收入3,440\.74万元，占89\.03%/);
  assert.match(income, /上年结转423\.80万元，占10\.97%/);

  // A prior-year 支出总计 typed (in 万元, as on screen) changes 比上年 everywhere.
  await page.getByRole('tab', { name: '收入与上年数' }).click();
  const prior = page.getByTestId('prior-expensetotal');
  assert.equal(await prior.inputValue(), '3593.58');
  await prior.fill('３０００');
  await prior.press('Enter');
  await waitText(page, 'prior-change-expensetotal', '+864.54 (+28.82%)');
  assert.match(await page.getByTestId('summary').textContent(), /支出总计3,864\.54比上年 \+864\.54 \(\+28\.82%\)/);
  await page.getByRole('tab', { name: '情况说明' }).click();
  assert.match(await section(page, 'changes').textContent(), /支出总计3,864\.54万元.*比上年增加864\.54万元，增长28\.82%/);
  await page.getByRole('tab', { name: '收入与上年数' }).click();
  // A refused amount keeps the old value and says why.
  await prior.fill('abc');
  await prior.press('Enter');
  await page.getByTestId('notice').filter({ hasText: '上年支出总计未修改' }).waitFor();
  assert.equal(await prior.inputValue(), '3000.00');

  // Undo: the prior, then 收入随支出, then the line.
  await undo(page);
  await page.getByTestId('notice').filter({ hasText: '已撤销：修改上年支出总计' }).waitFor();
  await undo(page);
  await waitText(page, 'balance', '相差 -37.98');
  await undo(page);
  await waitText(page, 'expense-total', '3,826.55');
  await waitText(page, 'balance', '收支平衡');
  assert.deepEqual(errors, []);
  await page.close();
});

test('收入随支出 kept on: edits of lines keep the budget balanced; income fields are not typed', async () => {
  const { page } = await open();
  await page.getByRole('tab', { name: '收入与上年数' }).click();
  await page.getByTestId('income-follow').check();
  await page.getByTestId('follows').waitFor();
  assert.equal(await page.getByTestId('income-current-gpb').evaluate((el) => el.tagName), 'SPAN');
  await editFirstLine(page, '300', '3,864.54');
  assert.equal(await text(page, 'balance'), '收支平衡');
  await undo(page);
  await waitText(page, 'expense-total', '3,826.55');
  await undo(page);
  await page.getByRole('tab', { name: '收入与上年数' }).click();
  assert.equal(await page.getByTestId('income-current-gpb').evaluate((el) => el.tagName), 'INPUT');
  await page.close();
});

test('a new 事业收入 source: lines imported onto it, balanced, shown in the tables; undone step by step', async () => {
  const { page, errors } = await open();
  await page.getByRole('tab', { name: '收入与上年数' }).click();
  await page.getByTestId('source-new-name').fill('事业收入');
  await page.getByTestId('source-new-kind').selectOption('non_fiscal');
  await page.getByTestId('source-new-name').press('Enter');
  await page.getByTestId('source-name-s1').waitFor();
  assert.equal(await page.getByTestId('source-name-s1').inputValue(), '事业收入');
  // A source still used cannot be removed; the message says by what.
  await page.getByTestId('source-remove-gpb').click();
  await page.getByTestId('notice').filter({ hasText: '资金来源“一般公共预算”仍被使用（第1、2、3、4、5号等37条明细；收入）' }).waitFor();

  const dir = path.join(ROOT, 'target', 'e2e');
  await mkdir(dir, { recursive: true });
  const csv = path.join(dir, 'business-income.csv');
  await writeFile(csv, '\ufeff支出类型,功能分类科目,部门经济分类,资金来源,当年预算安排\n基本支出,2010306,30201,事业收入,50000\n基本支出,2010306,30205,事业收入,25000.50\n');
  await page.getByTestId('import-file').setInputFiles(csv);
  await page.getByTestId('import-panel').waitFor();
  await page.getByTestId('import-unit').selectOption('yuan');
  await page.getByTestId('import-append').check();
  await page.getByTestId('import-apply').click();
  await waitText(page, 'expense-total', '3,834.05');
  await page.getByRole('tab', { name: '收入与上年数' }).click();
  assert.equal(await text(page, 'source-gap-s1'), '收入不足 7.50');
  await page.getByTestId('income-match').click();
  await waitText(page, 'balance', '收支平衡');
  assert.equal(await text(page, 'source-gap-s1'), '平衡');
  // The income table gets a 事业收入 column.
  await page.getByRole('tab', { name: '公开表' }).click();
  assert.match(await page.locator('#table-2').textContent(), /事业收入/);
  await page.getByRole('tab', { name: '情况说明' }).click();
  assert.match(await section(page, 'income').textContent(), /事业收入7\.50万元，占0\.20%/);
  // Each step undoes: the balancing, the import, the new source.
  await undo(page);
  await waitText(page, 'balance', '相差 -7.50');
  await undo(page);
  await waitText(page, 'expense-total', '3,826.55');
  await undo(page);
  await page.getByRole('tab', { name: '收入与上年数' }).click();
  assert.equal(await page.getByTestId('source-name-s1').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('政府采购 and the document texts are edited where the narrative shows them', async () => {
  const { page } = await open();
  await page.getByRole('tab', { name: '情况说明' }).click();
  // 国有资产: click the text, edit, Ctrl+Enter saves.
  await section(page, 'assets').locator('button.reason').first().click();
  const editor = page.locator('#inline-reason');
  await editor.waitFor();
  assert.equal(await editor.inputValue(), '1、车辆情况：无\n2、房屋情况：无\n3、其他国有资产占有使用情况：无');
  await editor.fill('1、车辆情况：执法执勤用车2辆\n2、房屋情况：无');
  await editor.press('Control+Enter');
  await section(page, 'assets').filter({ hasText: '执法执勤用车2辆' }).waitFor();
  assert.equal(await section(page, 'assets').locator('p').count(), 2);
  // 政府采购 in the fields below: 服务 1,265 → 1,300; the section follows.
  const services = page.getByRole('textbox', { name: '政府采购服务预算' });
  await services.fill('1300');
  await services.press('Enter');
  await section(page, 'procurement').filter({ hasText: '政府采购预算总额1,300.00万元' }).waitFor();
  // A zero field is empty with a placeholder; clicking it and typing 35 stores 35, not
  // 350 (issue 22: the caret landed before a shown “0”); values show two decimals.
  const goods = page.getByRole('textbox', { name: '政府采购货物预算' });
  assert.equal(await goods.inputValue(), '');
  assert.equal(await goods.getAttribute('placeholder'), '0.00');
  await goods.click();
  await page.keyboard.type('35');
  await page.keyboard.press('Enter');
  await section(page, 'procurement').filter({ hasText: '政府采购货物预算35.00万元' }).waitFor();
  assert.equal(await page.getByRole('textbox', { name: '政府采购货物预算' }).inputValue(), '35.00');
  // Clicking a field with a value selects it: typing replaces it.
  await page.getByRole('textbox', { name: '政府采购货物预算' }).click();
  await page.keyboard.type('12');
  await page.keyboard.press('Enter');
  await section(page, 'procurement').filter({ hasText: '政府采购货物预算12.00万元' }).waitFor();
  await undo(page);
  await undo(page);
  await section(page, 'procurement').filter({ hasText: '政府采购货物预算0万元' }).waitFor();
  // The overview (概况) shows and edits the same way.
  assert.match(await section(page, 'duties').textContent(), /一、本单位职责/);
  await undo(page);
  await section(page, 'procurement').filter({ hasText: '政府采购预算总额1,265.00万元' }).waitFor();
  await undo(page);
  await section(page, 'assets').filter({ hasText: '3、其他国有资产占有使用情况：无' }).waitFor();
  await page.close();
});

test('read-only mode shows income, sources and priors without any input', async () => {
  const { page } = await open(`${env.server.url}?mode=readonly`);
  await page.getByRole('tab', { name: '收入与上年数' }).click();
  const view = page.getByTestId('income-view');
  await view.waitFor();
  assert.match(await view.textContent(), /一般公共预算.*3,402\.75.*423\.80/);
  assert.match(await view.textContent(), /3,593\.58/);
  assert.equal(await view.locator('input, select, button').count(), 0);
  await page.getByRole('tab', { name: '情况说明' }).click();
  assert.equal(await page.locator('.narrative textarea, .narrative input').count(), 0);
  await page.close();
});
