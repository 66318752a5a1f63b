/// <reference lib="dom" />
import { Browser } from 'playwright-core';
import { chromiumAvailable, launchBrowser } from '../support/browser';
import { TestApp, createTestApp } from '../support/test-app';

const describeInBrowser = chromiumAvailable ? describe : describe.skip;

describeInBrowser('home page in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

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
