import { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Period } from '../../src/periods/period.entity';
import {
  assignEvaluator,
  issueToken,
  makeAgency,
  makeApplication,
  makePeriod,
  makeUnit,
  makeUser,
} from '../factories';
import { BrowserApp, chromiumAvailable, signIn, startBrowserApp, stopBrowserApp } from '../support/browser';
import { http } from '../support/http';
import { TestApp } from '../support/test-app';

const describeInBrowser = chromiumAvailable ? describe : describe.skip;
const pdf = (tag: string) => Buffer.from(`%PDF-1.4\n% ${tag}\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n`);

describeInBrowser('page layout at a laptop width', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let started: Partial<BrowserApp> = {};
  let ds: DataSource;
  let period: Period;

  beforeAll(async () => {
    started = await startBrowserApp();
    ({ t, browser, baseUrl } = started as BrowserApp);
    ds = t.app.get(DataSource);
    period = await makePeriod(ds, { year: 2026 });
  });
  afterAll(() => stopBrowserApp(started));

  const laptop = async (username: string, landing?: string): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await signIn(page, baseUrl, username, landing);
    return page;
  };

  it('keeps the admin header, with "Keluar", inside 1366 pixels', async () => {
    const admin = await makeUser(ds, 'admin', null, { displayName: 'Admin Nasional (demo)' });
    const page = await laptop(admin.username);
    await page.goto(`${baseUrl}/periods`);
    const logout = page.getByRole('button', { name: 'Keluar' });
    const box = await logout.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x + box!.width).toBeLessThanOrEqual(1366);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    // Nothing of the bar spills out of it (the session controls were pushed past its edge).
    const bar = await page.locator('.topbar-inner').evaluate((el) => [el.scrollWidth, el.clientWidth]);
    expect(bar[0]).toBeLessThanOrEqual(bar[1]);
    const inner = await page.locator('.topbar-inner').boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(inner!.x + inner!.width);
    await page.close();
  });

  it('shows the applications table with styled selects and the row buttons side by side', async () => {
    const agency = await makeAgency(ds, { name: 'Kota Tata Letak' });
    const unit = await makeUnit(ds, agency);
    await makeApplication(ds, unit, 'spl', { name: 'SIMTATA' });
    const coordinator = await makeUser(ds, 'coordinator', agency);
    const page = await laptop(coordinator.username);
    await page.goto(`${baseUrl}/agencies/${agency.id}/applications`);
    const row = page.locator('tr', { hasText: 'SIMTATA' });
    const save = await row.getByRole('button', { name: 'Simpan' }).boundingBox();
    const remove = await row.getByRole('button', { name: 'Hapus' }).boundingBox();
    expect(Math.abs(save!.y + save!.height / 2 - (remove!.y + remove!.height / 2))).toBeLessThan(8);
    const radius = await row
      .locator('select')
      .first()
      .evaluate((el) => getComputedStyle(el).borderRadius);
    expect(radius).toBe('6px');
    await page.close();
  });

  it('opens the review page at its top, with the validation forms in view', async () => {
    const agency = await makeAgency(ds, { name: 'Kabupaten Gulir' });
    const unit = await makeUnit(ds, agency);
    await makeApplication(ds, unit, 'spl');
    const operator = `Bearer ${await issueToken(ds, await makeUser(ds, 'operator', agency))}`;
    for (const title of ['Daftar API satu', 'Daftar API dua', 'Daftar API tiga'])
      await http(t.app)
        .post(`/api/v1/agencies/${agency.id}/evidence`)
        .set('Authorization', operator)
        .field('kind', 'api_list')
        .field('title', title)
        .field('documentDate', '2026-03-01')
        .field('indicators', '18')
        .field('unitIds', unit.id)
        .field('status', 'submitted')
        .attach('files', pdf(title), `${title}.pdf`)
        .expect(201);
    await ds.query("UPDATE period SET stage = 'document_review' WHERE id = $1", [period.id]);
    await ds.query(
      `INSERT INTO agency_submission (agency_id, period_id, submitted_by, submitted_by_name, warnings)
       VALUES ($1, $2, gen_random_uuid(), 'koordinator', '{}')`,
      [agency.id, period.id],
    );
    const evaluator = await makeUser(ds, 'evaluator', null);
    await assignEvaluator(ds, evaluator, agency, period);
    const page = await laptop(evaluator.username);
    await page.goto(`${baseUrl}/review/agencies/${agency.id}?year=2026`);
    await page.waitForFunction(() => document.activeElement?.hasAttribute('data-review-item'));
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await expect(page.locator('#indicator-18 form').isVisible()).resolves.toBe(true);
    await page.close();
  });
});
