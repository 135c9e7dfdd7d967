import { chromium } from 'playwright-core';
import { startServer, launchOptions } from '/work/main/tests/e2e/helpers.mjs';
const server = await startServer('/');
const browser = await chromium.launch(launchOptions());
const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
page.on('pageerror', e => console.log('PAGEERROR', String(e)));
page.on('console', m => { if (m.type() === 'error') console.log('CONSOLE', m.text()); });
await page.goto(server.url + (process.argv[2] || ''));
await page.getByTestId('expense-total').waitFor();
for (const step of (process.argv[3] || '').split(',').filter(Boolean)) {
  if (step.startsWith('tab:')) await page.getByRole('tab', { name: step.slice(4) }).click();
  else if (step.startsWith('click:')) await page.locator(step.slice(6)).first().click();
  else if (step.startsWith('key:')) await page.keyboard.press(step.slice(4));
  else if (step.startsWith('type:')) await page.keyboard.type(step.slice(5));
  else if (step.startsWith('wait:')) await page.waitForTimeout(+step.slice(5));
}
await page.screenshot({ path: process.argv[4] || '/tmp/shot.png' });
await browser.close(); await server.close();
