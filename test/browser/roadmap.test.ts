import { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { makeAgency, makeApplication, makePeriod, makeUnit, makeUser } from '../factories';
import { BrowserApp, chromiumAvailable, signIn, startBrowserApp, stopBrowserApp } from '../support/browser';
import { TestApp } from '../support/test-app';

const describeInBrowser = chromiumAvailable ? describe : describe.skip;

describeInBrowser('the SPLP roadmap in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let started: Partial<BrowserApp> = {};

  beforeAll(async () => {
    started = await startBrowserApp();
    ({ t, browser, baseUrl } = started as BrowserApp);
  });
  afterAll(() => stopBrowserApp(started));

  it('plans a step through the form, sorts the open items and draws the progress charts', async () => {
    const ds = t.app.get(DataSource);
    await makePeriod(ds, { year: 2026, asOf: '2026-12-31' });
    const agency = await makeAgency(ds, { code: 'browser-road' });
    const dinkes = await makeUnit(ds, agency, { code: 'DINKES', name: 'Dinas Kesehatan' });
    const disdik = await makeUnit(ds, agency, { code: 'DISDIK', name: 'Dinas Pendidikan' });
    const simpus = await makeApplication(ds, dinkes, 'spl', { name: 'SIMPUS', usageType: 'api_ready' });
    await makeApplication(ds, disdik, 'none', { name: 'Dapodik', usageType: 'scratch' });
    const user = await makeUser(ds, 'coordinator', agency, { displayName: 'Sari Kominfo' });
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, baseUrl, user.username);

    await page.goto(`${baseUrl}/agencies/${agency.id}/roadmap/applications/${simpus.id}`);
    await page.selectOption('#status-data_api_docs', 'in_progress');
    await page.selectOption('#owner-data_api_docs', user.id);
    await page.fill('#due-data_api_docs', '2026-01-15');
    await page.click('#step-data_api_docs button[type=submit]');
    await page.waitForURL(/saved=1/);
    expect(await page.textContent('#step-data_api_docs')).toContain('Sari Kominfo');

    await page.goto(`${baseUrl}/agencies/${agency.id}/roadmap?sort=due`);
    const first = await page.textContent('#roadmap-items tbody tr:first-child');
    expect(first).toContain('Dokumentasi data dan API – SIMPUS');
    expect(first).toContain('2026-01-15');
    expect(first).toContain('lewat tenggat');
    // The engine's gaps name units by name, never by id.
    expect(await page.textContent('#roadmap-items')).toContain('mencakup unit Dinas Pendidikan');
    expect(await page.textContent('#roadmap-items')).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(await page.locator('svg polyline').count()).toBe(9);
    if (process.env.SCREENSHOT_DIR)
      await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/roadmap.png`, fullPage: true });
    expect(errors).toEqual([]);
  });
});
