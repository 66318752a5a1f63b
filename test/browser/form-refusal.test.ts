import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { makeAgency, makeApplication, makePeriod, makeSplInstance, makeUnit, makeUser } from '../factories';
import { BrowserApp, chromiumAvailable, signIn, startBrowserApp, stopBrowserApp } from '../support/browser';
import { pageProblems } from '../support/page-checks';
import { TestApp } from '../support/test-app';

const describeInBrowser = chromiumAvailable ? describe : describe.skip;
/** Where the screenshots go, for a person to look at (`SCREENSHOT_DIR`, else the temp folder). */
const shots = process.env.SCREENSHOT_DIR ?? tmpdir();

/**
 * Console errors of the page, but the refused page's own status, which Chromium logs as a failed
 * load of the posted address: that 400 is the refusal the test asks for.
 */
function consoleErrors(page: Page, posted: RegExp): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (m.text().includes('status of 400') && posted.test(m.location().url)) return;
    errors.push(`${m.text()} (${m.location().url})`);
  });
  return errors;
}

describeInBrowser('forms in the browser: refused, then saved', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let started: Partial<BrowserApp> = {};
  let ds: DataSource;

  beforeAll(async () => {
    started = await startBrowserApp();
    ({ t, browser, baseUrl } = started as BrowserApp);
    ds = t.app.get(DataSource);
    await makePeriod(ds, { year: 2026 });
  });
  afterAll(() => stopBrowserApp(started));

  it('comes back at the form page address, with what was typed and the problem under the field', async () => {
    const agency = await makeAgency(ds, { name: 'Kabupaten Alamat' });
    const spl = await makeSplInstance(ds, agency, { name: 'SPL Lama', baseUrl: 'https://spl.alamat.go.id' });
    const coordinator = await makeUser(ds, 'coordinator', agency);
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const errors = consoleErrors(page, new RegExp(`/spl/${spl.id}$`));
    await signIn(page, baseUrl, coordinator.username);
    const formPage = `${baseUrl}/agencies/${agency.id}/spl`;
    await page.goto(formPage);

    // The row form posts to /spl/:id, which serves no page; "htp" passes the browser's URL check.
    await page.fill(`#name-${spl.id}`, 'SPL Baru Diketik');
    await page.fill(`#url-${spl.id}`, 'htp://spl.alamat.go.id');
    await page.locator(`form[action$="/spl/${spl.id}"] button[type=submit]`).click();
    await page.waitForURL(formPage);
    expect(page.url()).toBe(formPage);

    await expect(page.locator(`#name-${spl.id}`).inputValue()).resolves.toBe('SPL Baru Diketik');
    const url = page.locator(`#url-${spl.id}`);
    await expect(url.inputValue()).resolves.toBe('htp://spl.alamat.go.id');
    await expect(url.getAttribute('aria-invalid')).resolves.toBe('true');
    // The problem reads under the field, in Indonesian, and is what the field is described by.
    const described = page.locator(`#${(await url.getAttribute('aria-describedby'))!}`);
    await expect(described.textContent()).resolves.toBe('Harus URL http:// atau https://.');
    const fieldBox = (await url.boundingBox())!;
    const messageBox = (await described.boundingBox())!;
    expect(messageBox.y).toBeGreaterThanOrEqual(fieldBox.y + fieldBox.height);
    expect(messageBox.y).toBeLessThan(fieldBox.y + fieldBox.height + 40);
    // The page opens on the field to fix; the summary above says it too.
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe(`url-${spl.id}`);
    // The alert names the field by its label, as the form shows it, not by its request name.
    await expect(page.getByRole('alert').first().textContent()).resolves.toContain('Alamat (URL): harus URL');
    await expect(page.getByRole('alert').first().textContent()).resolves.not.toContain('baseUrl');
    await page.screenshot({ path: join(shots, 'form-refusal-spl.png'), fullPage: true });
    // Marked and described fields pass axe, and the page still fits a laptop and a phone.
    expect(await pageProblems(page, 'spl-refused')).toEqual([]);

    // The address shown, opened again (a bookmark, a shared link), is the form page.
    const response = await page.goto(page.url());
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toBe('Sistem Penghubung Layanan (SPL)');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('confirms each save with a notice: unit, application, claim, policy and an assignment', async () => {
    const agency = await makeAgency(ds, { name: 'Kota Konfirmasi Peramban' });
    const unit = await makeUnit(ds, agency, { name: 'Dinas Arsip' });
    await makeApplication(ds, unit, 'spl', { name: 'SIMARSIP' });
    const coordinator = await makeUser(ds, 'coordinator', agency);
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const errors = consoleErrors(page, new RegExp(`/agencies/${agency.id}/units$`));
    const notice = () => page.locator('#page-notice').textContent();
    await signIn(page, baseUrl, coordinator.username);
    const a = `${baseUrl}/agencies/${agency.id}`;

    // A unit: refused first (the code takes letters, digits and dashes), then added.
    await page.goto(`${a}/units`);
    await page.fill('#code', 'kode salah!');
    await page.fill('#name', 'Dinas Perpustakaan');
    await page.getByRole('button', { name: 'Tambah unit' }).click();
    await page.waitForURL(`${a}/units`);
    await expect(page.locator('#code').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#name').inputValue()).resolves.toBe('Dinas Perpustakaan');
    await page.locator('#code').screenshot({ path: join(shots, 'form-refusal-unit-field.png') });
    await page
      .locator('form[method=post][action$="/units"]')
      .screenshot({ path: join(shots, 'form-refusal-unit.png') });
    expect(await pageProblems(page, 'unit-refused')).toEqual([]);
    await page.fill('#code', 'DISPUS');
    await page.getByRole('button', { name: 'Tambah unit' }).click();
    await page.waitForURL(/\/units\/[0-9a-f-]{36}\?created=1$/);
    await expect(notice()).resolves.toBe('Data baru tersimpan.');

    // An application's profile, saved from its row.
    await page.goto(`${a}/applications`);
    await page.locator('tr', { hasText: 'SIMARSIP' }).getByRole('button', { name: 'Simpan' }).click();
    await page.waitForURL(/\/applications\?unitId=[0-9a-f-]{36}&saved=1$/);
    await expect(notice()).resolves.toBe('Perubahan tersimpan.');

    // The claim of an indicator.
    await page.goto(`${a}/periods/2026/indicators/18`);
    await page.selectOption('#claimedLevel', '2');
    await page.fill('#justification', 'Dua aplikasi sudah memakai SPL.');
    await page.getByRole('button', { name: 'Simpan nilai mandiri' }).click();
    await page.waitForURL(/\/indicators\/18\?saved=1$/);
    await expect(notice()).resolves.toBe('Perubahan tersimpan.');

    // A new policy says it was added.
    await page.goto(`${a}/policies`);
    await page.fill('#title', 'Peraturan Wali Kota tentang SPBE');
    await page.getByRole('button', { name: 'Tambah kebijakan' }).click();
    await page.waitForURL(/\/policies\/[0-9a-f-]{36}\?created=1$/);
    await expect(notice()).resolves.toBe('Data baru tersimpan.');
    await page.close();

    // The admin assigns the agency to an evaluator.
    const admin = await makeUser(ds, 'admin', null);
    const evaluator = await makeUser(ds, 'evaluator', null);
    const adminPage = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const adminErrors = consoleErrors(adminPage, /^$/);
    await signIn(adminPage, baseUrl, admin.username);
    await adminPage.goto(`${baseUrl}/users/${evaluator.id}`);
    await adminPage.selectOption('#agencyIds', [agency.id]);
    await adminPage.locator('form[action$="/assignments"] button[type=submit]').click();
    await adminPage.waitForURL(`${baseUrl}/users/${evaluator.id}?assigned=1`);
    await expect(adminPage.locator('#page-notice').textContent()).resolves.toBe('Penugasan tersimpan.');
    await expect(
      adminPage
        .locator(`#agencyIds option[value="${agency.id}"]`)
        .evaluate((o) => (o as HTMLOptionElement).selected),
    ).resolves.toBe(true);
    await adminPage.close();
    expect([...errors, ...adminErrors]).toEqual([]);
  });
});
