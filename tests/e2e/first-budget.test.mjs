// End-to-end, issue 22: a county 事业单位 drafts its own first budget from 新建预算 with the
// keyboard — 单位性质 first, focus where the next key belongs, a 事业单位's 政府经济分类 (505),
// an impossible code refused with what was meant, checks without rule ids, a narrative that
// says 单位 and counts the projects still without 绩效目标表.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { useServerAndBrowser, shot, openApp, ROOT } from './helpers.mjs';

const env = useServerAndBrowser('/');
const open = () => openApp(env.browser, env.server.url);
const active = (page) => page.evaluate(() => document.activeElement?.dataset?.testid ?? document.activeElement?.tagName);
const total = (page, value) => page.waitForFunction(
  (v) => document.querySelector('[data-testid=expense-total]')?.textContent === v, value);

/** Types a line's cells from the 功能科目 on, Tab between them (grid order from there:
 * 功能科目 | (名称) | 经济科目 | (名称) | 项目 | 资金来源 | 当年预算安排). */
async function typeCells(page, cells) {
  for (const value of cells) {
    if (value !== null) await page.keyboard.type(value);
    await page.keyboard.press('Tab');
  }
}

test('a 事业单位 drafts its first budget with the keyboard', async () => {
  const { page, errors } = await open();
  await page.getByTestId('new-budget').click();
  await page.waitForFunction(() => document.activeElement?.dataset?.testid === 'new-budget-type');
  await page.getByTestId('new-budget-type').selectOption('institution');
  await page.keyboard.press('Tab');
  await page.keyboard.type('某县疾病预防控制中心');
  await page.keyboard.press('Enter');
  // Focus on ＋ 新增, not the page body; Enter adds a line and the keys go to its 功能科目.
  await page.waitForFunction(() => document.activeElement?.dataset?.testid === 'add-line');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.dataset?.testid === 'grid-keys');
  // An impossible code is refused with what was likely meant; the line keeps no code.
  await page.keyboard.type('2990101');
  await page.keyboard.press('Enter');
  await page.getByTestId('notice').filter({ hasText: '没有以“299”开头的支出功能分类（类）' }).waitFor();
  await page.keyboard.press('Escape');
  await typeCells(page, ['2100401', null, '30101', null, null, null, '100']);
  await total(page, '100.00');
  // A second line: 办公费; a project without a 绩效目标表.
  await page.getByTestId('add-line').click();
  await typeCells(page, ['2100401', null, '30201', null, null, null, '10']);
  await total(page, '110.00');
  await page.getByTestId('add-line').click();
  await page.keyboard.press('Home'); // back to 类型
  await typeCells(page, ['项目', '2100401', null, '30218', null, '疫苗冷链', null, '60']);
  await total(page, '170.00');
  await shot(page, 'first-budget-lines.png');

  // Table 6: a 事业单位's 基本支出 is 505 对事业单位经常性补助.
  await page.getByRole('tab', { name: '公开表' }).click();
  const t6 = await page.locator('#table-6').textContent();
  assert.match(t6, /基本工资工资福利支出100\.00100\.00/);
  assert.match(t6, /办公费商品和服务支出10\.0010\.00/);

  // Checks read as sentences: no rule ids on screen (they stay as data attributes).
  await page.getByRole('tab', { name: '检查' }).click();
  const checks = await page.getByTestId('checks').textContent();
  assert.doesNotMatch(checks, /unknown_code|goal_missing|office_running/);
  assert.ok(await page.locator('[data-rule=goal_missing]').count() > 0);
  // A 事业单位 is not told about 机关运行经费.
  assert.equal(await page.locator('[data-rule=office_running]').count(), 0);
  // A code without a name is named where it shows, each one undo step: the 款 21004 from
  // its group row in 明细, the 项 2100401 from its table row (undone), then from 检查.
  await page.getByRole('tab', { name: '明细' }).click();
  await page.getByLabel('按类/款分组').check();
  page.once('dialog', (d) => d.accept('公共卫生'));
  await page.getByTestId('name-group-21004').click();
  await page.locator('tr.group', { hasText: '21004 公共卫生' }).waitFor();
  await page.getByLabel('按类/款分组').uncheck();
  await page.getByRole('tab', { name: '公开表' }).click();
  const t3 = page.locator('#table-3');
  assert.match(await t3.textContent(), /21004公共卫生/);
  await t3.getByTestId('name-code-2100401').first().locator('input').fill('疾病预防控制机构');
  await t3.getByTestId('name-code-2100401').first().getByRole('button', { name: '命名' }).click();
  await page.waitForFunction(() => document.querySelector('#table-3')?.textContent.includes('2100401疾病预防控制机构'));
  assert.equal(await page.getByTestId('name-code-2100401').count(), 0);
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelector('#table-3')?.textContent.includes('（未知科目2100401）'));
  await page.getByRole('tab', { name: '检查' }).click();
  await page.getByTestId('name-code-2100401').first().locator('input').fill('疾病预防控制机构');
  await page.getByTestId('name-code-2100401').first().locator('input').press('Enter');
  await page.getByTestId('name-code-2100401').first().waitFor({ state: 'detached' });
  assert.equal(await page.locator('[data-rule=unknown_code]').count(), 0);

  // The narrative: “单位”, not “部门各单位”; the project waiting for its form is counted.
  await page.getByRole('tab', { name: '情况说明' }).click();
  const narrative = await page.locator('.narrative').first().textContent();
  assert.match(narrative, /某县疾病预防控制中心单位政府采购预算总额0万元/);
  assert.doesNotMatch(narrative, /部门各单位/);
  assert.match(narrative, /有1个项目尚未填写绩效目标表/);
  assert.match(narrative, /一、本单位职责（未填写）/);
  await shot(page, 'first-budget-narrative.png', { fullPage: true });

  // Print: the document's title names the PDF; it comes back after printing.
  const year = String(new Date().getFullYear());
  await page.evaluate(() => { window.print = () => {}; });
  await page.getByRole('button', { name: '打印' }).click();
  await page.getByTestId('print-doc').waitFor();
  await page.waitForFunction((y) => document.title === `某县疾病预防控制中心${y}年单位预算`, year);
  assert.match(await page.locator('.print-doc').textContent(), /一般公共预算安排基本支出分经济科目表/);
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await page.waitForFunction(() => document.title !== '' && !document.title.includes('某县疾病预防控制中心'));

  // Excel: one workbook of the tables (sheet names without the year) and the lines; it reads
  // back in the app's own import.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-xlsx').click(),
  ]);
  assert.equal(download.suggestedFilename(), `${year}年 某县疾病预防控制中心.xlsx`);
  const dir = path.join(ROOT, 'target', 'e2e');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'first-budget.xlsx');
  await writeFile(file, await readFile(await download.path()));
  await page.getByTestId('import-file').setInputFiles(file);
  await page.getByTestId('import-panel').waitFor();
  const sheets = await page.getByTestId('import-sheet').locator('option').allTextContents();
  assert.ok(sheets.some((n) => n.startsWith('表6 一般公共预算安排基本支出分经济科目表')), sheets.join('|'));
  assert.ok(sheets.some((n) => n.startsWith('明细')), sheets.join('|'));
  assert.deepEqual(errors, []);
  await page.close();
});
