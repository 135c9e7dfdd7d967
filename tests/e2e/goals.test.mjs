// End-to-end: the 绩效目标 tab — a new project's form filled by keyboard, a flagged
// mismatch fixed, the forms printed, exported to Excel and imported back, in English too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { useServerAndBrowser, shot, paste, openApp, ROOT, scratch } from './helpers.mjs';

const env = useServerAndBrowser('/');
const open = () => openApp(env.browser, env.server.url);
const text = async (page, id) => (await page.getByTestId(id).textContent()).trim();

const scratchIn = (name, body) => scratch(name, body, 'goals');

async function goals(page) {
  await page.getByRole('tab', { name: '绩效目标' }).click();
  await page.getByTestId('goals').waitFor();
}

test('a new project gets its form by keyboard; the checks guide it to complete; section 十 follows', async () => {
  const { page, errors } = await open();
  const tsv = [
    '支出类型\t功能分类科目\t项目名称\t资金来源\t当年预算安排',
    '项目支出\t2010306\t档案数字化\t一般公共预算\t20',
  ].join('\r\n') + '\r\n';
  await page.getByTestId('grid-keys').focus();
  await paste(page, '.grid-body', tsv);
  await page.waitForFunction(() => document.querySelector('[data-testid=expense-total]')?.textContent === '3,846.55');
  await goals(page);
  assert.match(await page.getByTestId('goals').textContent(), /20张绩效目标表，属于18个项目；1个项目没有绩效目标表。/);
  const row = page.getByTestId('goal-project-18');
  assert.match(await row.textContent(), /档案数字化20\.000\.00无/);
  await page.getByTestId('goal-new-18').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('goal-form').waitFor();
  // The new form opens on 项目概况, with what the budget already knows filled in.
  await page.waitForFunction(() => document.activeElement?.id === 'goal-overview');
  assert.equal(await page.getByTestId('goal-implementer').inputValue(), '晋城市行政审批服务管理局');
  assert.equal(await page.getByTestId('goal-funds_annual.total').inputValue(), '200000.00');
  await page.keyboard.type('对历史档案进行数字化加工。');
  await page.keyboard.press('Tab'); // → 立项依据 (the change is saved on leaving the field)
  await page.keyboard.type('档案管理办法');
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => document.querySelector('#goal-basis')?.value === '档案管理办法');
  const problems = await page.getByTestId('goal-problems').textContent();
  assert.match(problems, /第21张绩效目标表（档案数字化）的实施期资金总额0\.00元小于年度资金总额200,000\.00元/);
  assert.match(problems, /实施期绩效指标缺少产出指标、效益指标、满意度指标/);
  // 实施期资金: typed like a grid cell; Enter commits and moves down the column.
  await page.getByTestId('goal-funds_period.total').focus();
  await page.keyboard.type('20万');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.closest('#goal-funds_period\\.central'));
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.closest('#goal-funds_period\\.local'));
  await page.keyboard.type('200000');
  await page.keyboard.press('Enter');
  // Three indicators, one per 一级指标: choose the category, Enter on 添加指标, type.
  const add = async (kind, name, value, n) => {
    await page.getByLabel('新指标的二级指标（实施期）').selectOption(kind);
    await page.getByTestId('goal-add-indicators_period').focus();
    await page.keyboard.press('Enter');
    const input = page.locator('#goal-indicators_period\\[' + n + '\\]');
    await input.waitFor();
    await input.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(name);
    await page.keyboard.press('Tab');
    await page.keyboard.type(value);
    await page.keyboard.press('Tab');
    await page.waitForFunction(([n, v]) => document.querySelectorAll('[data-testid="goal-indicators_period"] input.goal-value')[n]?.value === v, [n, value]);
  };
  await add('quantity', '数字化档案数量', '≥5000卷', 0);
  await add('social', '提高档案利用效率', '提高', 1);
  await add('satisfaction', '档案利用者满意度', '≥90%', 2);
  await page.getByTestId('goal-same').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('goal-complete').waitFor();
  assert.equal(await text(page, 'goal-complete'), '此表检查通过。');
  await shot(page, 'goal-new-form.png', { fullPage: true });
  // Undo takes back the last change (the copied indicators), redo puts it back.
  await page.keyboard.press('Control+z');
  await page.getByTestId('goal-problems').waitFor();
  await page.keyboard.press('Control+y');
  await page.getByTestId('goal-complete').waitFor();
  // Section 十 counts the new form and its project's money.
  await page.getByRole('tab', { name: '情况说明' }).click();
  assert.match(await page.locator('.narrative').first().textContent(),
    /十、绩效管理情况2023年晋城市行政审批服务管理局单位实行绩效目标管理的项目21个，涉及一般公共预算当年拨款2,765\.25万元。/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a flagged mismatch: the check jumps to the field, the fix clears it', async () => {
  const { page } = await open();
  assert.equal(await text(page, 'check-count'), '0个错误 11个警告');
  await goals(page);
  await page.getByTestId('goal-open-0').click();
  const total = page.getByTestId('goal-funds_annual.total');
  await total.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2400000');
  await page.keyboard.press('Enter');
  await page.getByTestId('goal-problems').waitFor();
  assert.equal(await text(page, 'check-count'), '1个错误 12个警告');
  // From the 检查 tab, the finding opens the form at the field.
  await page.getByRole('tab', { name: '检查' }).click();
  await page.locator('.checks li', { hasText: '与项目“2022年项目尾款”的预算2,470,000.00元' }).click();
  await page.getByTestId('goal-form').waitFor();
  await page.waitForFunction(() => document.activeElement?.closest('#goal-funds_annual\\.total'));
  await page.getByTestId('goal-take-project').click();
  await page.getByTestId('goal-complete').waitFor();
  assert.equal(await total.inputValue(), '2470000.00');
  assert.equal(await text(page, 'check-count'), '0个错误 11个警告');
  await page.close();
});

test('the forms print one per page, export to Excel and import back', async () => {
  const { page } = await open();
  await page.evaluate(() => { window.print = () => {}; });
  await page.getByRole('button', { name: '打印' }).click();
  await page.getByTestId('print-doc').waitFor();
  const printed = page.locator('.print-doc table.goal-print');
  assert.equal(await printed.count(), 20);
  const first = await printed.first().textContent();
  assert.match(first, /项目名称2022年项目尾款/);
  assert.match(first, /实施期资金总额：6,837,600年度资金总额：2,470,000/);
  assert.match(first, /产出指标数量指标完成项目尾款支付数9个数量指标完成项目尾款支付数9个/);
  await page.emulateMedia({ media: 'print' });
  await printed.first().scrollIntoViewIfNeeded();
  await shot(page, 'goal-print.png');
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('button', { name: '← 返回编辑' }).click();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  const file = await scratchIn('export.xlsx', await readFile(await download.path()));
  // Change one form and delete the last; the import brings both back.
  await goals(page);
  await page.getByTestId('goal-open-0').click();
  await page.getByTestId('goal-overview').fill('改写的概况');
  await page.getByTestId('goal-overview').blur();
  await page.waitForFunction(() => document.querySelector('#goal-overview')?.value === '改写的概况');
  await page.getByTestId('goal-back').click();
  await page.getByTestId('goal-open-19').click();
  await page.getByTestId('goal-remove').click();
  await page.getByTestId('goals').waitFor();
  assert.match(await page.getByTestId('goals').textContent(), /19张绩效目标表，属于17个项目；1个项目没有绩效目标表。/);
  await page.getByTestId('goal-import').setInputFiles(file);
  await page.getByTestId('notice').filter({ hasText: '已从“export.xlsx”导入绩效目标表：替换19张，新增1张（可撤销）' }).waitFor();
  assert.match(await page.getByTestId('goals').textContent(), /20张绩效目标表，属于18个项目；0个项目没有绩效目标表。/);
  await page.getByTestId('goal-open-0').click();
  assert.match(await page.getByTestId('goal-overview').inputValue(), /^2023年合同到期项目尾款683\.76万元/);
  await page.getByTestId('goal-back').click();
  assert.match(await page.getByTestId('goal-project-7').textContent(), /^专网专线5\.750\.00第20张 完整$/);
  assert.equal(await text(page, 'check-count'), '0个错误 11个警告');
  // A file without forms changes nothing and says why.
  const csv = await scratchIn('lines.csv', '功能分类科目,当年预算安排\n2010306,1\n');
  await page.getByTestId('goal-import').setInputFiles(csv);
  await page.getByTestId('notice').filter({ hasText: '无法导入“lines.csv”：文件中没有绩效目标表' }).waitFor();
  await page.close();
});

test('the tab in English; read-only keeps the forms unchangeable', async () => {
  const { page } = await open();
  await page.getByTestId('lang').click();
  await page.getByRole('tab', { name: 'Performance goals' }).click();
  assert.match(await page.getByTestId('goals').textContent(), /20 goal forms, for 18 projects; 0 projects have no goal form\./);
  await page.getByTestId('goal-open-2').click();
  assert.equal(await page.getByTestId('goal-overview').getAttribute('aria-label'), 'Project overview');
  assert.match(await page.getByTestId('goal-problems').textContent(), /goal form 3 \(编外人员管理经费\): a cost indicator exceeds the project's money/);
  await page.close();
  const ro = await env.browser.newPage();
  await ro.goto(env.server.url + '?mode=readonly');
  await ro.getByTestId('expense-total').waitFor();
  await ro.getByRole('tab', { name: '绩效目标' }).click();
  await ro.getByTestId('goal-open-0').click();
  assert.equal(await ro.getByTestId('goal-overview').isDisabled(), true);
  assert.equal(await ro.getByTestId('goal-remove').count(), 0);
  await ro.close();
});
