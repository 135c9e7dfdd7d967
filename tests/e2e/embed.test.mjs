// End-to-end: embedding. The example host page talks to the app through postMessage across
// origins; configuration by attributes and query; read-only and practice modes; user text
// stays text; the Content-Security-Policy holds and nothing leaves the origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { startServer, launchOptions, shot, paste, ROOT } from './helpers.mjs';

let browser;
// Every server a test starts, closed after all tests even when one fails (an open server
// would keep node running).
const servers = [];
const serve = async (...args) => {
  const s = await startServer(...args);
  servers.push(s);
  return s;
};
before(async () => {
  browser = await chromium.launch(launchOptions());
});
after(async () => {
  await browser?.close();
  for (const s of servers) await s.close().catch(() => {});
});

const text = async (page, id) => (await page.getByTestId(id).textContent()).trim();

/** The app's index.html as a deployer would edit it: attributes on the mount element. */
const withAttributes = (attrs) => async (rel, body) =>
  rel.endsWith('dist/index.html') || rel === 'index.html'
    ? Buffer.from(body.toString().replace('<div id="yusuan" data-yusuan>', `<div id="yusuan" data-yusuan ${attrs}>`))
    : body;

async function watch(page) {
  const seen = { requests: [], errors: [], violations: [], dialogs: 0, warnings: [] };
  page.on('request', (r) => seen.requests.push(r.url()));
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  page.on('dialog', async (d) => { seen.dialogs += 1; await d.dismiss(); });
  page.on('console', (m) => {
    if (m.type() === 'warning') seen.warnings.push(m.text());
    if (m.type() === 'error') seen.errors.push(m.text());
  });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return seen;
}

test('the example host page loads a budget by postMessage and hears every change', async () => {
  const host = await serve('/', { dir: ROOT });
  const app = await serve('/', {
    dir: ROOT,
    host: 'localhost',
    rewrite: withAttributes(`data-origins="${host.origin}"`),
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  try {
  const seen = await watch(page);
  await page.goto(`${host.url}examples/host.html?app=${encodeURIComponent(`${app.url}dist/`)}`);
  await page.locator('#status', { hasText: '计算器已就绪' }).waitFor();
  await page.click('#load');
  await page.locator('#status', { hasText: '已载入示例预算' }).waitFor();
  await page.locator('#expense', { hasText: '1500000.00' }).waitFor();
  const frame = page.frameLocator('#app');
  assert.equal(await frame.getByTestId('expense-total').textContent(), '150.00');
  // An edit inside the frame reaches the host as a change event.
  await frame.locator('tr[data-line="1"] td[data-col="7"]').click();
  await page.keyboard.type('100');
  await page.keyboard.press('Enter');
  await page.locator('#expense', { hasText: '1300000.00' }).waitFor();
  assert.ok(Number(await page.locator('#changes').textContent()) >= 2);
  await page.click('#get');
  await page.locator('#status', { hasText: '已读取“示例单位 2024年预算”' }).waitFor();
  await shot(page, 'host.png');
  // A message from an origin the app does not list changes nothing, and is logged.
  const appFrame = page.frames().find((f) => f.url().startsWith(app.url));
  await appFrame.evaluate(() => {
    const budget = JSON.stringify({ format: 'yusuan-budget', version: 2, scenarios: [{ name: 'x', budget: { unit: { name: '恶意', year: 2024 }, sources: [{ id: 'g', name: '一般公共预算', kind: 'general_public' }], lines: [] } }] });
    window.dispatchEvent(new MessageEvent('message', { data: { type: 'yusuan:load', budget }, origin: 'http://evil.example' }));
  });
  await page.waitForTimeout(300);
  assert.equal(await frame.getByTestId('expense-total').textContent(), '130.00');
  assert.ok(seen.warnings.some((w) => w.includes('忽略来自未授权来源 http://evil.example 的消息')), seen.warnings.join('\n'));
  // A bad budget from the host is refused with a message.
  await page.evaluate(() => document.getElementById('app').contentWindow.postMessage(
    { type: 'yusuan:load', budget: '{"format":"yusuan-budget","version":2,"scenarios":[]}' }, '*'));
  await page.locator('#status', { hasText: '出错：预算有误，未载入' }).waitFor();
  // Every request stays on the host's or the app's own origin.
  for (const r of seen.requests) assert.ok(r.startsWith(host.origin) || r.startsWith(app.origin) || r.startsWith('blob:'), r);
  assert.deepEqual(seen.errors, []);
  } finally {
    await page.close();
    await host.close();
    await app.close();
  }
});

test('configuration: bad values are reported and defaults used; a same-origin budget URL', async () => {
  const server = await serve('/', { dir: ROOT });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.url}dist/?mode=bogus&tabs=tables,nope&lang=xx`);
  await page.getByTestId('expense-total').waitFor();
  const notice = await page.getByTestId('notice').textContent();
  assert.match(notice, /页面配置有误，已使用默认值/);
  assert.match(notice, /配置 mode=“bogus”无效：应为 edit、readonly 或 practice/);
  assert.match(notice, /没有标签页 nope/);
  assert.match(notice, /配置 lang=“xx”无效：应为 zh 或 en/);
  assert.equal(await page.getByRole('tab').count(), 11); // edit mode: every tab but 练习
  // A budget from a same-origin URL; another origin is refused; origins cannot come by link.
  await page.goto(`${server.url}dist/?budget=../examples/sample-budget.json&tabs=tables,narrative&origins=http://evil.example`);
  await page.getByTestId('notice').filter({ hasText: '已载入预算' }).waitFor();
  assert.equal(await text(page, 'expense-total'), '150.00');
  assert.deepEqual(await page.getByRole('tab').allTextContents(), ['公开表', '情况说明']);
  await page.goto(`${server.url}dist/?budget=https://cdn.example/b.json`);
  await page.getByTestId('notice').filter({ hasText: '只允许本站（同源）的地址' }).waitFor();
  assert.equal(await text(page, 'expense-total'), '3,826.55');
  await page.close();
  await server.close();
});

test('read-only mode offers no way to edit; an inline budget from the page', async () => {
  const inline = `<script type="application/json" id="unit-budget">${JSON.stringify({
    format: 'yusuan-budget', version: 2, scenarios: [{ name: '门户', budget: {
      unit: { name: '门户单位', year: 2025 },
      sources: [{ id: 'g', name: '一般公共预算', kind: 'general_public' }],
      income: [{ source: 'g', current: '200000' }],
      lines: [{ id: 1, kind: 'basic', function: '2010301', economic: '30101', source: 'g', current: '200000' }],
    } }],
  })}</script>`;
  const server = await serve('/', {
    rewrite: async (rel, body) => rel === 'index.html'
      ? Buffer.from(body.toString().replace('<div id="yusuan" data-yusuan>', `${inline}<div id="yusuan" data-yusuan data-mode="readonly" data-budget-script="unit-budget">`))
      : body,
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const seen = await watch(page);
  await page.goto(server.url);
  await page.getByTestId('expense-total').waitFor();
  assert.equal(await text(page, 'expense-total'), '20.00');
  assert.equal(await text(page, 'mode'), '只读');
  // No editing controls anywhere.
  for (const name of ['撤销', '重做', '打开…', '保存', '控制数', '＋ 新增', '复制', '删除', '批量调整', '导入明细…']) {
    assert.equal(await page.getByRole('button', { name, exact: true }).count(), 0, name);
  }
  assert.equal(await page.locator('[data-testid=scenario-select], input.unit-name, input.year, textarea').count(), 0);
  // Keys, double-click and paste change nothing.
  const cell = page.locator('tr[data-line="1"] td[data-col="7"]');
  await cell.dblclick();
  await page.keyboard.type('999');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Insert');
  await paste(page, '.grid-body', '1\n2\n');
  await page.keyboard.press('Control+z');
  assert.equal(await page.locator('input.cell-editor').count(), 0);
  assert.equal(await cell.textContent(), '20.00');
  assert.equal(await text(page, 'expense-total'), '20.00');
  assert.equal(await page.locator('tr[data-line]').count(), 1);
  // Tables, narrative, charts and explanations are all there.
  await page.getByRole('tab', { name: '公开表' }).click();
  await page.locator('#table-1').waitFor();
  await page.getByTestId('expense-total').click();
  await page.locator('aside.explain').waitFor();
  await page.getByRole('tab', { name: '情况说明' }).click();
  assert.match(await page.locator('.narrative').textContent(), /门户单位/);
  assert.equal(await page.locator('.narrative textarea').count(), 0);
  // Nothing was saved over the user's own data.
  assert.equal(await page.evaluate(() => localStorage.getItem('yusuan.budget')), null);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(seen.errors, []);
  await shot(page, 'readonly.png');
  await page.close();
  await server.close();
});

test('practice: a right and a wrong answer are graded, explained and scored', async () => {
  const server = await serve('/');
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.url}?mode=practice`);
  await page.getByTestId('practice').waitFor();
  assert.deepEqual(await page.getByRole('tab').allTextContents(), ['明细', '练习', '名词解释']);
  // The answers are hidden in the summary.
  assert.equal(await text(page, 'expense-total'), '？');
  assert.equal(await text(page, 'income-total'), '？');
  assert.equal(await text(page, 'basic-share'), '？');
  // …and nothing beside them gives them away by one subtraction (issue 22): the 比上年
  // changes under 收入总计, 支出总计 and 一般公共预算, and 项目支出's share (100% − 基本).
  assert.equal(await text(page, 'project-share'), '？');
  const subs = await page.locator('[data-testid="summary"] .card .sub').allTextContents();
  for (const sub of subs) assert.doesNotMatch(sub, /\d+\.\d\d %?\)|\(\+|\(−/, sub);
  await page.getByTestId('answer-income-current').fill('3402.75');
  await page.getByTestId('answer-income-current').press('Enter');
  await page.getByTestId('feedback-income-current').filter({ hasText: '✓ 正确：3,402.75' }).waitFor();
  assert.match(await page.getByTestId('feedback-income-current').textContent(), /算法：3,402\.75 = 3,402\.75 一般公共预算/);
  await page.getByTestId('answer-personnel').fill('900');
  await page.getByTestId('grade-personnel').click();
  const wrong = page.getByTestId('feedback-personnel');
  await wrong.filter({ hasText: '✗ 不对。正确答案是 924.78' }).waitFor();
  assert.match(await wrong.textContent(), /提示：经济分类为301/);
  // A table cell is answered in place.
  await page.getByTestId('answer-table6-301').fill('913.84');
  await page.getByTestId('answer-table6-301').press('Enter');
  await page.getByTestId('feedback-table6-301').filter({ hasText: '✓ 正确：913.84' }).waitFor();
  // A share, typed with a % sign.
  await page.getByTestId('answer-basic-share').fill('28.26%');
  await page.getByTestId('answer-basic-share').press('Enter');
  await page.getByTestId('feedback-basic-share').filter({ hasText: '✓ 正确：28.26%' }).waitFor();
  assert.equal(await text(page, 'score'), '得分 3 / 12（已答 4 题）');
  assert.equal(await text(page, 'basic-share'), '28.26%');
  // Its partner share shows once it is answered.
  assert.equal(await text(page, 'project-share'), '71.74%');
  // Not a number: a message, no grade.
  await page.getByTestId('answer-basic').fill('很多');
  await page.getByTestId('answer-basic').press('Enter');
  await page.locator('[data-exercise=basic] .error', { hasText: '“很多”不是数字' }).waitFor();
  await shot(page, 'practice.png', { fullPage: true });
  // The lines can be read but not changed.
  await page.getByRole('tab', { name: '明细' }).click();
  assert.equal(await page.getByRole('button', { name: '＋ 新增' }).count(), 0);
  await page.close();
  await server.close();
});

test('user text is always text: a line named like markup, under the CSP', async () => {
  const server = await serve('/tools/budget/');
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const seen = await watch(page);
  await page.goto(server.url);
  await page.getByTestId('expense-total').waitFor();
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'/);
  assert.equal(await page.locator('script:not([src])').count(), 0);
  const evil = '<img src=x onerror=alert(1)>';
  const tsv = `支出类型\t功能分类科目\t项目名称\t资金来源\t当年预算安排\r\n项目支出\t2010350\t${evil}\t一般公共预算\t1\r\n`;
  await page.getByTestId('grid-keys').focus();
  await paste(page, '.grid-body', tsv);
  await page.locator('td', { hasText: evil }).first().waitFor();
  await page.getByRole('tab', { name: '公开表' }).click();
  await page.locator('#table-12 td', { hasText: evil }).first().waitFor();
  await page.getByRole('tab', { name: '方案对比' }).click();
  await page.getByTestId('scenario-copy').click();
  assert.equal(await page.locator('img').count(), 0);
  assert.equal(seen.dialogs, 0);
  // The codec worker starts under the policy too (an Excel export).
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  assert.ok(download.suggestedFilename().endsWith('.xlsx'));
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  for (const r of seen.requests) assert.ok(r.startsWith(server.url) || r.startsWith('blob:'), r);
  assert.deepEqual(seen.errors, []);
  await page.close();
  await server.close();
});
