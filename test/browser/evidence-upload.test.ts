import { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { EvidenceFile } from '../../src/evidence/evidence-file.entity';
import { makeAgency, makePeriod, makeUnit, makeUser } from '../factories';
import { BrowserApp, chromiumAvailable, signIn, startBrowserApp, stopBrowserApp } from '../support/browser';
import { TestApp } from '../support/test-app';

const describeInBrowser = chromiumAvailable ? describe : describe.skip;
const pdf = (n: number) => Buffer.from(`%PDF-1.4\n% file ${n}\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n`);

describeInBrowser('uploading evidence in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let started: Partial<BrowserApp> = {};

  beforeAll(async () => {
    started = await startBrowserApp();
    ({ t, browser, baseUrl } = started as BrowserApp);
  });
  afterAll(() => stopBrowserApp(started));

  it('uploads several files into one item with a progress bar per file', async () => {
    const ds = t.app.get(DataSource);
    await makePeriod(ds, { year: 2026, asOf: '2026-10-31' });
    const agency = await makeAgency(ds);
    await makeUnit(ds, agency, { name: 'Dinas Kesehatan' });
    const user = await makeUser(ds, 'operator', agency);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await signIn(page, baseUrl, user.username);

    await page.goto(`${baseUrl}/agencies/${agency.id}/evidence`);
    await page.setInputFiles('#files', [
      { name: 'daftar-api.pdf', mimeType: 'application/pdf', buffer: pdf(1) },
      { name: 'diagram.pdf', mimeType: 'application/pdf', buffer: pdf(2) },
    ]);
    await expect(page.locator('[data-upload-list] progress').count()).resolves.toBe(2);
    await page.selectOption('#kind', 'api_list');
    await page.fill('#title', 'Daftar API SPL');
    await page.fill('#documentDate', '2026-03-01');
    await page.selectOption('#unitIds', { label: 'Dinas Kesehatan' });
    await page.getByRole('button', { name: 'Unggah', exact: true }).click();
    await page.waitForURL(/\/evidence\/[0-9a-f-]{36}$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Daftar API SPL');
    await expect(page.locator('table').first().textContent()).resolves.toContain('diagram.pdf');
    expect(await ds.getRepository(EvidenceFile).count({ where: { agencyId: agency.id } })).toBe(2);
    expect(errors).toEqual([]);
  });
});
