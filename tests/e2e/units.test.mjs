// End-to-end: a 部门预算 of several 预算单位 — add a unit, give it a type, move lines to it,
// watch 机关运行经费 and one unit's figures; a code list imported; every step undone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { writeFile, mkdir } from 'node:fs/promises';
import { useServerAndBrowser, shot, openApp, ROOT } from './helpers.mjs';

const env = useServerAndBrowser('/');

const cell = (page, line, col) => page.locator(`tr[data-line="${line}"] td[data-col="${col}"]`);
const UNIT = 12; // 预算单位 (shown when a department has several units)
const text = async (page, id) => (await page.getByTestId(id).textContent()).trim();
const waitText = (page, id, value) => page.waitForFunction(
  ([i, v]) => document.querySelector(`[data-testid="${i}"]`)?.textContent.trim() === v, [id, value]);
const undo = async (page) => {
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('Control+z');
};
const officeRunning = async (page) => {
  await page.getByRole('tab', { name: '公开表' }).click();
  return (await page.locator('#table-11 tbody tr').first().textContent()).trim();
};

test('a department: a 事业单位 added, lines moved to it, 机关运行经费 and one unit shown; undone', async () => {
  const { page, errors } = await openApp(env.browser, env.server.url);
  await page.getByTestId('units-open').click();
  const panel = page.getByTestId('units-panel');
  await panel.waitFor();
  // A 单位预算 has one unit: the form to add one is not offered, only a hint.
  assert.match(await panel.textContent(), /只有一个预算单位/);
  await page.getByTestId('budget-kind').selectOption('department');
  await page.getByTestId('unit-new-name').fill('某服务中心');
  await page.getByTestId('unit-new-type').selectOption('institution');
  await page.getByTestId('unit-new-name').press('Enter');
  await page.getByTestId('unit-name-u2').waitFor();
  assert.equal(await page.getByTestId('unit-type-u2').inputValue(), 'institution');
  await shot(page, 'units.png');

  // 办公费 (line 11, 77.42) moves to the 事业单位: it leaves 机关运行经费.
  await page.getByRole('tab', { name: '明细' }).click();
  await cell(page, 11, UNIT).click();
  await page.keyboard.type('某服务中心');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('tr[data-line="11"] td[data-col="12"]')?.textContent === '某服务中心');
  assert.match(await officeRunning(page), /部门合计79\.1179\.11/);
  await page.getByRole('tab', { name: '情况说明' }).click();
  assert.match(await page.locator('.narrative').textContent(), /部门预算收支数据变动情况及原因/);
  assert.match(await page.locator('.narrative').textContent(), /机关运行经费财政拨款预算79\.11万元/);

  // One unit alone: its lines, its figures.
  await page.getByTestId('unit-view').selectOption('u2');
  await waitText(page, 'expense-total', '77.42');
  await page.getByRole('tab', { name: '明细' }).click();
  assert.equal(await text(page, 'line-count'), '共37条，显示1条');
  await page.getByTestId('unit-view').selectOption('');
  await waitText(page, 'expense-total', '3,826.55');

  // The unit turned into a 行政单位: its 公用经费 count again.
  await page.getByTestId('unit-type-u2').selectOption('administrative');
  assert.match(await officeRunning(page), /部门合计156\.53156\.53/);

  // Undo: the type, the move, the unit, the kind.
  await undo(page);
  await page.waitForFunction(() => document.querySelector('[data-testid="unit-type-u2"]')?.value === 'institution');
  assert.match(await officeRunning(page), /部门合计79\.11/);
  await undo(page);
  assert.match(await officeRunning(page), /部门合计156\.53/);
  await undo(page);
  await page.getByTestId('unit-name-u2').waitFor({ state: 'detached' });
  await undo(page);
  await page.waitForFunction(() => document.querySelector('[data-testid="budget-kind"]')?.value === 'unit');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a code list gives codes this budget’s own names; the grid marks them; undone', async () => {
  const { page } = await openApp(env.browser, env.server.url);
  const dir = path.join(ROOT, 'target', 'e2e');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'codes.csv');
  await writeFile(file, '\ufeff科目编码,科目名称\n30201,日常办公费\n2081005,社会福利事业单位\n20x,坏编码\n');
  await page.getByTestId('import-codes').setInputFiles(file);
  await page.getByTestId('codes-panel').waitFor();
  assert.match(await page.getByTestId('codes-errors').textContent(), /第4行第1列/);
  assert.ok(await page.getByTestId('codes-apply').isDisabled());
  await page.getByRole('button', { name: '取消' }).click();
  await writeFile(file, '\ufeff科目编码,科目名称\n30201,日常办公费\n2081005,社会福利事业单位\n2010306,政务公开审批\n');
  await page.getByTestId('import-codes').setInputFiles(file);
  await page.getByTestId('codes-status').filter({ hasText: '将命名 2 个科目（1 个已是该名称，不变）' }).waitFor();
  await page.getByTestId('codes-apply').click();
  await page.getByTestId('notice').filter({ hasText: '导入 2 个科目名称' }).waitFor();
  const name = cell(page, 11, 4);
  assert.equal(await name.textContent(), '日常办公费');
  assert.match(await name.getAttribute('class'), /own-name/);
  await undo(page);
  await page.waitForFunction(() => document.querySelector('tr[data-line="11"] td[data-col="4"]')?.textContent === '办公费');
  await page.close();
});
