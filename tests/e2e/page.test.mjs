// End-to-end: serve the built dist/ folder from a sub-path on localhost, open it in
// headless Chromium like a user, and read the reference figures off every tab.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, shot, openApp } from './helpers.mjs';

const env = useServerAndBrowser('/tools/budget/');

const open = (viewport) => openApp(env.browser, env.server.url, viewport);

test('summary, unit switch, and no request leaves the origin', async () => {
  const { page, requests, errors } = await open();
  assert.equal(await page.getByTestId('expense-total').textContent(), '3,826.55');
  assert.equal(await page.getByTestId('income-total').textContent(), '3,826.55');
  assert.equal(await page.getByTestId('basic').textContent(), '1,081.30');
  assert.equal(await page.getByTestId('basic-share').textContent(), '28.26%');
  assert.equal(await page.getByTestId('project-share').textContent(), '71.74%');
  assert.equal(await page.getByTestId('balance').textContent(), '收支平衡');
  assert.equal(await page.getByTestId('check-count').textContent(), '0个错误 11个警告');
  await shot(page, 'lines.png');
  await page.getByRole('button', { name: '元', exact: true }).click();
  await page.waitForFunction(() =>
    document.querySelector('[data-testid=expense-total]')?.textContent === '38,265,540.00');
  assert.deepEqual(errors, []);
  const origin = new URL(env.server.url).origin;
  assert.deepEqual(requests.filter((u) => !u.startsWith(origin)), [], 'no request leaves the page origin');
  await page.close();
});

test('each tab shows the reference figures', async () => {
  const { page, errors } = await open();
  // 明细
  assert.equal(await page.getByTestId('line-count').textContent(), '共37条，显示37条');
  assert.equal(await page.locator('tr[data-line="1"] td[data-col="7"]').textContent(), '262.02');
  // 公开表
  await page.getByRole('tab', { name: '公开表' }).click();
  assert.match(await page.locator('#table-1').textContent(), /一、一般公共服务支出3,582\.903,159\.10423\.80/);
  assert.match(await page.locator('#table-6').textContent(), /合计1,081\.30924\.78156\.53/);
  assert.match(await page.locator('#table-10').textContent(), /合计8\.108\.10/);
  assert.match(await page.locator('#table-7').textContent(), /本表无数据/);
  await shot(page, 'tables.png');
  // 情况说明
  await page.getByRole('tab', { name: '情况说明' }).click();
  const narrative = await page.locator('.narrative').first().textContent();
  assert.match(narrative, /一般公共预算拨款收入3,402\.75万元，占88\.92%/);
  assert.match(narrative, /比上年减少190\.83万元，下降5\.31%/);
  assert.match(narrative, /卫生健康支出62\.74万元，占1\.84%/);
  // 图表
  await page.getByRole('tab', { name: '图表' }).click();
  const titles = await page.locator('svg path title').allTextContents();
  assert.ok(titles.includes('一般公共服务支出：3,159.10万元，占92.84%'), titles.join('|'));
  assert.ok(titles.includes('基本支出：1,081.30万元，占28.26%'), titles.join('|'));
  await shot(page, 'charts.png');
  // 检查
  await page.getByRole('tab', { name: '检查' }).click();
  assert.match(await page.getByTestId('checks').textContent(), /一般公共预算当年拨款比上年减少190\.83万元，但没有填写变动原因/);
  // 名词解释
  await page.getByRole('tab', { name: '名词解释' }).click();
  assert.match(await page.locator('dl.glossary').textContent(), /机关运行经费/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('tablet width keeps the summary and grid usable', async () => {
  const { page } = await open({ width: 768, height: 1000 });
  assert.equal(await page.getByTestId('expense-total').textContent(), '3,826.55');
  const box = await page.locator('.grid-body').boundingBox();
  assert.ok(box.width <= 768 && box.width > 600, JSON.stringify(box));
  await shot(page, 'tablet.png');
  await page.close();
});
