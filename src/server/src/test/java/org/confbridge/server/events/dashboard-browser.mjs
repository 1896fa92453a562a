// Drives the live dashboard in headless Chromium for DashboardIT. Usage:
//   node dashboard-browser.mjs <baseUrl> <token> <extensionId> <participantId>
// Prints READY when the conference shows two participants, TALKING when the participant's talking
// indicator lights (the test makes its phone send a tone after READY), then presses its Mute button and
// prints MUTED once the page shows it muted. Exit code 1 (with the reason) on failure.
import { chromium } from 'playwright-core';

const [baseUrl, token, extensionId, participantId] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(20000);
  await page.goto(`${baseUrl}/dashboard/`);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Connect' }).click();
  const card = page.locator(`section.conference[data-extension-id="${extensionId}"]`);
  await card.locator('tbody tr').nth(1).waitFor();
  console.log('READY');
  const row = card.locator(`tr[data-participant-id="${participantId}"]`);
  await row.and(page.locator('tr.talking')).waitFor({ timeout: 15000 });
  console.log('TALKING');
  await row.getByRole('button', { name: /^mute / }).click();
  await row.and(page.locator('tr.muted')).waitFor();
  console.log('MUTED ' + (await row.locator('td.state').innerText()));
} catch (e) {
  console.log('FAILED ' + e.message.split('\n')[0]);
  process.exitCode = 1;
} finally {
  await browser.close();
}
