// End-to-end: editing the budget like a user, with the mouse, the keyboard and the
// clipboard, and reading every figure that follows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useServerAndBrowser, shot, paste, openApp, ROOT, waitStored } from './helpers.mjs';

const env = useServerAndBrowser('/');

const open = (viewport) => openApp(env.browser, env.server.url, viewport);

const cell = (page, line, col) => page.locator(`tr[data-line="${line}"] td[data-col="${col}"]`);
const CURRENT = 7; // 当年预算安排
const PROJECT = 5; // 项目名称
const text = async (page, id) => (await page.getByTestId(id).textContent()).trim();

test('changing 基本工资 updates totals, shares, tables and the narrative', async () => {
  const { page, errors } = await open();
  await cell(page, 1, CURRENT).click();
  await page.keyboard.type('300');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() =>
    document.querySelector('[data-testid=expense-total]')?.textContent === '3,864.54');
  assert.equal(await cell(page, 1, CURRENT).textContent(), '300.00');
  assert.equal(await text(page, 'basic'), '1,119.29');
  assert.equal(await text(page, 'basic-share'), '28.96%');
  assert.equal(await text(page, 'project-share'), '71.04%');
  assert.equal(await text(page, 'balance'), '相差 -37.98');
  assert.equal(await text(page, 'check-count'), '2个错误 11个警告');
  await page.getByRole('tab', { name: '公开表' }).click();
  assert.match(await page.locator('#table-3').textContent(), /2010306政务公开审批3,220\.89875\.642,345\.25/);
  assert.match(await page.locator('#table-6').textContent(), /工资福利支出951\.83951\.83基本工资工资奖金津补贴300\.00300\.00/);
  assert.match(await page.locator('#table-6').textContent(), /合计1,119\.29962\.76156\.53/);
  await page.getByRole('tab', { name: '情况说明' }).click();
  const narrative = await page.locator('.narrative').first().textContent();
  assert.match(narrative, /基本支出1,119\.29万元，占28\.96%；项目支出2,745\.25万元，占71\.04%。/);
  assert.match(narrative, /一般公共预算当年拨款3,440\.74万元，比上年减少152\.84万元，下降4\.25%/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('pasting a 3-line block from Excel adds lines and updates totals', async () => {
  const { page } = await open();
  const tsv = [
    '支出类型\t功能分类科目\t部门经济分类\t项目名称\t资金来源\t当年预算安排',
    '基本支出\t2010306\t30201\t\t一般公共预算\t1.50',
    '项目支出\t2010306\t\t档案数字化\t一般公共预算\t20',
    '基本支出\t2101101\t30110\t\t一般公共预算\t0.5',
  ].join('\r\n') + '\r\n';
  await page.getByTestId('grid-keys').focus();
  await paste(page, '.grid-body', tsv);
  await page.waitForFunction(() =>
    document.querySelector('[data-testid=line-count]')?.textContent === '共40条，显示40条');
  assert.match(await page.getByTestId('notice').textContent(), /已粘贴：新增3行，更新0行/);
  assert.equal(await text(page, 'expense-total'), '3,848.55');
  assert.equal(await text(page, 'basic'), '1,083.30');
  assert.equal(await text(page, 'project'), '2,765.25');
  assert.equal(await cell(page, 39, PROJECT).textContent(), '档案数字化');
  assert.equal(await cell(page, 39, 0).textContent(), '项目支出');
  // A bad block changes nothing and lists every problem.
  await paste(page, '.grid-body', '功能分类科目\t当年预算安排\n20x\tabc\n');
  await page.getByTestId('notice').filter({ hasText: '粘贴未执行' }).waitFor();
  const notice = await page.getByTestId('notice').textContent();
  assert.match(notice, /共2处问题/);
  assert.match(notice, /第2行第1列：功能分类科目：科目编码“20x”只能由数字组成/);
  assert.match(notice, /第2行第2列：当年预算安排：“abc”不是有效的金额/);
  assert.equal(await page.getByTestId('line-count').textContent(), '共40条，显示40条');
  await page.close();
});

test('invalid amounts keep the old value, mark the cell and say why', async () => {
  const { page } = await open();
  const cases = [
    ['abc', '“abc”不是有效的金额'],
    ['1e400', '“1e400”不是有效的金额'],
    ['==', '公式无法计算'],
    ['', '金额不能为空'],
  ];
  for (const [typed, message] of cases) {
    await cell(page, 2, CURRENT).click();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    if (typed) await page.keyboard.type(typed);
    await page.keyboard.press('Enter');
    await page.getByTestId('notice').filter({ hasText: message }).waitFor();
    const td = cell(page, 2, CURRENT);
    assert.equal(await td.textContent(), '147.30', typed);
    assert.equal(await td.getAttribute('aria-invalid'), 'true');
    assert.match(await td.getAttribute('title'), new RegExp(message));
    assert.equal(await text(page, 'expense-total'), '3,826.55');
    await page.keyboard.press('Escape');
  }
  await shot(page, 'invalid.png');
  // A valid value clears the mark.
  await cell(page, 2, CURRENT).click();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('=147+0.3');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() =>
    document.querySelector('tr[data-line="2"] td[data-col="7"]')?.getAttribute('aria-invalid') === null);
  assert.equal(await cell(page, 2, CURRENT).textContent(), '147.30');
  // Moving on from a refused cell clears its mark (issue 22): the old value stands. (The
  // refused Enter moved the selection down to line 3 already; the next move clears.)
  await cell(page, 2, CURRENT).click();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('abc');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() =>
    document.querySelector('tr[data-line="2"] td[data-col="7"]')?.getAttribute('aria-invalid') === 'true');
  await page.keyboard.press('Escape');
  await cell(page, 5, CURRENT).click();
  await page.waitForFunction(() =>
    document.querySelector('tr[data-line="2"] td[data-col="7"]')?.getAttribute('aria-invalid') === null);
  assert.equal(await cell(page, 2, CURRENT).textContent(), '147.30');
  await page.close();
});

test('keyboard only: move, edit, add, duplicate, delete, group', async () => {
  const { page } = await open();
  await page.getByTestId('grid-keys').focus();
  // The first key selects line 1; down to the first project line (line 20), Home to the
  // first column, right to 项目名称, type a new name.
  await page.keyboard.press('ArrowDown');
  for (let i = 0; i < 19; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home');
  for (let i = 0; i < PROJECT; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.type('政府统一服务专项经费（调整）');
  await page.keyboard.press('Tab'); // commit and move to 资金来源
  await page.keyboard.press('Tab'); // to 当年预算安排
  await page.keyboard.type('140.70');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() =>
    document.querySelector('[data-testid=expense-total]')?.textContent === '3,832.55');
  assert.equal(await cell(page, 20, PROJECT).textContent(), '政府统一服务专项经费（调整）');
  // Esc cancels an edit.
  await page.keyboard.press('ArrowUp');
  await page.keyboard.type('999');
  await page.keyboard.press('Escape');
  assert.equal(await cell(page, 20, CURRENT).textContent(), '140.70');
  // Duplicate (Ctrl+D) then delete the copy (Ctrl+Delete).
  await page.keyboard.press('Control+d');
  await page.waitForFunction(() =>
    document.querySelector('[data-testid=line-count]')?.textContent === '共38条，显示38条');
  assert.equal(await text(page, 'expense-total'), '3,973.25');
  // The copy is selected; delete it.
  await page.keyboard.press('Control+Delete');
  await page.waitForFunction(() =>
    document.querySelector('[data-testid=line-count]')?.textContent === '共37条，显示37条');
  assert.equal(await text(page, 'expense-total'), '3,832.55');
  // Insert adds an empty line.
  await page.keyboard.press('Insert');
  await page.waitForFunction(() =>
    document.querySelector('[data-testid=line-count]')?.textContent === '共38条，显示38条');
  // Group by 类/款 and collapse 201 with Enter on its row.
  await page.getByLabel('按类/款分组').check();
  await page.getByTestId('grid-keys').focus();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.querySelector('tr[data-line="1"]'));
  const firstGroup = await page.locator('tr.group').first().textContent();
  assert.match(firstGroup, /201 一般公共服务支出（33条）/);
  await shot(page, 'grouped.png');
  await page.close();
});

test('typing a known code fills its name; explanations; checks jump to lines', async () => {
  const { page } = await open();
  await cell(page, 1, 1).click();
  // The click's selection first (on a loaded machine the keys could otherwise arrive before it).
  await page.locator('tr[data-line="1"] td[data-col="1"].sel').waitFor();
  await page.keyboard.type('2101101');
  assert.equal(await page.locator('td .hint').textContent(), '行政单位医疗');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() =>
    document.querySelector('tr[data-line="1"] td[data-col="2"]')?.textContent === '行政单位医疗');
  // Explain a summary figure.
  await page.getByTestId('income-total').click();
  assert.equal(await page.getByTestId('formula').textContent(),
    '3,826.55 = 3,402.75 一般公共预算 + 423.80 上年结转');
  // Explain a table cell by focusing it.
  await page.getByRole('tab', { name: '公开表' }).click();
  await page.locator('#table-6 td[data-r="0"][data-c="3"]').focus();
  await page.getByTestId('formula').filter({ hasText: '924.78 =' }).waitFor();
  // Make an error (no functional code), follow the check to the line.
  await page.getByRole('tab', { name: '明细' }).click();
  await cell(page, 3, 1).click();
  await page.keyboard.press('Delete');
  await page.getByRole('tab', { name: /检查/ }).click();
  const item = page.getByRole('button', { name: /第3号明细没有填写功能分类科目/ });
  await item.click();
  await page.locator('tr.hl[data-line="3"]').waitFor();
  assert.equal(await page.getByTestId('line-count').textContent(), '共37条，显示37条');
  await page.close();
});

test('reasons are editable in the narrative; print view', async () => {
  const { page } = await open();
  await page.getByRole('tab', { name: '情况说明' }).click();
  await page.getByLabel('一般公共预算当年拨款变动原因（五）').fill('压减一般性支出');
  await page.getByLabel('一般公共预算当年拨款变动原因（五）').blur();
  await page.locator('button.reason', { hasText: '压减一般性支出' }).waitFor();
  assert.match(await page.locator('.narrative').first().textContent(),
    /比上年减少190\.83万元，下降5\.31%，压减一般性支出。/);
  assert.equal(await text(page, 'check-count'), '0个错误 10个警告');
  // A quoted reason is edited where it stands: click, type, Enter.
  await page.locator('button.reason', { hasText: '厉行节约' }).click();
  await page.locator('#inline-reason').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'inline-reason');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('压缩公用经费。');
  await page.keyboard.press('Enter');
  await page.locator('button.reason', { hasText: '压缩公用经费。' }).waitFor();
  assert.match(await page.locator('.narrative').first().textContent(), /156\.53万元。压缩公用经费。/);
  // Print: the document with all 13 tables, narrative and glossary.
  await page.evaluate(() => { window.print = () => {}; });
  await page.getByRole('button', { name: '打印' }).click();
  await page.getByTestId('print-doc').waitFor();
  assert.equal(await page.locator('.print-doc section.table').count(), 13);
  await page.emulateMedia({ media: 'print' });
  await shot(page, 'print.png', { fullPage: false });
  await page.close();
});

test('print to PDF lays the document out on A4 pages', async () => {
  const { page } = await open();
  await page.evaluate(() => { window.print = () => {}; });
  await page.getByRole('button', { name: '打印' }).click();
  await page.getByTestId('print-doc').waitFor();
  const { mkdir } = await import('node:fs/promises');
  const path = (await import('node:path')).default;
  const { ROOT } = await import('./helpers.mjs');
  await mkdir(path.join(ROOT, 'target', 'e2e'), { recursive: true });
  const pdf = await page.pdf({ path: path.join(ROOT, 'target', 'e2e', 'print.pdf'), format: 'A4' });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  // Cover, 13 tables (some over several pages), narrative, glossary.
  assert.ok(pages >= 15, `only ${pages} pages`);
  // The browser's afterprint event brings the editor back.
  await page.getByTestId('expense-total').waitFor();
  await page.close();
});

test('undo and redo every change: cell edit, delete, paste', async () => {
  const { page } = await open();
  await cell(page, 1, CURRENT).click();
  await page.keyboard.type('300');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() =>
    document.querySelector('[data-testid=expense-total]')?.textContent === '3,864.54');
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() =>
    document.querySelector('[data-testid=expense-total]')?.textContent === '3,826.55');
  assert.match(await page.getByTestId('notice').textContent(), /已撤销：修改第1号明细的“当年预算安排”/);
  assert.equal(await cell(page, 1, CURRENT).textContent(), '262.02');
  await page.keyboard.press('Control+y');
  await page.waitForFunction(() =>
    document.querySelector('[data-testid=expense-total]')?.textContent === '3,864.54');
  await page.keyboard.press('Control+Shift+z'); // nothing left to redo
  assert.match(await page.getByTestId('notice').textContent(), /没有可重做的操作/);
  // Delete a line, then undo with the button: it comes back in place with its id.
  await cell(page, 20, CURRENT).click();
  await page.keyboard.press('Control+Delete');
  await page.waitForFunction(() => !document.querySelector('tr[data-line="20"]'));
  await page.getByTestId('undo').click();
  await page.locator('tr[data-line="20"]').waitFor();
  assert.equal(await cell(page, 20, PROJECT).textContent(), '政府统一服务专项经费');
  // A paste is one step.
  await page.getByTestId('grid-keys').focus();
  await paste(page, '.grid-body', '项目名称\t当年预算安排\n甲\t1\n乙\t2\n');
  await page.waitForFunction(() =>
    document.querySelector('[data-testid=line-count]')?.textContent === '共39条，显示39条');
  await page.getByTestId('undo').click();
  await page.waitForFunction(() =>
    document.querySelector('[data-testid=line-count]')?.textContent === '共37条，显示37条');
  assert.equal(await text(page, 'expense-total'), '3,864.54');
  await page.close();
});

test("autosave: a reload keeps the edits; an earlier build's unreadable storage is kept and offered", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(env.server.url);
  await page.getByTestId('expense-total').waitFor();
  await cell(page, 1, CURRENT).click();
  await page.keyboard.type('300');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() =>
    document.querySelector('[data-testid=expense-total]')?.textContent === '3,864.54');
  await waitStored(page, '"current":"3000000.00"');
  await page.reload();
  await page.getByTestId('expense-total').waitFor();
  assert.equal(await text(page, 'expense-total'), '3,864.54');
  assert.equal(await cell(page, 1, CURRENT).textContent(), '300.00');
  // Unreadable data in localStorage (where earlier builds saved): copied aside untouched and
  // offered; what IndexedDB holds is still shown. (Planted once the start's save has run:
  // leaving a page within 0.3 s of a change writes a pending copy there.)
  await page.waitForTimeout(600);
  await page.evaluate(() => localStorage.setItem('yusuan.budget', '{"format": "yusuan-budget", "version": 1, "budget": {'));
  await page.reload();
  await page.getByTestId('kept').waitFor();
  assert.equal(await text(page, 'expense-total'), '3,864.54');
  assert.match(await page.getByTestId('kept').textContent(), /上次自动保存的数据无法读取（第1行第\d+列：文件不完整，JSON 提前结束），已原样另存/);
  const href = await page.getByRole('link', { name: '下载保存的数据' }).getAttribute('href');
  assert.ok(href.startsWith('blob:'), href);
  const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('yusuan.kept.'))
    .map((k) => localStorage.getItem(k)));
  assert.deepEqual(kept, ['{"format": "yusuan-budget", "version": 1, "budget": {']);
  await context.close();
});

test('控制数: headroom or excess in the summary, a check when over', async () => {
  const { page } = await open();
  await page.getByRole('button', { name: '控制数' }).click();
  const field = page.getByLabel('一般公共预算', { exact: true });
  await field.fill('3400');
  await field.press('Enter');
  await page.getByTestId('control').filter({ hasText: '超出 2.75' }).waitFor();
  assert.equal(await text(page, 'check-count'), '1个错误 11个警告');
  await page.getByLabel('一般公共预算', { exact: true }).fill('3,500');
  await page.getByLabel('一般公共预算', { exact: true }).press('Enter');
  await page.getByTestId('control').filter({ hasText: '尚余 97.25' }).waitFor();
  assert.equal(await text(page, 'check-count'), '0个错误 11个警告');
  await page.getByLabel('一般公共预算', { exact: true }).fill('abc');
  await page.getByLabel('一般公共预算', { exact: true }).press('Enter');
  await page.getByTestId('notice').filter({ hasText: '控制数未修改：“abc”不是有效的金额' }).waitFor();
  assert.equal(await text(page, 'control'), '尚余 97.25');
  await shot(page, 'control.png');
  await page.getByLabel('一般公共预算', { exact: true }).fill('');
  await page.getByLabel('一般公共预算', { exact: true }).press('Enter');
  await page.getByTestId('control').waitFor({ state: 'detached' });
  await page.close();
});

test('save to a JSON file and open it again; a bad file changes nothing', async () => {
  const { page } = await open();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '保存', exact: true }).click(),
  ]);
  assert.equal(download.suggestedFilename(), '示例：晋城市行政审批服务管理局2023年单位预算.json');
  const { readFile, writeFile, mkdir } = await import('node:fs/promises');
  const saved = await readFile(await download.path(), 'utf8');
  assert.match(saved, /"format": "yusuan-budget"/);
  // Change a line, then open the saved file: the saved figures come back.
  await cell(page, 1, CURRENT).click();
  await page.keyboard.type('300');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() =>
    document.querySelector('[data-testid=expense-total]')?.textContent === '3,864.54');
  const dir = path.join(ROOT, 'target', 'e2e');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'saved.json');
  await writeFile(file, saved);
  await page.getByTestId('open-file').setInputFiles(file);
  await page.waitForFunction(() =>
    document.querySelector('[data-testid=expense-total]')?.textContent === '3,826.55');
  assert.match(await page.getByTestId('notice').textContent(), /已打开“saved.json”/);
  // Opening is undoable.
  await page.getByTestId('undo').click();
  await page.waitForFunction(() =>
    document.querySelector('[data-testid=expense-total]')?.textContent === '3,864.54');
  // A malformed file: a message with line and column, nothing changes.
  const bad = path.join(dir, 'bad.json');
  await writeFile(bad, '{\n  "format": "yusuan-budget",\n  "version": 1,\n  "budget": {,}\n}');
  await page.getByTestId('open-file').setInputFiles(bad);
  await page.getByTestId('notice').filter({ hasText: '无法打开“bad.json”：第4行第14列' }).waitFor();
  assert.match(await page.getByTestId('notice').textContent(), /当前数据未改变/);
  assert.equal(await text(page, 'expense-total'), '3,864.54');
  await page.close();
});

test('CSV export of the lines and of a table, with a BOM for Excel', async () => {
  const { page } = await open();
  const { readFile } = await import('node:fs/promises');
  const [lines] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出CSV' }).click(),
  ]);
  assert.equal(lines.suggestedFilename(), '晋城市行政审批服务管理局-2023年预算明细.csv');
  const csv = await readFile(await lines.path(), 'utf8');
  assert.ok(csv.startsWith('\ufeff编号,支出类型,功能分类科目,科目名称'), csv.slice(0, 40));
  assert.equal(csv.trim().split('\n').length, 38);
  await page.getByRole('tab', { name: '公开表' }).click();
  const [table] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('#table-1 button.export').click(),
  ]);
  assert.equal(table.suggestedFilename(), '晋城市行政审批服务管理局-预算公开表1.csv');
  const t1 = await readFile(await table.path(), 'utf8');
  assert.match(t1, /\n一、一般公共预算,3402\.75,一、一般公共服务支出,3582\.90,3159\.10,423\.80\n/);
  await page.close();
});

test('a filtered grid keeps its rows through amount edits and lists them again after others', async () => {
  const { page, errors } = await open();
  const count = (shown) => page.waitForFunction((s) =>
    document.querySelector('[data-testid=line-count]')?.textContent === `共37条，显示${s}条`, shown);
  await page.getByRole('searchbox', { name: '按科目编码前缀筛选' }).fill('2010306');
  await page.waitForFunction(() =>
    /^共37条，显示[1-9]\d*条$/.test(document.querySelector('[data-testid=line-count]')?.textContent));
  const shown = Number((await page.getByTestId('line-count').textContent()).match(/显示(\d+)条/)[1]);
  assert.ok(shown >= 3 && shown < 37, `${shown}`);
  const line = await page.locator('.grid-body tr[data-line]').first().getAttribute('data-line');
  // An amount: the same rows, the new figure in place.
  await cell(page, line, CURRENT).click();
  await page.keyboard.type('12.5');
  await page.keyboard.press('Enter');
  await page.waitForFunction((l) =>
    document.querySelector(`tr[data-line="${l}"] td[data-col="7"]`)?.textContent === '12.50', line);
  await count(shown);
  // The functional code: the line no longer matches the filter and leaves the list.
  await cell(page, line, 1).click();
  await page.keyboard.type('2101101');
  await page.keyboard.press('Enter');
  await count(shown - 1);
  assert.equal(await page.locator(`tr[data-line="${line}"]`).count(), 0);
  // Undo brings it back.
  await page.keyboard.press('Control+z');
  await count(shown);
  assert.deepEqual(errors, []);
  await page.close();
});
