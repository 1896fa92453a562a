// Opens the API browser in headless Chromium, first tries a wrong secret in Swagger UI's Authorize
// dialog (the page must show the server's error, the browser must not take over with a login box),
// then authorizes with the right one, runs "GET /api/ver1.0/client/{client_id}" with client_id=@me and
// prints what the page shows: {"wrongSecretError": ..., "status": ..., "body": ...}. Exit code 1 on failure.
// Usage: node api-browser.mjs <baseUrl> <client_id> <client_secret>
import { chromium } from 'playwright-core';

const [baseUrl, clientId, clientSecret] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(20000);
  await page.goto(`${baseUrl}/api/browser/`);
  await page.locator('.information-container .title').waitFor();

  await page.locator('.auth-wrapper button.authorize').click();
  await page.locator('input[data-name="clientId"]').fill(clientId);
  await page.locator('input[data-name="clientSecret"]').fill('wrong-' + clientSecret);
  await page.locator('.auth-btn-wrapper button.authorize').click();
  const error = page.locator('.modal-ux .errors').first();
  try {
    await error.waitFor();
  } catch (e) {
    throw new Error('a wrong secret showed no error in the page: ' + (await page.locator('.modal-ux').innerText()));
  }
  const wrongSecretError = (await error.innerText()).trim();

  await page.locator('input[data-name="clientSecret"]').fill(clientSecret);
  await page.locator('.auth-btn-wrapper button.authorize').click();
  // Swagger UI fetched a token from /oauth/token: the dialog now says "Authorized" (or shows the error).
  try {
    await page.locator('.modal-ux').getByText('Authorized', { exact: true }).waitFor();
  } catch (e) {
    throw new Error('authorization failed: ' + (await page.locator('.modal-ux').innerText()));
  }
  await page.locator('.auth-btn-wrapper button.btn-done').click();

  const op = page.locator('.opblock-get', {
    has: page.locator('[data-path="/api/ver1.0/client/{client_id}"]'),
  });
  await op.locator('.opblock-summary').click();
  await op.locator('button.try-out__btn').click();
  await op.locator('tr[data-param-name="client_id"] input').fill('@me');
  await op.locator('button.execute').click();
  const status = op.locator('.live-responses-table .response .response-col_status').first();
  await status.waitFor();
  const body = await op.locator('.live-responses-table .response-col_description pre').first().innerText();
  console.log(JSON.stringify({ wrongSecretError, status: (await status.innerText()).trim(), body }));
} finally {
  await browser.close();
}
