import { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { makeAgency, makeApplication, makeEvidence, makePeriod, makeUnit, makeUser } from '../factories';
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
    await page.fill('#due-data_api_docs', '15/01/2026');
    await page.click('#step-data_api_docs button[type=submit]');
    await page.waitForURL(/saved=1/);
    expect(await page.textContent('#step-data_api_docs')).toContain('Sari Kominfo');

    await page.goto(`${baseUrl}/agencies/${agency.id}/roadmap?sort=due`);
    const first = await page.textContent('#roadmap-items tbody tr:first-child');
    expect(first).toContain('Dokumentasi data dan API – SIMPUS');
    expect(first).toContain('15/01/2026');
    expect(first).toContain('lewat tenggat');
    // The engine's gaps name units by name, never by id.
    expect(await page.textContent('#roadmap-items')).toContain('mencakup unit Dinas Pendidikan');
    expect(await page.textContent('#roadmap-items')).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(await page.locator('svg polyline').count()).toBe(9);
    if (process.env.SCREENSHOT_DIR)
      await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/roadmap.png`, fullPage: true });
    expect(errors).toEqual([]);
  });

  it('picks evidence from the list, writes dates as dd/mm/yyyy and says who is who', async () => {
    const ds = t.app.get(DataSource);
    const period = (await ds.query('SELECT id FROM period WHERE year = 2026'))[0];
    const agency = await makeAgency(ds, { code: 'browser-who' });
    const kominfo = await makeUnit(ds, agency, { code: 'DISKOMINFO', name: 'Dinas Kominfo' });
    const sipd = await makeApplication(ds, kominfo, 'spl', { name: 'SIPD' });
    await makeEvidence(ds, agency, period, { kind: 'api_list', title: 'Daftar API SIPD' });
    const user = await makeUser(ds, 'coordinator', agency, { displayName: 'Rina Wali Data' });
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, baseUrl, user.username);

    await page.goto(`${baseUrl}/agencies/${agency.id}/roadmap/applications/${sipd.id}`);
    await page.selectOption('#status-publish', 'in_progress');
    await page.fill('#started-publish', '02/03/2026');
    await page.fill('#due-publish', '31/04/2026');
    await page.click('#step-publish button[type=submit]');
    expect(await page.textContent('[role=alert]')).toContain('"31/04/2026" bukan tanggal yang benar');
    // The refusal is a 400 page, which Chromium logs; the form keeps what was typed.
    expect(await page.inputValue('#started-publish')).toBe('02/03/2026');
    expect(await page.inputValue('#status-publish')).toBe('in_progress');
    errors.length = 0;
    await page.fill('#due-publish', '30/04/2026');
    await page.click('#picker-publish summary');
    await page.check('#picker-publish input[type=checkbox]');
    await page.click('#step-publish button[type=submit]');
    await page.waitForURL(/saved=1/);
    const step = await page.textContent('#step-publish');
    expect(step).toContain('Mulai: 02/03/2026');
    expect(step).toContain('Tenggat: 30/04/2026');
    expect(await page.textContent('#step-publish .evidence-linked')).toContain('Daftar API SIPD');
    if (process.env.SCREENSHOT_DIR)
      await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/roadmap-step.png`, fullPage: true });

    await page.goto(`${baseUrl}/agencies/${agency.id}/roadmap/roles`);
    await page.selectOption('#unit-spl_operator', kominfo.id);
    await page.click('#role-spl_operator button[type=submit]');
    await page.waitForURL(/saved=1/);
    await page.selectOption('#user-data_steward', user.id);
    await page.click('#role-data_steward button[type=submit]');
    await page.waitForURL(/saved=1/);
    await page.selectOption('#service-DISKOMINFO', 'both');
    await page.click('#unit-role-DISKOMINFO button[type=submit]');
    await page.waitForURL(/saved=1/);
    if (process.env.SCREENSHOT_DIR)
      await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/roadmap-roles.png`, fullPage: true });
    await page.goto(`${baseUrl}/agencies/${agency.id}/roadmap`);
    const who = await page.textContent('#who-is-who');
    expect(who).toContain('Unit pengelola SPL: Dinas Kominfo');
    expect(who).toContain('Wali Data: Rina Wali Data');
    expect(await page.textContent('#unit-DISKOMINFO')).toContain('Penyedia dan pengguna');
    if (process.env.SCREENSHOT_DIR)
      await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/roadmap-who.png`, fullPage: true });
    expect(errors).toEqual([]);
  });
});
