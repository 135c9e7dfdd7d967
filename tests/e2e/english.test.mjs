// End-to-end: the English interface. Switching language changes every visible UI string;
// only official names and the official document (marked lang="zh-CN": classification and
// fund-source names, the 13 tables, the narrative, the glossary) and the user's own text stay
// Chinese.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, shot } from './helpers.mjs';

const env = useServerAndBrowser('/');

/** Chinese text outside elements marked lang="zh-CN": text nodes and the attributes people
 * read (title, placeholder, aria-label). */
const leftovers = (page) => page.evaluate(() => {
  const cjk = /[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]/;
  const official = (el) => !!el.closest('[lang="zh-CN"]');
  const bad = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const n = walker.currentNode;
    const el = n.parentElement;
    if (!el || !cjk.test(n.textContent) || official(el) || el.closest('script,style,noscript')) continue;
    bad.add(`text: ${n.textContent.trim().slice(0, 90)}`);
  }
  for (const el of document.querySelectorAll('[title],[placeholder],[aria-label]')) {
    if (official(el)) continue;
    for (const a of ['title', 'placeholder', 'aria-label']) {
      const v = el.getAttribute(a);
      if (v && cjk.test(v)) bad.add(`${a}: ${v.slice(0, 90)}`);
    }
  }
  return [...bad];
});

const TABS_EN = ['Lines', 'Income & prior year', 'Staffing', 'Tables', 'Narrative', 'Performance goals', 'Charts', 'Checks', 'Verify documents', 'Compare', 'Glossary'];

test('switching to English changes every UI string; official names stay Chinese', async () => {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(env.server.url);
  await page.getByTestId('expense-total').waitFor();
  assert.equal(await page.getByRole('tab', { name: '明细' }).count(), 1);
  await page.getByTestId('lang').click();
  await page.getByRole('tab', { name: 'Lines' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.deepEqual(await page.getByRole('tab').allTextContents(), TABS_EN);
  // Make the panels and messages that only show on demand appear too.
  await page.getByTestId('adjust-open').click();
  await page.getByTestId('adjust-group').selectOption({ index: 2 });
  await page.getByTestId('adjust-value').fill('-5');
  await page.getByTestId('adjust-preview').waitFor();
  await page.getByRole('button', { name: 'Control figures', exact: true }).click();
  await page.getByTestId('expense-total').click();
  await page.getByTestId('explain').waitFor();
  const all = [];
  for (const tab of TABS_EN) {
    await page.getByRole('tab', { name: tab }).click();
    await page.waitForTimeout(50);
    const left = await leftovers(page);
    all.push(...left.map((x) => `[${tab}] ${x}`));
  }
  // A refused edit: the message is English too.
  await page.getByRole('tab', { name: 'Lines' }).click();
  await page.locator('tr[data-line="1"] td[data-col="7"]').click();
  await page.keyboard.type('abc');
  await page.keyboard.press('Enter');
  await page.getByTestId('notice').filter({ hasText: 'Not changed: Current-year amount: “abc” is not a valid amount' }).waitFor();
  all.push(...(await leftovers(page)).map((x) => `[after an error] ${x}`));
  await shot(page, 'english.png');
  assert.deepEqual([...new Set(all)], []);
  // 类 names stay Chinese, with their English names where the glossary has them.
  await page.getByRole('tab', { name: 'Charts' }).click();
  assert.match(await page.locator('.charts').textContent(), /一般公共服务支出 — General public services 3,159\.10 \(92\.84%\)/);
  // Figures are formatted the same; the official tables stay Chinese.
  assert.equal(await page.getByTestId('expense-total').textContent(), '3,826.55');
  await page.getByRole('tab', { name: 'Tables' }).click();
  assert.match(await page.locator('#table-1 h2').textContent(), /2023年预算收支总表/);
  // And back.
  await page.getByTestId('lang').click();
  await page.getByRole('tab', { name: '明细' }).waitFor();
  await page.close();
});

test('lang=en by configuration; practice in English', async () => {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${env.server.url}?lang=en&mode=practice`);
  await page.getByTestId('practice').waitFor();
  await page.getByTestId('answer-income-current').fill('3402.75');
  await page.getByTestId('answer-income-current').press('Enter');
  await page.getByTestId('feedback-income-current').filter({ hasText: '✓ Right: 3,402.75' }).waitFor();
  await page.getByTestId('answer-personnel').fill('1');
  await page.getByTestId('answer-personnel').press('Enter');
  await page.getByTestId('feedback-personnel').filter({ hasText: '✗ Not right. The answer is 924.78' }).waitFor();
  assert.deepEqual(await leftovers(page), []);
  assert.equal(await page.getByTestId('score').textContent(), 'Score 1 / 12 (2 answered)');
  await shot(page, 'practice-en.png');
  await page.close();
});

test('drafting panels, read-only mode and messages in English', async () => {
  const { default: path } = await import('node:path');
  const { ROOT } = await import('./helpers.mjs');
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${env.server.url}?lang=en`);
  await page.getByTestId('expense-total').waitFor();
  const all = [];
  const scan = async (where) => all.push(...(await leftovers(page)).map((x) => `[${where}] ${x}`));
  await page.getByTestId('scenario-copy').click();
  await page.locator('tr[data-line="1"] td[data-col="7"]').click();
  await page.keyboard.type('300');
  await page.keyboard.press('Enter');
  await page.getByTestId('scenario-compare').click();
  await page.getByTestId('compare-lines').waitFor();
  await scan('compare');
  await page.getByTestId('scenario-delete').click();
  await scan('delete confirmation');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByTestId('import-file').setInputFiles(path.join(ROOT, 'tests', 'fixtures', 'bad-column.xlsx'));
  await page.getByTestId('import-panel').waitFor();
  await page.getByTestId('import-apply').click();
  await page.getByTestId('import-errors').waitFor();
  assert.match(await page.getByTestId('import-errors').textContent(), /Row 4, column 6: Current-year amount: “待定” is not a valid amount/);
  await scan('import errors');
  await page.keyboard.press('Escape');
  await page.getByTestId('share').click();
  await page.getByTestId('share-url').waitFor();
  await scan('share');
  await page.getByTestId('undo').click();
  await page.getByTestId('notice').filter({ hasText: 'Undone:' }).waitFor();
  await scan('undo notice');
  assert.deepEqual([...new Set(all)], []);
  await page.goto(`${env.server.url}?lang=en&mode=readonly`);
  await page.getByTestId('mode').filter({ hasText: 'Read-only' }).waitFor();
  assert.deepEqual(await leftovers(page), []);
  await page.close();
});
