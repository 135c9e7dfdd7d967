// End-to-end: the publishable document (issue 24). 十二、其他说明's 政府购买服务 items are
// typed under 情况说明 and undone; 导出 Word is made in the codec worker; the file is
// opened by a real office suite (LibreOffice Writer, headless), converted to PDF and read
// back with pdftotext; its pages are rendered to PNG under target/e2e/docx/ to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdir, rm, writeFile, readdir } from 'node:fs/promises';
import { useServerAndBrowser, openApp, shot, ROOT } from './helpers.mjs';

const run = promisify(execFile);
const env = useServerAndBrowser('/');
const OUT = path.join(ROOT, 'target', 'e2e', 'docx');
const section = (page, key) => page.locator(`.narrative section[data-section="${key}"]`).first();

test('十二、其他说明: add a 政府购买服务 item, see the sentence, undo', async () => {
  const { page, errors } = await openApp(env.browser, env.server.url);
  await page.getByRole('tab', { name: '情况说明' }).click();
  assert.match(await section(page, 'other').textContent(), /十二、其他说明（一）政府购买服务已上传附件。（二）其他已上传附件。/);
  const name = page.getByTestId('service-new-name');
  await name.fill('政务大厅物业服务');
  await name.press('Enter');
  await page.getByTestId('service-row').waitFor();
  await page.getByTestId('service-category').fill('政府履职辅助性服务');
  await page.getByTestId('service-category').press('Tab');
  const amount = page.getByRole('textbox', { name: '第1项的金额' });
  await amount.click();
  await page.keyboard.type('120.5');
  await page.keyboard.press('Enter');
  await section(page, 'other')
    .filter({ hasText: '2023年本单位政府购买服务预算120.50万元，共1个项目：政务大厅物业服务（政府履职辅助性服务）120.50万元。' })
    .waitFor();
  // A negative amount is refused with a reason; nothing changes.
  await amount.click();
  await page.keyboard.type('-1');
  await page.keyboard.press('Enter');
  await page.getByTestId('notice').filter({ hasText: '负数' }).waitFor();
  await section(page, 'other').filter({ hasText: '120.50万元' }).waitFor();
  await shot(page, 'services.png');
  // Undo: the amount, the category, the item — back to the document as published.
  for (let i = 0; i < 3; i++) await page.getByTestId('undo').click();
  await section(page, 'other').filter({ hasText: '（一）政府购买服务已上传附件。' }).waitFor();
  assert.equal(await page.getByTestId('service-row').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('导出 Word: made in the worker, opened by LibreOffice, every part and figure in its PDF', async () => {
  const { page, requests, errors } = await openApp(env.browser, env.server.url);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-docx').click(),
  ]);
  assert.equal(download.suggestedFilename(), '示例：晋城市行政审批服务管理局2023年单位预算.docx');
  await rm(OUT, { recursive: true, force: true });
  await mkdir(OUT, { recursive: true });
  const docx = path.join(OUT, 'document.docx');
  await download.saveAs(docx);
  // LibreOffice opens it (a file it had to repair would fail or lose parts) and prints it.
  await run('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', OUT, docx], { timeout: 120_000 });
  const pdf = path.join(OUT, 'document.pdf');
  const { stdout: text } = await run('pdftotext', ['-layout', pdf, '-']);
  // pdftotext spaces CJK from digits and breaks lines anywhere: compare without spaces.
  const dense = text.replace(/\s+/g, '');
  for (const heading of ['第一部分概况', '第二部分2023年单位预算报表', '第三部分2023年度单位预算情况说明', '第四部分名词解释']) {
    assert.ok(dense.split(heading).length >= 3, `${heading} in the 目录 and as a heading`);
  }
  // The 目录 lists the tables and sections before the first part starts.
  const toc = dense.slice(0, dense.indexOf('一、本单位职责市行政审批'));
  for (const entry of ['2023年预算收支总表', '2023年机关运行经费预算财政拨款情况统计表', '十二、其他说明']) {
    assert.ok(toc.includes(entry), entry);
  }
  // Table 1's 合计 row, and figures of the narrative.
  assert.match(text.replace(/[ \t]+/g, ' '), /收入总计 3,826\.55 支出总计 3,826\.55 3,402\.75 423\.80/);
  assert.ok(dense.includes('比上年减少190.83万元，下降5.31%'));
  assert.ok(dense.includes('项目支出绩效目标表'));
  assert.ok(dense.includes('（一）政府购买服务已上传附件。（二）其他已上传附件。'));
  assert.ok(dense.includes('—1—'), 'page numbers from 第一部分');
  const { stdout: info } = await run('pdfinfo', [pdf]);
  const pages = Number(info.match(/Pages:\s+(\d+)/)[1]);
  assert.ok(pages > 30, `${pages} pages`);
  // Pages for a person to look at.
  await run('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', '12', pdf, path.join(OUT, 'page')]);
  assert.ok((await readdir(OUT)).filter((f) => f.endsWith('.png')).length >= 12);
  // Round trip (issue 25): the PDF LibreOffice printed, checked in 核对文档, reads as the
  // reference's 13 tables with the reference's own findings only — its one rounding
  // difference and its two words printed twice (集中集中 in three forms, 费用费用) — no error.
  await page.getByRole('tab', { name: '核对文档' }).click();
  await page.getByTestId('verify-input').setInputFiles(pdf);
  await page.waitForFunction(
    () => /已核对|有错误|无法核对/.test(document.querySelector('[data-testid=verify-files] tr[data-file="document.pdf"] .status')?.textContent ?? ''),
    null,
    { timeout: 60_000 },
  );
  const checked = page.locator('[data-testid=verify-files] tr[data-file="document.pdf"] td');
  assert.deepEqual((await checked.allTextContents()).slice(1), ['已核对', '13张公开表（万元）', '13', '0', '5', '0']);
  // Nothing left the page's origin.
  assert.deepEqual(requests.filter((u) => !u.startsWith(env.server.url) && !u.startsWith('blob:')), []);
  assert.deepEqual(errors, []);
  await page.close();
});
