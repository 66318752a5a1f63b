import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Evidence } from '../../src/evidence/evidence.entity';
import { EvidenceFile } from '../../src/evidence/evidence-file.entity';
import { makeAgency, makePeriod, makeUnit, makeUser } from '../factories';
import { BrowserApp, chromiumAvailable, signIn, startBrowserApp, stopBrowserApp } from '../support/browser';
import { TestApp } from '../support/test-app';

const describeInBrowser = chromiumAvailable ? describe : describe.skip;
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
/** Where the screenshots go, for a person to look at (`SCREENSHOT_DIR`, else the temp folder). */
const shots = process.env.SCREENSHOT_DIR ?? tmpdir();

describeInBrowser('adding link evidence in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let started: Partial<BrowserApp> = {};

  beforeAll(async () => {
    started = await startBrowserApp();
    ({ t, browser, baseUrl } = started as BrowserApp);
  });
  afterAll(() => stopBrowserApp(started));

  it('adds a link with a snapshot through "Tautan" and shows it in the library, opening in a new tab', async () => {
    const ds = t.app.get(DataSource);
    await makePeriod(ds, { year: 2026, asOf: '2026-10-31' });
    const agency = await makeAgency(ds);
    await makeUnit(ds, agency, { name: 'Dinas Komunikasi dan Informatika' });
    const user = await makeUser(ds, 'operator', agency);
    const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await signIn(page, baseUrl, user.username);

    await page.goto(`${baseUrl}/agencies/${agency.id}/evidence`);
    await expect(page.locator('#files').isVisible()).resolves.toBe(true);
    await expect(page.locator('#url').isVisible()).resolves.toBe(false);
    await page.getByLabel('Tautan', { exact: true }).check();
    await expect(page.locator('#files').isVisible()).resolves.toBe(false);
    await page.fill('#url', 'https://splp.example.go.id/devportal/apis?tenant=kab-contoh');
    await page.fill('#capturedAt', '2026-03-05');
    await page.setInputFiles('#snapshot', { name: 'portal-api.png', mimeType: 'image/png', buffer: PNG });
    await page.selectOption('#kind', 'api_list');
    await page.fill('#title', 'Daftar API di portal SPLP');
    await page.selectOption('#unitIds', { label: 'Dinas Komunikasi dan Informatika' });
    await page.locator('#upload').screenshot({ path: join(shots, 'evidence-link-form.png') });
    await page.getByRole('button', { name: 'Unggah', exact: true }).click();
    await page.waitForURL(/\/evidence\/[0-9a-f-]{36}\?created=1$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Daftar API di portal SPLP');
    const onItem = page.locator('[data-evidence-link] a');
    await expect(onItem.getAttribute('target')).resolves.toBe('_blank');
    await expect(onItem.getAttribute('rel')).resolves.toBe('noopener noreferrer');
    await expect(page.locator('table').first().textContent()).resolves.toContain('portal-api.png');
    await page.screenshot({ path: join(shots, 'evidence-link-item.png'), fullPage: true });
    await page.getByRole('button', { name: 'Ajukan', exact: true }).click();
    await page.waitForURL(/\/evidence\/[0-9a-f-]{36}$/);

    await page.goto(`${baseUrl}/agencies/${agency.id}/evidence`);
    const inLibrary = page.locator('tbody [data-evidence-link] a');
    await expect(inLibrary.textContent()).resolves.toBe(
      'https://splp.example.go.id/devportal/apis?tenant=kab-contoh',
    );
    await expect(inLibrary.getAttribute('rel')).resolves.toBe('noopener noreferrer');
    await expect(page.locator('iframe, embed, object').count()).resolves.toBe(0);
    await page.locator('table.table').screenshot({ path: join(shots, 'evidence-link-library.png') });

    const evaluator = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await signIn(evaluator, baseUrl, (await makeUser(ds, 'admin', null)).username);
    await evaluator.goto(`${baseUrl}/review/agencies/${agency.id}?year=2026`);
    const inReview = evaluator.locator('[data-review-item] [data-evidence-link] a');
    await expect(inReview.getAttribute('rel')).resolves.toBe('noopener noreferrer');
    await expect(inReview.getAttribute('target')).resolves.toBe('_blank');
    await evaluator
      .locator('[data-review-item]')
      .screenshot({ path: join(shots, 'evidence-link-review.png') });

    const item = await ds.getRepository(Evidence).findOneByOrFail({ agencyId: agency.id });
    expect(item).toMatchObject({ capturedAt: '2026-03-05', documentDate: '2026-03-05' });
    expect(await ds.getRepository(EvidenceFile).count({ where: { evidenceId: item.id } })).toBe(1);
    expect(errors).toEqual([]);
  });

  it('keeps what was typed and names the field when the link is refused', async () => {
    const ds = t.app.get(DataSource);
    const agency = await makeAgency(ds);
    const user = await makeUser(ds, 'coordinator', agency);
    const page = await browser.newPage();
    await signIn(page, baseUrl, user.username);
    await page.goto(`${baseUrl}/agencies/${agency.id}/evidence`);
    await page.getByLabel('Tautan', { exact: true }).check();
    // The browser's own check of a URL field would stop this before the server sees it.
    await page.locator('#url').evaluate((el) => el.setAttribute('type', 'text'));
    await page.fill('#url', 'javascript:alert(1)');
    await page.fill('#capturedAt', '2026-03-05');
    await page.fill('#title', 'Tautan berbahaya');
    await page.getByRole('button', { name: 'Unggah', exact: true }).click();
    await expect(page.locator('#upload [role=alert]').textContent()).resolves.toContain(
      'url: hanya tautan http:// atau https://',
    );
    await expect(page.locator('#source-link').isChecked()).resolves.toBe(true);
    await expect(page.locator('#title').inputValue()).resolves.toBe('Tautan berbahaya');
    expect(await ds.getRepository(Evidence).count({ where: { agencyId: agency.id } })).toBe(0);
  });
});
