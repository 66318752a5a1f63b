import { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { NationalRecompute } from '../../src/levels/national-recompute';
import { makeAgency, makeApplication, makeEvidence, makePeriod, makeUnit, makeUser } from '../factories';
import { BrowserApp, chromiumAvailable, signIn, startBrowserApp, stopBrowserApp } from '../support/browser';
import { TestApp } from '../support/test-app';

const describeInBrowser = chromiumAvailable ? describe : describe.skip;

describeInBrowser('the official criteria columns on the indicator page', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let started: Partial<BrowserApp> = {};
  let page: Page;
  let agencyId: string;
  let apiListId: string;

  beforeAll(async () => {
    started = await startBrowserApp();
    ({ t, browser, baseUrl } = started as BrowserApp);
    const ds = t.app.get(DataSource);
    const period = await makePeriod(ds, { year: 2026, asOf: '2026-10-31' });
    const agency = await makeAgency(ds, { name: 'Kabupaten Kolom' });
    agencyId = agency.id;
    const unit = await makeUnit(ds, agency);
    await makeApplication(ds, unit, 'spl');
    const apiList = await makeEvidence(ds, agency, period, {
      kind: 'api_list',
      title: 'Daftar API SPL Dinas Kesehatan',
      status: 'submitted',
      units: [unit],
    });
    apiListId = apiList.id;
    await makeEvidence(ds, agency, period, {
      kind: 'review_report',
      title: 'Laporan reviu SPL 2026',
      status: 'draft',
    });
    await t.app.get(NationalRecompute).recompute([agency.id]);
    const user = await makeUser(ds, 'coordinator', agency);
    page = await browser.newPage();
    await signIn(page, baseUrl, user.username);
  });
  afterAll(() => stopBrowserApp(started));

  const text = (selector: string) => page.locator(selector).innerText();

  it('shows the three explanations and, per level, Kriteria Level, Pemenuhan and the numbered evidence items', async () => {
    await page.goto(`${baseUrl}/agencies/${agencyId}/periods/2026/indicators/18`);
    const explanations = await text('#explanations');
    for (const heading of ['Penjelasan Indikator', 'Penjelasan Penilaian', 'Penjelasan Bukti Dukung'])
      expect(explanations).toContain(heading);
    expect(explanations).toContain('daftar API yang menggunakan service bus');

    const level2 = await text('#level-2');
    expect(level2).toMatch(/Kriteria Level[\s\S]*Kriteria Pemenuhan Level[\s\S]*Kriteria Bukti Dukung/);
    expect(level2).toContain('pada sebagaian unit kerja/perangkat daerah..');
    expect(level2).toContain('Teks resmi (verbatim)');
    expect(level2).toContain('PermenPANRB 59/2020, Pedoman Evaluasi SPBE');
    await expect(page.locator('#level-4 [data-item]').count()).resolves.toBe(2);
    await expect(page.locator('#level-5 [data-item]').count()).resolves.toBe(2);
  });

  it("lists under each numbered item the kinds that satisfy it and the agency's items, or belum ada", async () => {
    const l1 = page.locator('[data-item="1.1"]');
    await expect(l1.innerText()).resolves.toContain('Daftar API');
    const item = l1.getByRole('link', { name: 'Daftar API SPL Dinas Kesehatan' });
    await expect(item.getAttribute('href')).resolves.toBe(`/agencies/${agencyId}/evidence/${apiListId}`);
    await expect(l1.innerText()).resolves.toContain('Diajukan');

    const review = await page.locator('[data-item="4.2"]').innerText();
    expect(review).toContain('Laporan reviu dan evaluasi');
    expect(review).toMatch(/Laporan reviu SPL 2026\s+Draf\s+\(tidak dihitung\)/);

    const integration = await page.locator('[data-item="4.1"]').innerText();
    expect(integration).toContain('SOP integrasi');
    expect(integration).toContain('belum ada');
    const improvement = await page.locator('[data-item="5.2"]').innerText();
    expect(improvement).toContain('Sebelum dan sesudah perbaikan');
    expect(improvement).toContain('belum ada');
  });

  it('declares the readings applied, with the review window and its value', async () => {
    const readings = await text('#readings');
    expect(readings).toContain('Tafsiran yang digunakan');
    expect(await text('[data-reading="reviewWindow"]')).toContain('Nilai: 12 bulan (bawaan edisi B)');
    expect(await text('[data-reading="coverage"]')).toContain('Nilai: 100%');
    expect(readings).toContain('level 0');
  });

  it('says on Indicator 7 and in English where the text is a paraphrase', async () => {
    await page.goto(`${baseUrl}/agencies/${agencyId}/periods/2026/indicators/7`);
    expect(await text('#criteria')).toContain('Teks parafrase, bukan teks resmi');
    await expect(page.locator('[data-reading="unitLevel2"]').count()).resolves.toBe(0);
    await page.goto(`${baseUrl}/agencies/${agencyId}/periods/2026/indicators/18?lang=en`);
    const level4 = await text('#level-4');
    expect(level4).toContain('English translation of the official text');
    expect(level4).toContain('Official text (Indonesian)');
    expect(await text('#readings')).toContain('Readings applied');
    expect(await text('[data-reading="reviewWindow"]')).toContain('12 months (default of edition B)');
  });
});
