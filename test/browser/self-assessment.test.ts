import { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { NationalRecompute } from '../../src/levels/national-recompute';
import { makeAgency, makeApplication, makeEvidence, makePeriod, makeUnit, makeUser } from '../factories';
import { BrowserApp, chromiumAvailable, signIn, startBrowserApp, stopBrowserApp } from '../support/browser';
import { TestApp } from '../support/test-app';

const describeInBrowser = chromiumAvailable ? describe : describe.skip;

describeInBrowser('claiming a level in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let started: Partial<BrowserApp> = {};

  beforeAll(async () => {
    started = await startBrowserApp();
    ({ t, browser, baseUrl } = started as BrowserApp);
  });
  afterAll(() => stopBrowserApp(started));

  it('saves a claim above the supported level and shows the warning', async () => {
    const ds = t.app.get(DataSource);
    const period = await makePeriod(ds, { year: 2026, asOf: '2026-10-31' });
    const agency = await makeAgency(ds, { name: 'Kabupaten Peramban' });
    const unit = await makeUnit(ds, agency);
    await makeApplication(ds, unit, 'spl');
    await makeEvidence(ds, agency, period, { kind: 'api_list', status: 'submitted', units: [unit] });
    await t.app.get(NationalRecompute).recompute([agency.id]);
    const user = await makeUser(ds, 'coordinator', agency);

    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await signIn(page, baseUrl, user.username);

    await page.goto(`${baseUrl}/agencies`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Kabupaten Peramban');
    await page.getByRole('link', { name: 'Indikator 18' }).click();
    await expect(page.locator('#claim-warning').count()).resolves.toBe(0);
    await page.selectOption('#claimedLevel', '5');
    await page.fill('#justification', 'Kami yakin sudah optimum.');
    await page.getByRole('button', { name: 'Simpan nilai mandiri' }).click();
    await page.waitForURL(/saved=1/);
    await expect(page.locator('#claim-warning').textContent()).resolves.toContain(
      'Nilai mandiri lebih tinggi',
    );
    await expect(page.locator('.values strong').first().textContent()).resolves.toContain('5');
    expect(errors).toEqual([]);
  });
});
