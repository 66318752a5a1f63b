/// <reference lib="dom" />
import { Browser } from 'playwright-core';
import { BrowserApp, chromiumAvailable, startBrowserApp, stopBrowserApp } from '../support/browser';

const describeInBrowser = chromiumAvailable ? describe : describe.skip;

describeInBrowser('home page in a real browser', () => {
  let browser: Browser;
  let baseUrl: string;
  let started: Partial<BrowserApp> = {};

  beforeAll(async () => {
    started = await startBrowserApp();
    ({ browser, baseUrl } = started as BrowserApp);
  });
  afterAll(() => stopBrowserApp(started));

  it('shows the product in Indonesian, switches to English and keeps it on the next visit', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));

    await page.goto(`${baseUrl}/`);
    await expect(page.locator('h1').textContent()).resolves.toBe(
      'Penilaian mandiri Sistem Penghubung Layanan',
    );
    expect(await page.title()).toContain('Pelacak SPBE');
    const background = await page.locator('.topbar').evaluate((el) => getComputedStyle(el).borderBottomStyle);
    expect(background).toBe('solid'); // the stylesheet loaded

    await page.getByRole('link', { name: 'English', exact: true }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Self-assessment of the service hub');
    await page.goto(`${baseUrl}/`);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    expect(errors).toEqual([]);
    await page.close();
  });
});
