// End-to-end: a Shanghai-format budget started from the template, lines typed with the
// keyboard, the nine tables and the narrative read, the per-项 notes and asset counts
// entered, printed, exported to Excel and imported back unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { useServerAndBrowser, shot, openApp, ROOT } from './helpers.mjs';

const env = useServerAndBrowser('/');
const open = () => openApp(env.browser, env.server.url);
const text = async (page, id) => (await page.getByTestId(id).textContent()).trim();
const total = (page, value) => page.waitForFunction(
  (v) => document.querySelector('[data-testid=expense-total]')?.textContent === v, value);
const lineCount = (page, n) => page.waitForFunction(
  (n) => document.querySelector('[data-testid=line-count]')?.textContent?.startsWith(`共${n}条`), n);

/** Adds a line with Insert and types its cells, Tab between them (columns in grid order). */
async function typeLine(page, n, cells) {
  await page.getByTestId('grid-keys').focus();
  await page.keyboard.press('Insert');
  await lineCount(page, n);
  await page.keyboard.press('Home');
  for (const value of cells) {
    if (value !== null) {
      await page.keyboard.type(value);
    }
    await page.keyboard.press('Tab');
  }
}

test('a Shanghai budget from the template: lines by keyboard, nine tables, narrative, notes, print, Excel round trip', async () => {
  const { page, errors } = await open();
  await page.getByTestId('new-budget').click();
  // 单位性质 first (issue 22): the form opens on it, the name is the next field; the year
  // is the current one.
  await page.waitForFunction(() => document.activeElement?.dataset?.testid === 'new-budget-type');
  assert.equal(await page.getByTestId('new-budget-year').inputValue(), String(new Date().getFullYear()));
  await page.keyboard.press('Tab');
  await page.keyboard.type('某区文化馆');
  await page.getByTestId('new-budget-year').fill('2024');
  await page.getByTestId('new-budget-type').selectOption('institution');
  await page.getByTestId('new-budget-template').selectOption('shanghai');
  await page.getByTestId('new-budget-name').press('Enter');
  await page.waitForFunction(() =>
    document.querySelector('[data-testid=scenario-select] option:checked')?.textContent === '2024年 某区文化馆');
  // An empty budget says how to start; the unit switched to the template's (元).
  assert.match(await page.locator('.grid-wrap p.empty, p.empty').first().textContent(), /粘贴（Ctrl\+V）.*导入明细/);
  assert.equal(await text(page, 'expense-total'), '0.00');
  // Columns: 类型 | 功能科目 | (名称) | 经济科目 | (名称) | 项目 | 资金来源 | 当年预算安排.
  await typeLine(page, 1, [null, '2010350', null, '30101', null, null, null, '1200000']);
  await total(page, '1,200,000.00');
  await typeLine(page, 2, ['项目', '2010350', null, '30227', null, '群众文化活动', null, '500000']);
  await total(page, '1,700,000.00');
  await typeLine(page, 3, ['项目', '2010350', null, '30216', null, '公益培训', '事业收入', '200000']);
  await total(page, '1,900,000.00');
  await shot(page, 'shanghai-lines.png');

  await page.getByRole('tab', { name: '公开表' }).click();
  assert.equal(await page.locator('section.table').count(), 9);
  const t1 = await page.locator('#table-1').textContent();
  assert.match(t1, /2024年财务收支预算总表/);
  assert.match(t1, /单位：元/);
  // 收入: 财政拨款 1,700,000 (income not entered yet: blank); 支出总计 1,900,000 = 人员 1,200,000 + 项目 700,000.
  assert.match(t1, /支出总计1,900,000\.001,200,000\.00700,000\.00/);
  assert.match(await page.locator('#table-2').textContent(), /2010350事业运行1,900,000\.001,700,000\.00200,000\.00/);
  assert.match(await page.locator('#table-7').textContent(), /注：本单位2024年无政府性基金预算安排的预算，故本表为空表。/);
  assert.match(await page.locator('#table-9').textContent(), /单位：万元/);
  await shot(page, 'shanghai-tables.png');

  await page.getByRole('tab', { name: '情况说明' }).click();
  const narrative = async () => (await page.locator('.narrative').first().textContent());
  assert.match(await narrative(), /2024年，某区文化馆收入预算0万元/);
  assert.match(await narrative(), /支出预算190\.00万元，其中：财政拨款支出预算170\.00万元。/);
  assert.match(await narrative(), /1\. “一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）事业运行（项）”170\.00万元。/);
  // The 项's purpose, last year's execution and reason, where the narrative shows them.
  const item = page.locator('.item-note[data-code="2010350"]');
  await item.getByLabel('主要用途').fill('开展群众文化活动');
  await item.getByLabel('主要用途').blur();
  await item.getByLabel('2010350上年执行数').fill('1500000');
  await item.getByLabel('2010350上年执行数').press('Enter');
  await item.getByLabel('增减原因').fill('新增文化活动');
  await item.getByLabel('增减原因').blur();
  await page.waitForFunction(() => document.querySelector('.narrative')?.textContent.includes('主要原因是：新增文化活动。'));
  assert.match(await narrative(),
    /170\.00万元，主要用于开展群众文化活动。2023年当年预算执行数为150\.00万元，2024年预算安排170\.00万元，比2023年预算执行数增加13\.33%。主要原因是：新增文化活动。/);
  // Asset counts: one 其他用车 held, an absurd count refused with a message.
  const assets = page.getByTestId('asset-fields');
  await assets.getByLabel('其他用车（上年末实有）').fill('1');
  await assets.getByLabel('其他用车（上年末实有）').press('Tab');
  await page.waitForFunction(() => document.querySelector('.narrative')?.textContent.includes('本单位共有车辆1辆'));
  await assets.getByLabel('执法执勤用车（本年拟购置）').fill('两辆');
  await assets.getByLabel('执法执勤用车（本年拟购置）').press('Tab');
  await page.getByText('“两辆”不是数量').waitFor();
  assert.match(await narrative(), /预算安排购置车辆0辆/);
  await shot(page, 'shanghai-narrative.png', { fullPage: true });

  // Undo takes back the last change (the count).
  await page.getByRole('button', { name: '↶ 撤销' }).click();
  await page.waitForFunction(() => !document.querySelector('.narrative')?.textContent.includes('本单位共有车辆1辆'));

  // Print: nine tables.
  await page.evaluate(() => { window.print = () => {}; });
  await page.getByRole('button', { name: '打印' }).click();
  await page.getByTestId('print-doc').waitFor();
  assert.equal(await page.locator('.print-doc section.table').count(), 9);
  assert.match(await page.locator('.print-doc').textContent(), /2024年“三公”经费和机关运行经费预算表/);
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));

  // Excel: the nine tables and the lines; the lines import back unchanged.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  assert.equal(download.suggestedFilename(), '2024年 某区文化馆.xlsx');
  const dir = path.join(ROOT, 'target', 'e2e');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'shanghai.xlsx');
  await writeFile(file, await readFile(await download.path()));
  await page.getByRole('tab', { name: '明细' }).click();
  await page.locator('tr[data-line="1"] td[data-col="7"]').click();
  await page.keyboard.type('1000000');
  await page.keyboard.press('Enter');
  await total(page, '1,700,000.00');
  await page.getByTestId('import-file').setInputFiles(file);
  await page.getByTestId('import-panel').waitFor();
  assert.equal(await page.getByTestId('import-sheet').inputValue(), '9');
  assert.match(await text(page, 'import-status'), /已识别全部列，共 3 行数据/);
  await page.getByTestId('import-apply').click();
  await total(page, '1,900,000.00');
  assert.deepEqual(errors, []);
  await page.close();
});
