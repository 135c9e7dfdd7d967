// End-to-end: 核对文档 (issue 25). Published documents chosen and dropped, checked in the
// codec worker: each file's summary, its findings, a click to the cell or sentence, the
// filters, CSV and XLSX exports; bad files each with their message, nothing else touched; no
// request leaves the page's origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { useServerAndBrowser, openApp, shot, ROOT, scratch } from './helpers.mjs';

const env = useServerAndBrowser('/');
const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'verify');
const PUTUO = path.join(FIXTURES, 'putuo-wanli-department-2023.pdf');
const SHANGHAI = path.join(FIXTURES, 'shanghai-municipal-unit-2025.pdf');
const REFERENCE = path.join(FIXTURES, 'reference-2023.txt');

/** The status cell of a file's line once it reads `want` (a RegExp). */
async function status(page, file, want) {
  const row = page.locator(`[data-testid=verify-files] tr[data-file="${file}"]`);
  await page.waitForFunction(
    ([f, w]) => new RegExp(w).test(document.querySelector(`[data-testid=verify-files] tr[data-file="${f}"] .status`)?.textContent ?? ''),
    [file, want.source],
    { timeout: 60_000 },
  );
  return row;
}

test('核对文档: three documents checked, a finding clicked to its cell and sentence, filtered, exported', async () => {
  const { page, errors, requests } = await openApp(env.browser, env.server.url);
  await page.getByRole('tab', { name: '核对文档' }).click();
  await page.getByTestId('verify').waitFor();
  assert.match(await page.getByTestId('verify').textContent(), /还没有文件/);
  await page.getByTestId('verify-input').setInputFiles([PUTUO, SHANGHAI, REFERENCE]);
  // Each file's line shows its progress, then its summary.
  const putuo = await status(page, 'putuo-wanli-department-2023.pdf', /有错误/);
  assert.deepEqual(
    await putuo.locator('td').allTextContents(),
    ['putuo-wanli-department-2023.pdf', '有错误', '上海市区级9张表（元）', '9', '5', '0', '0'],
  );
  const shanghai = await status(page, 'shanghai-municipal-unit-2025.pdf', /已核对/);
  assert.deepEqual((await shanghai.locator('td').allTextContents()).slice(2), ['上海市区级9张表（元）', '9', '0', '2', '0']);
  const reference = await status(page, 'reference-2023.txt', /已核对/);
  // The reference: its rounding difference and its two words printed twice (in three forms).
  assert.deepEqual((await reference.locator('td').allTextContents()).slice(2), ['13张公开表（万元）', '13', '0', '5', '0']);

  await shot(page, 'verify-files.png');
  // The first file is shown: its findings, a percentage recomputed.
  const detail = page.getByTestId('verify-detail');
  assert.match(await detail.locator('h3').textContent(), /putuo-wanli-department-2023\.pdf/);
  assert.equal(await page.getByTestId('verify-summary').textContent(), '上海市区级9张表（元）：9 张表，5 个错误，0 个警告，0 个提示');
  const findings = page.getByTestId('verify-findings').locator('li');
  assert.equal(await findings.count(), 5);
  const percent = findings.filter({ hasText: '314.82%' });
  assert.match(await percent.textContent(), /增减幅度算错.*（45\.41 − 11\.67）÷ 11\.67 × 100% = 289\.12%.*印为 314\.82%，应为 289\.12%/);
  // A sentence's finding shows its sentence.
  await percent.locator('button').click();
  assert.match(await page.getByTestId('verify-quote').textContent(), /^第6页：.*314\.82%/);
  // Its tables are rebuilt: the 支出预算总表 with its headings.
  const expense = detail.locator('.verify-table[data-title="2023年部门支出预算总表"]');
  assert.deepEqual(await expense.locator('thead th').allTextContents(), ['编码', '名称', '合计', '基本支出', '项目支出']);
  assert.deepEqual(await expense.locator('tbody tr').first().locator('td').allTextContents(), ['201', '一般公共服务支出', '2,976,800', '0', '2,976,800']);

  // Another file: a rounding difference clicked marks its cell.
  await shanghai.locator('button.link').click();
  assert.match(await detail.locator('h3').textContent(), /shanghai-municipal-unit-2025\.pdf/);
  await findings.first().locator('button').click();
  const hit = detail.locator('td.hit');
  assert.equal(await hit.count(), 1);
  assert.equal(await hit.textContent(), '24,840,779');
  assert.equal(await hit.locator('xpath=..').locator('td').first().textContent(), '302');
  await shot(page, 'verify.png');
  // Filters: 错误 only shows none of its two warnings; the rule filter lists its rules.
  await page.getByTestId('verify-severity').selectOption('error');
  assert.equal(await findings.count(), 0);
  await page.getByTestId('verify-severity').selectOption('');
  assert.deepEqual(await page.getByTestId('verify-rule').locator('option').allTextContents(), ['全部', '四舍五入尾差']);
  await page.getByTestId('verify-rule').selectOption('rounding');
  assert.equal(await findings.count(), 2);

  // Every file's findings as CSV (5 + 2 + 5 and a header) and as XLSX.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('verify-csv').click()]);
  assert.equal(csv.suggestedFilename(), '核对结果.csv');
  const text = await readFile(await csv.path(), 'utf8');
  const lines = text.trim().split(/\r?\n/);
  assert.equal(lines.length, 13, text);
  assert.match(lines[0], /文件,格式,严重程度,规则,规则编号,页,行,原文,印为,应为,说明/);
  assert.ok(lines.some((l) => l.startsWith('putuo-wanli-department-2023.pdf,上海市区级9张表（元）,错误,增减幅度算错,change_percent,6,') && l.includes('314.82%,289.12%')), text);
  assert.ok(lines.some((l) => l.startsWith('reference-2023.txt,13张公开表（万元）,警告,四舍五入尾差,rounding,1,240,')), text);
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('verify-xlsx').click()]);
  assert.equal(xlsx.suggestedFilename(), '核对结果.xlsx');
  const bytes = await readFile(await xlsx.path());
  assert.equal(bytes.subarray(0, 2).toString(), 'PK');

  // Switching tabs keeps the files; the budget is untouched.
  await page.getByRole('tab', { name: '明细' }).click();
  await page.getByRole('tab', { name: '核对文档' }).click();
  assert.equal(await page.locator('[data-testid=verify-files] tbody tr').count(), 3);
  assert.equal(await page.getByTestId('expense-total').textContent(), '3,826.55');
  const origin = new URL(env.server.url).origin;
  assert.deepEqual(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:')), []);
  assert.deepEqual(errors, []);
});

/** A PDF of these objects (numbered from 1, the first the catalog) with its xref table. */
function pdfOf(objects, trailer = '') {
  let out = '%PDF-1.4\n';
  const offsets = objects.map((o, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer}>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A scanned page: drawing, no text. */
function scanned() {
  const content = '0 0 m 300 300 l S 10 10 200 200 re f';
  return pdfOf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ]);
}

/** A one-page PDF encrypted with a user password (not the empty one). */
function locked() {
  const content = 'BT /F1 12 Tf 72 700 Td (2023) Tj ET';
  return pdfOf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Filter /Standard /V 2 /R 3 /Length 128 /P -4 /O <00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff> /U <ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100> >>',
  ], '/Encrypt 5 0 R /ID [<0102030405060708090a0b0c0d0e0f10> <0102030405060708090a0b0c0d0e0f10>] ');
}

test('核对文档: bad files each say why; a dropped file after them is checked; nothing else changes', async () => {
  const { page, errors } = await openApp(env.browser, env.server.url);
  await page.getByRole('tab', { name: '核对文档' }).click();
  const pdf = await readFile(SHANGHAI);
  const bad = [
    await scratch('truncated.pdf', pdf.subarray(0, 4000), 'verify'),
    await scratch('encrypted.pdf', locked(), 'verify'),
    await scratch('picture.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0xff, 0xfe, 0]), 'verify'),
    await scratch('letter.txt', '各位同事：本周五下午开会。', 'verify'),
    await scratch('scanned.pdf', scanned(), 'verify'),
  ];
  await page.getByTestId('verify-input').setInputFiles(bad);
  const said = async (file) => (await (await status(page, file, /无法核对/)).locator('.status').textContent());
  assert.match(await said('truncated.pdf'), /无法核对：/);
  assert.match(await said('encrypted.pdf'), /加密/);
  assert.match(await said('letter.txt'), /这不像预算公开文档/);
  assert.match(await said('picture.txt'), /无法核对：/);
  assert.match(await said('scanned.pdf'), /没有文字层：请使用可复制文字的PDF/);
  // Dropped: a text with one slip (a 项 changed, its 款 no longer adds up).
  const reference = (await readFile(REFERENCE, 'utf8')).replace('2010306\t政务公开审批\t2,759.10', '2010306\t政务公开审批\t2,659.10');
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], '改过的.txt', { type: 'text/plain' }));
    const zone = document.querySelector('[data-testid=verify-drop]');
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, reference);
  const row = await status(page, '改过的.txt', /有错误/);
  assert.deepEqual((await row.locator('td').allTextContents()).slice(4), ['2', '5', '0']);
  // The failed files cannot be opened; the one checked is shown.
  assert.match(await page.getByTestId('verify-detail').locator('h3').textContent(), /改过的\.txt/);
  const tree = page.getByTestId('verify-findings').locator('li[data-rule=tree_sum]');
  await tree.locator('button').click();
  assert.equal(await page.locator('.verify td.hit').textContent(), '3,159.10');
  // A PDF dropped: read in the worker like a chosen one.
  const bytes = (await readFile(SHANGHAI)).toString('base64');
  await page.evaluate((b64) => {
    const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([raw], '拖入的.pdf', { type: 'application/pdf' }));
    const zone = document.querySelector('[data-testid=verify-drop]');
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, bytes);
  const dropped = await status(page, '拖入的.pdf', /已核对/);
  assert.deepEqual((await dropped.locator('td').allTextContents()).slice(2), ['上海市区级9张表（元）', '9', '0', '2', '0']);
  assert.equal(await page.getByTestId('expense-total').textContent(), '3,826.55');
  assert.deepEqual(errors, []);
});
