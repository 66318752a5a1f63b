import { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { TEST_PASSWORD, makeAgency, makeUser } from '../factories';
import { BrowserApp, chromiumAvailable, startBrowserApp, stopBrowserApp } from '../support/browser';
import { TestApp } from '../support/test-app';

const describeInBrowser = chromiumAvailable ? describe : describe.skip;

describeInBrowser('signing in with a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let started: Partial<BrowserApp> = {};

  beforeAll(async () => {
    started = await startBrowserApp();
    ({ t, browser, baseUrl } = started as BrowserApp);
  });
  afterAll(() => stopBrowserApp(started));

  it('sends a visitor to the login page, signs in, shows the users page, and signs out', async () => {
    const ds = t.app.get(DataSource);
    const user = await makeUser(ds, 'coordinator', await makeAgency(ds), { displayName: 'Siti Koordinator' });
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text())); // CSP violations land here

    await page.goto(`${baseUrl}/users`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.fill('#username', user.username);
    await page.fill('#password', 'wrong-password-x');
    await page.click('button[type=submit]');
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      'Nama pengguna atau kata sandi salah.',
    );

    await page.fill('#password', TEST_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(`${baseUrl}/users`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Pengguna');
    await expect(page.locator('.who').textContent()).resolves.toContain('Siti Koordinator');

    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.waitForURL(`${baseUrl}/login`);
    await page.goto(`${baseUrl}/users`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
  });
});
