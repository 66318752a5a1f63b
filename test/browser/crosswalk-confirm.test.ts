import { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { makeAgency, makeEvidence, makePeriod, makeUnit, makeUser } from '../factories';
import { BrowserApp, chromiumAvailable, signIn, startBrowserApp, stopBrowserApp } from '../support/browser';
import { pageProblems } from '../support/page-checks';
import { TestApp } from '../support/test-app';

const describeInBrowser = chromiumAvailable ? describe : describe.skip;

describeInBrowser('carrying evidence into a Pemdi period in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let started: Partial<BrowserApp> = {};

  beforeAll(async () => {
    started = await startBrowserApp();
    ({ t, browser, baseUrl } = started as BrowserApp);
  });
  afterAll(() => stopBrowserApp(started));

  it('shows the coordinator the re-tagged list, carries what they confirm, and the dashboard compares the years', async () => {
    const ds = t.app.get(DataSource);
    const p2025 = await makePeriod(ds, { year: 2025, asOf: '2025-10-31' });
    await makePeriod(ds, { year: 2026, frameworkVersion: 'pemdi-2026' });
    const agency = await makeAgency(ds, { name: 'Kabupaten Lintas Kerangka' });
    const unit = await makeUnit(ds, agency);
    const api = await makeEvidence(ds, agency, p2025, {
      title: 'Daftar API SPL',
      indicators: [18],
      units: [unit],
      documentDate: '2025-03-01',
    });
    const policy = await makeEvidence(ds, agency, p2025, {
      kind: 'policy_enacted',
      title: 'Perbup SPL',
      indicators: [7],
      allUnits: true,
      documentDate: '2025-02-01',
    });
    const user = await makeUser(ds, 'coordinator', agency);

    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await signIn(page, baseUrl, user.username);

    // The library's carry button leads to the confirm step when the frameworks differ.
    await page.goto(`${baseUrl}/agencies/${agency.id}/evidence`);
    await page.fill('#fromYear', '2025');
    await page.getByRole('button', { name: 'Bawa ke periode ini' }).click();
    await page.waitForURL(/\/periods\/2026\/evidence\/crosswalk\?fromYear=2025/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Bawa bukti dukung ke kerangka baru');
    const apiRow = page.locator(`tr[data-evidence="${api.id}"]`);
    await expect(apiRow.locator('.crosswalk-from').innerText()).resolves.toContain('I18');
    await expect(apiRow.locator('.crosswalk-to').innerText()).resolves.toContain('I16 Integrasi Aplikasi');
    await expect(page.locator(`#item-${api.id}`).isChecked()).resolves.toBe(true);
    await expect(apiRow.locator(`input[value="${api.id}:I18"]`).isChecked()).resolves.toBe(false);
    expect(await pageProblems(page, 'crosswalk-confirm')).toEqual([]);

    // Add the related I18 to the API list, leave the policy out, confirm.
    await apiRow.locator(`input[value="${api.id}:I18"]`).check();
    await page.locator(`#item-${policy.id}`).uncheck();
    await page.getByRole('button', { name: 'Konfirmasi dan bawa' }).click();
    await page.waitForURL(/carried=1/);
    const copies: { indicators: number[]; carried_from_id: string }[] = await ds.query(
      `SELECT e.indicators, e.carried_from_id FROM evidence e JOIN period p ON p.id = e.period_id
        WHERE e.agency_id = $1 AND p.year = 2026`,
      [agency.id],
    );
    expect(copies).toEqual([{ indicators: [16, 18], carried_from_id: api.id }]);

    await page.goto(`${baseUrl}/agencies/${agency.id}?year=2026`);
    const card = page.locator('#crosswalk-levels');
    await expect(card.locator('tr[data-from="I18"]').innerText()).resolves.toContain('belum dinilai');
    await expect(card.locator('tr[data-from="I7"]').innerText()).resolves.toContain(
      'Tata Kelola Pemerintah Digital',
    );
    expect(await pageProblems(page, 'crosswalk-dashboard')).toEqual([]);
    expect(errors).toEqual([]);
  });
});
